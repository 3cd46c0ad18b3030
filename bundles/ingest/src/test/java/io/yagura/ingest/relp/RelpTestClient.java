package io.yagura.ingest.relp;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A RELP client written from the protocol description, for the tests: raw bytes in, frames out. */
final class RelpTestClient implements AutoCloseable {

    static final String OPEN_OFFERS = "relp_version=0\nrelp_software=yagura-test\ncommands=syslog";

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;
    private int txnr;

    RelpTestClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(30_000); // a guard against a hung test, not a measured wait
        socket.setTcpNoDelay(true);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream());
    }

    /** Sends the open and returns the server's answer. */
    RelpFrame open() throws IOException {
        send("open", OPEN_OFFERS);
        return read();
    }

    /** Sends one frame with the next txnr; returns that txnr. */
    int send(String command, String data) throws IOException {
        txnr++;
        raw(new String(RelpFrame.encode(txnr, command, data), StandardCharsets.UTF_8));
        return txnr;
    }

    void raw(String bytes) throws IOException {
        out.write(bytes.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** The next frame from the server, or null when it closed the connection. */
    RelpFrame read() throws IOException {
        String txnrText = token(' ');
        if (txnrText == null) {
            return null;
        }
        String command = token(' ');
        StringBuilder length = new StringBuilder();
        int b;
        while ((b = in.read()) >= '0' && b <= '9') {
            length.append((char) b);
        }
        int n = Integer.parseInt(length.toString());
        byte[] data = in.readNBytes(n);
        if (n > 0 && in.read() != '\n') {
            throw new IOException("frame without LF trailer");
        }
        return new RelpFrame(Integer.parseInt(txnrText), command, data, n);
    }

    /** True when the server has closed the connection (end of stream, or reset). */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private String token(char end) throws IOException {
        ByteArrayOutputStream token = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != end) {
            if (b < 0) {
                return token.size() == 0 ? null : token.toString(StandardCharsets.US_ASCII);
            }
            token.write(b);
        }
        return token.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
