package io.yagura.plugin.fortinet.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.plugin.FirewallDriver.Block;
import io.yagura.api.plugin.FirewallDriver.Failure;
import io.yagura.api.plugin.FirewallDriver.FirewallException;
import io.yagura.api.plugin.FirewallDriver.PlacedBlock;
import io.yagura.api.plugin.FirewallDriver.Target;
import io.yagura.api.registry.Secret;
import io.yagura.plugin.fortinet.FortinetPlugin;
import io.yagura.api.plugin.FirewallDriver;
import io.yagura.emulator.fortigate.FortiGateEmulator;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FortiGate driver against the emulated FortiOS REST API over real HTTPS. */
class FortiGateFirewallDriverTest {

    private static final String TOKEN = "fgt-t0ken-0123456789abcdef";
    private static final Map<String, String> CUSTOMER_ADDRESSES = Map.of(
            "none", "0.0.0.0 0.0.0.0", "customer-web", "192.0.2.80 255.255.255.255");

    private final FortiGateFirewallDriver driver = new FortiGateFirewallDriver();
    private FortiGateEmulator firewall;

    @BeforeEach
    void start() throws Exception {
        firewall = new FortiGateEmulator(TOKEN);
    }

    @AfterEach
    void stop() {
        firewall.close();
    }

    private Target target(String query, String token, String pin, Duration timeout) {
        URI endpoint = URI.create(firewall.endpoint() + (query.isEmpty() ? "" : "?" + query));
        return new Target("fgt1", endpoint, null, Secret.of(token), pin, null, timeout);
    }

    private Target target() {
        return target("", TOKEN, firewall.fingerprint(), Duration.ofSeconds(10));
    }

    private static Block block(String address, String reference) {
        return new Block(address, Instant.parse("2026-12-06T00:00:00Z"), reference, "incident 7 Emergency");
    }

    private List<String> group() {
        return firewall.groupMembers("addrgrp", FortiGateEmulator.GROUP);
    }

    @Test
    void thePluginOffersThisDriver() {
        assertTrue(new FortinetPlugin().firewallDriver().orElseThrow() instanceof FortiGateFirewallDriver);
    }

    @Test
    void aBlockIsAnAddressInTheGroupAndIsListed() throws Exception {
        assertTrue(driver.block(target(), block("203.0.113.5", "42")).verified());

        assertEquals("203.0.113.5 255.255.255.255", firewall.addresses().get("yagura-42"));
        assertEquals("Yagura block 42: incident 7 Emergency", firewall.comment("address", "yagura-42"));
        assertEquals(List.of("none", "yagura-42"), group());
        assertEquals(List.of(new PlacedBlock("203.0.113.5", "42", "yagura-42")), driver.listBlocks(target()));
    }

    @Test
    void anInternalHostIsQuarantinedUntilItsExpiryAndReleased() throws Exception {
        assertTrue(driver.capabilities().contains(FirewallDriver.Capability.QUARANTINE));
        Block host = new Block("10.0.0.23", Instant.now().plus(Duration.ofHours(2)), "77", "worm-speed SMB scan");

        FirewallDriver.Outcome placed = driver.quarantine(target(), host);

        assertTrue(placed.verified(), placed.deviceAnswer());
        Long seconds = firewall.quarantined().get("10.0.0.23");
        assertTrue(seconds != null && seconds > 7_000 && seconds <= 7_200, "banned for the remaining 2 h: " + seconds);
        assertEquals(List.of("none"), group(), "a quarantine is not an attacker block");
        assertTrue(driver.release(target(), "10.0.0.23").verified());
        assertTrue(firewall.quarantined().isEmpty());
        assertTrue(driver.release(target(), "10.0.0.23").deviceAnswer().contains("not in the quarantine"));
    }

    @Test
    void aQuarantineOfANetworkIsRefusedAndARefusedBanLeavesNothing() {
        FirewallException network = assertThrows(FirewallException.class, () -> driver.quarantine(target(),
                new Block("10.0.0.0/24", Instant.now().plusSeconds(3600), "78", "x")));
        assertEquals(Failure.REJECTED, network.failure(), network.getMessage());

        firewall.faults().failOn("POST /api/v2/monitor/user/banned/add_users");
        FirewallException refused = assertThrows(FirewallException.class, () -> driver.quarantine(target(),
                new Block("10.0.0.23", Instant.now().plusSeconds(3600), "79", "x")));
        assertTrue(refused.failure() == Failure.ROLLED_BACK || refused.failure() == Failure.REJECTED,
                refused.failure() + " " + refused.getMessage());
        assertTrue(firewall.quarantined().isEmpty());
    }

    @Test
    void unblockRemovesMemberAndAddressAndASecondUnblockSucceeds() throws Exception {
        driver.block(target(), block("203.0.113.5", "42"));

        assertTrue(driver.unblock(target(), "203.0.113.5").verified());
        assertEquals(List.of("none"), group());
        assertEquals(CUSTOMER_ADDRESSES, firewall.addresses());
        assertTrue(driver.unblock(target(), "203.0.113.5").deviceAnswer().startsWith("no block"));
    }

    @Test
    void ipv6GoesToTheIpv6GroupAndCidrNetworksAreBlocked() throws Exception {
        driver.block(target(), block("2001:db8::7", "v6"));
        driver.block(target(), block("198.51.100.0/24", "net"));

        assertEquals("2001:db8::7/128", firewall.addresses6().get("yagura-v6"));
        assertEquals(List.of("none", "yagura-v6"), firewall.groupMembers("addrgrp6", FortiGateEmulator.GROUP6));
        assertEquals("198.51.100.0 255.255.255.0", firewall.addresses().get("yagura-net"));
        assertEquals(List.of(new PlacedBlock("198.51.100.0/24", "net", "yagura-net"),
                new PlacedBlock("2001:db8::7", "v6", "yagura-v6")), driver.listBlocks(target()));
        driver.unblock(target(), "2001:db8::7");
        assertEquals(List.of("none"), firewall.groupMembers("addrgrp6", FortiGateEmulator.GROUP6));
    }

