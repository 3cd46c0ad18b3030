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
 * @param evidence      the event that caused the change (keep it as evidence)
 * @param newRationale  the rationale sentences this change added (empty for a plain repeat)
 */
public record IncidentChange(Incident incident, boolean opened, Level previousLevel, SecurityEvent evidence,
                             List<String> newRationale) {

    public IncidentChange {
        newRationale = newRationale == null ? List.of() : List.copyOf(newRationale);
    }

    /** True when the change made the proposed level more severe. */
    public boolean raised() {
        return previousLevel != null && incident.proposedLevel().isMoreSevereThan(previousLevel);
    }
}
