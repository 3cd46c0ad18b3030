package io.yagura.camel.plugins;

import io.yagura.api.Queues;
import io.yagura.api.event.DeadLetter;
import io.yagura.api.event.Ecs;
import io.yagura.api.event.EventTail;
import io.yagura.api.event.RawEnvelope;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.metrics.Counters;
import io.yagura.api.metrics.Metric;
import io.yagura.api.plugin.LogParser;
import io.yagura.api.plugin.ParseContext;
import io.yagura.api.plugin.ParseResult;
import io.yagura.api.plugin.VendorPlugin;
import io.yagura.wire.Wire;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;

/**
 * The route the platform runs for every vendor plugin: consume batches of raw lines from
 * {@code yagura.raw.<vendor>}, parse each line with the plugin's parser, stamp each event with
 * where its line came from, send the events as one batch to {@code yagura.events} and unreadable
 * lines, each with its reason, to {@code yagura.deadletter}.
 *
 * <p>Consumption and both sends share one broker transaction: a batch is either wholly
 * forwarded and acknowledged, or wholly rolled back and redelivered. Stopping or updating
 * the plugin mid-stream therefore neither loses nor duplicates lines.
 */
final class PluginRoute extends RouteBuilder {

    /** Exchange property holding the events as broker messages (List of Wire.Batch) or null. */
    static final String EVENTS_BODY = "yagura.eventsBody";
    /** Exchange property holding the dead letters as broker messages (List of Wire.Batch) or null. */
    static final String DEAD_BODY = "yagura.deadBody";

    private final VendorPlugin plugin;
    private final EventTail tail;
    private final Function<String, ParseContext> contexts;
    private final int consumers;
    private final LongAdder received;
    private final LongAdder events;
    private final LongAdder parsed;
    private final LongAdder ignored;
    private final LongAdder rejected;

    /**
     * @param contexts device id (may be null) → what the registry knows about it
     */
    PluginRoute(VendorPlugin plugin, Counters counters, EventTail tail, Function<String, ParseContext> contexts,
                int consumers) {
        this.plugin = plugin;
        this.tail = tail;
        this.contexts = contexts;
        this.consumers = consumers;
        String id = plugin.vendorId();
        this.received = counters.counter(Metric.SCOPE_PLUGIN, id, Metric.RECEIVED);
        this.parsed = counters.counter(Metric.SCOPE_PLUGIN, id, Metric.PARSED);
        this.events = counters.counter(Metric.SCOPE_PLUGIN, id, Metric.EVENTS);
        this.ignored = counters.counter(Metric.SCOPE_PLUGIN, id, Metric.IGNORED);
        this.rejected = counters.counter(Metric.SCOPE_PLUGIN, id, Metric.REJECTED);
    }

    /** Route id of a plugin's route: "vendor-&lt;vendorId&gt;". */
    static String routeIdOf(String vendorId) {
        return "vendor-" + vendorId;
    }

    @Override
    public void configure() {
        String id = plugin.vendorId();
        // CACHE_CONSUMER keeps one AMQP consumer open; the batch's events are sent on the same
        // session and committed with its receipt, in one local transaction (CamelRuntime.brokerComponent).
        from("amqp:queue:" + Queues.rawQueueOf(id)
                + "?transacted=true&cacheLevelName=CACHE_CONSUMER&concurrentConsumers=" + consumers
                + "&receiveTimeout=1000")
            .routeId(routeIdOf(id))
            .process(this::parseBatch)
            // a batch whose events outgrow one broker message goes as several, in the same transaction
            .filter(exchangeProperty(EVENTS_BODY).isNotNull())
                .split(exchangeProperty(EVENTS_BODY))
                    .process(PluginRoute::toMessage)
                    .to("amqp:queue:" + Queues.EVENTS + "?transacted=true")
                .end()
            .end()
            .filter(exchangeProperty(DEAD_BODY).isNotNull())
                .removeHeader("JMSXGroupID")
                .split(exchangeProperty(DEAD_BODY))
                    .process(PluginRoute::toMessage)
                    .to("amqp:queue:" + Queues.DEAD_LETTER + "?transacted=true")
                .end()
            .end();
    }

    /** A split part (a Wire.Batch) becomes the message body, with its count. */
    private static void toMessage(Exchange exchange) {
        Wire.Batch batch = exchange.getMessage().getBody(Wire.Batch.class);
        exchange.getMessage().setHeader(Wire.COUNT_PROPERTY, batch.count());
        exchange.getMessage().setBody(batch.body());
    }

    void parseBatch(Exchange exchange) {
        byte[] body = exchange.getMessage().getBody(byte[].class);
        exchange.getMessage().removeHeaders("*");
        List<RawEnvelope> batch;
        try {
            batch = Wire.readEnvelopes(body);
        } catch (Wire.WireFormatException e) {
            // Not ours: keep the bytes, say why, never loop on it.
            String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
            RawEnvelope envelope = new RawEnvelope(System.currentTimeMillis(), null, "broker", null, null,
                    plugin.vendorId(), false, text);
            rejected.increment();
            exchange.setProperty(DEAD_BODY, Wire.deadLetterBatches(List.of(
                    new DeadLetter("route", e.getMessage(), plugin.vendorId(), envelope))));
            return;
        }
        received.add(batch.size());
        LogParser parser = plugin.parser();
        List<SecurityEvent> out = new ArrayList<>(batch.size());
        List<DeadLetter> dead = new ArrayList<>();
        String customer = null;
        for (RawEnvelope envelope : batch) {
            ParseResult result;
            try {
                result = parser.parse(envelope, contexts.apply(envelope.deviceId()));
            } catch (RuntimeException | StackOverflowError bug) {
                result = ParseResult.rejected("parser failed: " + bug);
            }
            if (result instanceof ParseResult.Parsed p) {
                parsed.increment();
                for (SecurityEvent e : p.events()) {
                    stamp(e, envelope, plugin.vendorId());
                    out.add(e);
                    tail.record(e);
                }
                customer = envelope.customerId();
            } else if (result instanceof ParseResult.Rejected r) {
                rejected.increment();
                dead.add(new DeadLetter("parse", r.reason(), plugin.vendorId(), envelope));
            } else {
                ignored.increment();
            }
        }
        events.add(out.size());
        if (!out.isEmpty()) {
            exchange.setProperty(EVENTS_BODY, Wire.eventBatches(out));
            if (customer != null) {
                // One customer's events stay on one correlation consumer.
                exchange.getMessage().setHeader("JMSXGroupID", customer);
            }
        }
        if (!dead.isEmpty()) {
            exchange.setProperty(DEAD_BODY, Wire.deadLetterBatches(dead));
        }
    }

    /**
     * Where the line came from and who parsed it, set by the platform so no plugin has to:
     * customer.id, device.id, yagura.received_from, yagura.listener, event.ingested,
     * event.original, yagura.plugin.
     */
    static SecurityEvent stamp(SecurityEvent event, RawEnvelope envelope, String pluginId) {
        return event.set(Ecs.CUSTOMER_ID, envelope.customerId())
                .set(Ecs.DEVICE_ID, envelope.deviceId())
                .set(Ecs.YAGURA_RECEIVED_FROM, envelope.source())
                .set(Ecs.YAGURA_LISTENER, envelope.listener())
                .set(Ecs.EVENT_INGESTED, Instant.ofEpochMilli(envelope.receivedAt()).toString())
                .set(Ecs.EVENT_ORIGINAL, envelope.raw())
                .set(Ecs.YAGURA_PLUGIN, pluginId);
    }

    @Override
    public String toString() {
        return "PluginRoute[" + plugin.vendorId() + "]";
    }
}
