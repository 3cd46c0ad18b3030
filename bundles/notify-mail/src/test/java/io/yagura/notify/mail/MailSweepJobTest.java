package io.yagura.notify.mail;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.cluster.ClusterDuties;
import io.yagura.api.incident.IncidentStore;
import io.yagura.store.testing.ManualDuties;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.karaf.scheduler.core.QuartzScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sweep job "yagura-notify-mail-sweep" (once per gain of its cluster duty) on the real Karaf Scheduler (Quartz), without OSGi. */
class MailSweepJobTest {

    /** Jobs in memory, as Karaf's scheduler feature keeps them. */
    final QuartzScheduler quartz = new QuartzScheduler(quartz(2));
    /** Each look for pending notices is one permit. */
    final Semaphore sweeps = new Semaphore(0);

    @AfterEach
    void stopTheScheduler() {
        quartz.deactivate();
    }

    /** A store with no pending notice, that counts the sweeps asking for them. */
    private IncidentStore store() {
        return (IncidentStore) Proxy.newProxyInstance(IncidentStore.class.getClassLoader(),
                new Class<?>[] {IncidentStore.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "pendingNotifications" -> {
                        sweeps.release();
                        yield List.of();
                    }
                    case "toString" -> "store";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void theSweepRunsOnceEachTimeThisNodeGainsTheDutyAndTheJobLeavesWithTheNode() throws Exception {
        ManualDuties duties = new ManualDuties().lose(ClusterDuties.NOTIFY_MAIL_SWEEP);
        MailQueueRoute route = new MailQueueRoute(new MailChannelComponent(), store(), quartz, duties,
                Duration.ofSeconds(1));
        lookedTwiceMore(duties);
        assertFalse(sweeps.tryAcquire(), "another node holds the duty: no sweep here");

        duties.gain(ClusterDuties.NOTIFY_MAIL_SWEEP);
        assertTrue(sweeps.tryAcquire(10, TimeUnit.SECONDS), "swept once this node gained the duty");
        lookedTwiceMore(duties);
        assertFalse(sweeps.tryAcquire(), "and once only while it holds it");

        duties.lose(ClusterDuties.NOTIFY_MAIL_SWEEP).gain(ClusterDuties.NOTIFY_MAIL_SWEEP);
        assertTrue(sweeps.tryAcquire(10, TimeUnit.SECONDS), "a duty gained again is swept again: another node held it");
        route.deactivate();
        assertFalse(quartz.getJobs().containsKey("yagura-notify-mail-sweep"), "no job left behind");
    }

    private static void lookedTwiceMore(ManualDuties duties) {
        int asked = duties.asked(ClusterDuties.NOTIFY_MAIL_SWEEP);
        await().atMost(Duration.ofSeconds(10)).until(() -> duties.asked(ClusterDuties.NOTIFY_MAIL_SWEEP) >= asked + 2);
    }

    @Test
    void aNodeStoppedBeforeTheSweepRemovesItsJob() throws Exception {
        MailQueueRoute route = new MailQueueRoute(new MailChannelComponent(), store(), quartz, new ManualDuties(),
                Duration.ofHours(1));
        assertTrue(quartz.getJobs().containsKey("yagura-notify-mail-sweep"), quartz.getJobs().keySet()::toString);
        route.deactivate();
        assertFalse(quartz.getJobs().containsKey("yagura-notify-mail-sweep"), "removed on deactivate");
        assertFalse(sweeps.tryAcquire(), "never ran");
    }

    private static Properties quartz(int threads) {
        Properties p = new Properties();
        p.put("org.quartz.threadPool.threadCount", Integer.toString(threads));
        return p;
    }
}
