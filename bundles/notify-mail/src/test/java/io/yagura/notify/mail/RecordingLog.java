package io.yagura.notify.mail;

import io.yagura.api.incident.DeliveryAttempt;
import io.yagura.api.incident.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** A {@link DeliveryLog} that keeps everything in memory for the assertions. */
final class RecordingLog implements DeliveryLog {

    final List<DeliveryAttempt> attempts = new CopyOnWriteArrayList<>();
    final Map<String, Notification> delivered = new ConcurrentHashMap<>();
    final Map<String, Instant> deliveredAt = new ConcurrentHashMap<>();
    final Map<String, Notification> failed = new ConcurrentHashMap<>();
    final Map<String, String> failReasons = new ConcurrentHashMap<>();

    @Override
    public void attempt(DeliveryAttempt attempt) {
        attempts.add(attempt);
    }

    @Override
    public void delivered(Notification notification, Instant at) {
        delivered.put(notification.id(), notification);
        deliveredAt.put(notification.id(), at);
    }

    @Override
    public void failed(Notification notification, String reason) {
        failed.put(notification.id(), notification);
        failReasons.put(notification.id(), reason);
    }

    List<DeliveryAttempt> attemptsOf(String notificationId) {
        return attempts.stream().filter(a -> a.notificationId().equals(notificationId)).toList();
    }

    /** Waits until an attempt matching {@code p} was recorded. */
    boolean awaitAttempt(Predicate<DeliveryAttempt> p, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < end) {
            if (attempts.stream().anyMatch(p)) {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }
}
