package io.yagura.correlation.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.event.SecurityEvent;
import io.yagura.api.registry.Customer;
import io.yagura.correlation.rules.RuleSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** network.direction from the customer's networks, asset criticality, threat-intelligence lists. */
class EnrichmentTest {

    static final String ACME = "acme";
    final TestContext ctx = new TestContext().customer(new Customer(ACME, "ACME",
            List.of("10.0.0.0/8", "198.51.100.0/24", "2001:db8:100::/48")));
    final CorrelationEngine engine = new CorrelationEngine(RuleSet.empty(), ctx, Fixtures.clock(), EngineSettings.defaults());

    @TempDir
    Path dir;

    SecurityEvent asa(String message) {
        SecurityEvent e = Asa.parse(ACME, "<164>2024-03-12T10:00:00Z fw : " + message);
        engine.process(e);
        return e;
    }

    @Test
    void directionInboundOutboundInternalExternal() {
        assertEquals("inbound", asa("%ASA-4-106023: Deny tcp src outside:203.0.113.60/40000 dst inside:10.10.2.21/445 "
                + "by access-group \"outside_access_in\" [0x0, 0x0]").getString("network.direction"), "network.direction");
        assertEquals("outbound", asa("%ASA-6-302013: Built outbound TCP connection 1 for outside:203.0.113.7/443 "
                + "(203.0.113.7/443) to inside:10.0.0.5/50433 (198.51.100.5/50433)").getString("network.direction"));
        assertEquals("internal", asa("%ASA-4-106023: Deny tcp src management:10.1.4.61/33519 dst LAN:10.1.1.2/445 by "
                + "access-group \"security_access_in\" [0x0, 0x0]").getString("network.direction"));
        assertEquals("external", asa("%ASA-2-106017: Deny IP due to Land Attack from 203.0.113.14 to 203.0.113.14")
                .getString("network.direction"));
    }

    @Test
    void directionForIpv6() {
        assertEquals("inbound", asa("%ASA-4-106023: Deny tcp src outside:2001:db8:1::25/51000 dst dmz:2001:db8:100::80/443 "
                + "by access-group \"outside_access_in\" [0x5063b82f, 0x0]").getString("network.direction"));
        assertEquals("outbound", asa("%ASA-6-302013: Built outbound TCP connection 771203 for outside:2001:db8:ffff::10/443 "
                + "(2001:db8:ffff::10/443) to inside:2001:db8:100::20/52344 (2001:db8:100::20/52344)")
                .getString("network.direction"));
    }

    @Test
    void aLoginLogWithoutDestinationTakesTheSourcesSessionToTheCustomer() {
        SecurityEvent session = new SecurityEvent().set("customer.id", ACME).set("@timestamp", "2026-03-12T10:08:00Z")
                .set("event.kind", "event").set("event.category", List.of("network")).set("source.ip", "192.0.2.210")
                .set("destination.ip", "198.51.100.42").set("destination.port", 10443L);
        engine.process(session);
        SecurityEvent login = new SecurityEvent().set("customer.id", ACME).set("@timestamp", "2026-03-12T10:08:01Z")
                .set("event.kind", "event").set("event.category", List.of("authentication"))
                .set("event.action", "logon-failed").set("source.ip", "192.0.2.210");
        engine.process(login);
        assertEquals("198.51.100.42", login.getString("destination.ip"));
        assertTrue(login.getString(Enricher.DESTINATION_INFERRED).contains("198.51.100.42:10443"));
        SecurityEvent later = new SecurityEvent().set("customer.id", ACME).set("@timestamp", "2026-03-12T11:08:01Z")
                .set("event.kind", "event").set("event.category", List.of("authentication"))
                .set("event.action", "logon-failed").set("source.ip", "192.0.2.210");
        engine.process(later);
        assertNull(later.getString("destination.ip"), "an hour later the session says nothing about the login");
    }

    @Test
    void anAlertNamingItsServerByHostNameTakesTheAddressTheSitesTrafficWentTo() {
        SecurityEvent request = new SecurityEvent().set("customer.id", ACME).set("@timestamp", "2026-03-12T10:01:00Z")
                .set("event.kind", "event").set("source.ip", "192.0.2.100").set("destination.ip", "198.51.100.95")
                .set("url.domain", "shop.example.com");
        engine.process(request);
        SecurityEvent alert = new SecurityEvent().set("customer.id", ACME).set("@timestamp", "2026-03-12T10:10:00Z")
                .set("event.kind", "alert").set("source.ip", "203.0.113.180").set("destination.domain", "Shop.Example.com");
        engine.process(alert);
        assertEquals("198.51.100.95", alert.getString("destination.ip"));
        SecurityEvent unknown = new SecurityEvent().set("customer.id", ACME).set("event.kind", "alert")
                .set("source.ip", "203.0.113.180").set("destination.domain", "other.example.com");
        engine.process(unknown);
        assertNull(unknown.getString("destination.ip"));
    }

    @Test
    void withoutDeclaredNetworksTheDevicesDirectionStays() {
        SecurityEvent e = Asa.parse("nobody", "<164>2024-03-12T10:00:00Z fw : %ASA-6-302013: Built outbound TCP "
                + "connection 1 for outside:203.0.113.7/443 (203.0.113.7/443) to inside:10.0.0.5/50433 (10.0.0.5/50433)");
        engine.process(e);
        assertEquals("outbound", e.getString("network.direction"), "the ASA's own word");
    }

    @Test
    void customerNetworksChangeIsPickedUp() {
        String line = "%ASA-4-106023: Deny tcp src outside:192.0.2.60/40000 dst inside:10.10.2.21/445 by access-group "
                + "\"outside_access_in\" [0x0, 0x0]";
        assertEquals("inbound", asa(line).getString("network.direction"));
        ctx.customer(new Customer(ACME, "ACME", List.of("10.0.0.0/8", "192.0.2.0/24")));
        assertEquals("internal", asa(line).getString("network.direction"), "192.0.2.0/24 now declared");
    }

