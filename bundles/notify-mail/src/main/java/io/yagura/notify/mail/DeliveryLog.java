package io.yagura.notify.mail;

import io.yagura.api.incident.DeliveryAttempt;
import io.yagura.api.incident.Notification;
import java.time.Instant;

/**
 * Where the mail channel keeps its proof of delivery: every attempt with the server's
 * answer, and the final state of each notification. The OSGi layer adapts it to the
 * {@link io.yagura.api.incident.IncidentStore} ({@link StoreDeliveryLog}).
 *
 * <p>Called from the channel's sender threads; implementations must be thread-safe.
 */
public interface DeliveryLog {

    /** One attempt, outcome "delivered", "retrying" or "failed", with the server's answer or the error. */
    void attempt(DeliveryAttempt attempt);

    /**
     * The notification was delivered.
     *
     * @param notification the notification updated: status "delivered", deliveredAt, deadlineMet
     * @param at           when the server accepted it
     */
    void delivered(Notification notification, Instant at);

    /**
     * The notification was not delivered and will not be retried.
     *
     * @param notification the notification updated: status "failed", deadlineMet false when it had a deadline
     * @param reason       the last answer or error
     */
    void failed(Notification notification, String reason);
}
