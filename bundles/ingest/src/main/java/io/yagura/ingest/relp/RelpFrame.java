package io.yagura.ingest.relp;

import java.nio.charset.StandardCharsets;

/**
 * One RELP frame: {@code TXNR SP COMMAND SP DATALEN [SP DATA] LF}.
 *
 * @param txnr      the sender's transaction number (1..999,999,999)
 * @param command   open, syslog, close, rsp, serverclose...
 * @param data      the frame's data, at most the configured frame limit
 * @param dataBytes the length the sender declared (greater than {@code data.length} when cut)
 */
public record RelpFrame(int txnr, String command, byte[] data, int dataBytes) {

    public boolean oversized() {
        return dataBytes > data.length;
    }

    public String text() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** Encodes a frame for the wire (the server's rsp and serverclose). */
    public static byte[] encode(int txnr, String command, String data) {
        byte[] body = data.getBytes(StandardCharsets.UTF_8);
        String header = txnr + " " + command + " " + body.length + (body.length > 0 ? " " : "");
        byte[] head = header.getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[head.length + body.length + 1];
        System.arraycopy(head, 0, frame, 0, head.length);
        System.arraycopy(body, 0, frame, head.length, body.length);
        frame[frame.length - 1] = '\n';
        return frame;
    }

    @Override
    public String toString() {
        return txnr + " " + command + " " + dataBytes; // never the data: it may carry anything
    }
}
