package io.yagura.ingest;

import io.yagura.api.metrics.Counters;
import io.yagura.api.metrics.Metric;
import io.yagura.wire.Wire;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.netty.NettyConstants;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultMessage;
import org.apache.camel.support.jsse.SSLContextParameters;

/**
 * The listener routes (UDP, TCP, TLS) and the batching route. Every received line is
 * turned into an envelope by the {@link LineDispatcher}; lines bound for the same queue
 * and customer are gathered into one broker message (up to batch.size lines or
 * batch.timeout.ms), which is what makes 20,000 lines/s affordable with persistent,
 * confirmed sends.
 */
final class IngestRoutes extends RouteBuilder {

    static final String BATCH_ENDPOINT = "direct:yagura.ingest.batch";
    static final String BATCH_KEY = "yaguraBatchKey";
    private static final String FRAMES_BEAN = "yaguraSyslogFrames";
    private static final String TLS_BEAN = "yaguraSyslogTls";
    private static final long MIN_TIMEOUT_CHECK_MS = 5;

    private final IngestConfig config;
    private final LineDispatcher dispatcher;
    private final Counters counters;
    private final SSLContextParameters tls;
    private final boolean requireClientCert;

    IngestRoutes(IngestConfig config, LineDispatcher dispatcher, Counters counters, SSLContextParameters tls,
                 boolean requireClientCert) {
        this.config = config;
        this.dispatcher = dispatcher;
        this.counters = counters;
        this.tls = tls;
        this.requireClientCert = requireClientCert;
    }

    @Override
    public void configure() {
        getContext().getRegistry().bind(FRAMES_BEAN, new SyslogFrameDecoderFactory(config.max_line_bytes()));
        String host = config.bind_address();
        String stream = "?sync=false&decoders=#" + FRAMES_BEAN + "&allowDefaultCodec=false&textline=false"
                + "&keepAlive=true&reuseAddress=true&workerCount=" + config.worker_threads()
                + "&usingExecutorService=false";
        // The batch route retries a failed broker send until the broker is back: the TCP
        // listener then stops reading (the sender buffers), nothing is dropped here.
        errorHandler(defaultErrorHandler().maximumRedeliveries(-1).redeliveryDelay(1000)
                .retryAttemptedLogLevel(LoggingLevel.WARN).logRetryAttempted(true));

        if (config.udp_port() > 0) {
            String listener = "udp:" + config.udp_port();
            LongAdder received = counters.counter(Metric.SCOPE_LISTENER, listener, Metric.RECEIVED);
            from("netty:udp://" + host + ":" + config.udp_port()
                    + "?sync=false&udpByteArrayCodec=true&receiveBufferSize=8388608"
                    + "&receiveBufferSizePredictor=65536&reuseAddress=true")
                .routeId("ingest-udp")
                .process(e -> dispatch(e, datagramLines(e), listener, received))
                .split(body())
                    .to(BATCH_ENDPOINT);
        }
        if (config.tcp_port() > 0) {
            String listener = "tcp:" + config.tcp_port();
            LongAdder received = counters.counter(Metric.SCOPE_LISTENER, listener, Metric.RECEIVED);
            from("netty:tcp://" + host + ":" + config.tcp_port() + stream)
                .routeId("ingest-tcp")
                .process(e -> dispatch(e, streamLines(e), listener, received))
                .split(body())
                    .to(BATCH_ENDPOINT);
        }
        if (config.tls_port() > 0 && tls != null) {
            getContext().getRegistry().bind(TLS_BEAN, tls);
            String listener = "tls:" + config.tls_port();
            LongAdder received = counters.counter(Metric.SCOPE_LISTENER, listener, Metric.RECEIVED);
            from("netty:tcp://" + host + ":" + config.tls_port() + stream
                    + "&ssl=true&sslContextParameters=#" + TLS_BEAN + "&needClientAuth=" + requireClientCert)
                .routeId("ingest-tls")
                .process(e -> dispatch(e, streamLines(e), listener, received))
                .split(body())
                    .to(BATCH_ENDPOINT);
        }

        from(BATCH_ENDPOINT)
            .routeId("ingest-batch")
            .aggregate(header(BATCH_KEY), new LineBatchStrategy())
                .completionPredicate(e -> e.getMessage().getBody(List.class).size() >= config.batch_size())
                .completionTimeout(config.batch_timeout_ms())
                // Camel checks timeouts once a second by default: a partial batch would then live
                // in memory (lost on a crash) up to a second longer than batch.timeout.ms.
                .completionTimeoutCheckerInterval(Math.max(MIN_TIMEOUT_CHECK_MS, config.batch_timeout_ms() / 2))
                .forceCompletionOnStop()
                .process(this::toWireBatches)
                .split(body())
                    .process(IngestRoutes::toMessage)
                    .toD("amqp:queue:${header.yaguraQueue}")
                .end();
    }

