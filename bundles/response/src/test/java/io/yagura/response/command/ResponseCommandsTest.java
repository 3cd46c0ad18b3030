package io.yagura.response.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yagura.api.response.Block;
import io.yagura.api.response.BlockState;
import io.yagura.api.response.BlockStore;
import io.yagura.response.BlockService;
import io.yagura.response.ResponsePolicy;
import io.yagura.response.TestPlatform;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The console commands on the real block service and stores: what the operator sees, and the errors for bad input. */
class ResponseCommandsTest {

    TestPlatform platform;
    BlockService service;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    /** The refusal of the last command run, as the operator reads it; "" when it did its work. */
    String refusal = "";

    @BeforeEach
    void setUp() throws Exception {
        platform = new TestPlatform();
        service = platform.service();
    }

    private <C extends ResponseCommand> C wire(C command) {
        command.blocks = service;
        command.out = new PrintStream(out, true, StandardCharsets.UTF_8);
        return command;
    }

    private String run(ResponseCommand c) {
        out.reset();
        refusal = "";
        try {
            c.execute();
        } catch (CommandException refused) {
            refusal = refused.getMessage();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private String error() {
        return refusal;
    }

    private BlockCommand block(String address) {
        BlockCommand c = wire(new BlockCommand());
        c.customer = "acme";
        c.address = address;
        c.reason = "brute force";
        return c;
    }

    private BlocksCommand blocks() {
        BlocksCommand c = wire(new BlocksCommand());
        c.store = platform.store();
        return c;
    }

    private Block only(BlockState state) {
        List<Block> found = platform.store().list(new BlockStore.Filter(null, null, null, List.of(state), 0));
        assertEquals(1, found.size(), found.toString());
        return found.get(0);
    }

    @Test
    void blockPlacesAndSaysWhereAndARefusalSaysWhy() {
        BlockCommand c = block("203.0.113.7");
        c.expires = "48h";
        String placed = run(c);
        Block b = only(BlockState.ACTIVE);
        assertTrue(placed.startsWith(b.id() + "  block of 203.0.113.7 on acme-fw1: ACTIVE"), placed);
        assertEquals(Duration.ofHours(48), Duration.between(b.requestedAt(), b.expiresAt()));
        assertEquals("console", b.requestedBy(), "outside a Karaf session the operator is 'console'");

        String refused = run(block("10.9.9.9"));
        assertTrue(refused.contains("REFUSED (10.9.9.9/32 is in the private or special range 10.0.0.0/8"), refused);
    }

    @Test
    void badInputIsAnErrorForTheOperatorAndNothingIsStored() {
        BlockCommand c = block("203.0.113.7");
        c.expires = "soon";
        run(c);
        assertEquals("Not changed: 'soon' is not a duration (e.g. 90m, 24h, 7d)", error());
        BlockCommand nobody = block("203.0.113.7");
        nobody.customer = null;
        run(nobody);
        assertEquals("Not changed: whose firewalls? give --customer, --incident or --device", error());
        assertEquals(List.of(), platform.store().list(new BlockStore.Filter(null, null, null, null, 0)));

        BlockCommand withoutService = block("203.0.113.7");
        withoutService.blocks = null;
        run(withoutService);
        assertTrue(error().contains("feature yagura-response not installed"), error());
    }

    @Test
    void blocksListsLiveOnesPendingOnesAllOnesOneInFullAndJson() throws Exception {
        run(block("203.0.113.7"));
        run(block("10.9.9.9")); // refused
        Block active = only(BlockState.ACTIVE);

        String live = run(blocks());
        assertTrue(live.contains(active.id()) && !live.contains("10.9.9.9"), live);
        BlocksCommand all = blocks();
        all.all = true;
        assertTrue(run(all).contains("10.9.9.9"));
        BlocksCommand pending = blocks();
        pending.pending = true;
        assertTrue(!run(pending).contains(active.id()));

        BlocksCommand one = blocks();
        one.id = active.id();
        String full = run(one);
        assertTrue(full.contains("requested by console") || full.contains("by console"), full);
        assertTrue(full.contains("console  placed  on acme-fw1"), full);
        assertTrue(full.contains("[device: object-group YAGURA-BLOCK: added 203.0.113.7"), full);

        BlocksCommand json = blocks();
        json.json = true;
        JsonNode n = new ObjectMapper().readTree(run(json).trim());
        assertEquals(active.id(), n.get("id").asText());
        assertEquals("ACTIVE", n.get("state").asText());
        assertEquals(active.expiresAt().toString(), n.get("expiresAt").asText());
    }

    @Test
    void unblockExtendApproveAndRejectAct() {
        run(block("203.0.113.7"));
        Block b = only(BlockState.ACTIVE);
        BlockExtendCommand extend = wire(new BlockExtendCommand());
        extend.id = b.id();
        extend.expires = "72h";
        assertTrue(run(extend).contains(": ACTIVE"));
        assertEquals(b.requestedAt().plus(Duration.ofHours(72)), platform.store().find(b.id()).orElseThrow().expiresAt());
        extend.expires = "30d";
        run(extend);
        assertTrue(error().startsWith("Not changed: the new expiry"), error());

        UnblockCommand unblock = wire(new UnblockCommand());
        unblock.ids = List.of(b.id());
        unblock.reason = "customer asked";
        assertTrue(run(unblock).contains(": REMOVED"));
        run(unblock);
        assertEquals("Not changed: block " + b.id() + " is REMOVED, not ACTIVE", error());

        Block waiting = platform.waitingRequest("203.0.113.9");
        BlockApproveCommand approve = wire(new BlockApproveCommand());
        approve.ids = List.of(waiting.id());
        assertTrue(run(approve).contains(": ACTIVE"));
        Block other = platform.waitingRequest("203.0.113.10");
        BlockRejectCommand reject = wire(new BlockRejectCommand());
        reject.ids = List.of(other.id());
        reject.reason = "shared hosting";
        assertTrue(run(reject).contains(": REFUSED (rejected by console: shared hosting)"));
    }

    @Test
    void blockPolicyShowsTheDefaultAndSetsAPolicy() {
        BlockPolicyCommand c = wire(new BlockPolicyCommand());
        c.registry = platform.registry();
        assertTrue(run(c).contains("approval (default)"));
        c.customer = "acme";
        c.policy = "auto-emergency";
        assertEquals("acme: auto-emergency", run(c).trim());
        assertEquals(ResponsePolicy.AUTO_EMERGENCY, service.policyOf("acme"));
        c.policy = "sometimes";
        run(c);
        assertEquals("Not changed: unknown response policy 'sometimes' (off, approval, auto-emergency)", error());
    }

    @Test
    void safelistAddsShowsAndRemovesAndRefusesWhatIsNoNetwork() {
        SafelistCommand c = wire(new SafelistCommand());
        c.registry = platform.registry();
        c.customer = "acme";
        c.add = "198.18.7.5";
        c.note = "partner VPN";
        assertEquals("198.18.7.5/32 added to the safelist of acme", run(c).trim());
        c.add = null;
        String shown = run(c);
        assertTrue(shown.contains("198.18.7.5/32") && shown.contains("partner VPN") && shown.contains("10.0.0.0/16"), shown);
        String refused = run(block("198.18.7.5"));
        assertTrue(refused.contains("safelist of acme"), refused);
        c.remove = "198.18.7.5";
        assertEquals("198.18.7.5/32 removed from the safelist of acme", run(c).trim());
        run(c);
        assertEquals("Not changed: 198.18.7.5/32 is not in the safelist of acme", error());
        c.remove = null;
        c.add = "partner.example";
        run(c);
        assertTrue(error().contains("host names are never resolved"), error());
        c.global = true;
        run(c);
        assertEquals("Not changed: give either --customer or --global", error());
    }

    @Test
    void deviceTrustShowsBothFingerprintsAndAcceptsOne() {
        platform.presentNewKey("SHA256:rotatedCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC");
        DeviceTrustCommand c = wire(new DeviceTrustCommand());
        c.device = "acme-fw1";
        String shown = run(c);
        assertTrue(shown.contains("presented  SHA256:rotatedCCCC"), shown);
        assertTrue(shown.contains("check      UNTRUSTED"), shown);
        c.accept = "SHA256:rotatedCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC";
        assertEquals("acme-fw1: SHA256:rotatedCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC accepted", run(c).trim());
        assertEquals("SHA256:rotatedCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC",
                platform.store().pinnedFingerprint("acme-fw1").orElseThrow());
        c.accept = null;
        assertTrue(run(c).contains("the device answered with the accepted identity"));
    }
}
