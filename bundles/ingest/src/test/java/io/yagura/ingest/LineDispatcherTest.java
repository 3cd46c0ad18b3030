package io.yagura.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.event.RawEnvelope;
import io.yagura.api.metrics.Metric;
import io.yagura.api.plugin.DeviceType;
import io.yagura.api.plugin.LogParser;
import io.yagura.api.plugin.ParseResult;
import io.yagura.api.plugin.VendorPlugin;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.metrics.CountersService;
import io.yagura.registry.DeviceRegistryService;
import io.yagura.registry.MemoryRegistryRepository;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LineDispatcherTest {

    private static final String ASA = "%ASA-4-106023: Deny tcp src outside:203.0.113.5/4455 dst inside:10.0.0.1/22";


    private DeviceRegistryService registry;
    private final CountersService counters = new CountersService();
    private final List<VendorPlugin> plugins = new CopyOnWriteArrayList<>();
    private LineDispatcher dispatcher;

    /** A plugin whose probe recognises lines by a marker; enough for routing decisions. */
    private static VendorPlugin pluginRecognising(String id, String marker) {
        return plugin(id, marker, false);
    }

    private static VendorPlugin plugin(String id, String marker, boolean buggyProbe) {
        return new VendorPlugin() {
            public String vendorId() {
                return id;
            }

            public String vendorName() {
                return id;
            }

            public Set<String> products() {
                return Set.of(id);
            }

            public Set<DeviceType> deviceTypes() {
                return Set.of(DeviceType.FIREWALL);
            }

            public boolean probe(String line) {
                if (buggyProbe) {
                    throw new IllegalStateException("buggy probe");
                }
                return line.contains(marker);
            }

            public LogParser parser() {
                return (e, context) -> ParseResult.ignored("test");
            }
        };
    }

    @BeforeEach
    void setUp() throws Exception {
        registry = new DeviceRegistryService(new MemoryRegistryRepository());
        registry.putCustomer(new Customer("acme", "ACME", List.of("10.0.0.0/8")));
        registry.putDevice(new Device("acme-fw1", "acme", "cisco-asa", "ASA", List.of("192.0.2.10")));
        dispatcher = new LineDispatcher(registry, counters, plugins);
    }

    private static Frame frame(String s) {
        return new Frame(s.getBytes(StandardCharsets.UTF_8), false);
    }

    @Test
    void registeredSourceGoesToItsVendorsQueueWithDeviceAndCustomer() {
        LineDispatcher.Routed r = dispatcher.dispatch(frame(ASA), "192.0.2.10", "tcp:5514", 42L);
        assertEquals("yagura.raw.cisco-asa", r.queue());
        RawEnvelope e = r.envelope();
        assertEquals("acme-fw1", e.deviceId(), "device.id");
        assertEquals("acme", e.customerId(), "customer.id");
        assertEquals("tcp:5514", e.listener());
        assertEquals(42L, e.receivedAt());
        assertEquals(ASA, e.raw());
        assertFalse(e.autoDetected());
    }

    @Test
    void everyLineOfARegisteredDeviceIsReportedToDeviceHealthAndNothingElseIs() {
        List<String> seen = new java.util.ArrayList<>();
        LineDispatcher tapped = new LineDispatcher(registry, counters, plugins,
                (deviceId, at) -> seen.add(deviceId + "@" + at.toEpochMilli()));
        tapped.dispatch(frame(ASA), "192.0.2.10", "tcp:5514", 1000L);
        tapped.dispatch(new Frame(new byte[65536], true), "192.0.2.10", "tcp:5514", 2000L);
        tapped.dispatch(frame(ASA), "198.51.100.9", "udp:5514", 3000L);
        assertEquals(List.of("acme-fw1@1000", "acme-fw1@2000"), seen,
                "the device's lines (an oversized one too) count as log activity; an unregistered source's do not");
    }

    @Test
    void unknownSourceRecognisedByAProbeIsAutoDetected() {
        plugins.add(pluginRecognising("cisco-asa", "%ASA-"));
        LineDispatcher.Routed r = dispatcher.dispatch(frame(ASA), "198.51.100.9", "udp:5514", 1L);
        assertEquals("yagura.raw.cisco-asa", r.queue());
        assertTrue(r.envelope().autoDetected(), "auto-detected flag");
        assertNull(r.envelope().customerId(), "no customer for an unregistered source");
        assertEquals(1L, counters.counter(Metric.SCOPE_INGEST, "cisco-asa", Metric.AUTO_DETECTED).sum());
    }

    @Test
    void unknownSourceNobodyRecognisesWaitsInTheUnknownQueue() {
        plugins.add(pluginRecognising("cisco-asa", "%ASA-"));
        LineDispatcher.Routed r = dispatcher.dispatch(frame("<13>Jan  1 00:00:00 host something else"),
                "198.51.100.9", "udp:5514", 1L);
        assertEquals("yagura.raw.unknown", r.queue());
        assertEquals(1L, counters.counter(Metric.SCOPE_INGEST, "all", Metric.UNKNOWN_SOURCE).sum());
    }

    @Test
    void aThrowingProbeDoesNotStopIngestion() {
        plugins.add(plugin("broken", "never", true));
        plugins.add(pluginRecognising("cisco-asa", "%ASA-"));
        LineDispatcher.Routed r = dispatcher.dispatch(frame("boom " + ASA), "198.51.100.9", "udp:5514", 1L);
        assertEquals("yagura.raw.cisco-asa", r.queue());
    }

    @Test
    void oversizedLineIsDeadLetteredWithTheReason() {
        LineDispatcher.Routed r = dispatcher.dispatch(new Frame(new byte[65536], true), "192.0.2.10", "tcp:5514", 1L);
        assertEquals("yagura.deadletter", r.queue());
        assertNotNull(r.deadLetter());
        assertTrue(r.deadLetter().reason().startsWith("oversized"), r.deadLetter().reason());
        assertEquals("acme-fw1", r.deadLetter().envelope().deviceId(), "the device is still named");
    }

    @Test
    void replayAfterRegistrationRoutesToTheDevicesVendor() throws Exception {
        LineDispatcher.Routed first = dispatcher.dispatch(frame("mystery"), "198.51.100.20", "udp:5514", 1L);
        assertEquals("yagura.raw.unknown", first.queue());
        registry.putDevice(new Device("new-fw", "acme", "cisco-asa", "ASA", List.of("198.51.100.20")));
        LineDispatcher.Routed again = dispatcher.redispatch(first.envelope());
        assertEquals("yagura.raw.cisco-asa", again.queue());
        assertEquals("new-fw", again.envelope().deviceId());
    }

    @Test
    void invalidUtf8IsKeptAsReplacementCharactersNotDropped() {
        byte[] bad = {'%', 'A', 'S', 'A', (byte) 0xC3, (byte) 0x28};
        LineDispatcher.Routed r = dispatcher.dispatch(new Frame(bad, false), "192.0.2.10", "udp:5514", 1L);
        assertTrue(r.envelope().raw().startsWith("%ASA"));
        assertEquals("yagura.raw.cisco-asa", r.queue());
    }
}
