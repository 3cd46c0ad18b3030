package io.yagura.ingest;

import io.yagura.api.Queues;
import io.yagura.api.event.DeadLetter;
import io.yagura.api.event.RawEnvelope;
import io.yagura.api.metrics.Counters;
import io.yagura.api.metrics.Metric;
import io.yagura.api.plugin.VendorPlugin;
import io.yagura.api.health.LogActivity;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.DeviceRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Decides where one received line goes: the raw queue of its device's vendor, the queue
 * of the vendor whose plugin recognised it (for unregistered sources), the queue of
 * unknown lines, or the dead-letter queue (oversized lines). Pure logic, no Camel, so
 * it is unit-tested directly.
 */
public final class LineDispatcher {

    /** Where a line goes and in what form. */
    public record Routed(String queue, RawEnvelope envelope, DeadLetter deadLetter) {
    }

    private static final int DETECTION_CACHE_LIMIT = 10_000;

    private final DeviceRegistry registry;
    private final Counters counters;
    private final Collection<VendorPlugin> plugins;
    /** source address → vendor recognised by a probe, so probes run once per source. */
    private final Map<String, String> detected = new ConcurrentHashMap<>();
    private final LongAdder unknown;
    private final LongAdder autoDetected;
    private final LongAdder oversized;
    private final LogActivity logActivity;

    public LineDispatcher(DeviceRegistry registry, Counters counters, Collection<VendorPlugin> plugins) {
        this(registry, counters, plugins, (deviceId, at) -> { });
    }

    /** @param logActivity told of each line of a registered device as it arrives (device health's log silence) */
    public LineDispatcher(DeviceRegistry registry, Counters counters, Collection<VendorPlugin> plugins,
                          LogActivity logActivity) {
        this.logActivity = logActivity;
        this.registry = registry;
        this.counters = counters;
        this.plugins = plugins;
        this.unknown = counters.counter(Metric.SCOPE_INGEST, "all", Metric.UNKNOWN_SOURCE);
        this.autoDetected = counters.counter(Metric.SCOPE_INGEST, "all", Metric.AUTO_DETECTED);
        this.oversized = counters.counter(Metric.SCOPE_INGEST, "all", Metric.OVERSIZED);
    }

    public Routed dispatch(Frame frame, String source, String listener, long receivedAt) {
        String raw = new String(frame.bytes(), StandardCharsets.UTF_8);
        Optional<Device> device = registry.deviceBySource(source);
        RawEnvelope envelope = device
                .map(d -> new RawEnvelope(receivedAt, source, listener, d.id(), d.customer(), d.vendor(), false, raw))
                .orElseGet(() -> new RawEnvelope(receivedAt, source, listener, null, null, null, false, raw));
        if (device.isPresent()) {
            // any line, even an oversized one, proves the device still logs
            logActivity.received(device.get().id(), Instant.ofEpochMilli(receivedAt));
        }
        if (frame.truncated()) {
            oversized.increment();
            return new Routed(Queues.DEAD_LETTER, envelope, new DeadLetter("ingest",
                    "oversized: line longer than " + frame.bytes().length + " bytes, cut to the limit "
                    + "(max.line.bytes)", null, envelope));
        }
        if (device.isPresent()) {
            return new Routed(Queues.rawQueueOf(envelope.vendor()), envelope, null);
        }
        return routeUnregistered(envelope);
    }

    /** Re-examines a line from yagura.raw.unknown (after a device was registered or a plugin installed). */
    public Routed redispatch(RawEnvelope old) {
        Optional<Device> device = registry.deviceBySource(old.source());
        if (device.isPresent()) {
            Device d = device.get();
            RawEnvelope e = new RawEnvelope(old.receivedAt(), old.source(), old.listener(), d.id(), d.customer(),
                    d.vendor(), false, old.raw());
            return new Routed(Queues.rawQueueOf(d.vendor()), e, null);
        }
        detected.remove(old.source());
        return routeUnregistered(old);
    }

    private Routed routeUnregistered(RawEnvelope envelope) {
        unknown.increment();
        String line = envelope.raw();
        // Probes run once per source: the cached vendor is kept while its plugin recognises the lines.
        String vendor = Optional.ofNullable(detected.get(envelope.source()))
                .flatMap(this::pluginFor)
                .filter(p -> safeProbe(p, line))
                .map(VendorPlugin::vendorId)
                .orElseGet(() -> probe(line));
        if (vendor != null && envelope.source() != null && detected.size() < DETECTION_CACHE_LIMIT) {
            detected.put(envelope.source(), vendor);
        }
        if (vendor == null) {
            return new Routed(Queues.RAW_UNKNOWN, envelope, null);
        }
        autoDetected.increment();
        counters.counter(Metric.SCOPE_INGEST, vendor, Metric.AUTO_DETECTED).increment();
        return new Routed(Queues.rawQueueOf(vendor), envelope.withVendor(vendor, true), null);
    }

    private String probe(String line) {
        for (VendorPlugin p : plugins) {
            if (safeProbe(p, line)) {
                return p.vendorId();
            }
        }
        return null;
    }

    private Optional<VendorPlugin> pluginFor(String vendor) {
        for (VendorPlugin p : plugins) {
            if (p.vendorId().equals(vendor)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static boolean safeProbe(VendorPlugin p, String line) {
        try {
            return p.probe(line);
        } catch (RuntimeException brokenProbe) {
            return false; // a plugin's bug must not stop ingestion
        }
    }

    /** Forgets probe results (a plugin came or went). */
    public void forgetDetections() {
        detected.clear();
    }
}
