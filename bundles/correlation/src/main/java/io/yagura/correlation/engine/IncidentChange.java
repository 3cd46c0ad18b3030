package io.yagura.correlation.engine;

import io.yagura.api.event.SecurityEvent;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Level;
import java.util.List;

/**
 * One incident opened or updated by one event.
 *
 * @param incident      the incident after the change (store it: create when opened, else update)
 * @param opened        true when the event opened it
 * @param previousLevel the proposed level before the change (null when opened); compare with
 *                      {@code incident.proposedLevel()} to see a raise
 * @param evidence      the events to keep as evidence: the one that caused the change, and the
 *                      earlier events of a correlation that this incident did not hold yet (the
 *                      connection back to an attacker that arrived before the alert it follows)
 * @param newRationale  the rationale sentences this change added (empty for a plain repeat)
 */
public record IncidentChange(Incident incident, boolean opened, Level previousLevel, List<SecurityEvent> evidence,
                             List<String> newRationale) {

    public IncidentChange {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        newRationale = newRationale == null ? List.of() : List.copyOf(newRationale);
    }

    /** True when the change made the proposed level more severe. */
    public boolean raised() {
        return previousLevel != null && incident.proposedLevel().isMoreSevereThan(previousLevel);
    }
}
