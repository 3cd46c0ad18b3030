package io.yagura.plugin.ciscoasa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.yagura.api.plugin.DeviceType;
import io.yagura.api.plugin.ParseResult;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CiscoAsaPluginTest {

    private final CiscoAsaPlugin plugin = new CiscoAsaPlugin();

    @Test
    void describesItself() {
        assertEquals("cisco-asa", plugin.vendorId(), "vendorId");
        assertEquals("Cisco", plugin.vendorName(), "vendorName");
        assertEquals(Set.of("ASA", "PIX"), plugin.products(), "products");
        assertEquals(Set.of(DeviceType.FIREWALL, DeviceType.VPN, DeviceType.IPS), plugin.deviceTypes(), "deviceTypes");
        assertTrue(plugin.firewallDriver().isEmpty(), "no firewall driver");
    }

    @Test
    void sharesOneParserAndDelegatesTheProbe() {
        assertSame(plugin.parser(), plugin.parser(), "one shared parser");
        assertTrue(plugin.probe("%ASA-4-106023: Deny"), "probe on an ASA line");
        assertFalse(plugin.probe("<13>Mar 12 10:00:00 host app: hello"), "probe on another line");
        assertTrue(plugin.parser().parse(TestSupport.envelope("%ASA-4-106023: Deny")) instanceof ParseResult.Rejected,
                "parser reachable through the plugin");
    }

    @Test
    void isRegisteredAsVendorPluginService() throws Exception {
        // bnd (process-classes) writes the DS descriptor from @Component; absent when run outside Maven
        try (var in = getClass().getResourceAsStream("/OSGI-INF/io.yagura.plugin.ciscoasa.CiscoAsaPlugin.xml")) {
            assumeTrue(in != null, "DS descriptor not generated (not a Maven build)");
            String xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(xml.contains("<provide interface=\"io.yagura.api.plugin.VendorPlugin\"/>"), xml);
        }
    }

    /**
     * Throughput sanity check on the sample lines: 4 seconds in 250 ms windows, so the JIT has
     * warmed up by the later windows; the best window is reported. The bound is deliberately loose
     * (shared CI machines, other builds on the same cores); the printed rate is the number to watch.
     */
    @Test
    void throughputIsFarFromPathological() {
        List<String> lines = TestSupport.projectSamples();
        var envelopes = lines.stream().map(TestSupport::envelope).toList();
        long end = System.nanoTime() + Duration.ofSeconds(4).toNanos();
        double best = 0;
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            long count = 0;
            while (System.nanoTime() - start < Duration.ofMillis(250).toNanos()) {
                for (var env : envelopes) {
                    plugin.parser().parse(env);
                }
                count += envelopes.size();
            }
            best = Math.max(best, count / ((System.nanoTime() - start) / 1e9));
        }
        System.out.printf("cisco-asa parser throughput: best %.0f lines/s over 250 ms windows (%d sample lines)%n",
                best, lines.size());
        assertTrue(best > 5_000, "throughput " + best + " lines/s");
    }
}
