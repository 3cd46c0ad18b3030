package io.yagura.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Level;
import io.yagura.api.response.Block;
import io.yagura.api.response.BlockAudit;
import io.yagura.api.response.BlockState;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every reason a block is refused before a device is touched: a REFUSED block, the reason audited, the device untouched. */
class BlockRefusalTest {

    Platform platform;
    BlockService service;

    @BeforeEach
    void setUp() throws Exception {
        platform = new Platform();
        service = platform.service(Map.of("safelist", new String[] {"192.0.2.53, 203.0.113.128/25"})); // as a .cfg file gives it
    }

    private BlockRequest byHand(String address) {
        return new BlockRequest("acme", null, address, List.of(), null, "alice", "seen in the WAF", false);
    }

    /** Asserts one REFUSED block whose stored reason and audit contain {@code expected}; returns the reason. */
    private String refused(List<Block> result, String expected) {
        assertEquals(1, result.size(), "one refusal: " + result);
        Block b = result.get(0);
        assertEquals(BlockState.REFUSED, b.state(), b.deviceAnswer());
        assertTrue(b.deviceAnswer().contains(expected), "reason: " + b.deviceAnswer());
        Block stored = platform.blocks.find(b.id()).orElseThrow();
        assertEquals(BlockState.REFUSED, stored.state(), "stored as refused");
        List<BlockAudit> audit = platform.blocks.audit(b.id());
        assertEquals("refused", audit.get(0).action());
        assertEquals(b.deviceAnswer(), audit.get(0).detail(), "the reason is audited");
        assertEquals(List.of(), platform.firewall.calls, "no device was touched");
        return b.deviceAnswer();
    }

    @Test
    void aCustomerWithBlockingOffIsRefusedWhateverTheAddress() {
        service.setPolicy("acme", ResponsePolicy.OFF, "alice");
        refused(service.request(byHand("203.0.113.7")), "blocking is off for customer acme");
    }

    @Test
    void textThatIsNoAddressIsRefusedWithTheParsersReason() {
        refused(service.request(byHand("evil.example.com")), "host names are never resolved");
        platform.firewall.calls.clear();
        refused(service.request(byHand("203.0.113.7/33")), "prefix length 33 exceeds 32");
    }

    @Test
    void aNetworkWiderThanConfiguredIsRefused() {
        refused(service.request(byHand("198.18.0.0/16")), "wider than a /24");
        platform.firewall.calls.clear();
        refused(service.request(byHand("2001:db8::/48")), "wider than a /64");
    }

    @Test
    void theConfiguredGlobalSafelistRefusesAnAddressAndEveryNetworkOverlappingIt() {
        refused(service.request(byHand("192.0.2.53")), "overlaps 192.0.2.53/32 (global safelist)");
        platform.firewall.calls.clear();
        refused(service.request(byHand("192.0.2.0/24")), "192.0.2.0/24 is safelisted");
        platform.firewall.calls.clear();
        refused(service.request(byHand("203.0.113.200")), "overlaps 203.0.113.128/25");
    }

    @Test
    void safelistsStoredAtRunTimeRefuseGloballyOrForTheirCustomerOnly() {
        service.settings().addSafelist(new ResponseSettings.SafelistEntry("acme", "198.18.5.5", "partner VPN", "alice",
                Platform.T0));
        service.settings().addSafelist(new ResponseSettings.SafelistEntry(ResponseSettings.GLOBAL, "198.18.9.0/28", "NTP",
                "alice", Platform.T0));
        refused(service.request(byHand("198.18.5.5")), "safelist of acme");
        platform.firewall.calls.clear();
        refused(service.request(byHand("198.18.9.1")), "global safelist (yagura:safelist --global)");
    }

    @Test
    void aNetworkOverlappingTheCustomersOwnIsRefusedNotQuarantined() {
        refused(service.request(byHand("198.51.100.0/24")), "overlaps the customer's own network 198.51.100.0/24");
    }

    @Test
    void privateAndSpecialRangesOutsideTheCustomersNetworksAreRefusedUnlessAllowed() {
        refused(service.request(byHand("172.16.5.5")), "private or special range 172.16.0.0/12");
        platform.firewall.calls.clear();
        refused(service.request(byHand("127.0.0.1")), "127.0.0.0/8");
        platform.firewall.calls.clear();
        BlockService allowing = platform.service(Map.of("allow_special_ranges", true));
        assertEquals(BlockState.ACTIVE, allowing.request(byHand("172.16.5.5")).get(0).state(), "allowed by configuration");
    }

