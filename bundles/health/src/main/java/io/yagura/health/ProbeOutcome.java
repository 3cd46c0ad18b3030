package io.yagura.health;

/** What one round of a device's probes found. */
record ProbeOutcome(Kind kind, String detail) {

    enum Kind {
        /** every probe it has answered */
        ANSWERED,
        /** at least one probe went unanswered */
        FAILED,
        /** its only probe is ICMP and this node cannot send it */
        UNAVAILABLE
    }
}
