package io.yagura.device.netconf;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Cuts the bytes the device sends into NETCONF messages, whatever way the SSH channel splits
 * them: {@code ]]>]]>} after each message in NETCONF 1.0, chunks ({@code \n#<size>\n<data>} ...
 * {@code \n##\n}) in 1.1 (RFC 6242). The SSH channel writes into it; the client takes whole
 * messages with a deadline. A malformed frame or an oversized message ends the stream with the
 * reason.
 */
public final class MessageDecoder extends OutputStream {

    static final int MAX_MESSAGE = 16 * 1024 * 1024;
    private static final byte[] END_OF_MESSAGE = "]]>]]>".getBytes(StandardCharsets.US_ASCII);
    /** Queued after the last message when the stream ends. */
    private static final String END = new String("end of stream");

    private enum State { LF, HASH, SIZE_START, SIZE, DATA, END_LF }

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final Buffer message = new Buffer();
    private volatile boolean chunked;
    private volatile String problem;
    private boolean ended;
    private State state = State.LF;
    private long chunkLeft;

    /** From now on, read 1.1 chunked framing (after both hellos announced base:1.1). */
    public void useChunkedFraming() {
        chunked = true;
    }

    @Override
    public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        for (int i = off; i < off + len && !ended; i++) {
            if (chunked) {
                chunkedByte(b[i]);
            } else {
                endOfMessageByte(b[i]);
            }
        }
    }

    private void endOfMessageByte(byte b) {
        message.write(b);
        int size = message.size();
        if (size >= END_OF_MESSAGE.length && b == '>' && endsWithDelimiter()) {
            byte[] all = message.toByteArray();
            emit(new String(all, 0, all.length - END_OF_MESSAGE.length, StandardCharsets.UTF_8));
        } else if (size > MAX_MESSAGE) {
            fail("a message longer than " + MAX_MESSAGE + " bytes");
        }
    }

    private boolean endsWithDelimiter() {
        return message.endsWith(END_OF_MESSAGE);
    }

    /** A byte buffer that can look at its own tail without copying (XML is full of '>'). */
    private static final class Buffer extends ByteArrayOutputStream {
        boolean endsWith(byte[] tail) {
            if (count < tail.length) {
                return false;
            }
            for (int i = 0; i < tail.length; i++) {
                if (buf[count - tail.length + i] != tail[i]) {
                    return false;
                }
            }
            return true;
        }
    }

    private void chunkedByte(byte b) {
        switch (state) {
            case LF -> expect(b, '\n', State.HASH);
            case HASH -> expect(b, '#', State.SIZE_START);
            case SIZE_START -> {
                if (b == '#') {
                    state = State.END_LF;
                } else if (b >= '1' && b <= '9') {
                    chunkLeft = b - '0';
                    state = State.SIZE;
                } else {
                    fail("a chunk size starting with '" + (char) b + "'");
                }
            }
            case SIZE -> {
                if (b == '\n') {
                    state = State.DATA;
                } else if (b >= '0' && b <= '9' && chunkLeft < MAX_MESSAGE) {
                    chunkLeft = chunkLeft * 10 + (b - '0');
                } else {
                    fail("a bad or oversized chunk size");
                }
            }
            case DATA -> {
                message.write(b);
                if (message.size() > MAX_MESSAGE) {
                    fail("a message longer than " + MAX_MESSAGE + " bytes");
                } else if (--chunkLeft == 0) {
                    state = State.LF;
                }
            }
            case END_LF -> {
                if (b == '\n') {
                    state = State.LF;
                    emit(message.toString(StandardCharsets.UTF_8));
                } else {
                    fail("'##' not followed by a line feed");
                }
            }
        }
    }

    private void expect(byte b, char wanted, State next) {
        if (b == wanted) {
            state = next;
        } else {
            fail("'" + (char) b + "' where the chunked framing needs '" + (wanted == '\n' ? "\\n" : wanted) + "'");
        }
    }

    private void emit(String text) {
        message.reset();
        messages.add(text);
    }

    private void fail(String what) {
        problem = "the device broke the NETCONF framing: " + what;
        close();
    }

    @Override
    public synchronized void close() {
        if (!ended) {
            ended = true;
            messages.add(END);
        }
    }

    /**
     * The next whole message, or null when none came within {@code timeoutMillis}.
     *
     * @throws java.io.EOFException when the stream ended (the reason is in the message)
     */
    public String next(long timeoutMillis) throws java.io.EOFException, InterruptedException {
        String m = messages.poll(timeoutMillis, TimeUnit.MILLISECONDS);
        if (m == END) {
            messages.add(END); // later callers see the end too
            throw new java.io.EOFException(problem != null ? problem : "the device closed the NETCONF session");
        }
        return m;
    }

    /** Frames {@code message} for sending. */
    public static String frame(String message, boolean chunked) {
        if (!chunked) {
            return message + "]]>]]>";
        }
        int bytes = message.getBytes(StandardCharsets.UTF_8).length;
        return "\n#" + bytes + "\n" + message + "\n##\n";
    }
}
