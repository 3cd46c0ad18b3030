package io.yagura.device.netconf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import io.yagura.api.plugin.FirewallDriver.Failure;
import io.yagura.api.plugin.FirewallDriver.FirewallException;
import io.yagura.api.plugin.FirewallDriver.Target;
import io.yagura.api.registry.Secret;
import io.yagura.device.ssh.SshConnection;
import io.yagura.emulator.srx.SrxEmulator;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The NETCONF client against the SRX emulator over real SSH, in both framings. */
class NetconfClientTest {

    private static final String ADDRESS = "<configuration><security><address-book><name>global</name>"
            + "<address><name>yagura-b1</name><ip-prefix>203.0.113.5/32</ip-prefix></address>"
            + "<address-set><name>YAGURA-BLOCK</name><address><name>yagura-b1</name></address></address-set>"
            + "</address-book></security></configuration>";

    private static SrxEmulator srx(boolean base11) {
        return base11 ? SrxEmulator.start("soc", "pw-Netconf") : SrxEmulator.startBase10Only("soc", "pw-Netconf");
    }

    private static SshConnection ssh(SrxEmulator srx) throws FirewallException {
        return SshConnection.open(new Target("srx1", URI.create("ssh://127.0.0.1:" + srx.port()), "soc",
                Secret.of("pw-Netconf"), srx.fingerprint(), null, Duration.ofSeconds(5)), 830);
    }

    @ParameterizedTest(name = "base:1.1 offered: {0}")
    @ValueSource(booleans = {true, false})
    void editsCommitsConfirmedAndReadsBack(boolean base11) throws Exception {
        try (SrxEmulator srx = srx(base11); SshConnection ssh = ssh(srx); NetconfClient netconf = NetconfClient.open(ssh)) {
            assertEquals(base11, netconf.chunked(), "framing");
            assertTrue(netconf.capabilities().contains(NetconfClient.BASE_10));
            netconf.lock("candidate");
            netconf.editConfig(ADDRESS);
            netconf.commitConfirmed(Duration.ofMinutes(2));
            assertTrue(srx.awaitingConfirmation());
            String data = NetconfClient.text(netconf.getConfig("running", null), "configuration");
            assertTrue(data.contains("203.0.113.5/32"), data);
            netconf.commit();
            netconf.unlock("candidate");
            assertFalse(srx.awaitingConfirmation());
            assertEquals(java.util.List.of("placeholder", "yagura-b1"), srx.addressSetMembers("YAGURA-BLOCK"));
        }
    }

    @ParameterizedTest(name = "base:1.1 offered: {0}")
    @ValueSource(booleans = {true, false})
    void anRpcErrorIsRejectedWithTheDevicesMessageAndTheSessionGoesOn(boolean base11) throws Exception {
        try (SrxEmulator srx = srx(base11); SshConnection ssh = ssh(srx); NetconfClient netconf = NetconfClient.open(ssh)) {
            netconf.loadConfiguration(ADDRESS.replace("203.0.113.5/32", "203.0.113.500/32"));
            FirewallException e = assertThrows(FirewallException.class, netconf::commit);
            assertEquals(Failure.REJECTED, e.failure());
            assertTrue(e.getMessage().contains("invalid prefix '203.0.113.500/32'"), e.getMessage());
            netconf.discardChanges();
            netconf.commit();
            assertFalse(srx.runningConfig().contains("yagura-b1"));
        }
    }

    @ParameterizedTest(name = "base:1.1 offered: {0}")
    @ValueSource(booleans = {true, false})
    void anUnconfirmedCommitIsRolledBackWhenTheSessionEnds(boolean base11) throws Exception {
        try (SrxEmulator srx = srx(base11)) {
            String before = srx.runningConfig();
            try (SshConnection ssh = ssh(srx); NetconfClient netconf = NetconfClient.open(ssh)) {
                netconf.lock("candidate");
                netconf.editConfig(ADDRESS);
                netconf.commitConfirmed(Duration.ofMinutes(2));
                assertTrue(srx.runningConfig().contains("yagura-b1"));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> srx.runningConfig().equals(before));
        }
    }

    @ParameterizedTest(name = "base:1.1 offered: {0}")
    @ValueSource(booleans = {true, false})
    void aStalledDeviceTimesOutAndADroppedOneIsUnreachable(boolean base11) throws Exception {
        try (SrxEmulator srx = srx(base11)) {
            srx.faults().stallOn("<lock>");
            Target quick = new Target("srx1", URI.create("ssh://127.0.0.1:" + srx.port()), "soc",
                    Secret.of("pw-Netconf"), srx.fingerprint(), null, Duration.ofSeconds(1));
            try (SshConnection ssh = SshConnection.open(quick, 830); NetconfClient netconf = NetconfClient.open(ssh)) {
                assertEquals(Failure.TIMEOUT, assertThrows(FirewallException.class, () -> netconf.lock("candidate")).failure());
            }
            srx.faults().clear().dropAfter("<lock>");
            try (SshConnection ssh = ssh(srx); NetconfClient netconf = NetconfClient.open(ssh)) {
                assertEquals(Failure.UNREACHABLE, assertThrows(FirewallException.class, () -> netconf.lock("candidate")).failure());
            }
        }
    }
}
