package io.yagura.ingest.relp;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server side of one RELP session: {@code open} first (the offers are answered with
 * {@code relp_version=0} and {@code commands=syslog}), then {@code syslog} frames, each
 * answered {@code 200 OK} once its line is stored, and {@code close}. Anything else, a frame
 * out of order, or a transaction number that does not follow the previous one is answered
 * {@code 500} with the reason, counted, and the connection closed: the sender keeps the
 * frames it has no answer for and sends them again.
 */
final class RelpSession extends SimpleChannelInboundHandler<RelpFrame> {

    private static final Logger LOG = LoggerFactory.getLogger(RelpSession.class);
    static final String OPEN_ANSWER = "200 OK\nrelp_version=0\nrelp_software=yagura\ncommands=syslog";
    private static final int LAST_TXNR = (int) RelpFrameDecoder.MAX_TXNR;

    private enum State { AWAIT_OPEN, OPEN, CLOSING }

    private final RelpListenerContext context;
    private State state = State.AWAIT_OPEN;
    private int lastTxnr;
    private AcceptWindow window;
    private String source;

    RelpSession(RelpListenerContext context) {
        this.context = context;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        source = addressOf(ctx.channel().remoteAddress());
        window = new AcceptWindow(ctx, context, source);
        super.channelActive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RelpFrame frame) {
        if (state == State.CLOSING) {
            return; // closing: left unanswered, so the sender still has it and sends it again
        }
        if (lastTxnr != 0 && frame.txnr() != next(lastTxnr)) {
            refuse(ctx, frame, "txnr " + frame.txnr() + " does not follow " + lastTxnr);
            return;
        }
        lastTxnr = frame.txnr();
        switch (frame.command()) {
            case "open" -> open(ctx, frame);
            case "syslog" -> syslog(ctx, frame);
            case "close" -> {
                if (requireOpen(ctx, frame)) {
                    state = State.CLOSING;
                    window.close(frame.txnr());
                }
            }
            default -> refuse(ctx, frame, "unsupported command '" + frame.command() + "' (this server "
                    + "speaks open, syslog, close)");
        }
    }

    private void open(ChannelHandlerContext ctx, RelpFrame frame) {
        if (state != State.AWAIT_OPEN) {
            refuse(ctx, frame, "open sent twice");
            return;
        }
        if (!offersSyslog(frame.text())) {
            refuse(ctx, frame, "the open offers no commands=syslog");
            return;
        }
        state = State.OPEN;
        ctx.writeAndFlush(ctx.alloc().buffer().writeBytes(RelpFrame.encode(frame.txnr(), "rsp", OPEN_ANSWER)));
    }

    private void syslog(ChannelHandlerContext ctx, RelpFrame frame) {
        if (!requireOpen(ctx, frame)) {
            return;
        }
        context.counters().received().increment();
        if (frame.oversized()) {
            context.counters().badFrames().increment();
            LOG.warn("RELP from {}: frame {} of {} bytes is longer than max.frame.bytes ({}); its head goes to "
                    + "yagura.deadletter", source, frame.txnr(), frame.dataBytes(), context.settings().maxFrameBytes());
            state = State.CLOSING; // the decoder reads no further: the rest of the stream is that frame
        }
        window.add(new AcceptWindow.Pending(frame.txnr(), LineId.of(frame.data()), frame.oversized(),
                frame.oversized() ? "frame longer than max.frame.bytes (" + context.settings().maxFrameBytes() + ")" : null));
    }

    private boolean requireOpen(ChannelHandlerContext ctx, RelpFrame frame) {
        if (state == State.OPEN) {
            return true;
        }
        refuse(ctx, frame, frame.command() + " before open");
        return false;
    }

    /** The open's data is LF-separated offers; commands=a,b,... must name syslog. */
    static boolean offersSyslog(String offers) {
        for (String offer : offers.split("\n")) {
            String o = offer.trim();
            if (o.startsWith("commands=")) {
                for (String command : o.substring("commands=".length()).split(",")) {
                    if (command.trim().equals("syslog")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static int next(int txnr) {
        return txnr >= LAST_TXNR ? 1 : txnr + 1;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause instanceof io.netty.handler.codec.DecoderException && cause.getCause() != null
                ? cause.getCause() : cause;
        if (c instanceof RelpProtocolException bad) {
            if (bad.frame() != null) {
                refuse(ctx, bad.frame(), bad.getMessage());
            } else {
                refuse(ctx, bad.txnr(), bad.getMessage());
            }
        } else {
            LOG.warn("RELP from {}: connection closed after an error: {}", source, c.toString());
            ctx.close();
        }
    }

    /**
     * Refuses a frame that could be read. A sender drops a frame answered 500, so a refused
     * syslog frame's line is first stored in yagura.deadletter with the reason.
     */
    private void refuse(ChannelHandlerContext ctx, RelpFrame frame, String reason) {
        if (!"syslog".equals(frame.command()) || frame.txnr() == 0) {
            refuse(ctx, frame.txnr(), reason);
            return;
        }
        state = State.CLOSING;
        context.counters().badFrames().increment();
        LOG.warn("RELP from {}: {}; the line goes to yagura.deadletter, answered 500 and closed", source, reason);
        window.add(new AcceptWindow.Pending(frame.txnr(), new LineId(null, frame.data()), false, reason));
    }

    /** 500 with the reason (or serverclose when the frame's txnr is unknown), then close. */
    private void refuse(ChannelHandlerContext ctx, int txnr, String reason) {
        if (state == State.CLOSING && !ctx.channel().isActive()) {
            return;
        }
        state = State.CLOSING;
        context.counters().badFrames().increment();
        LOG.warn("RELP from {}: {}; answered 500 and closed", source, reason);
        byte[] answer = txnr > 0 ? RelpFrame.encode(txnr, "rsp", AcceptWindow.refusal(reason))
                : RelpFrame.encode(0, "serverclose", "");
        ctx.writeAndFlush(ctx.alloc().buffer().writeBytes(answer)).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (window != null) {
            window.connectionClosed();
        }
        super.channelInactive(ctx);
    }

    private static String addressOf(SocketAddress remote) {
        if (remote instanceof InetSocketAddress isa && isa.getAddress() != null) {
            return isa.getAddress().getHostAddress();
        }
        return String.valueOf(remote);
    }
}
