package io.yagura.plugin.checkpoint.driver;

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
import io.yagura.plugin.checkpoint.CheckpointPlugin;
import io.yagura.emulator.checkpoint.CheckPointEmulator;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Check Point driver against the emulated Management API over real HTTPS. */
class CheckPointFirewallDriverTest {

    private static final String PASSWORD = "cp-s3cret-Passw0rd";
    private static final List<String> CUSTOMER_OBJECTS = List.of("customer-web", CheckPointEmulator.GROUP);

    private final CheckPointFirewallDriver driver = new CheckPointFirewallDriver();
    private CheckPointEmulator server;

    @BeforeEach
    void start() throws Exception {
        server = new CheckPointEmulator("yagura", PASSWORD);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Target target(String query, String password, String pin, Duration timeout) {
        URI endpoint = URI.create(server.endpoint() + "?targets=" + CheckPointEmulator.GATEWAY
                + (query.isEmpty() ? "" : "&" + query));
        return new Target("cp1", endpoint, "yagura", Secret.of(password), pin, null, timeout);
    }

    private Target target() {
        return target("", PASSWORD, server.fingerprint(), Duration.ofSeconds(10));
    }

    private static Block block(String address, String reference) {
        return new Block(address, Instant.parse("2026-12-06T00:00:00Z"), reference, "incident 7 Emergency");
    }

    @Test
    void thePluginOffersThisDriver() {
        assertTrue(new CheckpointPlugin().firewallDriver().orElseThrow() instanceof CheckPointFirewallDriver);
    }

    @Test
    void aBlockIsPublishedInstalledAndListed() throws Exception {
        Outcome outcome = driver.block(target(), block("203.0.113.5", "42"));

        assertTrue(outcome.verified());
        assertTrue(outcome.deviceAnswer().contains("install-policy standard succeeded"), outcome.deviceAnswer());
        assertEquals(List.of("yagura-42"), server.installedGroupMembers(), "the gateways enforce it");
        assertEquals("203.0.113.5", server.publishedObject("yagura-42").get("ipv4-address"));
        assertEquals("Yagura block 42: incident 7 Emergency", server.publishedObject("yagura-42").get("comments"));
        assertEquals(List.of(new PlacedBlock("203.0.113.5", "42", "yagura-42")), driver.listBlocks(target()));
        assertEquals(0, server.openSessions(), "every session is logged out");
    }

    @Test
    void unblockRemovesTheObjectEverywhereAndASecondUnblockSucceeds() throws Exception {
        driver.block(target(), block("203.0.113.5", "42"));

        assertTrue(driver.unblock(target(), "203.0.113.5").verified());
        assertEquals(List.of(), server.installedGroupMembers());
        assertEquals(CUSTOMER_OBJECTS, server.publishedNames());
        assertTrue(driver.unblock(target(), "203.0.113.5").deviceAnswer().startsWith("no block"));
    }

    @Test
    void ipv6HostsAndCidrNetworksAreBlocked() throws Exception {
        driver.block(target(), block("2001:db8::7", "v6"));
        driver.block(target(), block("198.51.100.0/24", "net"));

        assertEquals("2001:db8::7", server.publishedObject("yagura-v6").get("ipv6-address"));
        assertEquals("network", server.publishedObject("yagura-net").get("type"));
        assertEquals(List.of(new PlacedBlock("2001:db8::7", "v6", "yagura-v6"),
                new PlacedBlock("198.51.100.0/24", "net", "yagura-net")), driver.listBlocks(target()));
        driver.unblock(target(), "198.51.100.0/24");
        assertEquals(List.of("yagura-v6"), server.installedGroupMembers());
    }

    @Test
    void anUnpinnedCertificateIsRefusedWithItsFingerprintAndNoPasswordIsSent() {
        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(
                target("", PASSWORD, null, Duration.ofSeconds(10)), block("203.0.113.5", "42")));

        assertEquals(Failure.UNTRUSTED, e.failure(), e.getMessage());
        assertEquals(server.fingerprint(), e.presentedFingerprint());
        assertEquals(0, server.credentialedRequests());
        assertEquals(List.of(), server.received());
    }

    @Test
    void aRefusedLoginIsAnAuthenticationFailureThatDoesNotShowThePassword() {
        server.faults().refuseLogins(true);

        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(target(),
                block("203.0.113.5", "42")));

