package io.yagura.notify.mail;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.incident.IncidentStore;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.karaf.scheduler.core.QuartzScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The one-shot sweep job "yagura-notify-mail-sweep" on the real Karaf Scheduler (Quartz), without OSGi. */
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
    void theSweepRunsOnceAfterStartAndThenLeavesTheScheduler() throws Exception {
        MailQueueRoute route = new MailQueueRoute(new MailChannelComponent(), store(), quartz, Duration.ZERO);
        assertTrue(sweeps.tryAcquire(10, TimeUnit.SECONDS), "the sweep ran");
        route.deactivate();
        assertFalse(quartz.getJobs().containsKey("yagura-notify-mail-sweep"), "no job left behind");
        assertFalse(sweeps.tryAcquire(), "and it ran once");
    }

    @Test
    void aNodeStoppedBeforeTheSweepRemovesItsJob() throws Exception {
        MailQueueRoute route = new MailQueueRoute(new MailChannelComponent(), store(), quartz, Duration.ofHours(1));
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
