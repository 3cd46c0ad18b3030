package io.yagura.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.registry.Device;
import io.yagura.api.registry.ManagementEndpoint;
import io.yagura.api.registry.Secret;
import io.yagura.api.response.Block;
import io.yagura.api.response.BlockAudit;
import io.yagura.api.response.BlockState;
import io.yagura.emulator.asa.AsaEmulator;
import io.yagura.plugin.ciscoasa.CiscoAsaPlugin;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One path through a real driver: the Cisco ASA plugin's driver over SSH against the ASA CLI
 * emulator, registered like a customer's firewall. The key is unknown until an operator accepts
 * what the device presented; a change the device fails half way leaves nothing; the expiry
 * removes the block from the running configuration.
 */
class AsaEndToEndTest {

    private static final String PASSWORD = "Asa-Login-9";

    Platform platform;
    AsaEmulator asa;
    BlockService service;

    @BeforeEach
    void setUp() throws Exception {
        platform = new Platform();
        asa = AsaEmulator.start("soc", PASSWORD, PASSWORD).withBlockGroup("YAGURA-BLOCK", "outside_access_in");
        platform.registry.putDevice(new Device("acme-asa", "acme", "cisco-asa", "ASA 5525-X", List.of("192.0.2.77"))
                .withManagement(new ManagementEndpoint("ssh://127.0.0.1:" + asa.port(), "soc", Secret.of(PASSWORD),
                        null, null)));
        service = platform.service();
        service.bindPlugin(new CiscoAsaPlugin());
    }

    @AfterEach
    void tearDown() throws Exception {
        asa.close();
    }

    private List<Block> block(String address) {
        return service.request(new BlockRequest("acme", null, address, List.of("acme-asa"), Duration.ofHours(1), "alice",
                "VPN brute force", false));
    }

    @Test
    void anUnknownHostKeyIsRefusedUntilAcceptedThenTheBlockIsOnTheAsaAndLeavesAtItsExpiry() {
        Block untrusted = block("203.0.113.5").get(0);
        assertEquals(BlockState.FAILED, untrusted.state());
        assertTrue(untrusted.deviceAnswer().startsWith("UNTRUSTED"), untrusted.deviceAnswer());
        assertFalse(asa.runningConfig().contains("203.0.113.5"), "nothing sent before the key is trusted");
        BlockService.Trust trust = service.trust("acme-asa");
        assertEquals(asa.fingerprint(), trust.presented(), "the operator sees what the device presented");

        service.acceptFingerprint("acme-asa", trust.presented(), "alice");
        Block placed = block("203.0.113.5").get(0);
        assertEquals(BlockState.ACTIVE, placed.state(), placed.deviceAnswer());
        String config = asa.runningConfig();
        assertTrue(config.contains("object network yagura-" + placed.id() + "\n host 203.0.113.5\n"), config);
        assertTrue(config.contains("network-object object yagura-" + placed.id()), config);
        assertEquals(1, service.reconcile("acme-asa", false, "alice").matching(), "the device and the store agree");

        BlockService atExpiry = platform.service(Map.of(), placed.expiresAt());
        atExpiry.bindPlugin(new CiscoAsaPlugin());
        assertEquals(1, atExpiry.expireDue());
        assertFalse(asa.runningConfig().contains("yagura-" + placed.id()), asa.runningConfig());
        List<BlockAudit> trail = platform.blocks.audit(placed.id());
        assertEquals("expired", trail.get(trail.size() - 1).action());
    }

    @Test
    void aChangeTheAsaRefusesHalfWayIsRolledBackAndFailed() {
        service.acceptFingerprint("acme-asa", asa.fingerprint(), "alice");
        asa.faults().failOn("network-object object .*");
        Block failed = block("203.0.113.6").get(0);
        assertEquals(BlockState.FAILED, failed.state());
        assertFalse(asa.runningConfig().contains("yagura-" + failed.id()), "rolled back: " + asa.runningConfig());
        assertEquals(List.of("requested", "rolled-back"),
                platform.blocks.audit(failed.id()).stream().map(BlockAudit::action).toList());
        assertTrue(failed.deviceAnswer().contains("injected fault"), "the device's words: " + failed.deviceAnswer());
    }
}