    @Test
    void anUnpinnedCertificateIsRefusedWithItsFingerprintAndNoTokenIsSent() {
        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(
                target("", TOKEN, null, Duration.ofSeconds(10)), block("203.0.113.5", "42")));

        assertEquals(Failure.UNTRUSTED, e.failure(), e.getMessage());
        assertEquals(firewall.fingerprint(), e.presentedFingerprint());
        assertEquals(0, firewall.credentialedRequests());
        assertEquals(List.of(), firewall.received());
    }

    @Test
    void aTrustStoreHoldingTheCertificateIsEnough(@TempDir Path dir) throws Exception {
        Path store = firewall.writeTrustStore(dir.resolve("fgt1.jks"));
        Target trusted = new Target("fgt1", firewall.endpoint(), null, Secret.of(TOKEN), null, store.toString(),
                Duration.ofSeconds(10));

        assertEquals(List.of(), driver.listBlocks(trusted));
    }

    @Test
    void aWrongTokenIsAnAuthenticationFailureThatDoesNotShowIt() {
        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(
                target("", "wrong-" + TOKEN, firewall.fingerprint(), Duration.ofSeconds(10)),
                block("203.0.113.5", "42")));

        assertEquals(Failure.AUTHENTICATION, e.failure(), e.getMessage());
        assertFalse(e.getMessage().contains(TOKEN), e.getMessage());
        assertEquals(CUSTOMER_ADDRESSES, firewall.addresses());
    }

    @Test
    void anErrorAddingTheMemberRollsTheAddressBack() {
        firewall.faults().failOn("POST /api/v2/cmdb/firewall/addrgrp/YAGURA-BLOCK/member");

        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(target(),
                block("203.0.113.5", "42")));

        assertEquals(Failure.ROLLED_BACK, e.failure(), e.getMessage());
        assertTrue(e.getMessage().contains("delete address yagura-42"), e.getMessage());
        assertEquals(CUSTOMER_ADDRESSES, firewall.addresses());
        assertEquals(List.of("none"), group());
    }

    @Test
    void aRefusedAddressIsRejectedAndLeavesNothing() {
        firewall.faults().failOn("POST /api/v2/cmdb/firewall/address$");

        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(target(),
                block("203.0.113.5", "42")));

        assertEquals(Failure.REJECTED, e.failure(), e.getMessage());
        assertEquals(CUSTOMER_ADDRESSES, firewall.addresses());
    }

    @Test
    void aDeviceThatGoesAwayMidChangeIsPartialAndSaysWhatIsLeft() {
        firewall.faults().dropAfter("POST /api/v2/cmdb/firewall/addrgrp/YAGURA-BLOCK/member");

        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(target(),
                block("203.0.113.5", "42")));

        assertEquals(Failure.PARTIAL, e.failure(), e.getMessage());
        assertTrue(e.getMessage().contains("remove yagura-42 from group YAGURA-BLOCK, delete address yagura-42"),
                e.getMessage());
        assertFalse(firewall.listening());
    }

    @Test
    void aStalledChangeTimesOutWithinTheTimeoutAndIsRolledBack() {
        firewall.faults().stallOn("POST /api/v2/cmdb/firewall/addrgrp");
        Target quick = target("", TOKEN, firewall.fingerprint(), Duration.ofSeconds(3));

        FirewallException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                FirewallException.class, () -> driver.block(quick, block("203.0.113.5", "42"))));

        assertEquals(Failure.ROLLED_BACK, e.failure(), e.getMessage());
        assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
        assertEquals(CUSTOMER_ADDRESSES, firewall.addresses());
    }

    @Test
    void aStalledDeviceTimesOut() {
        firewall.faults().stallOn("GET");

        FirewallException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                FirewallException.class, () -> driver.listBlocks(target("", TOKEN, firewall.fingerprint(),
                        Duration.ofSeconds(2)))));
        assertEquals(Failure.TIMEOUT, e.failure(), e.getMessage());
    }

    @Test
    void hostileAddressesReferencesAndOptionsAreRefusedBeforeAnyRequest() {
        for (String address : List.of("203.0.113.5\"}", "203.0.113.5 ", "2001:db8::1/129", "::/0", "localhost")) {
            FirewallException e = assertThrows(FirewallException.class, () -> driver.block(target(),
                    block(address, "42")), address);
            assertEquals(Failure.REJECTED, e.failure(), address);
        }
        assertEquals(Failure.REJECTED, assertThrows(FirewallException.class, () -> driver.block(target(),
                block("203.0.113.5", "../addrgrp/YAGURA-BLOCK"))).failure());
        assertEquals(Failure.UNSUPPORTED, assertThrows(FirewallException.class, () -> driver.listBlocks(
                target("vdom=root%2F..%2Fx", TOKEN, firewall.fingerprint(), Duration.ofSeconds(10)))).failure());
        assertEquals(List.of(), firewall.received());
    }

    @Test
    void withoutTheOneTimeSetupNothingIsChanged() {
        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(
                target("group=MISSING", TOKEN, firewall.fingerprint(), Duration.ofSeconds(10)),
                block("203.0.113.5", "42")));

        assertEquals(Failure.UNSUPPORTED, e.failure());
        assertEquals(CUSTOMER_ADDRESSES, firewall.addresses());
    }
}
