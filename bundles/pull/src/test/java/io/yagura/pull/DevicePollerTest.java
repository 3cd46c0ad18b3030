package io.yagura.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.event.RawEnvelope;
import io.yagura.api.ingest.PullCursors;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.ManagementEndpoint;
import io.yagura.api.registry.Secret;
import io.yagura.store.JdbcPullCursors;
import java.io.IOException;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DevicePollerTest {

    static final ManagementEndpoint ENDPOINT = new ManagementEndpoint("https://192.0.2.20/cgi-bin/sdee-server", "viewer",
            Secret.of("s3cret"), Duration.ofSeconds(30), null);
    static final Device DEVICE = new Device("ips-1", "acme", "cisco-ips", "IPS 4345", List.of("192.0.2.20"))
            .withManagement(ENDPOINT);

    FakeSensor sensor;
    Fakes.FakeBroker broker;
    Fakes.FakeCounters counters;
    Fakes.MutableClock clock;
    DataSource database;
    JdbcPullCursors cursors;
    Fakes.FakeRegistry registry;

    @BeforeEach
    void setUp() {
        sensor = new FakeSensor();
        broker = new Fakes.FakeBroker();
        counters = new Fakes.FakeCounters();
        clock = new Fakes.MutableClock();
        database = Fakes.database();
        cursors = Fakes.cursors(database);
        registry = new Fakes.FakeRegistry();
        registry.put(DEVICE);
    }

    DevicePoller poller(DevicePoller.Settings settings) {
        return new DevicePoller("ips-1", registry::device, vendor -> vendor.equals("cisco-ips") ? Optional.of(sensor) : Optional.empty(),
                broker, cursors, counters, clock, settings);
    }

    DevicePoller poller() {
        return poller(new DevicePoller.Settings(20, 3, Duration.ofMinutes(120)));
    }

    @Test
    void recordsAreQueuedAsEnvelopesOfTheDeviceThenTheCursorIsStored() {
        sensor.add(3);
        broker.beforeSend = () -> assertEquals(null, cursors.get("ips-1"), "the cursor moves only after the records are queued");
        poller().run();
        assertEquals(3, broker.items.size());
        EnvelopeSender.Item first = broker.items.get(0);
        RawEnvelope e = first.envelope();
        assertEquals("192.0.2.20", e.source());
        assertEquals("pull:ips-1", e.listener());
        assertEquals("ips-1", e.deviceId());
        assertEquals("acme", e.customerId());
        assertEquals("cisco-ips", e.vendor());
        assertFalse(e.autoDetected());
        assertEquals(clock.millis(), e.receivedAt());
        assertEquals("<evIdsAlert eventId=\"1\"/>", e.raw());
        assertEquals("ips-1:1", first.duplicateId());
        assertTrue(broker.queued.get(0).startsWith("yagura.raw.cisco-ips "));
        assertEquals("3", cursors.get("ips-1"));
        assertEquals(3, counters.get("ips-1", "records"));
        assertEquals(1, counters.get("ips-1", "polls"));
        assertEquals(0, counters.get("ips-1", "failures"));
    }

    /** On a customer-site agent: one forward queue for every record; the rest of the envelope as at the centre. */
    @Test
    void withAConfiguredQueueTheRecordsGoThereWithTheDeviceAddressAsSource() {
        sensor.add(2);
        poller(new DevicePoller.Settings(20, 3, Duration.ofMinutes(120), "yagura.raw.unknown")).run();
        assertEquals(List.of("yagura.raw.unknown <evIdsAlert eventId=\"1\"/>", "yagura.raw.unknown <evIdsAlert eventId=\"2\"/>"),
                broker.queued);
        RawEnvelope e = broker.items.get(1).envelope();
        assertEquals("192.0.2.20", e.source());
        assertEquals("pull:ips-1", e.listener());
        assertEquals("ips-1:2", broker.items.get(1).duplicateId());
        assertEquals("2", cursors.get("ips-1"));
    }

    @Test
    void aBlankQueueSettingMeansTheVendorsRawQueue() {
        assertEquals("yagura.raw.cisco-ips", new DevicePoller.Settings(1, 3, Duration.ZERO, " ").queueOf("cisco-ips"));
        assertEquals("yagura.raw.cisco-ips", new DevicePoller.Settings(1, 3, Duration.ZERO).queueOf("cisco-ips"));
    }

    /** After a restart, or on the node that took the duty pull over: the cursor is the database's. */
    @Test
    void theNextRunStartsAtTheStoredCursorAfterARestartOrOnAnotherNode() {
        sensor.add(2);
        poller().run();
        sensor.add(2);
        DevicePoller otherNode = new DevicePoller("ips-1", registry::device, v -> Optional.of(sensor), broker,
                Fakes.cursors(database), counters, clock, new DevicePoller.Settings(20, 3, Duration.ZERO));
        otherNode.run();
        assertEquals(List.of("null", "2"), sensor.cursorsSeen);
        assertEquals(List.of("ips-1:1", "ips-1:2", "ips-1:3", "ips-1:4"), broker.items.stream().map(EnvelopeSender.Item::duplicateId).toList());
    }

    @Test
    void aDeviceHoldingMoreIsAskedAgainAtOnceUpToTheLimit() {
        sensor.batchSize = 2;
        sensor.add(9);
        poller(new DevicePoller.Settings(3, 3, Duration.ZERO)).run();
        assertEquals(6, broker.items.size(), "three batches of two in one run");
        assertEquals("6", cursors.get("ips-1"));
        poller(new DevicePoller.Settings(3, 3, Duration.ZERO)).run();
        assertEquals(9, broker.items.size());
    }

    /** The broker was down: nothing moves; the next run queues everything once. */
    @Test
    void aFailedSendKeepsTheCursorAndTheNextRunQueuesEachRecordOnce() {
        sensor.add(3);
        broker.failAtItem = 1; // the first record goes through, then the broker fails
        DevicePoller p = poller();
        p.run();
        assertEquals(null, cursors.get("ips-1"));
        assertEquals(1, counters.get("ips-1", "failures"));
        assertEquals(1, broker.items.size());
        p.run();
        assertEquals(List.of("ips-1:1", "ips-1:2", "ips-1:3"), broker.items.stream().map(EnvelopeSender.Item::duplicateId).toList());
        assertEquals("3", cursors.get("ips-1"));
    }

    /** A crash between queueing and storing the cursor: the repeated poll adds nothing twice. */
    @Test
    void aCursorThatCouldNotBeStoredMeansARepeatedPollThatAddsNothingTwice() {
        sensor.add(2);
        PullCursors refusing = new PullCursors() { // the database refuses writes, reads still work
            @Override
            public String get(String deviceId) {
                return cursors.get(deviceId);
            }

            @Override
            public void put(String deviceId, String cursor) throws IOException {
                throw new IOException("the cursor of device " + deviceId + " was not stored: connection reset");
            }

            @Override
            public void remove(String deviceId) throws IOException {
                throw new IOException("not removed");
            }

            @Override
            public Map<String, String> all() {
                return cursors.all();
            }
        };
        DevicePoller p = new DevicePoller("ips-1", registry::device, v -> Optional.of(sensor), broker, refusing, counters, clock,
                new DevicePoller.Settings(20, 3, Duration.ZERO));
        p.run();
        assertEquals(null, cursors.get("ips-1"), "the failed write left no cursor behind");
        assertEquals(1, counters.get("ips-1", "failures"));
        sensor.add(1);
        poller().run(); // the store works again (same cursor as before: none)
        assertEquals(List.of("ips-1:1", "ips-1:2", "ips-1:3"), broker.items.stream().map(EnvelopeSender.Item::duplicateId).toList());
        assertEquals(3, broker.queued.size());
    }

    /** Without its cursor a poll would start from "now" and skip records: it fails and is tried again. */
    @Test
    void aCursorThatCannotBeReadIsAFailedPollThatAsksTheDeviceNothing() throws Exception {
        sensor.add(2);
        cursors.put("ips-1", "1");
        try (Connection c = database.getConnection(); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE pull_cursor RENAME TO pull_cursor_away");
        }
        poller().run();
        assertEquals(List.of(), sensor.cursorsSeen, "the device was not asked");
        assertEquals(1, counters.get("ips-1", "failures"));
        try (Connection c = database.getConnection(); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE pull_cursor_away RENAME TO pull_cursor");
        }
        poller().run();
        assertEquals(List.of("1"), sensor.cursorsSeen, "read on from the stored cursor once the database answers");
        assertEquals(List.of("ips-1:2"), broker.items.stream().map(EnvelopeSender.Item::duplicateId).toList());
    }

    @Test
    void aDeviceFailingRepeatedlyIsSilentOnceAndRecoversOnce() {
        DevicePoller p = poller();
        sensor.failNext = 5;
        for (int i = 0; i < 2; i++) {
            p.run();
        }
        assertFalse(p.silent());
        for (int i = 0; i < 3; i++) {
            p.run();
        }
        assertTrue(p.silent());
        assertEquals(1, counters.get("ips-1", "silent"), "declared silent once");
        assertEquals(5, counters.get("ips-1", "failures"));
        p.run();
        assertFalse(p.silent());
        p.run();
        assertEquals(1, counters.get("ips-1", "recovered"));
        assertEquals(1, counters.get("ips-1", "silent"));
    }

    @Test
    void aDeviceWithoutRecordsForTooLongIsSilentUntilRecordsComeAgain() {
        DevicePoller p = poller(new DevicePoller.Settings(20, 3, Duration.ofMinutes(60)));
        p.run();
        clock.advance(Duration.ofMinutes(59));
        p.run();
        assertFalse(p.silent());
        clock.advance(Duration.ofMinutes(1));
        p.run();
        p.run();
        assertTrue(p.silent());
        assertEquals(1, counters.get("ips-1", "silent"));
        sensor.add(1);
        p.run();
        assertFalse(p.silent());
        assertEquals(1, counters.get("ips-1", "recovered"));
    }

    @Test
    void twoRunsOfOneDeviceNeverOverlap() throws Exception {
        sensor.add(1);
        sensor.hold = new CountDownLatch(1);
        DevicePoller p = poller();
        Thread first = new Thread(p::run);
        first.start();
        assertTrue(sensor.entered.await(10, TimeUnit.SECONDS));
        p.run(); // finds the first still going
        assertEquals(1, sensor.pulls.get());
        sensor.hold.countDown();
        first.join(10_000);
        assertFalse(first.isAlive());
        assertEquals(1, sensor.maxInside.get());
        assertEquals(1, broker.items.size());
    }

    @Test
    void aRemovedDeviceOrAMissingPluginIsNotPolled() {
        DevicePoller gone = new DevicePoller("ips-9", registry::device, v -> Optional.of(sensor), broker, cursors, counters, clock,
                new DevicePoller.Settings(20, 3, Duration.ZERO));
        gone.run();
        DevicePoller noPlugin = new DevicePoller("ips-1", registry::device, v -> Optional.empty(), broker, cursors, counters, clock,
                new DevicePoller.Settings(20, 3, Duration.ZERO));
        noPlugin.run();
        assertEquals(0, sensor.pulls.get());
        assertEquals(0, counters.get("ips-1", "failures"));
    }

    @Test
    void theSourceIsTheDeviceAddressElseTheManagementHost() {
        assertEquals("192.0.2.20", DevicePoller.source(DEVICE));
        Device noAddress = new Device("ips-2", "acme", "cisco-ips", "IPS", List.of()).withManagement(
                new ManagementEndpoint("https://[2001:db8::20]:8443/cgi-bin/sdee-server", "u", Secret.NONE, null, null));
        assertEquals("2001:db8::20", DevicePoller.source(noAddress));
    }
}
