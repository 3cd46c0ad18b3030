package io.yagura.correlation.service;

import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Suppression;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.DeviceRegistry;
import io.yagura.correlation.engine.AssetCriticality;
import io.yagura.correlation.engine.AssetFile;
import io.yagura.correlation.engine.EngineContext;
import io.yagura.correlation.engine.ThreatIntel;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The engine's view of the platform: customers from the registry, threat intelligence and asset
 * criticality from their files (reloaded by the service), suppressions and open incidents from the store (suppressions cached for a few seconds, since they are asked for
 * every matching event), incident ids unique per day and node.
 */
final class PlatformContext implements EngineContext {

    private static final long SUPPRESSION_CACHE_MILLIS = 5_000;

    private final DeviceRegistry registry;
    private final IncidentStore store;
    private final ThreatIntel threatIntel;
    private final AssetFile assets;
    private final Map<String, Cached> suppressions = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> suppressedCounts = new ConcurrentHashMap<>();
    private final AtomicLong sequence = new AtomicLong();
    private final String node;

    private record Cached(List<Suppression> list, long loadedAt) {
    }

    PlatformContext(DeviceRegistry registry, IncidentStore store, ThreatIntel threatIntel, AssetFile assets) {
        this.registry = registry;
        this.store = store;
        this.threatIntel = threatIntel;
        this.assets = assets;
        // Ids must not collide across restarts: seed the sequence with the time of day.
        this.sequence.set((System.currentTimeMillis() % 86_400_000L) * 10);
        this.node = Integer.toString(Math.abs(java.util.UUID.randomUUID().hashCode() % 100), 36);
    }

    @Override
    public Optional<Customer> customer(String customerId) {
        return registry.customer(customerId);
    }

    @Override
    public List<Suppression> activeSuppressions(String customerId, Instant now) {
        Cached c = suppressions.get(customerId);
        long t = System.currentTimeMillis();
        if (c == null || t - c.loadedAt() > SUPPRESSION_CACHE_MILLIS) {
            c = new Cached(store.activeSuppressions(customerId, now), t);
            suppressions.put(customerId, c);
        }
        return c.list();
    }

    @Override
    public void countSuppressed(String suppressionId) {
        suppressedCounts.computeIfAbsent(suppressionId, k -> new LongAdder()).increment();
    }

    /** Writes the suppressed counts to the store (batched: once per consumed message). */
    void flushSuppressedCounts() {
        for (Map.Entry<String, LongAdder> e : suppressedCounts.entrySet()) {
            long n = e.getValue().sumThenReset();
            if (n > 0) {
                store.countSuppressed(e.getKey(), n);
            }
        }
    }

    @Override
    public Optional<Incident> openIncident(String customerId, String key) {
        return store.findOpenByKey(customerId, key);
    }

    @Override
    public String newIncidentId() {
        return "INC-" + LocalDate.now(ZoneOffset.UTC).toString().replace("-", "") + "-" + node
                + Long.toString(sequence.incrementAndGet(), 36).toUpperCase();
    }

    @Override
    public ThreatIntel threatIntel() {
        return threatIntel;
    }

    @Override
    public AssetCriticality assets() {
        return assets.current();
    }
}
