package io.yagura.ingest;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts a syslog TCP/TLS stream into lines. Senders use either framing of RFC 6587, and
 * some switch between them, so each frame is examined on its own:
 * <ul>
 *   <li>octet counting ({@code 123 <34>1 ...}): a frame starting with a digit, digits up
 *       to a space, then exactly that many bytes (RFC 5425 over TLS always uses it);</li>
 *   <li>non-transparent framing: everything up to LF (a CR before it, or a NUL used as
 *       trailer by some devices, is dropped).</li>
 * </ul>
 * A line longer than {@code maxLength} is never buffered whole: its first
 * {@code maxLength} bytes are passed on marked truncated (so that the dead-letter entry
 * shows what it was) and the rest is skipped. A last line without LF at end of stream is
 * still delivered.
 *
 * <p>All lines cut from one read are passed on together as one {@code List<Frame>}, so the
 * rest of the pipeline pays its per-message cost per read, not per line.
 */
public final class SyslogFrameDecoder extends ByteToMessageDecoder {

    private final int maxLength;
    /** Bytes still to skip of an oversized line (-1: skip to the next LF). */
    private long skipping;
    private boolean skippingToLf;

    public SyslogFrameDecoder(int maxLength) {
        this.maxLength = maxLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        List<Object> frames = new java.util.ArrayList<>();
        cut(in, frames);
        if (!frames.isEmpty()) {
            out.add(frames);
        }
    }

    private void cut(ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            if (!skip(in)) {
                return;
            }
            if (!in.isReadable()) {
                return;
            }
            int before = out.size();
            boolean progressed = isDigit(in.getByte(in.readerIndex())) ? octetCounted(in, out) : lineFeed(in, out, false);
            if (!progressed && out.size() == before) {
                return; // need more bytes
            }
        }
    }

    @Override
    protected void decodeLast(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws Exception {
        List<Object> frames = new java.util.ArrayList<>();
        cut(in, frames);
        if (in.isReadable() && !skippingToLf && skipping == 0) {
            lineFeed(in, frames, true);
        }
        in.skipBytes(in.readableBytes());
        if (!frames.isEmpty()) {
            out.add(frames);
        }
    }

    /** @return false when all readable bytes were skipped and more are needed */
    private boolean skip(ByteBuf in) {
        if (skipping > 0) {
            int n = (int) Math.min(skipping, in.readableBytes());
            in.skipBytes(n);
            skipping -= n;
            return skipping == 0;
        }
        if (skippingToLf) {
            int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
            if (lf < 0) {
                in.skipBytes(in.readableBytes());
                return false;
            }
            in.readerIndex(lf + 1);
            skippingToLf = false;
        }
        return true;
    }

    private boolean octetCounted(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        long length = 0;
        int i = start;
        while (i < end && isDigit(in.getByte(i)) && i - start < 10) {
            length = length * 10 + (in.getByte(i) - '0');
            i++;
        }
        if (i == end) {
            if (i - start >= 10) {
                return lineFeed(in, out, false); // a long number is no length prefix
            }
            return false; // wait for the rest of the prefix
        }
        if (in.getByte(i) != ' ' || length == 0) {
            // Not a length prefix: a line that starts with a digit (e.g. an ISO date).
            return lineFeed(in, out, false);
        }
        int bodyStart = i + 1;
        if (length > maxLength) {
            in.readerIndex(bodyStart);
            int available = Math.min(in.readableBytes(), maxLength);
            if (available < maxLength) {
                in.readerIndex(start);
                return false; // wait until the first maxLength bytes are here
            }
            out.add(new Frame(readBytes(in, maxLength), true));
            skipping = length - maxLength;
            return true;
        }
        if (end - bodyStart < length) {
            return false;
        }
        in.readerIndex(bodyStart);
        byte[] line = readBytes(in, (int) length);
        out.add(new Frame(trimTrailer(line), false));
        return true;
    }

    private boolean lineFeed(ByteBuf in, List<Object> out, boolean endOfStream) {
        int start = in.readerIndex();
        int lf = in.indexOf(start, in.writerIndex(), (byte) '\n');
        if (lf < 0) {
            if (in.readableBytes() > maxLength) {
                out.add(new Frame(readBytes(in, maxLength), true));
                skippingToLf = true;
                return true;
            }
            if (endOfStream && in.isReadable()) {
                out.add(new Frame(trimTrailer(readBytes(in, in.readableBytes())), false));
                return true;
            }
            return false;
        }
        int length = lf - start;
        if (length > maxLength) {
            out.add(new Frame(readBytes(in, maxLength), true));
            in.readerIndex(lf + 1);
            return true;
        }
        byte[] line = readBytes(in, length);
        in.skipBytes(1);
        if (line.length > 0) {
            byte[] trimmed = trimTrailer(line);
            if (trimmed.length > 0) {
                out.add(new Frame(trimmed, false));
            }
        }
        return true;
    }

    private static byte[] readBytes(ByteBuf in, int n) {
        byte[] b = new byte[n];
        in.readBytes(b);
        return b;
    }

    /** Drops trailing CR, LF and NUL. */
    static byte[] trimTrailer(byte[] line) {
        int n = line.length;
        while (n > 0 && (line[n - 1] == '\r' || line[n - 1] == '\n' || line[n - 1] == 0)) {
            n--;
        }
        return n == line.length ? line : java.util.Arrays.copyOf(line, n);
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}
