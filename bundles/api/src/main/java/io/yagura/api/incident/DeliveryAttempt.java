package io.yagura.api.incident;

import java.time.Instant;

/**
 * One try to deliver a notification, with the server's answer: the proof of delivery.
 *
 * @param outcome "delivered", "retrying", "failed"
 * @param answer  the server's reply (e.g. SMTP "250 2.0.0 Ok: queued as ...") or the error
 */
public record DeliveryAttempt(String notificationId, int attempt, Instant at, String outcome, String answer) {
}
