package io.yagura.notify;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.cluster.ClusterDuties;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import io.yagura.api.registry.Contact;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.NotificationPolicy;
import io.yagura.store.testing.ManualDuties;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.karaf.scheduler.core.QuartzScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The deadline and digest jobs on the real Karaf Scheduler (Quartz), without OSGi or Camel. */
class DispatcherJobsTest {

    private static final Instant T0 = Instant.parse("2026-11-27T01:00:00Z");

    /** Jobs in memory, as Karaf's scheduler feature keeps them. */
    final QuartzScheduler quartz = new QuartzScheduler(quartz(2));

    @AfterEach
    void stopTheScheduler() {
        quartz.deactivate();
    }

    /** The channels route as the jobs see it: absent until {@code ready}; each check is one permit. */
    static final class RecordingOutbox implements NotificationDispatcher.Outbox {
        volatile boolean ready;
        final Semaphore checks = new Semaphore(0);
        final LinkedBlockingQueue<List<Notification>> sent = new LinkedBlockingQueue<>();

        @Override
        public boolean ready() {
            checks.release();
            return ready;
        }

        @Override
        public void send(List<Notification> notices) {
            sent.add(notices);
        }
    }

    /** A Critical of acme due for automatic sending at the dispatcher's clock. */
    private static NotificationDispatcher dispatcherWithADueCritical(Fakes.MemoryStore store) {
        Customer acme = new Customer("acme", "ACME", List.of("10.0.0.0/8"), List.of(new Contact("Sato",
                "sato@acme.example", null, 1, List.of("mail"), List.of(), "ja", null)),
                new NotificationPolicy(true, 15, false, true));
        Fakes.MutableClock clock = new Fakes.MutableClock(T0.plus(Duration.ofMinutes(14)));
        store.put(Fakes.incident("INC-C", "acme", Level.CRITICAL, IncidentStatus.NEW, T0, T0.plus(Duration.ofMinutes(15))));
        return new NotificationDispatcher(store, Fakes.registry(acme), new Fakes.RecordingChanges(),
                Fakes.config(Map.of("deadlineCheckSeconds", 1)), clock);
    }

    /** The digest job is scheduled too, but first runs after the test. */
    private static final NotificationDispatcher.Timing DEADLINES_NOW =
            new NotificationDispatcher.Timing(Duration.ZERO, Duration.ofHours(1), 60);

    @Test
    void theDeadlineWatchRunsAtItsPeriodOnlyOnceTheRouteIsThereUntilDeactivated() throws Exception {
        Fakes.MemoryStore store = new Fakes.MemoryStore();
        NotificationDispatcher dispatcher = dispatcherWithADueCritical(store);
        RecordingOutbox outbox = new RecordingOutbox();

        dispatcher.startJobs(quartz, new ManualDuties(), outbox, DEADLINES_NOW);
        try {
            assertTrue(quartz.getJobs().keySet().containsAll(List.of("yagura-notify-deadlines", "yagura-notify-digest")),
                    quartz.getJobs().keySet()::toString);
            assertTrue(outbox.checks.tryAcquire(10, TimeUnit.SECONDS), "the deadline job ran");
            assertEquals(Map.of(), store.notices, "no notice made while the channels route is not there");

            outbox.ready = true;
            List<Notification> sent = outbox.sent.poll(10, TimeUnit.SECONDS);
            assertEquals(List.of("sato@acme.example"), sent.stream().map(Notification::address).toList(),
                    "the Critical due for automatic sending went to the channels");
            assertTrue(outbox.checks.tryAcquire(2, 10, TimeUnit.SECONDS), "checked again at its period");
        } finally {
            dispatcher.deactivate();
        }
        assertFalse(quartz.getJobs().keySet().stream().anyMatch(n -> n.startsWith("yagura-notify")),
                "removed on deactivate");
    }

    @Test
    void theDeadlineWatchRunsOnlyOnTheNodeHoldingItsDuty() throws Exception {
        Fakes.MemoryStore store = new Fakes.MemoryStore();
        NotificationDispatcher dispatcher = dispatcherWithADueCritical(store);
        RecordingOutbox outbox = new RecordingOutbox();
        outbox.ready = true;
        ManualDuties duties = new ManualDuties().lose(ClusterDuties.NOTIFY_DEADLINES);

        dispatcher.startJobs(quartz, duties, outbox, DEADLINES_NOW);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> duties.asked(ClusterDuties.NOTIFY_DEADLINES) >= 2);
            assertEquals(0, outbox.checks.availablePermits(), "skipped before looking at anything");
            assertEquals(Map.of(), store.notices, "another node holds the duty: no notice made here");

            duties.gain(ClusterDuties.NOTIFY_DEADLINES);
            List<Notification> sent = outbox.sent.poll(10, TimeUnit.SECONDS);
            assertEquals(List.of("sato@acme.example"), sent.stream().map(Notification::address).toList(),
                    "sent once this node took the duty over");
        } finally {
            dispatcher.deactivate();
        }
    }

    private static Properties quartz(int threads) {
        Properties p = new Properties();
        p.put("org.quartz.threadPool.threadCount", Integer.toString(threads));
        return p;
    }
}
