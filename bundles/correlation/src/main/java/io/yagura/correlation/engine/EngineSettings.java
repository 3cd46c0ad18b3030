package io.yagura.correlation.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of the engine. Every bound keeps the per-customer memory finite: when a bound is reached
 * the least recently used entry is evicted and counted in {@link EngineStats}.
 *
 * @param aggregationWindow       repeats of one story (same aggregation key) within this time since
 *                                the incident was last seen update it instead of opening a new one
 * @param maxWindowsPerCustomer   correlation window states (rule × group) kept per customer
 * @param maxEntriesPerWindow     timestamps (event_count) or distinct values (value_count) per window
 * @param maxIncidentsPerCustomer aggregation entries (open incidents) kept in memory per customer
 * @param maxAddressesPerIncident attacker and target addresses listed on one incident
 * @param maxRationale            rationale sentences on one incident (level raises are always added)
 * @param web                     thresholds of the evidence that a web attack succeeded
 */
public record EngineSettings(Duration aggregationWindow, int maxWindowsPerCustomer, int maxEntriesPerWindow,
                             int maxIncidentsPerCustomer, int maxAddressesPerIncident, int maxRationale,
                             WebEvidenceSettings web) {

    public EngineSettings {
        Objects.requireNonNull(aggregationWindow, "aggregationWindow");
        Objects.requireNonNull(web, "web");
        if (aggregationWindow.isNegative() || aggregationWindow.isZero()) {
            throw new IllegalArgumentException("aggregationWindow must be positive");
        }
        if (maxWindowsPerCustomer < 1 || maxEntriesPerWindow < 1 || maxIncidentsPerCustomer < 1
                || maxAddressesPerIncident < 1 || maxRationale < 1) {
            throw new IllegalArgumentException("bounds must be at least 1");
        }
    }

    /**
     * 1 h aggregation window, 50,000 windows and 20,000 incidents per customer, 1,000 entries per window,
     * {@link WebEvidenceSettings#defaults()}.
     */
    public static EngineSettings defaults() {
        return new EngineSettings(Duration.ofHours(1), 50_000, 1_000, 20_000, 50, 100, WebEvidenceSettings.defaults());
    }

    public EngineSettings withAggregationWindow(Duration window) {
        return new EngineSettings(window, maxWindowsPerCustomer, maxEntriesPerWindow, maxIncidentsPerCustomer,
                maxAddressesPerIncident, maxRationale, web);
    }

    public EngineSettings withBounds(int windowsPerCustomer, int entriesPerWindow, int incidentsPerCustomer) {
        return new EngineSettings(aggregationWindow, windowsPerCustomer, entriesPerWindow, incidentsPerCustomer,
                maxAddressesPerIncident, maxRationale, web);
    }

    public EngineSettings withWeb(WebEvidenceSettings webEvidence) {
        return new EngineSettings(aggregationWindow, maxWindowsPerCustomer, maxEntriesPerWindow, maxIncidentsPerCustomer,
                maxAddressesPerIncident, maxRationale, webEvidence);
    }
}
