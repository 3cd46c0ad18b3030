package io.yagura.correlation.house;

import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Suppression;
import io.yagura.api.registry.Customer;
import io.yagura.correlation.engine.AssetCriticality;
import io.yagura.correlation.engine.EngineContext;
import io.yagura.correlation.engine.ThreatIntel;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's view of the platform during a replay (a house rule's test, the story corpus): the
 * given customers, no suppressions, no threat intelligence or assets, incidents kept in memory.
 */
public final class ReplayContext implements EngineContext {

    private final Map<String, Incident> incidents = new LinkedHashMap<>();
    private final List<Customer> customers;
    private final String idPrefix;
    private final AtomicInteger ids = new AtomicInteger();

    public ReplayContext(List<Customer> customers, String idPrefix) {
        this.customers = List.copyOf(customers);
        this.idPrefix = idPrefix;
    }

    /** Keeps an incident as the engine last changed it. */
    public void put(Incident incident) {
        incidents.put(incident.id(), incident);
    }

    /** The incidents of the replay, in the order they were opened. */
    public List<Incident> incidents() {
        return List.copyOf(incidents.values());
    }

    @Override
    public Optional<Customer> customer(String customerId) {
        return customers.stream().filter(c -> c.id().equals(customerId)).findFirst();
    }

    @Override
    public List<Suppression> activeSuppressions(String customerId, Instant now) {
        return List.of();
    }

    @Override
    public void countSuppressed(String suppressionId) {
    }

    @Override
    public Optional<Incident> openIncident(String customerId, String key) {
        return incidents.values().stream().filter(i -> i.customerId().equals(customerId) && i.key().equals(key))
                .findFirst();
    }

    @Override
    public String newIncidentId() {
        return idPrefix + ids.incrementAndGet();
    }

    @Override
    public ThreatIntel threatIntel() {
        return ThreatIntel.empty();
    }

    @Override
    public AssetCriticality assets() {
        return AssetCriticality.empty();
    }
}
