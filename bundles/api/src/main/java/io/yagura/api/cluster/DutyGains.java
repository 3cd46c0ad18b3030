package io.yagura.api.cluster;

import java.util.Objects;

/**
 * Work a node does once each time it gains a duty: handing on what the previous holder left
 * pending (after a start, a takeover from a dead node, or a duty that came back). A periodic job
 * asks {@link #gained} at each run and does the work when it is true.
 */
public final class DutyGains {

    private final ClusterDuties duties;
    private final String duty;
    private long actedOn;

    public DutyGains(ClusterDuties duties, String duty) {
        this.duties = Objects.requireNonNull(duties, "duties");
        this.duty = Objects.requireNonNull(duty, "duty");
    }

    /** True the first time it is asked in each term of this node's hold of the duty, false otherwise. */
    public synchronized boolean gained() {
        long term = duties.term(duty);
        if (term == 0 || term == actedOn) {
            return false;
        }
        actedOn = term;
        return true;
    }
}
