package io.yagura.plugin.junipersrx.driver;

import static org.awaitility.Awaitility.await;
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
import io.yagura.emulator.srx.SrxEmulator;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The SRX driver against the Junos NETCONF emulator, a real SSH server. */
class SrxFirewallDriverTest {

    private static final String PASSWORD = "Netconf-Pass-9";

    private final SrxEmulator srx = SrxEmulator.start("soc", PASSWORD);
    private final SrxFirewallDriver driver = new SrxFirewallDriver();

    @AfterEach
    void stop() throws Exception {
        srx.close();
    }

    private Target target(String options) {
        return target(options, PASSWORD, srx.fingerprint(), Duration.ofSeconds(5));
    }

    private Target target(String options, String password, String fingerprint, Duration timeout) {
        return new Target("srx1", URI.create("ssh://127.0.0.1:" + srx.port() + options), "soc", Secret.of(password),
                fingerprint, null, timeout);
    }

    private static Block block(String address) {
        return new Block(address, null, "b42", "incident 17 Emergency");
    }

    @Test
    void blocksInTheAddressSetConfirmsAndListsIt() throws Exception {
        Outcome outcome = driver.block(target(""), block("203.0.113.5"));

        assertTrue(outcome.verified(), outcome.deviceAnswer());
        assertEquals(List.of("placeholder", "yagura-b42"), srx.addressSetMembers("YAGURA-BLOCK"));
        assertEquals("203.0.113.5/32", srx.addresses().get("yagura-b42"));
        assertTrue(srx.runningConfig().contains("<description>Yagura block b42: incident 17 Emergency</description>"));
        assertFalse(srx.awaitingConfirmation(), "the commit was confirmed");
        assertEquals(List.of(new PlacedBlock("203.0.113.5", "b42",
                "address yagura-b42 in address-set YAGURA-BLOCK in the global address book")), driver.listBlocks(target("")));
    }

    @Test
    void unblocksAndKeepsTheCustomersPlaceholder() throws Exception {
        driver.block(target(""), block("203.0.113.5"));
        assertTrue(driver.unblock(target(""), "203.0.113.5").verified());

        assertEquals(List.of("placeholder"), srx.addressSetMembers("YAGURA-BLOCK"));
        assertFalse(srx.addresses().containsKey("yagura-b42"));
        assertEquals(List.of(), driver.listBlocks(target("")));
        assertTrue(driver.unblock(target(""), "203.0.113.5").verified(), "unblocking twice succeeds");
    }

    @Test
    void blocksCidrAndIpv6InAZoneAddressBook() throws Exception {
        driver.block(target("?zone=untrust"), new Block("198.51.100.0/24", null, "b1", "x"));
        driver.block(target("?zone=untrust"), new Block("2001:db8::66", null, "b2", "y"));

        assertEquals(List.of("198.51.100.0/24", "2001:db8::66"),
                driver.listBlocks(target("?zone=untrust")).stream().map(PlacedBlock::address).toList());
        assertTrue(srx.runningConfig().contains("<security-zone><name>untrust</name>"), srx.runningConfig());
        assertEquals(List.of(), driver.listBlocks(target("")), "the global address book is untouched");
    }

    @Test
    void anUnknownHostKeyIsUntrustedAndNoPasswordIsSent() {
        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(
                target("", PASSWORD, "SHA256:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU", Duration.ofSeconds(5)),
                block("203.0.113.5")));
        assertEquals(Failure.UNTRUSTED, e.failure());
        assertEquals(srx.fingerprint(), e.presentedFingerprint());
        assertEquals(0, srx.faults().passwordAttempts());
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailure() {
        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(
                target("", "x" + PASSWORD, srx.fingerprint(), Duration.ofSeconds(5)), block("203.0.113.5")));
        assertEquals(Failure.AUTHENTICATION, e.failure());
        assertFalse(e.getMessage().contains(PASSWORD));
    }

    @Test
    void aFailingCommitIsRolledBackAndTheConfigurationIsUnchanged() {
        String before = srx.runningConfig();
        srx.faults().failOn("<commit>");
        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(target(""), block("203.0.113.5")));

        assertEquals(Failure.ROLLED_BACK, e.failure(), e.getMessage());
        assertTrue(e.getMessage().contains("injected fault"), e.getMessage());
        assertEquals(before, srx.runningConfig());
        srx.faults().clear();
        assertEquals(List.of(), placeAndRemoveAnotherBlockThenList(), "nothing left in the candidate either");
    }

    private List<PlacedBlock> placeAndRemoveAnotherBlockThenList() {
        try {
            driver.block(target(""), block("192.0.2.77"));
            driver.unblock(target(""), "192.0.2.77");
            return driver.listBlocks(target(""));
        } catch (FirewallException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aFailedReadBackLeavesTheUnconfirmedCommitToRollBack() {
        String before = srx.runningConfig();
        srx.faults().failOn("<get-config>");
        FirewallException e = assertThrows(FirewallException.class,
                () -> driver.block(target("?confirm=1"), block("203.0.113.5")));

        assertEquals(Failure.ROLLED_BACK, e.failure(), e.getMessage());
        await().atMost(Duration.ofSeconds(10)).until(() -> srx.runningConfig().equals(before));
    }

    @Test
    void aConnectionDroppedMidChangeIsRolledBack() {
        String before = srx.runningConfig();
        srx.faults().dropAfter("<commit><confirmed/>");
        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(target(""), block("203.0.113.5")));

        assertEquals(Failure.ROLLED_BACK, e.failure(), e.getMessage());
        await().atMost(Duration.ofSeconds(10)).until(() -> srx.runningConfig().equals(before));
    }

    @Test
    void aStalledDeviceTimesOutWithinTheTargetsTimeout() {
        srx.faults().stallOn("<lock>");
        Target target = target("", PASSWORD, srx.fingerprint(), Duration.ofSeconds(1));
        FirewallException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(FirewallException.class, () -> driver.block(target, block("203.0.113.5"))));
        assertEquals(Failure.TIMEOUT, e.failure(), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"203.0.113.5\n</ip-prefix>", "203.0.113.5<x/>", "203.0.113.5 ", "evil.example", "10.0.0.0/99"})
    void hostileAddressesAreRefusedBeforeAnythingIsSent(String address) {
        FirewallException e = assertThrows(FirewallException.class, () -> driver.block(target(""), block(address)));
        assertEquals(Failure.REJECTED, e.failure());
        assertTrue(e.getMessage().startsWith("refused before contacting the device"), e.getMessage());
        assertEquals(0, srx.faults().passwordAttempts());
    }

    @Test
    void aHostileReasonIsEscapedAndHostileOptionsRefused() throws Exception {
        driver.block(target(""), new Block("203.0.113.5", null, "b3", "</description><then><permit/></then>"));
        assertTrue(srx.runningConfig().contains("&lt;/description&gt;&lt;then&gt;"), srx.runningConfig());
        assertEquals(Failure.UNSUPPORTED, assertThrows(FirewallException.class,
                () -> driver.block(target("?zone=%3Cx%3E"), block("203.0.113.6"))).failure());
    }

    @Test
    void isThePluginsFirewallDriver() {
        assertTrue(new io.yagura.plugin.junipersrx.JuniperSrxPlugin().firewallDriver().orElseThrow() instanceof SrxFirewallDriver);
    }
}
