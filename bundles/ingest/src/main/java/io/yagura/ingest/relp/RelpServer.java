package io.yagura.ingest.relp;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.yagura.api.metrics.Counters;
import io.yagura.ingest.LineDispatcher;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The RELP listener's socket: Netty, one {@link RelpFrameDecoder} and one
 * {@link RelpSession} per connection, commits on a pool of committer threads (JMS calls
 * block, the event loop must not).
 */
public final class RelpServer implements AutoCloseable {

    private final RelpSettings settings;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final ExecutorService committer;
    private final ChannelGroup channels;
    private final Channel server;

    private RelpServer(RelpSettings settings, RelpListenerContext context, EventLoopGroup boss, EventLoopGroup workers,
                       ExecutorService committer) throws InterruptedException {
        this.settings = settings;
        this.boss = boss;
        this.workers = workers;
        this.committer = committer;
        this.channels = new DefaultChannelGroup("relp", GlobalEventExecutor.INSTANCE);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(boss, workers)
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        channels.add(ch);
                        ch.pipeline().addLast(new RelpFrameDecoder(settings.maxFrameBytes()), new RelpSession(context));
                    }
                });
        this.server = bootstrap.bind(settings.bindAddress(), settings.port()).sync().channel();
    }

    /**
     * Binds the listener ({@code settings.port()} 0 picks a free port, for tests).
     *
     * @param listenerName the name lines and counters carry, e.g. "relp:2514"
     */
    public static RelpServer start(RelpSettings settings, String listenerName, LineDispatcher dispatcher,
                                   Counters counters, DurableLines.Factory stores) throws InterruptedException {
        EventLoopGroup boss = new NioEventLoopGroup(1, new DefaultThreadFactory("yagura-relp-accept", true));
        EventLoopGroup workers = new NioEventLoopGroup(settings.workerThreads(),
                new DefaultThreadFactory("yagura-relp", true));
        ExecutorService committer = Executors.newCachedThreadPool(new DefaultThreadFactory("yagura-relp-commit", true));
        RelpListenerContext context = new RelpListenerContext(settings, listenerName, dispatcher, stores,
                new DuplicateFilter(settings.idsPerSource()), committer, RelpCounters.of(counters, listenerName));
        try {
            return new RelpServer(settings, context, boss, workers, committer);
        } catch (RuntimeException | InterruptedException e) {
            boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            committer.shutdownNow();
            throw e;
        }
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /**
     * Stops listening and closes the connections. Commits already running end (bounded
     * wait); what they stored is answered by nobody, so senders send it again and it is
     * recognised as a duplicate.
     */
    @Override
    public void close() {
        server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        // The event loops end after the connections' last events, which hand their broker
        // sessions to the committer to close; the committer ends after the running commits.
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        committer.shutdown();
        try {
            if (!committer.awaitTermination(10, TimeUnit.SECONDS)) {
                committer.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "RELP listener on " + settings.bindAddress() + ":" + port();
    }
}
