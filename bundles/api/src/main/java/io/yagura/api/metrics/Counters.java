package io.yagura.api.metrics;

import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Named counters shown on the console ({@code yagura:counters}). A counter is identified by
 * a scope ("listener", "queue", "plugin", "ingest"), a subject within that scope
 * ("tcp:6514", "cisco-asa") and a metric ("received", "parsed", "rejected"...).
 * Callers keep the returned {@link LongAdder} and increment it without further lookups.
 */
public interface Counters {

    LongAdder counter(String scope, String subject, String metric);

    /** scope → subject → metric → value, sorted, for display. */
    Map<String, Map<String, Map<String, Long>>> snapshot();

    /** Events per second for one counter over the last minute (from periodic samples). */
    double ratePerSecond(String scope, String subject, String metric);
}
