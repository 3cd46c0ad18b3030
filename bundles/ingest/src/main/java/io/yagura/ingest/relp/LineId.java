package io.yagura.ingest.relp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The sender's id of a line, used to recognise a line RELP sends again after a reconnect.
 * The rsyslog template of docs/relp.md puts it in front of the line as
 * {@code yagura-id=<id> <line>}: an id of 1 to 64 letters, digits, '-', '_', '.' or ':'
 * (a {@code %uuid%}, or a host name and a sequence number). The prefix is removed before
 * the line goes to the vendor's parser. A line without it is delivered without duplicate
 * detection.
 *
 * @param id   the id, or null when the line carries none
 * @param line the line without the prefix
 */
public record LineId(String id, byte[] line) {

    static final String PREFIX = "yagura-id=";
    private static final byte[] PREFIX_BYTES = PREFIX.getBytes(StandardCharsets.US_ASCII);
    static final int MAX_ID_CHARS = 64;

    public static LineId of(byte[] data) {
        if (!startsWithPrefix(data)) {
            return new LineId(null, data);
        }
        int start = PREFIX_BYTES.length;
        int i = start;
        while (i < data.length && i - start <= MAX_ID_CHARS && isIdChar(data[i])) {
            i++;
        }
        boolean ended = i == data.length || data[i] == ' ';
        if (i == start || i - start > MAX_ID_CHARS || !ended) {
            return new LineId(null, data); // not an id of ours: keep the line whole
        }
        String id = new String(data, start, i - start, StandardCharsets.US_ASCII);
        int lineStart = Math.min(i + 1, data.length);
        return new LineId(id, Arrays.copyOfRange(data, lineStart, data.length));
    }

    private static boolean startsWithPrefix(byte[] data) {
        if (data.length < PREFIX_BYTES.length) {
            return false;
        }
        for (int i = 0; i < PREFIX_BYTES.length; i++) {
            if (data[i] != PREFIX_BYTES[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIdChar(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || b == '-' || b == '_' || b == '.' || b == ':';
    }
}
