package io.yagura.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.cluster.ClusterDuties;
import io.yagura.api.health.LastLogStore;
import io.yagura.store.testing.ManualDuties;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.karaf.scheduler.core.QuartzScheduler;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A node's log arrivals recorded in the database: throttled, shared by the nodes, never going back. */
class LogArrivalsTest {

    private static final Instant T0 = Instant.parse("2026-12-06T03:00:00Z");

    /** The real store, with the recordings it was asked for counted (and a switch to make it fail). */
    static final class CountedStore implements LastLogStore {
        final LastLogStore store;
        final List<Map<String, Instant>> recordings = new ArrayList<>();
        final AtomicBoolean down = new AtomicBoolean();

        CountedStore(LastLogStore store) {
            this.store = store;
        }

        @Override
        public void record(String nodeId, Map<String, Instant> arrivals) {
            if (down.get()) {
                throw new IllegalStateException("store: Connection refused");
            }
            recordings.add(Map.copyOf(arrivals));
            store.record(nodeId, arrivals);
        }

        @Override
        public Optional<Instant> lastLog(String deviceId) {
            return store.lastLog(deviceId);
        }

        @Override
        public Map<String, Instant> all() {
            return store.all();
        }

        @Override
        public void remove(String deviceId) {
            store.remove(deviceId);
        }
    }

    @Test
    void tenThousandLinesInAPeriodAreOneWritePerDevice() throws Exception {
        Platform platform = new Platform();
        CountedStore store = new CountedStore(platform.lastLogs);
        LogArrivals node = new LogArrivals(store, "node-a");
        for (int line = 0; line < 10_000; line++) {
            node.received("fw-" + (line % 3), T0.plusMillis(line));
        }
        assertEquals(3, node.record(), "one write per device");
        assertEquals(List.of(Map.of("fw-0", T0.plusMillis(9999), "fw-1", T0.plusMillis(9997), "fw-2", T0.plusMillis(9998))),
                store.recordings, "in one batch, each device's latest line");
        assertEquals(0, node.record(), "nothing new: nothing written");
        assertEquals(1, store.recordings.size());

        node.received("fw-1", T0.plusSeconds(30));
        assertEquals(1, node.record(), "only the device that moved");
        assertEquals(Map.of("fw-1", T0.plusSeconds(30)), store.recordings.get(1));
    }

    @Test
    void twoNodesRecordingTheCheckerSeesTheNewest() throws Exception {
        Platform platform = new Platform();
        LogArrivals nodeA = new LogArrivals(platform.lastLogs, "node-a");
        LogArrivals nodeB = new LogArrivals(platform.lastLogs, "node-b");
        LogArrivals checker = new LogArrivals(platform.lastLogs, "node-c"); // receives nothing itself
        nodeA.received("fw-1", T0.plusSeconds(50));
        nodeB.received("fw-1", T0.plusSeconds(20));
        nodeB.received("fw-2", T0.plusSeconds(10));
        nodeA.record();
        nodeB.record(); // later, with older arrivals: they do not win
        assertEquals(Map.of("fw-1", T0.plusSeconds(50), "fw-2", T0.plusSeconds(10)), checker.newest());

        nodeB.received("fw-1", T0.plusSeconds(80));
        nodeB.record();
        assertEquals(T0.plusSeconds(80), checker.newest().get("fw-1"), "node B's newer line");
        assertEquals(T0.plusSeconds(80), nodeA.newest().get("fw-1"), "node A too sees the newest, not its own");

        nodeA.forget("fw-1");
        assertEquals(Map.of("fw-2", T0.plusSeconds(10)), checker.newest(), "a device that left the registry is gone");
    }

    @Test
    void aDatabaseThatDoesNotAnswerKeepsTheArrivalsForTheNextRecording() throws Exception {
        Platform platform = new Platform();
        CountedStore store = new CountedStore(platform.lastLogs);
        LogArrivals node = new LogArrivals(store, "node-a");
        node.received("fw-1", T0);
        store.down.set(true);
        assertEquals(0, node.record());
        assertEquals(0, node.record(), "said once in the log, tried again every period");
        store.down.set(false);
        assertEquals(1, node.record(), "written once the database answers");
        assertEquals(Optional.of(T0), platform.lastLogs.lastLog("fw-1"));
    }

    /** The job on the real Karaf Scheduler, on a node that does not hold health-check. */
    @Test
    void aNodeWithoutTheHealthDutyRecordsItsArrivalsEveryPeriod() throws Exception {
        Platform platform = new Platform();
        platform.device("acme-fw1", "198.18.0.2");
        Properties p = new Properties();
        p.put("org.quartz.threadPool.threadCount", "2");
        QuartzScheduler quartz = new QuartzScheduler(p);
        ManualDuties duties = new ManualDuties().lose(ClusterDuties.HEALTH_CHECK);
        HealthService service = platform.service(quartz, duties, Platform.config(Map.of("log_record_seconds", 1,
                "check_period_seconds", 3600)));
        try {
            assertTrue(quartz.getJobs().containsKey(HealthService.RECORD_JOB), quartz.getJobs().keySet().toString());
            service.received("acme-fw1", T0);
            Awaitility.await().atMost(Duration.ofSeconds(20))
                    .until(() -> platform.lastLogs.lastLog("acme-fw1").equals(Optional.of(T0)));
            service.received("acme-fw1", T0.plusSeconds(1));
            service.deactivate();
            assertEquals(Optional.of(T0.plusSeconds(1)), platform.lastLogs.lastLog("acme-fw1"),
                    "a node that stops records what arrived since the last period");
        } finally {
            service.deactivate();
            quartz.deactivate();
        }
    }
}
