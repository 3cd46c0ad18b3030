package io.yagura.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.cluster.ClusterDuties;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.ManagementEndpoint;
import io.yagura.api.registry.Secret;
import io.yagura.store.JdbcPullCursors;
import io.yagura.store.testing.ManualDuties;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.apache.karaf.scheduler.Job;
import org.apache.karaf.scheduler.ScheduleOptions;
import org.apache.karaf.scheduler.Scheduler;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which devices get a job, at what period, and what happens when devices or plugins change (no OSGi, no Quartz). */
class PullSchedulerTest {

    @TempDir
    Path dir;
    RecordingScheduler scheduler;
    Fakes.FakeRegistry registry;
    FakeSensor sensor;
    Fakes.FakeBroker broker;
    PullScheduler pull;
    ManualDuties duties;

    static ManagementEndpoint endpoint(Duration interval) {
        return new ManagementEndpoint("https://192.0.2.20/cgi-bin/sdee-server", "viewer", Secret.of("s3cret"), interval, null);
    }

    static Device device(String id, String vendor, ManagementEndpoint m) {
        return new Device(id, "acme", vendor, "IPS", List.of("192.0.2." + (id.hashCode() & 0x7f))).withManagement(m);
    }

    @BeforeEach
    void setUp() {
        scheduler = new RecordingScheduler();
        registry = new Fakes.FakeRegistry();
        sensor = new FakeSensor();
        broker = new Fakes.FakeBroker();
        duties = new ManualDuties();
        pull = new PullScheduler(scheduler, registry, Fakes.cursors(), new Fakes.FakeCounters(),
                broker, duties, new Fakes.MutableClock());
        pull.bindPlugin(new Fakes.FakePlugin("cisco-ips", sensor));
        pull.bindPlugin(new Fakes.FakePlugin("cisco-asa", null)); // no pull connector
    }

    @Test
    void devicesWithAnEndpointAndAPullingPluginGetAJobAtTheirInterval() {
        registry.put(device("ips-1", "cisco-ips", endpoint(Duration.ofSeconds(10))));
        registry.put(device("ips-2", "cisco-ips", endpoint(null)));                       // default interval
        registry.put(device("ips-3", "cisco-ips", null));                                 // no endpoint
        registry.put(device("asa-1", "cisco-asa", endpoint(Duration.ofSeconds(10))));     // plugin cannot pull
        registry.put(device("x-1", "unknown-vendor", endpoint(Duration.ofSeconds(10))));  // no plugin
        pull.activate(config(30, true));
        assertEquals(Map.of(PullScheduler.REFRESH_JOB, 30L), scheduler.periods(), "only the refresh job before it first runs");
        scheduler.run(PullScheduler.REFRESH_JOB);
        assertEquals(Map.of("ips-1", 10L, "ips-2", 30L), pull.scheduled());
        assertEquals(10L, scheduler.periods().get("yagura-pull-ips-1"));
        assertFalse(scheduler.options.get("yagura-pull-ips-1").canRunConcurrently(), "one run at a time per device");
        assertEquals(-1, scheduler.options.get("yagura-pull-ips-1").times, "forever");
    }

    @Test
    void aJobPollsItsDevice() {
        registry.put(device("ips-1", "cisco-ips", endpoint(Duration.ofSeconds(10))));
        sensor.add(2);
        pull.activate(config(30, true));
        pull.reconcile();
        scheduler.run("yagura-pull-ips-1");
        assertEquals(2, broker.items.size());
    }

    /** A customer-site agent: every record into its forward queue, the device's address as source. */
    @Test
    void aConfiguredQueueTakesTheRecordsOfEveryDeviceInsteadOfTheVendorsQueue() {
        registry.put(device("ips-1", "cisco-ips", endpoint(Duration.ofSeconds(10))));
        sensor.add(2);
        pull.activate(config(30, true, "", "yagura.raw.unknown"));
        pull.reconcile();
        scheduler.run("yagura-pull-ips-1");
        assertEquals(List.of("yagura.raw.unknown <evIdsAlert eventId=\"1\"/>", "yagura.raw.unknown <evIdsAlert eventId=\"2\"/>"),
                broker.queued);
        assertEquals(List.of("ips-1:1", "ips-1:2"), broker.items.stream().map(EnvelopeSender.Item::duplicateId).toList());
        assertEquals(device("ips-1", "cisco-ips", null).addresses().get(0), broker.items.get(0).envelope().source());
    }

