package io.yagura.notify.mail;

import io.yagura.api.incident.DeliveryAttempt;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Notification;
import java.time.Instant;
import java.util.Objects;

/** {@link DeliveryLog} kept in the {@link IncidentStore}: attempts and notification updates. */
public final class StoreDeliveryLog implements DeliveryLog {

    private final IncidentStore store;

    public StoreDeliveryLog(IncidentStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    @Override
    public void attempt(DeliveryAttempt attempt) {
        store.addAttempt(attempt);
    }

    @Override
    public void delivered(Notification notification, Instant at) {
        store.updateNotification(notification);
    }

    @Override
    public void failed(Notification notification, String reason) {
        store.updateNotification(notification);
    }
}
