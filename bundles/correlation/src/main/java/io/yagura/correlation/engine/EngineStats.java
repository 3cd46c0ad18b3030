package io.yagura.correlation.engine;

/**
 * Counters of one engine since it was created (a snapshot).
 *
 * @param events             events processed
 * @param ruleMatches        detection rule matches (one event may match several rules)
 * @param correlations       correlation rules that fired
 * @param suppressed         matches dropped by a suppression (each also counted per suppression id)
 * @param opened             incidents opened
 * @param updated            incident updates (repeats, new rules, raises)
 * @param raised             updates that raised the proposed level
 * @param windowEvictions    correlation windows evicted because a customer reached its bound
 * @param entryEvictions     timestamps/values dropped because a window reached its bound
 * @param incidentEvictions  aggregation entries evicted because a customer reached its bound
 * @param lateEvents         matches older than their correlation window (ignored by that window)
 */
public record EngineStats(long events, long ruleMatches, long correlations, long suppressed, long opened, long updated,
                          long raised, long windowEvictions, long entryEvictions, long incidentEvictions,
                          long lateEvents) {
}
