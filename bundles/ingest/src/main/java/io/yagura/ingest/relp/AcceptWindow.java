package io.yagura.ingest.relp;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.ScheduledFuture;
import io.yagura.api.Queues;
import io.yagura.api.event.DeadLetter;
import io.yagura.ingest.Frame;
import io.yagura.ingest.LineDispatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The syslog frames of one connection waiting for their commit. Frames are gathered until
 * {@code commit.lines} are there or {@code commit.delay.ms} has passed, then committed in
 * one transaction on a committer thread, and only then answered {@code 200 OK}. While one
 * commit runs, the next window fills; it is committed as soon as the first one ends, so a
 * fast sender gets large transactions and a slow one short waits. All methods except the
 * commit itself run on the connection's event loop.
 */
final class AcceptWindow {

    private static final Logger LOG = LoggerFactory.getLogger(AcceptWindow.class);

    /**
     * A frame waiting for its commit.
     *
     * @param refusal why it is refused (its line then goes to yagura.deadletter and it is
     *                answered 500), or null
     */
    record Pending(int txnr, LineId line, boolean oversized, String refusal) {
    }

    /** RELP allows 80 characters of text in a response. */
    private static final int MAX_RESPONSE_TEXT = 80;

    private final ChannelHandlerContext ctx;
    private final RelpListenerContext context;
    private final String source;
    private List<Pending> open = new ArrayList<>();
    private boolean committing;
    private ScheduledFuture<?> timer;
    private int closeTxnr;
    private boolean gone;
    /** Opened and used on the committer thread, one commit at a time. */
    private volatile DurableLines store;

    AcceptWindow(ChannelHandlerContext ctx, RelpListenerContext context, String source) {
        this.ctx = ctx;
        this.context = context;
        this.source = source;
    }

    void add(Pending frame) {
        open.add(frame);
        RelpSettings settings = context.settings();
        if (open.size() >= settings.commitLines() || frame.refusal() != null) {
            commitOpenWindow();
        } else if (timer == null && !committing) {
            timer = ctx.executor().schedule(this::commitOpenWindow, settings.commitDelayMs(), TimeUnit.MILLISECONDS);
        }
        if (open.size() >= settings.maxPendingFrames()) {
            ctx.channel().config().setAutoRead(false); // the sender waits; its window fills, nothing is dropped
        }
    }

    /** The sender's close: answered once every frame before it is answered. */
    void close(int txnr) {
        closeTxnr = txnr;
        commitOpenWindow();
        answerCloseWhenIdle();
    }

    private void commitOpenWindow() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        if (committing || open.isEmpty()) {
            return;
        }
        List<Pending> window = open;
        open = new ArrayList<>();
        committing = true;
        context.committer().execute(() -> {
            Throwable failure = commit(window);
            try {
                ctx.executor().execute(() -> committed(window, failure));
            } catch (RejectedExecutionException listenerStopped) {
                closeStore(); // nobody is left to answer: the sender resends, the ids are stored
            }
        });
    }

    /** On the committer thread: the window's new lines in one transaction. */
    private Throwable commit(List<Pending> window) {
        try {
            if (store == null) {
                store = context.stores().open();
            }
            List<String> ids = new ArrayList<>(window.size());
            window.forEach(p -> ids.add(p.line().id()));
            long now = System.currentTimeMillis();
            DuplicateFilter.Filtered result = context.duplicates().commit(source, ids, store, (fresh, freshIds, idTail) -> {
                List<LineDispatcher.Routed> routed = new ArrayList<>(fresh.size());
                for (int i : fresh) {
                    Pending p = window.get(i);
                    if (p.line().line().length > 0 || p.refusal() != null) {
                        routed.add(route(p, now));
                    }
                }
                store.commit(routed, source, freshIds, idTail);
                routed.forEach(r -> context.counters().routed(r.queue(), 1));
            });
            context.counters().duplicates().add(result.duplicates());
            return null;
        } catch (Exception | LinkageError e) {
            context.counters().failedCommits().increment();
            return e;
        }
    }

    private void committed(List<Pending> window, Throwable failure) {
        committing = false;
        if (gone) {
            closeStore();
            return;
        }
        if (failure != null) {
            closeStore(); // its session may be broken; a new connection opens a new one
            LOG.warn("RELP from {}: {} lines not stored ({}); closing the connection so that the sender sends "
                    + "them again", source, window.size(), failure.toString());
            ctx.writeAndFlush(buffer(RelpFrame.encode(0, "serverclose", ""))).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        boolean closeAfter = false;
        for (Pending p : window) {
            String answer = p.refusal() != null ? refusal(p.refusal() + "; kept in yagura.deadletter") : "200 OK";
            closeAfter |= p.refusal() != null;
            ctx.write(buffer(RelpFrame.encode(p.txnr(), "rsp", answer)));
        }
        ctx.flush();
        if (closeAfter) {
            ctx.close();
            return;
        }
        ctx.channel().config().setAutoRead(true);
        if (!open.isEmpty()) {
            commitOpenWindow(); // what arrived during the commit: no need to wait longer
        }
        answerCloseWhenIdle();
    }

    private void answerCloseWhenIdle() {
        if (closeTxnr > 0 && !committing && open.isEmpty()) {
            ctx.writeAndFlush(buffer(RelpFrame.encode(closeTxnr, "rsp", ""))).addListener(ChannelFutureListener.CLOSE);
            closeTxnr = 0;
        }
    }

    /** The connection is gone: frames not committed are dropped unanswered (the sender still has them). */
    void connectionClosed() {
        if (timer != null) {
            timer.cancel(false);
        }
        open.clear();
        gone = true;
        if (!committing) {
            closeStore(); // otherwise closed when the running commit ends
        }
    }

    private void closeStore() {
        DurableLines s = store;
        store = null;
        if (s != null) {
            try {
                context.committer().execute(s::close);
            } catch (RejectedExecutionException listenerStopped) {
                s.close();
            }
        }
    }

    /** A refused frame's line: an oversized one as the dispatcher dead-letters it, others with the reason. */
    private LineDispatcher.Routed route(Pending p, long now) {
        LineDispatcher.Routed routed = context.dispatcher().dispatch(new Frame(p.line().line(), p.oversized()),
                source, context.listenerName(), now);
        if (p.refusal() == null || p.oversized()) {
            return routed;
        }
        return new LineDispatcher.Routed(Queues.DEAD_LETTER, routed.envelope(),
                new DeadLetter("ingest", "RELP frame refused: " + p.refusal(), null, routed.envelope()));
    }

    /** The text of a 500 answer, cut to what RELP allows. */
    static String refusal(String reason) {
        String text = "500 " + reason.replace('\n', ' ');
        return text.length() <= MAX_RESPONSE_TEXT ? text : text.substring(0, MAX_RESPONSE_TEXT);
    }

    private ByteBuf buffer(byte[] frame) {
        return ctx.alloc().buffer(frame.length).writeBytes(frame);
    }
}
