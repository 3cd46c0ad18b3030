package io.yagura.ingest.relp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts a RELP stream into {@link RelpFrame}s. Strict: a header that does not follow
 * {@code TXNR SP COMMAND SP DATALEN}, a missing LF trailer, or a frame whose data is
 * longer than {@code maxFrameBytes} raises a {@link RelpProtocolException} after which the
 * decoder reads nothing more (the session answers 500 and closes). An oversized frame is
 * never buffered whole: its first {@code maxFrameBytes} bytes are passed on marked
 * oversized (so that the line can be dead-lettered with the reason) and the connection
 * ends. Frames split across TCP reads are reassembled.
 */
public final class RelpFrameDecoder extends ByteToMessageDecoder {

    static final int MAX_NUMBER_DIGITS = 9;
    /** librelp numbers up to 999,999,999 and then sends 1,000,000,000 once before wrapping to 1. */
    static final int MAX_TXNR_DIGITS = 10;
    static final long MAX_TXNR = 1_000_000_000L;
    static final int MAX_COMMAND_CHARS = 32;
    /** TXNR SP COMMAND SP DATALEN SP: the longest header there can be. */
    private static final int MAX_HEADER = MAX_TXNR_DIGITS + 1 + MAX_COMMAND_CHARS + 1 + MAX_NUMBER_DIGITS + 1;

    private final int maxFrameBytes;
    private boolean failed;

    public RelpFrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            RelpFrame frame;
            while ((frame = next(in)) != null) {
                out.add(frame);
                if (frame.oversized()) {
                    failed = true; // the rest of the stream is the rest of that frame: nothing to read
                    in.skipBytes(in.readableBytes());
                    return;
                }
            }
        } catch (RelpProtocolException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    /** @return the next whole frame, or null when more bytes are needed */
    private RelpFrame next(ByteBuf in) {
        int start = in.readerIndex();
        Header header = header(in, start);
        if (header == null) {
            return null;
        }
        int dataStart = header.end;
        if (header.dataLength > maxFrameBytes) {
            if (in.writerIndex() - dataStart < maxFrameBytes) {
                return null; // wait for the head that is kept for the dead-letter entry
            }
            byte[] head = new byte[maxFrameBytes];
            in.getBytes(dataStart, head);
            in.readerIndex(dataStart + maxFrameBytes);
            return new RelpFrame(header.txnr, header.command, head, header.dataLength);
        }
        int trailer = dataStart + header.dataLength;
        if (in.writerIndex() <= trailer) {
            return null;
        }
        byte[] data = new byte[header.dataLength];
        in.getBytes(dataStart, data);
        if (in.getByte(trailer) != '\n') {
            throw new RelpProtocolException(header.txnr, "frame " + header.txnr + " has no LF after its "
                    + header.dataLength + " bytes of data (DATALEN does not match the data)",
                    new RelpFrame(header.txnr, header.command, data, header.dataLength));
        }
        in.readerIndex(trailer + 1);
        return new RelpFrame(header.txnr, header.command, data, header.dataLength);
    }

    private record Header(int txnr, String command, int dataLength, int end) {
    }

    /** Reads TXNR SP COMMAND SP DATALEN and the separator after it; null while incomplete. */
    private static Header header(ByteBuf in, int start) {
        int limit = Math.min(in.writerIndex(), start + MAX_HEADER);
        int[] cursor = {start};
        Integer txnr = number(in, cursor, limit, "TXNR", 0);
        if (txnr != null && txnr > MAX_TXNR) {
            throw new RelpProtocolException(0, "TXNR " + txnr + " is larger than " + MAX_TXNR);
        }
        if (txnr == null) {
            return incomplete(in, start);
        }
        String command = command(in, cursor, limit, txnr);
        if (command == null) {
            return incomplete(in, start);
        }
        Integer length = number(in, cursor, limit, "DATALEN", txnr);
        if (length == null) {
            return incomplete(in, start);
        }
        // DATALEN is followed by SP and the data, or by the trailer LF when there is no data.
        if (length == 0) {
            return new Header(txnr, command, 0, cursor[0] - 1);
        }
        if (in.getByte(cursor[0] - 1) != ' ') {
            throw new RelpProtocolException(txnr, "frame " + txnr + " declares " + length
                    + " bytes of data but none follow");
        }
        return new Header(txnr, command, length, cursor[0]);
    }

    /** A header longer than any valid one is not waited for. */
    private static Header incomplete(ByteBuf in, int start) {
        if (in.writerIndex() - start >= MAX_HEADER) {
            throw new RelpProtocolException(0, "no valid RELP header in the first " + MAX_HEADER + " bytes");
        }
        return null;
    }

    /** Digits up to SP (or LF for DATALEN); leaves the cursor after the separator. */
    private static Integer number(ByteBuf in, int[] cursor, int limit, String field, int txnr) {
        int i = cursor[0];
        long value = 0;
        int digits = 0;
        int maxDigits = field.equals("TXNR") ? MAX_TXNR_DIGITS : MAX_NUMBER_DIGITS;
        while (i < limit) {
            byte b = in.getByte(i);
            if (b >= '0' && b <= '9') {
                if (++digits > maxDigits) {
                    throw new RelpProtocolException(txnr, field + " longer than " + maxDigits + " digits");
                }
                value = value * 10 + (b - '0');
                i++;
                continue;
            }
            boolean separator = b == ' ' || (b == '\n' && field.equals("DATALEN"));
            if (digits == 0 || !separator) {
                throw new RelpProtocolException(txnr, field + " is not a number: a RELP frame starts with "
                        + "TXNR SP COMMAND SP DATALEN");
            }
            cursor[0] = i + 1;
            return (int) value;
        }
        return null;
    }

    private static String command(ByteBuf in, int[] cursor, int limit, int txnr) {
        int i = cursor[0];
        StringBuilder name = new StringBuilder();
        while (i < limit) {
            byte b = in.getByte(i);
            if (b == ' ' && name.length() > 0) {
                cursor[0] = i + 1;
                return name.toString();
            }
            boolean letter = (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
            if (!letter || name.length() == MAX_COMMAND_CHARS) {
                throw new RelpProtocolException(txnr, "frame " + txnr + ": COMMAND must be 1 to "
                        + MAX_COMMAND_CHARS + " letters");
            }
            name.append((char) b);
            i++;
        }
        return null;
    }
}
