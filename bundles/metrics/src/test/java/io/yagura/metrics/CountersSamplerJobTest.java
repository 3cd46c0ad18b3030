package io.yagura.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.karaf.scheduler.core.QuartzScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sampler job "yagura-metrics-sampler" on the real Karaf Scheduler (Quartz), without OSGi. */
class CountersSamplerJobTest {

    /** Jobs in memory, as Karaf's scheduler feature keeps them. */
    final QuartzScheduler quartz = new QuartzScheduler(quartz(2));

    @AfterEach
    void stopTheScheduler() {
        quartz.deactivate();
    }

    @Test
    void ratesComeFromReadingsTakenAtEachPeriodUntilDeactivated() throws Exception {
        Semaphore readings = new Semaphore(0);
        CountersService counters = new CountersService(quartz, 1) {
            @Override
            void sample() {
                super.sample();
                readings.release();
            }
        };
        counters.counter("listener", "udp:5514", "received").add(10);
        assertEquals(0.0, counters.ratePerSecond("listener", "udp:5514", "received"), "no reading yet");
        counters.activate();
        try {
            assertTrue(quartz.getJobs().containsKey("yagura-metrics-sampler"), quartz.getJobs().keySet()::toString);
            assertTrue(readings.tryAcquire(10, TimeUnit.SECONDS), "a first reading");
            counters.counter("listener", "udp:5514", "received").add(50);
            assertTrue(readings.tryAcquire(10, TimeUnit.SECONDS), "a second reading a period later");
            assertTrue(counters.ratePerSecond("listener", "udp:5514", "received") > 0, "a rate from the two readings");
        } finally {
            counters.deactivate();
        }
        assertFalse(quartz.getJobs().containsKey("yagura-metrics-sampler"), "removed on deactivate");
        assertEquals(60L, counters.snapshot().get("listener").get("udp:5514").get("received"));
    }

    private static Properties quartz(int threads) {
        Properties p = new Properties();
        p.put("org.quartz.threadPool.threadCount", Integer.toString(threads));
        return p;
    }
}
