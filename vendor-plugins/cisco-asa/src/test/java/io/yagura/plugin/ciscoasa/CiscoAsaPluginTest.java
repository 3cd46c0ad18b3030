package io.yagura.plugin.ciscoasa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.yagura.api.plugin.DeviceType;
import io.yagura.api.plugin.ParseResult;
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
        assertTrue(plugin.firewallDriver().orElseThrow() instanceof io.yagura.plugin.ciscoasa.driver.AsaFirewallDriver,
                "the ASA firewall driver");
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
}
