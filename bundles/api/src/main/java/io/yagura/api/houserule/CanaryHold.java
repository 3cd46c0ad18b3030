package io.yagura.api.houserule;

import io.yagura.api.incident.Incident;
import java.util.List;
import java.util.Optional;

/**
 * The marker that holds an incident opened by a canary house rule for an analyst instead of
 * notifying the customer: a reference {@code yagura:held-canary:<rule id>} on the incident.
 * Correlation adds it when a canary rule opens an incident; the dispatch policy sends nothing while
 * it is there; an analyst releases the incident (the marker is removed) or discards it (false positive).
 */
public final class CanaryHold {

    public static final String PREFIX = "yagura:held-canary:";

    private CanaryHold() {
    }

    public static String marker(String ruleId) {
        return PREFIX + ruleId;
    }

    /** The canary rule holding the incident, if it is held. */
    public static Optional<String> heldBy(Incident incident) {
        return incident.references().stream().filter(r -> r.startsWith(PREFIX))
                .map(r -> r.substring(PREFIX.length())).findFirst();
    }

    /** The incident's references without the marker: the incident released. */
    public static List<String> released(List<String> references) {
        return references.stream().filter(r -> !r.startsWith(PREFIX)).toList();
    }
}
