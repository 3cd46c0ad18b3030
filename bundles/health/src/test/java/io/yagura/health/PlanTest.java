package io.yagura.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.health.HealthSettings;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.ManagementEndpoint;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What is probed for a device: its settings over the defaults, its management port where it names an address. */
class PlanTest {

    private static final Timings DEFAULTS = Timings.of(Platform.config(Map.of()));

    private static Device device(String managementUrl) {
        Device d = new Device("acme-ips", "acme", "cisco-ips", "IPS", List.of("198.18.0.20"));
        return managementUrl == null ? d : d.withManagement(new ManagementEndpoint(managementUrl, "yagura", null, null, null));
    }

    @Test
    void byDefaultTheFirstAddressIsPingedAtTheDefaultInterval() {
        Plan p = Plan.of(device(null), null, DEFAULTS);
        assertEquals("198.18.0.20", p.address());
        assertTrue(p.ping());
        assertFalse(p.tcp(), "no port configured, no management URL");
        assertEquals(Duration.ofMinutes(3), p.interval());
        assertEquals(Duration.ofMinutes(30), p.silence());
    }

    @Test
    void theManagementUrlsPortIsProbedWhenItNamesAnAddress() {
        Plan https = Plan.of(device("https://198.18.0.21/cgi-bin/sdee-server"), null, DEFAULTS);
        assertEquals("198.18.0.21", https.tcpAddress());
        assertEquals(443, https.tcpPort(), "the scheme's port");
        assertEquals(8443, Plan.of(device("https://198.18.0.21:8443/api"), null, DEFAULTS).tcpPort());
        assertFalse(Plan.of(device("https://ips.acme.example/sdee"), null, DEFAULTS).tcp(), "a name is never resolved");
    }

    @Test
    void theDevicesSettingsWin() {
        HealthSettings s = new HealthSettings("acme-ips", "198.18.0.22", false, 22, Duration.ofSeconds(30),
                Duration.ZERO, "acme-rtr");
        Plan p = Plan.of(device("https://198.18.0.21/sdee"), s, DEFAULTS);
        assertEquals("198.18.0.22", p.address());
        assertFalse(p.ping());
        assertEquals("198.18.0.22", p.tcpAddress(), "the configured port is probed on the probed address");
        assertEquals(22, p.tcpPort());
        assertEquals(Duration.ofSeconds(30), p.interval());
        assertEquals(Duration.ZERO, p.silence(), "silence never reported");
        assertEquals("acme-rtr", p.upstream());
        assertEquals("no ICMP, tcp/22", p.describe());
        assertEquals(2, p.retries(), "not set: the default");
        assertEquals(Duration.ofMinutes(1), p.retryGap());
        assertEquals(Duration.ofMinutes(15), p.faultAfter());
        Plan own = Plan.of(device(null), new HealthSettings("acme-ips", null, null, null, null, null, null, 0,
                Duration.ofSeconds(20), Duration.ofMinutes(3)), DEFAULTS);
        assertEquals(0, own.retries());
        assertEquals(Duration.ofSeconds(20), own.retryGap());
        assertEquals(Duration.ofMinutes(3), own.faultAfter());
    }

    @Test
    void aDeviceWithPingOffAndNoPortIsNotProbed() {
        Plan p = Plan.of(device(null), new HealthSettings("acme-ips", null, false, null, null, null, null), DEFAULTS);
        assertFalse(p.probes());
        assertNull(p.tcpAddress());
    }
}
