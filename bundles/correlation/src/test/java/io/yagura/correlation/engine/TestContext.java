package io.yagura.correlation.engine;

import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Suppression;
import io.yagura.api.registry.Customer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** In-memory {@link EngineContext} for tests: customers, suppressions, a fake store, counters. */
final class TestContext implements EngineContext {

    final Map<String, Customer> customers = new ConcurrentHashMap<>();
    final List<Suppression> suppressions = new ArrayList<>();
    final Map<String, Integer> suppressedCounts = new ConcurrentHashMap<>();
    final Map<String, Incident> store = new ConcurrentHashMap<>();
    final AtomicInteger ids = new AtomicInteger();
    volatile ThreatIntel threatIntel = ThreatIntel.empty();
    volatile AssetCriticality assets = AssetCriticality.empty();
    final AtomicInteger suppressionLookups = new AtomicInteger();

    TestContext customer(Customer c) {
        customers.put(c.id(), c);
        return this;
    }

    @Override
    public Optional<Customer> customer(String customerId) {
        return Optional.ofNullable(customers.get(customerId));
    }

    @Override
    public synchronized List<Suppression> activeSuppressions(String customerId, Instant now) {
        suppressionLookups.incrementAndGet();
        List<Suppression> out = new ArrayList<>();
        for (Suppression s : suppressions) {
            if (customerId.equals(s.customerId())) {
                out.add(s); // expired ones too: the engine must ignore them itself
            }
        }
        return out;
    }

    @Override
    public void countSuppressed(String suppressionId) {
        suppressedCounts.merge(suppressionId, 1, Integer::sum);
    }

    @Override
    public Optional<Incident> openIncident(String customerId, String key) {
        return store.values().stream().filter(i -> i.customerId().equals(customerId) && i.key().equals(key))
                .findFirst();
    }

    @Override
    public String newIncidentId() {
        return String.format("INC-20240312-%06d", ids.incrementAndGet());
    }

    @Override
    public ThreatIntel threatIntel() {
        return threatIntel;
    }

    @Override
    public AssetCriticality assets() {
        return assets;
    }

    Map<String, Incident> snapshot() {
        return new HashMap<>(store);
    }
}
