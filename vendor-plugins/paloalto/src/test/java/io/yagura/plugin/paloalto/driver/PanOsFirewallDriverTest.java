package io.yagura.plugin.paloalto.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.plugin.FirewallDriver.Block;
import io.yagura.api.plugin.FirewallDriver.Failure;
import io.yagura.api.plugin.FirewallDriver.FirewallException;
import io.yagura.api.plugin.FirewallDriver.Outcome;
import io.yagura.api.plugin.FirewallDriver.PlacedBlock;
import io.yagura.api.plugin.FirewallDriver.Target;
import io.yagura.api.registry.Secret;
import io.yagura.plugin.paloalto.PaloaltoPlugin;
import io.yagura.emulator.panos.PanOsEmulator;
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

/** The PAN-OS driver against the emulated XML API over real HTTPS. */
class PanOsFirewallDriverTest {

    private static final String PASSWORD = "pa-s3cret-Passw0rd";

    private final PanOsFirewallDriver driver = new PanOsFirewallDriver();
    private PanOsEmulator firewall;

    @BeforeEach
    void start() throws Exception {
        firewall = new PanOsEmulator("yagura", PASSWORD);
    }

    @AfterEach
    void stop() {
        firewall.close();
    }

    private Target target(String query, String password, String pin, Duration timeout) {
        URI endpoint = URI.create(firewall.endpoint() + (query.isEmpty() ? "" : "?" + query));
        return new Target("pa1", endpoint, "yagura", Secret.of(password), pin, null, timeout);
    }

    private Target target() {
        return target("", PASSWORD, firewall.fingerprint(), Duration.ofSeconds(10));
    }

    private static Block block(String address, String reference) {
        return new Block(address, Instant.parse("2026-12-06T00:00:00Z"), reference, "incident 7 Emergency");
    }

    @Test
    void thePluginOffersThisDriver() {
        assertTrue(new PaloaltoPlugin().firewallDriver().orElseThrow() instanceof PanOsFirewallDriver);
    }

    @Test
    void aBlockIsCommittedInTheDynamicGroupAndListed() throws Exception {
        Outcome outcome = driver.block(target(), block("203.0.113.5", "42"));

        assertTrue(outcome.verified());
        assertTrue(outcome.deviceAnswer().contains("commit job"), outcome.deviceAnswer());
        assertEquals("203.0.113.5/32", firewall.runningAddresses().get("yagura-42"));
        assertEquals(List.of("203.0.113.5/32"), firewall.runningGroupMembers());
        assertEquals("Yagura block 42: incident 7 Emergency", firewall.runningDescription("yagura-42"));
        assertEquals("192.0.2.80/32", firewall.runningAddresses().get("customer-web"), "the customer's object stays");
        assertEquals(List.of(new PlacedBlock("203.0.113.5", "42", "yagura-42")), driver.listBlocks(target()));
    }

    @Test
    void unblockRemovesTheObjectAndASecondUnblockSucceeds() throws Exception {
        driver.block(target(), block("203.0.113.5", "42"));

        assertTrue(driver.unblock(target(), "203.0.113.5").verified());
        assertEquals(Map.of("customer-web", "192.0.2.80/32"), firewall.runningAddresses());
        assertEquals(List.of(), driver.listBlocks(target()));
        Outcome again = driver.unblock(target(), "203.0.113.5");
        assertTrue(again.verified() && again.deviceAnswer().startsWith("no block"), again.deviceAnswer());
    }

    @Test
    void ipv6AddressesAndCidrNetworksAreBlocked() throws Exception {
        driver.block(target(), block("2001:DB8:0::7", "v6"));
        driver.block(target(), block("198.51.100.0/24", "net"));

        assertEquals("2001:db8::7/128", firewall.runningAddresses().get("yagura-v6"));
        assertEquals("198.51.100.0/24", firewall.runningAddresses().get("yagura-net"));
        assertEquals(List.of(new PlacedBlock("2001:db8::7", "v6", "yagura-v6"),
                new PlacedBlock("198.51.100.0/24", "net", "yagura-net")), driver.listBlocks(target()));
        driver.unblock(target(), "2001:db8::7");
        assertEquals(List.of("198.51.100.0/24"), firewall.runningGroupMembers());
    }

    @Test
    void anUnpinnedCertificateIsRefusedWithItsFingerprintBeforeAnyRequest() {
        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(
                target("", PASSWORD, null, Duration.ofSeconds(10)), block("203.0.113.5", "42")));

