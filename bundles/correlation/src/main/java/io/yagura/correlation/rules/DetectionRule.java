package io.yagura.correlation.rules;

import io.yagura.api.event.SecurityEvent;

/** A compiled Sigma detection rule: metadata plus a precompiled matcher over one event. */
public final class DetectionRule implements Rule {

    private final RuleMeta meta;
    private final Matchers.EventPredicate matcher;
    private final int ordinal;
    private final boolean generates;

    DetectionRule(RuleMeta meta, Matchers.EventPredicate matcher, int ordinal, boolean generates) {
        this.meta = meta;
        this.matcher = matcher;
        this.ordinal = ordinal;
        this.generates = generates;
    }

    @Override
    public RuleMeta meta() {
        return meta;
    }

    @Override
    public int ordinal() {
        return ordinal;
    }

    @Override
    public boolean generates() {
        return generates;
    }

    /** Evaluates detection and logsource on the event (no index involved). */
    public boolean matches(SecurityEvent event) {
        return matcher.test(event);
    }

    Matchers.EventPredicate matcher() {
        return matcher;
    }

    @Override
    public String toString() {
        return "DetectionRule[" + key() + " \"" + title() + "\"]";
    }
}
