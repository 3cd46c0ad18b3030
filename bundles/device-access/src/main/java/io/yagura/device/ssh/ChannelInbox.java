package io.yagura.device.ssh;

import io.yagura.api.plugin.FirewallDriver.Failure;
import io.yagura.api.plugin.FirewallDriver.FirewallException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the SSH channel writes what the device prints; readers wait, with a deadline, until the
 * text ends with an expected pattern (a prompt). Bounded: a device that prints more than
 * {@link #MAX_CHARS} without reaching the pattern is refused rather than buffered forever.
 */
final class ChannelInbox extends OutputStream {

    static final int MAX_CHARS = 4 * 1024 * 1024;

    private final StringBuilder text = new StringBuilder();
    private boolean closed;

    @Override
    public synchronized void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        // devices print ASCII; ISO-8859-1 never splits a character across two writes
        text.append(new String(b, off, len, StandardCharsets.ISO_8859_1));
        notifyAll();
    }

    /** Called when the channel closes: waiting readers fail at once instead of at their deadline. */
    synchronized void markClosed() {
        closed = true;
        notifyAll();
    }

    @Override
    public void close() {
        markClosed();
    }

    /**
     * Waits until the received text ends with {@code expected}, then removes and returns it.
     *
     * @throws FirewallException TIMEOUT when the device stays silent, UNREACHABLE when the
     *                           connection closes first, REJECTED when the answer is too long
     */
    synchronized String awaitEnding(Pattern expected, Duration timeout, String waitingFor) throws FirewallException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Matcher m = expected.matcher(text);
            if (m.find() && m.end() == text.length()) {
                String answer = text.toString();
                text.setLength(0);
                return answer;
            }
            if (text.length() > MAX_CHARS) {
                throw new FirewallException(Failure.REJECTED, "the device answered more than " + MAX_CHARS
                        + " characters while Yagura waited for " + waitingFor, null);
            }
            if (closed) {
                throw new FirewallException(Failure.UNREACHABLE, "the device closed the connection while Yagura waited for "
                        + waitingFor, null);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new FirewallException(Failure.TIMEOUT, "the device did not answer within " + timeout.toSeconds()
                        + " s while Yagura waited for " + waitingFor, null);
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new FirewallException(Failure.TIMEOUT, "interrupted while waiting for " + waitingFor, e);
            }
        }
    }

    /** Everything received so far, removed from the inbox. */
    synchronized String drain() {
        String all = text.toString();
        text.setLength(0);
        return all;
    }

    synchronized boolean isClosed() {
        return closed;
    }
}
