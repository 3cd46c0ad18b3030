package io.yagura.api.incident;

import java.time.Instant;

/**
 * A notice of an incident to one contact over one channel.
 *
 * @param kind       "incident", "all-clear", "digest"
 * @param channel    "mail", "phone", "portal"
 * @param address    the contact's address on that channel
 * @param status     "pending", "delivered", "failed", "cancelled" (nobody needs to be reached any more:
 *                   the incident was acknowledged on another channel)
 * @param deadline   when it had to be delivered, or null
 * @param deliveredAt when it was delivered, or null
 * @param deadlineMet true/false once decided, null while pending or without deadline
 */
public record Notification(String id, String incidentId, String customerId, String kind, String channel,
                           String address, String language, Level level, Instant createdAt, String status,
                           Instant deadline, Instant deliveredAt, Boolean deadlineMet) {

    /** The same notice with the outcome a channel recorded. */
    public Notification withOutcome(String newStatus, Instant newDeliveredAt, Boolean newDeadlineMet) {
        return new Notification(id, incidentId, customerId, kind, channel, address, language, level, createdAt,
                newStatus, deadline, newDeliveredAt, newDeadlineMet);
    }
}
