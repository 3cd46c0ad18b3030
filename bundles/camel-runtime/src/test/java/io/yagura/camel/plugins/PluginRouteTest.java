package io.yagura.camel.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.yagura.api.event.RawEnvelope;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseContext;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.ManagementEndpoint;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class PluginRouteTest {

    @Test
    void everyEventIsStampedWithWhereItsLineCameFromAndWhoParsedIt() {
        RawEnvelope envelope = new RawEnvelope(1_700_000_000_000L, "192.0.2.10", "udp:5514", "dev-1", "cust-42",
                "some-vendor", false, "the raw line");
        SecurityEvent e = PluginRoute.stamp(new SecurityEvent(), envelope, "some-vendor");
        assertEquals("cust-42", e.get("customer.id"), "customer.id");
        assertEquals("dev-1", e.get("device.id"), "device.id");
        assertEquals("192.0.2.10", e.get("yagura.received_from"), "yagura.received_from");
        assertEquals("udp:5514", e.get("yagura.listener"), "yagura.listener");
        assertEquals("2023-11-14T22:13:20Z", e.get("event.ingested"), "event.ingested");
        assertEquals("the raw line", e.get("event.original"), "event.original");
        assertEquals("some-vendor", e.get("yagura.plugin"), "yagura.plugin");
    }

    @Test
    void aParserLearnsTheDeviceZoneAndVersionFromTheRegistry() {
        Device device = new Device("fw1", "acme", "paloalto", "PA-3220", List.of("192.0.2.1"), "10.1",
                ZoneId.of("Asia/Tokyo"), (ManagementEndpoint) null);
        assertEquals(new ParseContext(ZoneId.of("Asia/Tokyo"), "10.1"), PluginHost.contextOf(device));
        Device plain = new Device("fw2", "acme", "paloalto", "PA-3220", List.of("192.0.2.2"));
        assertEquals(ParseContext.DEFAULT, PluginHost.contextOf(plain), "no zone set: UTC");
    }
}