    @Test
    void aBadGlobalSafelistEntryRefusesEveryBlockUntilFixed() {
        BlockService broken = platform.service(Map.of("safelist", new String[] {"192.0.2.53", "ntp.example.com"}));
        refused(broken.request(byHand("203.0.113.7")), "global safelist has errors");
    }

    @Test
    void aDeviceAtItsCapRefusesFurtherBlocks() {
        BlockService capped = platform.service(Map.of("max_blocks_per_device", 2));
        assertEquals(BlockState.ACTIVE, capped.request(byHand("203.0.113.1")).get(0).state());
        assertEquals(BlockState.ACTIVE, capped.request(byHand("203.0.113.2")).get(0).state());
        platform.firewall.calls.clear();
        refused(capped.request(byHand("203.0.113.3")), "holds 2 blocks, its cap (max.blocks.per.device=2)");
    }

    @Test
    void automaticBlocksAreRefusedOnSpoofableEvidenceUdpIcmpOrOnlyDeniedTcp() {
        Incident udp = platform.incident(Level.EMERGENCY, List.of("203.0.113.7"),
                Platform.event("203.0.113.7", "udp", "allowed", "connection", "start"),
                Platform.event("203.0.113.7", "icmp", "denied", "connection", "denied"),
                Platform.event("203.0.113.7", "tcp", "denied", "connection", "denied"));
        service.setPolicy("acme", ResponsePolicy.AUTO_EMERGENCY, "alice");
        String why = refused(service.request(new BlockRequest("acme", udp.id(), "203.0.113.7", List.of(), null,
                BlockRequest.AUTO, "auto", false)), "spoofable evidence");
        assertTrue(why.contains("2 of them UDP, ICMP or of unknown transport and 1 TCP"), why);
        assertTrue(why.contains("never blocked automatically"), why);
    }

    @Test
    void anAnalystBlocksOnSpoofableEvidenceOnlyWithTheExplicitFlagAndTheAuditSaysSo() {
        Incident udp = platform.incident(Level.EMERGENCY, List.of("203.0.113.7"),
                Platform.event("203.0.113.7", "udp", "allowed", "connection", "start"));
        refused(service.request(new BlockRequest("acme", udp.id(), "203.0.113.7", List.of(), null, "alice", "flood", false)),
                "an analyst may block anyway with --force-spoofable");
        Block forced = service.request(new BlockRequest("acme", udp.id(), "203.0.113.7", List.of(), null, "alice", "flood",
                true)).get(0);
        assertEquals(BlockState.ACTIVE, forced.state());
        String requested = platform.blocks.audit(forced.id()).get(0).detail();
        assertTrue(requested.contains("FORCED by the analyst despite spoofable evidence"), requested);
    }

    @Test
    void evidenceOfAnotherAddressDoesNotVouchForTheAttacker() {
        Incident other = platform.incident(Level.EMERGENCY, List.of("203.0.113.7"), Platform.established("203.0.113.99"));
        service.setPolicy("acme", ResponsePolicy.AUTO_EMERGENCY, "alice");
        refused(service.request(new BlockRequest("acme", other.id(), "203.0.113.7", List.of(), null, BlockRequest.AUTO,
                "auto", false)), "no evidence event involves 203.0.113.7/32");
    }

    @Test
    void anInternalHostThatNoDriverCanIsolateIsRefused() {
        refused(service.request(byHand("10.0.3.4")), "cannot quarantine a host");
    }

    @Test
    void inputThatIsNoRequestIsAnErrorNotABlock() {
        assertEquals("no customer 'nope' (yagura:customers lists them)", assertThrows(IllegalArgumentException.class,
                () -> service.request(new BlockRequest("nope", null, "203.0.113.7", List.of(), null, "a", "r", false)))
                .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> service.request(new BlockRequest("acme", null,
                "203.0.113.7", List.of(), Duration.ofDays(30), "a", "r", false))).getMessage()
                .contains("at most 10080 minutes"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> service.request(new BlockRequest("other", null,
                "203.0.113.7", List.of("acme-fw1"), null, "a", "r", false))).getMessage()
                .contains("belongs to customer acme"));
        assertEquals(List.of(), platform.blocks.list(new io.yagura.api.response.BlockStore.Filter(null, null, null, null, 0)),
                "nothing stored");
    }
}
