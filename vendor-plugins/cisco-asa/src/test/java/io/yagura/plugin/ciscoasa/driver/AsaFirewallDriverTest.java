package io.yagura.plugin.ciscoasa.driver;

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
import io.yagura.emulator.asa.AsaEmulator;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The ASA driver against the ASA CLI emulator, a real SSH server. */
class AsaFirewallDriverTest {

    private static final String PASSWORD = "Login-Pass-7";

    private final AsaEmulator asa = AsaEmulator.start("soc", PASSWORD, PASSWORD)
            .withBlockGroup("YAGURA-BLOCK", "outside_access_in");
    private final AsaFirewallDriver driver = new AsaFirewallDriver();

    @AfterEach
    void stop() throws Exception {
        asa.close();
    }

    private Target target(String options) {
        return target(options, PASSWORD, asa.fingerprint(), Duration.ofSeconds(5));
    }

    private Target target(String options, String password, String fingerprint, Duration timeout) {
        return new Target("asa1", URI.create("ssh://127.0.0.1:" + asa.port() + options), "soc", Secret.of(password),
                fingerprint, null, timeout);
    }

    private static Block block(String address) {
        return new Block(address, Instant.parse("2026-12-06T00:00:00Z"), "b42", "incident 17 Emergency");
    }

    @Test
    void blocksAHostInTheGroupAndListsIt() throws Exception {
        Outcome outcome = driver.block(target(""), block("203.0.113.5"));

        assertTrue(outcome.verified(), outcome.deviceAnswer());
        String config = asa.runningConfig();
        assertTrue(config.contains("object network yagura-b42\n host 203.0.113.5\n description Yagura block b42: incident 17 Emergency\n"), config);
        assertTrue(config.contains("object-group network YAGURA-BLOCK\n network-object host 192.0.2.255\n network-object object yagura-b42\n"), config);
        assertEquals(List.of(new PlacedBlock("203.0.113.5", "b42", "object network yagura-b42 in object-group YAGURA-BLOCK")),
                driver.listBlocks(target("")));
        assertEquals("", asa.savedConfig(), "no write memory without save=true");
    }

    @Test
    void savesWhenAsked() throws Exception {
        driver.block(target("?save=true"), block("203.0.113.5"));
        assertTrue(asa.savedConfig().contains("network-object object yagura-b42"), asa.savedConfig());
    }

    @Test
    void unblocksAndLeavesTheCustomersPlaceholder() throws Exception {
        driver.block(target(""), block("203.0.113.5"));
        Outcome outcome = driver.unblock(target(""), "203.0.113.5");

        assertTrue(outcome.verified());
        assertFalse(asa.runningConfig().contains("yagura-b42"), asa.runningConfig());
        assertTrue(asa.runningConfig().contains("network-object host 192.0.2.255"));
        assertEquals(List.of(), driver.listBlocks(target("")));
        assertTrue(driver.unblock(target(""), "203.0.113.5").verified(), "unblocking twice succeeds");
    }

    @Test
    void blocksCidrAndIpv6InAnotherGroup() throws Exception {
        asa.withBlockGroup("SOC-DENY", "outside_access_in");
        driver.block(target("?group=SOC-DENY"), block("198.51.100.0/24"));
        driver.block(target("?group=SOC-DENY"), new Block("2001:db8::66", null, "b43", "incident 18"));
        driver.block(target("?group=SOC-DENY"), new Block("2001:db8:1::/48", null, "b44", "incident 19"));

        String config = asa.runningConfig();
        assertTrue(config.contains(" subnet 198.51.100.0 255.255.255.0\n"), config);
        assertTrue(config.contains(" host 2001:db8::66\n"), config);
        assertTrue(config.contains(" subnet 2001:db8:1::/48\n"), config);
        assertEquals(List.of("198.51.100.0/24", "2001:db8::66", "2001:db8:1::/48"),
                driver.listBlocks(target("?group=SOC-DENY")).stream().map(PlacedBlock::address).toList());
        assertEquals(List.of(), driver.listBlocks(target("")), "the default group is untouched");
    }

