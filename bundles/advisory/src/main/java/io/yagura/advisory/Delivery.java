package io.yagura.advisory;

import java.time.Instant;

/**
 * What became of an advisory for one recipient: the proof of delivery.
 *
 * @param recipient the mail address, or the customer id for the portal
 * @param channel   "mail" or "portal"
 * @param outcome   "delivered" (the server took it, or it is on the portal) or "failed"
 * @param answer    the server's last answer or the error; null for the portal
 * @param attempts  how many tries it took
 */
public record Delivery(String advisoryId, String customerId, String recipient, String channel, String language,
                       String outcome, String answer, int attempts, Instant at) {
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
    public static final String MAIL = "mail";
    public static final String PORTAL = "portal";
}
