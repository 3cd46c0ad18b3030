package io.yagura.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.registry.Device;
import io.yagura.store.JdbcPullCursors;
import io.yagura.store.testing.ManualDuties;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.karaf.scheduler.core.QuartzScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pull scheduling on the real Karaf Scheduler (Quartz, as feature "scheduler" runs it), without OSGi. */
class KarafSchedulerPullTest {

    QuartzScheduler quartz;

    @BeforeEach
    void start() {
        quartz = PullTesting.quartz("yagura-pull-test");
    }

    @AfterEach
    void stop() {
        quartz.deactivate();
    }

    /** A device at a 1 s interval is polled again and again, never twice at once, even when a poll outlasts the interval. */
    @Test
    void aDeviceIsPolledPeriodicallyOneRunAtATime() throws Exception {
        Fakes.FakeRegistry registry = new Fakes.FakeRegistry();
        Device ips = PullSchedulerTest.device("ips-1", "cisco-ips", PullSchedulerTest.endpoint(Duration.ofSeconds(1)));
        registry.put(ips);
        FakeSensor sensor = new FakeSensor();
        sensor.add(3);
        Fakes.FakeBroker broker = new Fakes.FakeBroker();
        JdbcPullCursors cursors = Fakes.cursors();
        PullScheduler pull = new PullScheduler(quartz, registry, cursors, new Fakes.FakeCounters(), broker, new ManualDuties(),
                Clock.systemUTC());
        pull.bindPlugin(new Fakes.FakePlugin("cisco-ips", sensor));
        sensor.pulled = new CountDownLatch(3);
        sensor.hold = new CountDownLatch(1); // the first poll outlasts several periods
        pull.activate(PullSchedulerTest.config(30, true));
        try {
            assertTrue(sensor.entered.await(10, TimeUnit.SECONDS), "the refresh job scheduled the device and it ran");
            assertTrue(quartz.getJobs().containsKey("yagura-pull-ips-1"));
            sensor.hold.countDown();
            assertTrue(sensor.pulled.await(15, TimeUnit.SECONDS), "polled again at its interval");
            assertEquals(1, sensor.maxInside.get(), "never two polls of the device at once");
            assertEquals(List.of("ips-1:1", "ips-1:2", "ips-1:3"), broker.items.stream().map(EnvelopeSender.Item::duplicateId).toList());
            assertEquals("3", cursors.get("ips-1"));
        } finally {
            pull.deactivate();
        }
        assertTrue(quartz.getJobs().keySet().stream().noneMatch(n -> n.startsWith("yagura-pull")), quartz.getJobs().keySet()::toString);
    }
}