    @Test
    void assetCriticalityMostSpecificWins() {
        ctx.assets = AssetCriticality.builder().add(ACME, "10.0.0.0/8", AssetCriticality.Criticality.LOW)
                .add(ACME, "10.10.2.21", AssetCriticality.Criticality.HIGH).add("other", "0.0.0.0/0",
                        AssetCriticality.Criticality.HIGH).build();
        SecurityEvent e = asa("%ASA-4-106023: Deny tcp src outside:203.0.113.60/40000 dst inside:10.10.2.21/445 by "
                + "access-group \"outside_access_in\" [0x0, 0x0]");
        assertEquals("high", e.getString("yagura.destination.criticality"), "yagura.destination.criticality");
        assertNull(e.getString("yagura.source.criticality"), "other customer's entries do not apply");
        assertEquals(AssetCriticality.Criticality.LOW, ctx.assets.lookup(ACME, "10.9.9.9").orElseThrow());
    }

    @Test
    void threatIntelMatchSetsTheIndicatorFields() {
        ctx.threatIntel = ThreatIntel.of(Map.of("abuse-c2", "# C2 servers\n203.0.113.81,c2\n203.0.113.128/25,c2 # netblock\n"
                + "evil.example.net,phishing\n"));
        SecurityEvent e = asa("%ASA-6-302013: Built outbound TCP connection 1 for outside:203.0.113.200/443 "
                + "(203.0.113.200/443) to inside:10.0.0.5/50433 (198.51.100.5/50433)");
        assertEquals("203.0.113.200", e.getString("threat.indicator.matched"), "threat.indicator.matched");
        assertEquals("destination.ip", e.getString("yagura.ti.field"), "yagura.ti.field");
        assertEquals("abuse-c2", e.getString("yagura.ti.source"), "yagura.ti.source");
        assertEquals("c2", e.getString("yagura.ti.label"), "yagura.ti.label");
        assertEquals("203.0.113.128/25", e.getString("yagura.ti.entry"), "yagura.ti.entry");
        SecurityEvent clean = asa("%ASA-6-302013: Built outbound TCP connection 2 for outside:203.0.113.82/443 "
                + "(203.0.113.82/443) to inside:10.0.0.5/50434 (198.51.100.5/50434)");
        assertFalse(clean.has("threat.indicator.matched"));
        assertEquals("phishing", ctx.threatIntel.matchDomain("www.Evil.example.net.").orElseThrow().label(), "sub-domain");
        assertTrue(ctx.threatIntel.matchDomain("notevil.example.net").isEmpty());
    }

    @Test
    void threatIntelFileFormatAndProblems() throws Exception {
        Path f = dir.resolve("blocklist.txt");
        Files.writeString(f, "# comment\n\n192.0.2.66\n2001:db8:bad::/48,c2\n*.bad.example.org\nnot_valid!\n");
        ThreatIntel ti = ThreatIntel.fromFiles(List.of(f));
        assertEquals(3, ti.size(), "two addresses/networks and one domain");
        assertEquals("blocklist", ti.matchAddress("192.0.2.66").orElseThrow().source(), "source = file name");
        assertNull(ti.matchAddress("192.0.2.66").orElseThrow().label(), "no label");
        assertEquals("c2", ti.matchAddress("2001:db8:bad::1").orElseThrow().label());
        assertTrue(ti.matchDomain("x.bad.example.org").isPresent());
        assertEquals(List.of("blocklist:6: not an address, network or domain: 'not_valid!'"), ti.problems());
    }

    @Test
    void threatIntelReloadsWhenAFileChanges() throws Exception {
        Path f = dir.resolve("c2.txt");
        Files.writeString(f, "203.0.113.81,c2\n");
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2024-03-12T09:00:00Z")));
        ThreatIntel ti = ThreatIntel.fromDirectory(dir);
        assertTrue(ti.matchAddress("203.0.113.81").isPresent());
        assertFalse(ti.reloadIfChanged(), "nothing changed");

        Files.writeString(f, "203.0.113.90,c2\n");
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2024-03-12T10:00:00Z")));
        assertTrue(ti.reloadIfChanged(), "modified");
        assertTrue(ti.matchAddress("203.0.113.81").isEmpty(), "old entry gone");
        assertTrue(ti.matchAddress("203.0.113.90").isPresent(), "new entry");

        Files.writeString(dir.resolve("domains.list"), "c2.example.net,c2\n");
        assertTrue(ti.reloadIfChanged(), "file added");
        assertTrue(ti.matchDomain("c2.example.net").isPresent());

        Files.delete(f);
        assertTrue(ti.reloadIfChanged(), "file removed");
        assertTrue(ti.matchAddress("203.0.113.90").isEmpty());
        assertFalse(ti.reloadIfChanged());
    }

    @Test
    void engineSeesReloadedThreatIntel() throws Exception {
        Path f = dir.resolve("c2.txt");
        Files.writeString(f, "# empty for now\n");
        ctx.threatIntel = ThreatIntel.fromDirectory(dir);
        String line = "%ASA-6-302013: Built outbound TCP connection 1 for outside:203.0.113.81/443 (203.0.113.81/443) "
                + "to inside:10.0.0.5/50433 (198.51.100.5/50433)";
        assertFalse(asa(line).has("yagura.ti.label"));
        Files.writeString(f, "203.0.113.81,c2\n");
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2030-01-01T00:00:00Z")));
        assertTrue(ctx.threatIntel.reloadIfChanged());
        assertEquals("c2", asa(line).getString("yagura.ti.label"));
    }
}
