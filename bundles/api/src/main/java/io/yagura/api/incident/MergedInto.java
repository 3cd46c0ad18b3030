package io.yagura.api.incident;

import java.util.List;
import java.util.Optional;

/**
 * The marker of an incident that correlation closed because its story continues in another one: a
 * reference {@code yagura:merged-into:<incident id>}. An inside host first seen attacking one
 * neighbour, then sweeping the network like a worm, is one story; the incidents opened for its
 * single attacks before the sweep showed what it is are merged into the host's incident. A merged
 * incident is closed, but nothing is over: no all-clear is sent for it, and readers (console,
 * portal) point to the incident that carries the story on.
 */
public final class MergedInto {

    public static final String PREFIX = "yagura:merged-into:";

    private MergedInto() {
    }

    public static String marker(String incidentId) {
        return PREFIX + incidentId;
    }

    /** The incident this one was merged into, if it was. */
    public static Optional<String> of(Incident incident) {
        return of(incident.references());
    }

    public static Optional<String> of(List<String> references) {
        return references.stream().filter(r -> r.startsWith(PREFIX)).map(r -> r.substring(PREFIX.length())).findFirst();
    }
}
