package io.yagura.notify;

import io.yagura.api.incident.Notification;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.DeviceRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides when the daily digests are made: called every minute, it makes those of each day
 * that became due ({@link DigestSchedule}) for every customer whose policy wants a digest.
 * The first call after start looks back {@code catchUpDays}, which sends a digest missed
 * while the node was down. Every node runs it; {@link DigestNotices} makes sure a digest is
 * created once. After a store failure the day is tried again a few minutes later.
 *
 * <p>Not thread-safe: one timer calls it.
 */
final class DigestScheduler {

    static final Duration RETRY = Duration.ofMinutes(5);

    private static final Logger LOG = LoggerFactory.getLogger(DigestScheduler.class);

    private final DeviceRegistry registry;
    private final DigestNotices notices;
    private final DigestSchedule schedule;
    private final Clock clock;
    /** The latest day whose digests this node made (in memory: a restart looks back again). */
    private LocalDate doneThrough;
    private Instant retryAt = Instant.MIN;

    DigestScheduler(DeviceRegistry registry, DigestNotices notices, DigestSchedule schedule, Clock clock) {
        this.registry = registry;
        this.notices = notices;
        this.schedule = schedule;
        this.clock = clock;
    }

    /** @return the digest notices created now, for the mail channel */
    List<Notification> tick() {
        Instant now = clock.instant();
        if (now.isBefore(retryAt)) {
            return List.of();
        }
        List<Notification> out = new ArrayList<>();
        for (LocalDate day : schedule.dueDays(now, doneThrough)) {
            if (!makeDay(day, out)) {
                retryAt = now.plus(RETRY);
                break;
            }
            doneThrough = day;
        }
        return out;
    }

    /** @return false when the store failed for a customer (the others are done) */
    private boolean makeDay(LocalDate day, List<Notification> out) {
        boolean ok = true;
        for (Customer c : registry.customers()) {
            if (!c.policy().dailyDigest()) {
                continue;
            }
            try {
                out.addAll(notices.create(c, day, schedule.start(day), schedule.end(day)));
            } catch (RuntimeException e) {
                ok = false;
                LOG.warn("Digest of {} for {} not made, trying again in {}: {}", day, c.id(), RETRY, e.toString());
            }
        }
        return ok;
    }
}
