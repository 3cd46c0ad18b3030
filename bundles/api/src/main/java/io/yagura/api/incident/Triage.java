package io.yagura.api.incident;

import java.time.Instant;
import java.util.List;

/**
 * What analysts do with incidents; used by the console commands and, later, the portal.
 * Every action is audited with its actor and announced on the broker.
 */
public interface Triage {

    /** An incident with everything an analyst needs to decide. */
    record Dossier(Incident incident, List<io.yagura.api.event.SecurityEvent> evidence,
                   List<Notification> notifications, List<AuditEntry> audit) {
    }

    List<Incident> list(IncidentStore.Filter filter);

    Dossier show(String incidentId);

    /** Confirms (same level) or changes the level; the deadline follows the new level. */
    Incident confirm(String incidentId, Level level, String actor);

    Incident annotate(String incidentId, String analysis, String countermeasures, List<String> references, String actor);

    Incident close(String incidentId, String note, String actor);

    /**
     * Marks a false positive (level Low). With {@code suppressFor} not null, also suppresses
     * the same rule towards the same target for that customer until then.
     */
    Incident falsePositive(String incidentId, String reason, Instant suppressUntil, String actor);

    Suppression suppress(Suppression suppression, String actor);

    boolean unsuppress(String suppressionId, String actor);

    List<Suppression> suppressions(String customerId);

    /** How many events a suppression has swallowed so far (counted, never lost). */
    long suppressedCount(String suppressionId);

    /** Thrown with a message for the operator: unknown id, invalid transition… */
    final class TriageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public TriageException(String message) {
            super(message);
        }
    }
}