    @Test
    void anUnknownHostKeyIsUntrustedAndNoPasswordIsSent() {
        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(
                target("", PASSWORD, "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU", Duration.ofSeconds(5)),
                block("203.0.113.5")));
        assertEquals(Failure.UNTRUSTED, e.failure());
        assertEquals(asa.fingerprint(), e.presentedFingerprint());
        assertEquals(0, asa.faults().passwordAttempts());
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailure() {
        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(
                target("", "not-" + PASSWORD, asa.fingerprint(), Duration.ofSeconds(5)), block("203.0.113.5")));
        assertEquals(Failure.AUTHENTICATION, e.failure());
        assertFalse(e.getMessage().contains(PASSWORD), e.getMessage());
    }

    @Test
    void aDeviceErrorMidChangeIsRolledBack() {
        String before = asa.runningConfig();
        asa.faults().failOn("^network-object object ");
        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(target(""), block("203.0.113.5")));

        assertEquals(Failure.ROLLED_BACK, e.failure(), e.getMessage());
        assertTrue(e.getMessage().contains("injected fault"), "the device's words: " + e.getMessage());
        assertEquals(before, asa.runningConfig());
    }

    @Test
    void aRollbackThatFailsTooIsPartialAndSaysWhatIsLeft() {
        asa.faults().failOn("^(network-object object|no object network) ");
        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(target(""), block("203.0.113.5")));

        assertEquals(Failure.PARTIAL, e.failure(), e.getMessage());
        assertTrue(e.getMessage().contains("yagura-b42"), e.getMessage());
        assertTrue(asa.runningConfig().contains("object network yagura-b42"), "what the message says is left");
    }

    @Test
    void aConnectionDroppedMidChangeIsRolledBackOverANewSession() {
        String before = asa.runningConfig();
        asa.faults().dropAfter("^network-object object ");
        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(target(""), block("203.0.113.5")));

        assertEquals(Failure.ROLLED_BACK, e.failure(), e.getMessage());
        assertEquals(before, asa.runningConfig());
    }

    @Test
    void aStalledDeviceTimesOutWithinTheTargetsTimeout() {
        String before = asa.runningConfig();
        asa.faults().stallOn("^configure terminal$");
        Target target = target("", PASSWORD, asa.fingerprint(), Duration.ofSeconds(1));
        FirewallException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(FirewallException.class, () -> driver.block(target, block("203.0.113.5"))));
        assertEquals(Failure.TIMEOUT, e.failure(), e.getMessage());
        assertEquals(before, asa.runningConfig());
    }

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.5\nwrite erase", "203.0.113.5 ; reload", "203.0.113.5\r", " 203.0.113.5",
            "evil.example", "203.0.113.5/33", "", "203.0.113.5 any"})
    void hostileAddressesAreRefusedBeforeAnythingIsSent(String address) {
        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(target(""), block(address)));
        assertEquals(Failure.REJECTED, e.failure());
        assertTrue(e.getMessage().startsWith("refused before contacting the device"), e.getMessage());
        assertEquals(0, asa.faults().passwordAttempts(), "no login");
    }

    @Test
    void aHostileReferenceIsRefusedAndAHostileReasonIsFlattened() throws Exception {
        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(target(""),
                new Block("203.0.113.5", null, "b1\nwrite erase", "x")));
        assertEquals(Failure.REJECTED, e.failure());
        driver.block(target(""), new Block("203.0.113.5", null, "b2", "line one\nno access-list outside_access_in"));
        assertTrue(asa.runningConfig().contains(" description Yagura block b2: line one no access-list outside_access_in\n"),
                asa.runningConfig());
        assertTrue(asa.runningConfig().contains("access-list outside_access_in line 1 extended deny"));
    }

    @Test
    void shunsAHostWhenAsked() throws Exception {
        assertTrue(driver.block(target("?method=shun"), block("203.0.113.9")).verified());
        assertEquals(List.of("203.0.113.9"), asa.shuns());
        assertEquals(List.of("203.0.113.9"), driver.listBlocks(target("?method=shun")).stream().map(PlacedBlock::address).toList());
        assertEquals(Failure.UNSUPPORTED, assertThrows(FirewallException.class,
                () -> driver.block(target("?method=shun"), block("198.51.100.0/24"))).failure());
        driver.unblock(target("?method=shun"), "203.0.113.9");
        assertEquals(List.of(), asa.shuns());
    }

    @Test
    void unknownOptionsAreUnsupported() {
        assertEquals(Failure.UNSUPPORTED, assertThrows(FirewallException.class,
                () -> driver.block(target("?method=acl"), block("203.0.113.5"))).failure());
        assertEquals(Failure.UNSUPPORTED, assertThrows(FirewallException.class,
                () -> driver.block(target("?group=a%20b"), block("203.0.113.5"))).failure());
    }
}
