package io.yagura.api.health;

/** Where a device stands, most alarming first when several apply. */
public enum HealthState {
    /** does not answer, and has not answered since the fault was declared (an incident is open) */
    FAULT,
    /** a probe failed; retried until the fault delay has passed */
    RETRYING,
    /** answers (or cannot be probed) but its logs stopped longer than its silence threshold */
    SILENT,
    /** ICMP echo is its only probe and this node cannot send ICMP (no privilege, no fping/ping) */
    ICMP_UNAVAILABLE,
    /** answered its last probe */
    UP,
    /** not probed yet, or nothing can be probed and it never sent a log */
    UNKNOWN;

    /** As the console prints it: {@code ICMP-UNAVAILABLE}. */
    public String label() {
        return name().replace('_', '-');
    }
}
