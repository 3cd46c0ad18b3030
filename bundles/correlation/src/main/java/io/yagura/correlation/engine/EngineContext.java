package io.yagura.correlation.engine;

import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Suppression;
import io.yagura.api.registry.Customer;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the engine needs from the platform; implemented by the OSGi layer over the device registry
 * and the incident store. Called from {@link CorrelationEngine#process} threads, so implementations
 * must be thread-safe and answer from memory (caches) — the engine calls {@link #customer} for
 * every event, {@link #activeSuppressions} only for events that matched a rule, and
 * {@link #openIncident} / {@link #newIncidentId} only when an incident is about to be opened.
 */
public interface EngineContext {

    /** The registered customer, or empty (also for the pseudo customer "unassigned"). */
    Optional<Customer> customer(String customerId);

    /** Suppressions of the customer; the engine ignores any that expired at {@code now} anyway. */
    List<Suppression> activeSuppressions(String customerId, Instant now);

    /** Counts one event that the suppression matched (it produced no incident change). */
    void countSuppressed(String suppressionId);

    /** The newest open incident with this aggregation key, from the store (aggregation across restarts). */
    Optional<Incident> openIncident(String customerId, String key);

    /** A new, unique incident id, e.g. INC-20261127-000123. */
    String newIncidentId();

    /** Threat-intelligence lists (never null; {@link ThreatIntel#empty()} when none are configured). */
    ThreatIntel threatIntel();

    /** Asset criticality per customer (never null; {@link AssetCriticality#empty()} when none). */
    AssetCriticality assets();
}