        assertEquals(Failure.UNTRUSTED, e.failure(), e.getMessage());
        assertEquals(firewall.fingerprint(), e.presentedFingerprint());
        assertEquals(List.of(), firewall.received(), "the device received no request, so no credential");
    }

    @Test
    void anotherPinnedFingerprintIsRefused() {
        String other = "SHA256:" + "A".repeat(43);
        FirewallException e = assertThrows(FirewallException.class, () -> driver.listBlocks(
                target("", PASSWORD, other, Duration.ofSeconds(10))));

        assertEquals(Failure.UNTRUSTED, e.failure());
        assertEquals(firewall.fingerprint(), e.presentedFingerprint());
        assertEquals(0, firewall.credentialedRequests());
    }

    @Test
    void aTrustStoreHoldingTheCertificateIsEnough(@TempDir Path dir) throws Exception {
        Path store = firewall.writeTrustStore(dir.resolve("pa1.jks"));
        Target trusted = new Target("pa1", firewall.endpoint(), "yagura", Secret.of(PASSWORD), null,
                store.toString(), Duration.ofSeconds(10));

        assertTrue(driver.block(trusted, block("203.0.113.5", "42")).verified());
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailureThatDoesNotShowIt() {
        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(
                target("", "wrong-" + PASSWORD, firewall.fingerprint(), Duration.ofSeconds(10)),
                block("203.0.113.5", "42")));

        assertEquals(Failure.AUTHENTICATION, e.failure(), e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
        assertEquals(Map.of("customer-web", "192.0.2.80/32"), firewall.candidateAddresses());
    }

    @Test
    void aWrongApiKeyIsAnAuthenticationFailure() {
        Target byKey = new Target("pa1", firewall.endpoint(), null, Secret.of("LUFRPTnotTheKey"),
                firewall.fingerprint(), null, Duration.ofSeconds(10));

        FirewallException e = assertThrows(FirewallException.class, () -> driver.listBlocks(byKey));
        assertEquals(Failure.AUTHENTICATION, e.failure());
        assertFalse(e.getMessage().contains("LUFRPTnotTheKey"), e.getMessage());
    }

    @Test
    void theApiKeyAloneWorksAndNeverShowsInAnswers() throws Exception {
        Target byKey = new Target("pa1", firewall.endpoint(), "", Secret.of(firewall.apiKey()),
                firewall.fingerprint(), null, Duration.ofSeconds(10));

        Outcome outcome = driver.block(byKey, block("203.0.113.5", "42"));
        assertTrue(outcome.verified());
        assertFalse(outcome.deviceAnswer().contains(firewall.apiKey()));
    }

    @Test
    void aFailedCommitIsRolledBackAndTheConfigurationIsUnchanged() {
        String before = firewall.runningXml();
        firewall.faults().failOn("type=commit");

        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(target(),
                block("203.0.113.5", "42")));

        assertEquals(Failure.ROLLED_BACK, e.failure(), e.getMessage());
        assertTrue(e.getMessage().contains("commit job"), e.getMessage());
        assertEquals(before, firewall.runningXml());
        assertEquals(Map.of("customer-web", "192.0.2.80/32"), firewall.candidateAddresses());
    }

    @Test
    void aRefusedChangeIsRejectedAndLeavesNothing() {
        firewall.faults().failOn("action=set");

        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(target(),
                block("203.0.113.5", "42")));

        assertEquals(Failure.REJECTED, e.failure(), e.getMessage());
        assertEquals(Map.of("customer-web", "192.0.2.80/32"), firewall.candidateAddresses());
    }

    @Test
    void aDeviceThatGoesAwayMidChangeIsReportedAsPartialWithWhatIsLeft() {
        firewall.faults().dropAfter("type=commit");

        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(target(),
                block("203.0.113.5", "42")));

        assertEquals(Failure.PARTIAL, e.failure(), e.getMessage());
        assertTrue(e.getMessage().contains("delete address object yagura-42 and commit"), e.getMessage());
        assertFalse(firewall.listening());
    }

    @Test
    void aStalledChangeTimesOutAndIsRolledBack() {
        firewall.faults().stallOn("action=set");
        Target quick = target("", PASSWORD, firewall.fingerprint(), Duration.ofSeconds(3));

        FirewallException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                FirewallException.class, () -> driver.block(quick, block("203.0.113.5", "42"))));

        assertEquals(Failure.ROLLED_BACK, e.failure(), e.getMessage());
        assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
        assertEquals(Map.of("customer-web", "192.0.2.80/32"), firewall.candidateAddresses());
    }

    @Test
    void aStalledLoginTimesOut() {
        firewall.faults().stallOn("type=keygen");
        Target quick = target("", PASSWORD, firewall.fingerprint(), Duration.ofSeconds(3));

        FirewallException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                FirewallException.class, () -> driver.listBlocks(quick)));
        assertEquals(Failure.TIMEOUT, e.failure(), e.getMessage());
    }

    @Test
    void hostileAddressesAndReferencesAreRefusedBeforeAnyRequest() {
        for (String address : List.of("203.0.113.5</ip-netmask><x>", "203.0.113.5\n", "evil.example", "0.0.0.0/0",
                "203.0.113.5/33", "")) {
            FirewallException e = assertThrows(FirewallException.class, () -> driver.block(target(),
                    block(address, "42")), address);
            assertEquals(Failure.REJECTED, e.failure(), address);
        }
        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(target(),
                block("203.0.113.5", "42'] | //entry[@name='x")));
        assertEquals(Failure.REJECTED, e.failure());
        assertEquals(List.of(), firewall.received());
    }

    @Test
    void withoutTheOneTimeSetupNothingIsChanged() {
        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(
                target("group=OTHER", PASSWORD, firewall.fingerprint(), Duration.ofSeconds(10)),
                block("203.0.113.5", "42")));

        assertEquals(Failure.UNSUPPORTED, e.failure());
        assertTrue(e.getMessage().contains("OTHER"), e.getMessage());
        assertEquals(Map.of("customer-web", "192.0.2.80/32"), firewall.candidateAddresses());
    }
}
