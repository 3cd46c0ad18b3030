package io.yagura.ingest.relp;

import io.yagura.api.metrics.Counters;
import io.yagura.api.metrics.Metric;
import java.util.concurrent.atomic.LongAdder;

/** The listener's counters, shown by yagura:counters under "listener relp:&lt;port&gt;". */
record RelpCounters(LongAdder received, LongAdder duplicates, LongAdder badFrames, LongAdder failedCommits,
                    Counters all) {

    static final String DUPLICATE = "duplicate";
    static final String BAD_FRAME = "bad-frame";

    static RelpCounters of(Counters counters, String listener) {
        return new RelpCounters(
                counters.counter(Metric.SCOPE_LISTENER, listener, Metric.RECEIVED),
                counters.counter(Metric.SCOPE_LISTENER, listener, DUPLICATE),
                counters.counter(Metric.SCOPE_LISTENER, listener, BAD_FRAME),
                counters.counter(Metric.SCOPE_LISTENER, listener, Metric.FAILED),
                counters);
    }

    void routed(String queue, int lines) {
        all.counter(Metric.SCOPE_INGEST, queue, Metric.ROUTED).add(lines);
    }
}