    @Test
    void changesInTheRegistryAreFollowed() {
        registry.put(device("ips-1", "cisco-ips", endpoint(Duration.ofSeconds(10))));
        pull.activate(config(30, true));
        pull.reconcile();
        scheduler.run("yagura-pull-ips-1"); // polled once: its connector holds a subscription

        registry.put(device("ips-1", "cisco-ips", endpoint(Duration.ofSeconds(60))));
        registry.put(device("ips-2", "cisco-ips", endpoint(Duration.ofSeconds(5))));
        pull.reconcile();
        assertEquals(Map.of("ips-1", 60L, "ips-2", 5L), pull.scheduled());
        assertEquals(60L, scheduler.periods().get("yagura-pull-ips-1"), "rescheduled at the new interval");
        assertEquals(List.of(), sensor.closed, "a new interval keeps the subscription");

        registry.removeDevice("ips-1");
        pull.reconcile();
        assertEquals(Map.of("ips-2", 5L), pull.scheduled());
        assertFalse(scheduler.jobs.containsKey("yagura-pull-ips-1"));
        assertEquals(List.of("ips-1"), sensor.closed.stream().map(t -> t.deviceId()).toList(), "the connector released the device");
    }

    @Test
    void aPluginThatGoesStopsItsDevicesAndOneThatComesStartsThem() {
        registry.put(device("ips-1", "cisco-ips", endpoint(Duration.ofSeconds(10))));
        pull.activate(config(30, true));
        pull.reconcile();
        Fakes.FakePlugin other = new Fakes.FakePlugin("cisco-ips", sensor);
        pull.unbindPlugin(other); // not the bound instance: nothing changes
        assertEquals(Map.of("ips-1", 10L), pull.scheduled());
        pull.bindPlugin(other);
        pull.unbindPlugin(other);
        assertEquals(Map.of(), pull.scheduled());
        pull.bindPlugin(new Fakes.FakePlugin("cisco-ips", sensor));
        assertEquals(Map.of("ips-1", 10L), pull.scheduled());
    }

    @Test
    void deactivationStopsEveryJobAndReleasesTheDevices() {
        registry.put(device("ips-1", "cisco-ips", endpoint(Duration.ofSeconds(10))));
        pull.activate(config(30, true));
        pull.reconcile();
        scheduler.run("yagura-pull-ips-1");
        pull.deactivate();
        assertEquals(Map.of(), scheduler.jobs);
        assertEquals(1, sensor.closed.size());
        pull.reconcile();
        assertEquals(Map.of(), scheduler.jobs, "nothing is scheduled once deactivated");
    }

    @Test
    void onlyTheNodeHoldingThePullDutyPollsAndANodeThatLosesItReleasesItsDevices() {
        registry.put(device("ips-1", "cisco-ips", endpoint(Duration.ofSeconds(10))));
        sensor.add(2);
        duties.lose(ClusterDuties.PULL);
        pull.activate(config(30, true));
        pull.reconcile();
        assertEquals(Map.of(), pull.scheduled(), "another node polls: no device job here");

        duties.gain(ClusterDuties.PULL);
        pull.reconcile();
        scheduler.run("yagura-pull-ips-1");
        assertEquals(2, broker.items.size(), "the holder polls");

        duties.lose(ClusterDuties.PULL);
        sensor.add(1);
        scheduler.run("yagura-pull-ips-1");
        assertEquals(2, broker.items.size(), "a poll after the duty was lost does nothing");
        pull.reconcile();
        assertEquals(Map.of(), pull.scheduled());
        assertEquals(List.of("ips-1"), sensor.closed.stream().map(t -> t.deviceId()).toList(),
                "the subscription is released for the new holder");
    }

    /** Two nodes on one database: the one that takes pull over reads on where the other stopped. */
    @Test
    void theNodeThatTakesThePullDutyOverReadsOnFromTheCursorTheOtherNodeStored() {
        DataSource database = Fakes.database();
        ManualDuties dutiesA = new ManualDuties();
        ManualDuties dutiesB = new ManualDuties().lose(ClusterDuties.PULL);
        RecordingScheduler schedulerA = new RecordingScheduler();
        RecordingScheduler schedulerB = new RecordingScheduler();
        PullScheduler nodeA = new PullScheduler(schedulerA, registry, Fakes.cursors(database), new Fakes.FakeCounters(), broker,
                dutiesA, new Fakes.MutableClock());
        PullScheduler nodeB = new PullScheduler(schedulerB, registry, Fakes.cursors(database), new Fakes.FakeCounters(), broker,
                dutiesB, new Fakes.MutableClock());
        for (PullScheduler node : List.of(nodeA, nodeB)) {
            node.bindPlugin(new Fakes.FakePlugin("cisco-ips", sensor));
            node.activate(config(30, true));
        }
        registry.put(device("ips-1", "cisco-ips", endpoint(Duration.ofSeconds(10))));
        sensor.add(3);
        nodeA.reconcile();
        nodeB.reconcile();
        schedulerA.run("yagura-pull-ips-1");

        dutiesA.lose(ClusterDuties.PULL); // node A dies; node B's lease renewal takes the duty
        dutiesB.gain(ClusterDuties.PULL);
        sensor.add(2);
        nodeB.reconcile();
        schedulerB.run("yagura-pull-ips-1");
        assertEquals(List.of("null", "3"), sensor.cursorsSeen, "node B asked from node A's last cursor");
        assertEquals(List.of("ips-1:1", "ips-1:2", "ips-1:3", "ips-1:4", "ips-1:5"),
                broker.items.stream().map(EnvelopeSender.Item::duplicateId).toList(), "nothing read twice, nothing skipped");
    }