        assertEquals(Failure.AUTHENTICATION, e.failure(), e.getMessage());
        assertTrue(e.getMessage().contains("err_login_failed"), e.getMessage());
        assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
    }

    @Test
    void aFailedPublishIsDiscardedAndNothingChanges() {
        server.faults().failOn("POST /web_api/publish");

        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(target(),
                block("203.0.113.5", "42")));

        assertEquals(Failure.ROLLED_BACK, e.failure(), e.getMessage());
        assertEquals(1, server.discards());
        assertEquals(CUSTOMER_OBJECTS, server.publishedNames());
        assertEquals(List.of(), server.installedGroupMembers());
    }

    @Test
    void aFailedPolicyInstallationIsUndoneByRemovingAndPublishingAgain() {
        server.faults().failOn("POST /web_api/install-policy");

        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(target(),
                block("203.0.113.5", "42")));

        assertEquals(Failure.ROLLED_BACK, e.failure(), e.getMessage());
        assertTrue(e.getMessage().contains("remove yagura-42 from YAGURA-BLOCK, delete it and publish"),
                e.getMessage());
        assertEquals(CUSTOMER_OBJECTS, server.publishedNames());
        assertEquals(List.of(), server.publishedGroupMembers());
    }

    @Test
    void anErrorMidChangeIsDiscarded() {
        server.faults().failOn("POST /web_api/set-group");

        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(target(),
                block("203.0.113.5", "42")));

        assertEquals(Failure.ROLLED_BACK, e.failure(), e.getMessage());
        assertEquals(CUSTOMER_OBJECTS, server.publishedNames());
    }

    @Test
    void aServerThatGoesAwayAfterPublishingLeavesAPartialBlockThatIsNamed() {
        server.faults().dropAfter("POST /web_api/publish");

        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(target(),
                block("203.0.113.5", "42")));

        assertEquals(Failure.PARTIAL, e.failure(), e.getMessage());
        assertTrue(e.getMessage().contains("remove yagura-42 from YAGURA-BLOCK, delete it and publish"),
                e.getMessage());
        assertEquals(List.of("yagura-42"), server.publishedGroupMembers(), "what the message says is left");
    }

    @Test
    void aSessionThatExpiresMidChangeIsPartialAndNothingIsPublished() {
        server.expireSessionsOn("POST /web_api/set-group");

        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(target(),
                block("203.0.113.5", "42")));

        assertEquals(Failure.PARTIAL, e.failure(), e.getMessage());
        assertTrue(e.getMessage().contains("generic_err_wrong_session_id"), e.getMessage());
        assertTrue(e.getMessage().contains("an operator must still: discard the session's changes"), e.getMessage());
        assertEquals(CUSTOMER_OBJECTS, server.publishedNames());
    }

    @Test
    void aStalledServerTimesOutWithinTheTimeoutAndTheSessionIsDiscarded() {
        server.faults().stallOn("POST /web_api/set-group");
        Target quick = target("", PASSWORD, server.fingerprint(), Duration.ofSeconds(3));

        FirewallException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(
                FirewallException.class, () -> driver.block(quick, block("203.0.113.5", "42"))));

        assertEquals(Failure.ROLLED_BACK, e.failure(), e.getMessage());
        assertTrue(e.getMessage().contains("did not answer"), e.getMessage());
        assertEquals(CUSTOMER_OBJECTS, server.publishedNames());
    }

    @Test
    void hostileAddressesReferencesAndOptionsAreRefusedBeforeAnyRequest() {
        for (String address : List.of("203.0.113.5\",\"x\":\"", "203.0.113.5\r\n", "2001:db8::/0", "fw.example")) {
            FirewallException e = assertThrows(FirewallException.class, () -> driver.block(target(),
                    block(address, "42")), address);
            assertEquals(Failure.REJECTED, e.failure(), address);
        }
        assertEquals(Failure.REJECTED, assertThrows(FirewallException.class, () -> driver.block(target(),
                block("203.0.113.5", "a\"b"))).failure());
        assertEquals(Failure.UNSUPPORTED, assertThrows(FirewallException.class, () -> driver.listBlocks(
                target("package=%22%7D", PASSWORD, server.fingerprint(), Duration.ofSeconds(10)))).failure());
        assertEquals(List.of(), server.received());
    }

    @Test
    void withoutTheOneTimeSetupNothingIsChanged() {
        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(
                target("group=MISSING", PASSWORD, server.fingerprint(), Duration.ofSeconds(10)),
                block("203.0.113.5", "42")));

        assertEquals(Failure.UNSUPPORTED, e.failure(), e.getMessage());
        assertEquals(CUSTOMER_OBJECTS, server.publishedNames());
    }
}