    @SuppressWarnings("unchecked")
    private static List<Frame> streamLines(Exchange exchange) {
        return exchange.getMessage().getBody(List.class);
    }

    /** A datagram may carry several LF-separated lines. */
    private List<Frame> datagramLines(Exchange exchange) {
        byte[] datagram = exchange.getMessage().getBody(byte[].class);
        List<Frame> frames = new ArrayList<>(1);
        int start = 0;
        for (int i = 0; i <= datagram.length; i++) {
            if (i == datagram.length || datagram[i] == '\n') {
                byte[] line = SyslogFrameDecoder.trimTrailer(Arrays.copyOfRange(datagram, start, i));
                start = i + 1;
                if (line.length == 0) {
                    continue;
                }
                boolean truncated = line.length > config.max_line_bytes();
                frames.add(new Frame(truncated ? Arrays.copyOf(line, config.max_line_bytes()) : line, truncated));
            }
        }
        return frames;
    }

    /**
     * Routes the lines of one read (or datagram) and groups them by destination queue and
     * customer: the body becomes one message per group, each carrying a list of lines.
     */
    private void dispatch(Exchange exchange, List<Frame> frames, String listener, LongAdder received) {
        String source = sourceOf(exchange);
        long now = System.currentTimeMillis();
        received.add(frames.size());
        List<LineDispatcher.Routed> routed = new ArrayList<>(frames.size());
        for (Frame frame : frames) {
            routed.add(dispatcher.dispatch(frame, source, listener, now));
        }
        Map<String, List<LineDispatcher.Routed>> groups = WireBatch.byQueueAndCustomer(routed);
        List<Message> out = new ArrayList<>(groups.size());
        for (Map.Entry<String, List<LineDispatcher.Routed>> g : groups.entrySet()) {
            Message m = new DefaultMessage(exchange.getContext());
            m.setBody(g.getValue());
            m.setHeader(BATCH_KEY, g.getKey());
            out.add(m);
        }
        exchange.getMessage().setBody(out);
    }

    /** The batch's lines become one broker message, or several when they outgrow one (Wire.Batch each). */
    private void toWireBatches(Exchange exchange) {
        @SuppressWarnings("unchecked")
        List<LineDispatcher.Routed> items = exchange.getMessage().getBody(List.class);
        String queue = items.get(0).queue();
        List<Wire.Batch> bodies = WireBatch.bodies(items);
        counters.counter(Metric.SCOPE_INGEST, queue, Metric.ROUTED).add(items.size());
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader("yaguraQueue", queue);
        exchange.getMessage().setHeader(Wire.FORMAT_PROPERTY, Wire.FORMAT_VERSION);
        exchange.getMessage().setBody(bodies);
    }

    private static void toMessage(Exchange exchange) {
        Wire.Batch batch = exchange.getMessage().getBody(Wire.Batch.class);
        exchange.getMessage().setHeader(Wire.COUNT_PROPERTY, batch.count());
        exchange.getMessage().setBody(batch.body());
    }

    private static String sourceOf(Exchange exchange) {
        Object remote = exchange.getMessage().getHeader(NettyConstants.NETTY_REMOTE_ADDRESS);
        if (remote instanceof InetSocketAddress isa && isa.getAddress() != null) {
            return isa.getAddress().getHostAddress();
        }
        return remote == null ? null : remote.toString();
    }
}