    @Test
    void startingMovesTheCursorFileOfAnEarlierVersionIntoTheDatabase() throws Exception {
        Path file = dir.resolve("pull-cursors.properties");
        Files.writeString(file, "ips-1=2\n");
        JdbcPullCursors cursors = Fakes.cursors();
        pull = new PullScheduler(scheduler, registry, cursors, new Fakes.FakeCounters(), broker, duties, new Fakes.MutableClock());
        pull.bindPlugin(new Fakes.FakePlugin("cisco-ips", sensor));
        pull.activate(config(30, true, file.toString()));
        assertEquals("2", cursors.get("ips-1"));
        assertFalse(Files.exists(file), "moved once");

        registry.put(device("ips-1", "cisco-ips", endpoint(Duration.ofSeconds(10))));
        sensor.add(3);
        pull.reconcile();
        scheduler.run("yagura-pull-ips-1");
        assertEquals(List.of("ips-1:3"), broker.items.stream().map(EnvelopeSender.Item::duplicateId).toList(),
                "read on from the file's cursor");
    }

    @Test
    void disabledMeansNothingIsScheduled() {
        registry.put(device("ips-1", "cisco-ips", endpoint(Duration.ofSeconds(10))));
        pull.activate(config(30, false));
        pull.reconcile();
        assertEquals(Map.of(), scheduler.jobs);
    }

    @Test
    void periodsAreWholeSecondsWithinBounds() {
        PullConfig c = config(30, true);
        assertEquals(30, PullScheduler.periodSeconds(null, c));
        assertEquals(30, PullScheduler.periodSeconds(Duration.ZERO, c));
        assertEquals(2, PullScheduler.periodSeconds(Duration.ofMillis(1500), c));
        assertEquals(3600, PullScheduler.periodSeconds(Duration.ofHours(1), c));
        assertTrue(PullScheduler.periodSeconds(Duration.ofDays(30), c) <= 24 * 3600);
    }

    /** A Karaf Scheduler that records what it is asked and runs a job on demand. */
    static final class RecordingScheduler implements Scheduler {
        final Map<String, Job> jobs = new ConcurrentHashMap<>();
        final Map<String, Options> options = new ConcurrentHashMap<>();

        Map<String, Long> periods() {
            Map<String, Long> out = new java.util.TreeMap<>();
            options.forEach((name, o) -> {
                if (jobs.containsKey(name)) {
                    out.put(name, o.period);
                }
            });
            return out;
        }

        void run(String name) {
            jobs.get(name).execute(null);
        }

        @Override
        public void schedule(Object job, ScheduleOptions o) {
            jobs.put(o.name(), (Job) job);
            options.put(o.name(), (Options) o);
        }

        @Override
        public void reschedule(String name, ScheduleOptions o) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean unschedule(String name) {
            return jobs.remove(name) != null;
        }

        @Override
        public Map<String, ScheduleOptions> getJobs() {
            return Map.copyOf(options);
        }

        @Override
        public boolean trigger(String name) {
            run(name);
            return true;
        }

        @Override
        public ScheduleOptions NOW() {
            return new Options(1, 0);
        }

        @Override
        public ScheduleOptions NOW(int times, long period) {
            return new Options(times, period);
        }

        @Override
        public ScheduleOptions AT(Date date) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ScheduleOptions AT(Date date, int times, long period) {
            throw new UnsupportedOperationException();
        }

        @Override
        public ScheduleOptions EXPR(String expression) {
            throw new UnsupportedOperationException();
        }
    }

    static final class Options implements ScheduleOptions {
        private static final long serialVersionUID = 1L;
        final int times;
        final long period;
        String name;
        boolean concurrent = true;

        Options(int times, long period) {
            this.times = times;
            this.period = period;
        }

        @Override
        public ScheduleOptions config(Map<String, Serializable> config) {
            return this;
        }

        @Override
        public ScheduleOptions name(String n) {
            name = n;
            return this;
        }

        @Override
        public ScheduleOptions canRunConcurrently(boolean flag) {
            concurrent = flag;
            return this;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean canRunConcurrently() {
            return concurrent;
        }

        @Override
        public String schedule() {
            return "NOW(" + times + "," + period + ")";
        }
    }

    static PullConfig config(int defaultInterval, boolean enabled) {
        return config(defaultInterval, enabled, "");
    }

    static PullConfig config(int defaultInterval, boolean enabled, String cursorFile) {
        return PullTesting.config(defaultInterval, enabled, cursorFile, "");
    }

    static PullConfig config(int defaultInterval, boolean enabled, String cursorFile, String queue) {
        return PullTesting.config(defaultInterval, enabled, cursorFile, queue);
    }
}
