package io.yagura.api.incident;

import io.yagura.api.event.SecurityEvent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Persistence of incidents, their evidence, suppressions, notifications with every
 * delivery attempt, and the audit log. Implementations store in a database (embedded H2
 * by default, PostgreSQL in production) and are safe for concurrent use.
 */
public interface IncidentStore {

    /** Criteria for {@link #list}; null fields match anything. */
    record Filter(String customerId, Level level, IncidentStatus status, Boolean deadlineBreached, int limit) {
        public static Filter all(int limit) {
            return new Filter(null, null, null, null, limit);
        }
    }

    /** Inserts a new incident (version 0 → 1) and returns it as stored. */
    Incident create(Incident incident);

    /**
     * Stores a changed incident if nobody changed it since it was read (optimistic lock on
     * {@link Incident#version()}), and returns it with its new version.
     *
     * @throws ConcurrentChangeException when the stored version differs
     */
    Incident update(Incident incident);

    Optional<Incident> find(String id);

    /** The newest open (not closed, not false positive) incident of a customer with this aggregation key. */
    Optional<Incident> findOpenByKey(String customerId, String key);

    List<Incident> list(Filter filter);

    /**
     * Every incident of a customer that Yagura opened in {@code [from, to)} (by
     * {@link Incident#detectedAt()}), oldest first, without a row limit: what a monthly report counts.
     * The default filters {@link #list} and suits small in-memory stores; database stores
     * answer it with one query.
     */
    default List<Incident> detectedBetween(String customerId, Instant from, Instant to) {
        return list(new Filter(customerId, null, null, null, Integer.MAX_VALUE)).stream()
                .filter(i -> !i.detectedAt().isBefore(from) && i.detectedAt().isBefore(to))
                .sorted(java.util.Comparator.comparing(Incident::detectedAt))
                .toList();
    }

    /** Keeps an event as evidence of an incident (the store may cap how many per incident). */
    void addEvidence(String incidentId, SecurityEvent event);

    List<SecurityEvent> evidence(String incidentId, int limit);

    Suppression addSuppression(Suppression suppression);

    boolean removeSuppression(String id);

    /** Suppressions of the customer not expired at {@code now}. */
    List<Suppression> activeSuppressions(String customerId, Instant now);

    /** Counts an event that a suppression matched (counted, never lost). */
    void countSuppressed(String suppressionId, long events);

    /** How many events a suppression has swallowed so far. */
    long suppressedCount(String suppressionId);

    Notification createNotification(Notification notification);

    /**
     * What a daily digest notice lists.
     *
     * @param day         the day it covers (in the digest's time zone)
     * @param incidentIds its incidents, oldest first; the notice's own incidentId is the first
     */
    record Digest(java.time.LocalDate day, List<String> incidentIds) {
        public Digest {
            incidentIds = List.copyOf(incidentIds);
        }
    }

    /** Stores a digest notice and what it lists, in one transaction. */
    Notification createDigest(Notification notification, Digest digest);

    /** What a digest notice lists; empty when the notice is not a digest. */
    Optional<Digest> digest(String notificationId);

    Notification updateNotification(Notification notification);

    /** Notices about an incident, the digests that list it included, oldest first. */
    List<Notification> notifications(String incidentId);

    /** Notices of a channel still pending (e.g. after a restart), oldest first. */
    List<Notification> pendingNotifications(String channel, int limit);

    void addAttempt(DeliveryAttempt attempt);

    List<DeliveryAttempt> attempts(String notificationId);

    void audit(AuditEntry entry);

    List<AuditEntry> auditLog(String subject, int limit);

    /** The stored version of an incident is not the one the caller read. */
    final class ConcurrentChangeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ConcurrentChangeException(String message) {
            super(message);
        }
    }
}
