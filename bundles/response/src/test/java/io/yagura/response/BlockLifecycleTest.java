package io.yagura.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import io.yagura.api.plugin.FirewallDriver.Capability;
import io.yagura.api.plugin.FirewallDriver.Failure;
import io.yagura.api.registry.Contact;
import io.yagura.api.registry.Customer;
import io.yagura.api.response.Block;
import io.yagura.api.response.BlockAudit;
import io.yagura.api.response.BlockState;
import io.yagura.api.response.BlockStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The state machine of a block, on the in-memory firewall: placed, waiting, failed, removed, expired, extended. */
class BlockLifecycleTest {

    Platform platform;
    BlockService service;

    @BeforeEach
    void setUp() throws Exception {
        platform = new Platform();
        service = platform.service();
    }

    private Block byHand(String address) {
        List<Block> out = service.request(new BlockRequest("acme", null, address, List.of(), Duration.ofHours(2), "alice",
                "seen in the WAF", false));
        assertEquals(1, out.size(), out.toString());
        return out.get(0);
    }

    private List<String> actions(Block b) {
        return platform.blocks.audit(b.id()).stream().map(BlockAudit::action).toList();
    }

    private Map<String, String> device() {
        return platform.firewall.holds("acme-fw1");
    }

    @Test
    void anAnalystsBlockIsPlacedAtOnceVerifiedAndAudited() {
        Block b = byHand("203.0.113.7");
        assertEquals(BlockState.ACTIVE, b.state());
        assertTrue(b.id().matches("BLK-20261205-[A-Z2-9]{6}"), b.id());
        assertEquals(b.id(), device().get("203.0.113.7"), "the device holds it, with Yagura's reference");
        assertEquals(Platform.T0, b.placedAt());
        assertEquals(Platform.T0.plus(Duration.ofHours(2)), b.expiresAt());
        assertEquals(List.of("requested", "placed"), actions(b));
        BlockAudit placed = platform.blocks.audit(b.id()).get(1);
        assertEquals("alice", placed.actor());
        assertTrue(placed.deviceAnswer().contains("object-group YAGURA-BLOCK: added 203.0.113.7"), placed.deviceAnswer());
        assertEquals(b.id(), byHand("203.0.113.7").id(), "asked again: the live block, not a second one");
    }

    @Test
    void aBlockIsPlacedOnEveryFirewallOfTheCustomerOrOnlyOnTheNamedOne() throws Exception {
        platform.firewall("acme-fw2", "acme");
        assertEquals(2, service.request(new BlockRequest("acme", null, "203.0.113.7", List.of(), null, "alice", "r", false))
                .stream().filter(b -> b.state() == BlockState.ACTIVE).count());
        List<Block> one = service.request(new BlockRequest("acme", null, "203.0.113.8", List.of("acme-fw2"), null, "alice",
                "r", false));
        assertEquals(List.of("acme-fw2"), one.stream().map(Block::deviceId).toList());
        assertFalse(device().containsKey("203.0.113.8"));
    }

    @Test
    void aRolledBackChangeIsFailedWithTheDevicesWordsAndNothingOnTheDevice() {
        platform.firewall.failNext.add(Failure.ROLLED_BACK);
        Block b = byHand("203.0.113.7");
        assertEquals(BlockState.FAILED, b.state());
        assertTrue(b.deviceAnswer().startsWith("ROLLED_BACK: the device said no"), b.deviceAnswer());
        assertEquals(List.of("requested", "rolled-back"), actions(b));
        assertTrue(device().isEmpty());
        assertTrue(b.endedAt() != null, "a terminal state has its end");
    }

    @Test
    void aChangeTheReadBackDoesNotConfirmIsFailedAndCleanedUp() {
        platform.firewall.loseNextBlock = true;
        Block b = byHand("203.0.113.7");
        assertEquals(BlockState.FAILED, b.state());
        assertEquals(List.of("requested", "verify-failed"), actions(b));
        assertTrue(platform.firewall.calls.contains("unblock 203.0.113.7 acme-fw1"), "removal tried: " + platform.firewall.calls);
    }

    @Test
    void anUnknownHostKeyFailsShowsThePresentedFingerprintAndWorksOnceAnOperatorAcceptsIt() {
        platform.firewall.presentedKey = "SHA256:newkeyBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";
        Block b = byHand("203.0.113.7");
        assertEquals(BlockState.FAILED, b.state());
        assertEquals(List.of("requested", "untrusted"), actions(b));
        assertTrue(b.deviceAnswer().contains("presented SHA256:newkeyBBBB"), b.deviceAnswer());

        BlockService.Trust trust = service.trust("acme-fw1");
        assertEquals(TestFirewall.KEY, trust.pinned());
        assertEquals("SHA256:newkeyBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", trust.presented());
        assertTrue(trust.check().startsWith("UNTRUSTED"), trust.check());

        assertThrows(IllegalArgumentException.class, () -> service.acceptFingerprint("acme-fw1", "yes", "bob"));
        service.acceptFingerprint("acme-fw1", "SHA256:newkeyBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", "bob");
        assertEquals(BlockState.ACTIVE, byHand("203.0.113.7").state(), "placed once the key is accepted");
        assertNull(service.trust("acme-fw1").presented(), "nothing untrusted any more");
    }

    @Test
    void aWrongPasswordIsAnAuthenticationFailureAndTheSecretIsNowhere() {
        platform.firewall.expectedSecret = "another";
        Block b = byHand("203.0.113.7");
        assertEquals(BlockState.FAILED, b.state());
        assertTrue(b.deviceAnswer().startsWith("AUTHENTICATION"), b.deviceAnswer());
        for (BlockAudit a : platform.blocks.audit(b.id())) {
            assertFalse(String.valueOf(a).contains("s3cret"), "no secret in the audit: " + a);
        }
        assertFalse(b.toString().contains("s3cret"));
    }

    @Test
    void anAnalystUnblocksAndTheDeviceNoLongerHoldsIt() {
        Block b = byHand("203.0.113.7");
        Block removed = service.unblock(b.id(), "bob", "customer asked");
        assertEquals(BlockState.REMOVED, removed.state());
        assertTrue(device().isEmpty());
        assertEquals(List.of("requested", "placed", "unblocked"), actions(b));
        assertEquals("bob", platform.blocks.audit(b.id()).get(2).actor());
        assertThrows(IllegalStateException.class, () -> service.unblock(b.id(), "bob", "again"));
    }

    @Test
    void aRemovalTheDeviceRefusesLeavesTheBlockActiveAndAHalfDoneOneIsFailedForAnOperator() {
        Block b = byHand("203.0.113.7");
        platform.firewall.failNext.add(Failure.UNREACHABLE);
        Block still = service.unblock(b.id(), "bob", null);
        assertEquals(BlockState.ACTIVE, still.state(), "it is still on the device");
        assertTrue(still.deviceAnswer().startsWith("removal failed: UNREACHABLE"), still.deviceAnswer());
        assertEquals(List.of("requested", "placed", "remove-failed"), actions(b));

        platform.firewall.failNext.add(Failure.PARTIAL);
        Block partial = service.unblock(b.id(), "bob", null);
        assertEquals(BlockState.FAILED, partial.state());
        assertEquals("unblocked-partial", actions(b).get(3));
    }

    @Test
    void blocksExpireOnTimeAndAFailedRemovalIsRetriedByTheNextRun() {
        Block b = byHand("203.0.113.7");
        assertEquals(0, platform.service(Map.of(), b.expiresAt().minusMillis(1)).expireDue(), "not yet");
        platform.firewall.failNext.add(Failure.TIMEOUT);
        BlockService atExpiry = platform.service(Map.of(), b.expiresAt());
        assertEquals(0, atExpiry.expireDue(), "the device did not answer");
        assertEquals(BlockState.ACTIVE, platform.blocks.find(b.id()).orElseThrow().state());
        assertEquals(0, atExpiry.expireDue(), "not asked again at once");
        assertEquals(1, platform.service(Map.of(), b.expiresAt().plus(ExpiryRun.REMOVAL_RETRY_GAP)).expireDue(),
                "a run after the retry gap removes it");
        Block expired = platform.blocks.find(b.id()).orElseThrow();
        assertEquals(BlockState.EXPIRED, expired.state());
        assertTrue(device().isEmpty());
        assertEquals("scheduler", platform.blocks.audit(b.id()).get(3).actor());
    }

    @Test
    void aDueBlockWhoseDriverIsNotThereYetIsLeftAloneUntilItComes() {
        Block b = byHand("203.0.113.7");
        BlockService startedWithoutPlugins = new BlockService(platform.blocks, platform.incidents, platform.registry,
                platform.settings, Platform.config(Map.of()), java.time.Clock.fixed(b.expiresAt(), java.time.ZoneOffset.UTC));
        assertEquals(0, startedWithoutPlugins.expireDue());
        assertEquals(List.of("requested", "placed"), actions(b), "no failed attempt recorded");
        String refused = assertThrows(IllegalStateException.class, () -> startedWithoutPlugins.unblock(b.id(), "bob", null))
                .getMessage();
        assertEquals("device acme-fw1: no vendor plugin 'testfw' is installed; the block stays active", refused);
        startedWithoutPlugins.bindPlugin(platform.firewall.plugin("testfw"));
        assertEquals(1, startedWithoutPlugins.expireDue(), "removed once the plugin is there");
        assertTrue(device().isEmpty());
    }

    @Test
    void aDueBlockOfADeviceRemovedFromTheRegistryIsFailedForAnOperator() throws Exception {
        Block b = byHand("203.0.113.7");
        platform.registry.removeDevice("acme-fw1");
        assertEquals(1, platform.service(Map.of(), b.expiresAt()).expireDue());
        Block orphan = platform.blocks.find(b.id()).orElseThrow();
        assertEquals(BlockState.FAILED, orphan.state());
        assertTrue(orphan.deviceAnswer().contains("remove 203.0.113.7 on it by hand"), orphan.deviceAnswer());
        assertEquals("device-gone", actions(b).get(2));
    }

    @Test
    void anExtensionMovesTheExpiryWithinTheMaximumOnly() {
        Block b = byHand("203.0.113.7");
        Instant later = Platform.T0.plus(Duration.ofDays(3));
        assertEquals(later, service.extend(b.id(), later, "bob", "still attacking").expiresAt());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> service.extend(b.id(),
                Platform.T0.plus(Duration.ofDays(8)), "bob", null)).getMessage().contains("at most 10080 minutes"));
        assertThrows(IllegalArgumentException.class, () -> service.extend(b.id(), Platform.T0.minusSeconds(1), "bob", null));
        assertEquals(List.of("requested", "placed", "extended"), actions(b));
        assertEquals(0, platform.service(Map.of(), b.expiresAt()).expireDue(), "the old expiry no longer counts");
    }

    @Test
    void theApprovalPolicyHoldsAutomaticBlocksForAnAnalystWhoApprovesOrRejects() {
        Incident i = platform.incident(Level.EMERGENCY, List.of("203.0.113.7", "203.0.113.9"),
                Platform.established("203.0.113.7"), Platform.established("203.0.113.9"));
        Block waiting = auto(i, "203.0.113.7");
        assertEquals(BlockState.PENDING_APPROVAL, waiting.state());
        assertTrue(device().isEmpty(), "nothing placed before approval");
        assertTrue(platform.blocks.audit(waiting.id()).get(0).detail().contains("policy approval, incident level Emergency"));

        Block approved = platform.service(Map.of(), Platform.T0.plus(Duration.ofHours(3))).approve(waiting.id(), "alice");
        assertEquals(BlockState.ACTIVE, approved.state());
        assertEquals(Platform.T0.plus(Duration.ofHours(27)), approved.expiresAt(), "24 h from the approval, as asked");
        assertEquals(List.of("requested", "approved", "placed"), actions(waiting));

        Block rejected = service.reject(auto(i, "203.0.113.9").id(), "alice", "shared hosting, too broad");
        assertEquals(BlockState.REFUSED, rejected.state());
        assertEquals("rejected by alice: shared hosting, too broad", rejected.deviceAnswer());
        assertThrows(IllegalStateException.class, () -> service.approve(rejected.id(), "alice"));
    }

    @Test
    void autoEmergencyPlacesEmergencyBlocksAtOnceAndKeepsCriticalOnesForAnAnalyst() {
        service.setPolicy("acme", ResponsePolicy.AUTO_EMERGENCY, "alice");
        Incident emergency = platform.incident(Level.EMERGENCY, List.of("203.0.113.7"), Platform.established("203.0.113.7"));
        assertEquals(BlockState.ACTIVE, auto(emergency, "203.0.113.7").state());
        Incident critical = platform.incident(Level.CRITICAL, List.of("203.0.113.8"), Platform.established("203.0.113.8"));
        assertEquals(BlockState.PENDING_APPROVAL, auto(critical, "203.0.113.8").state());
    }

    @Test
    void anApprovalChecksTheSafelistAgain() {
        Incident i = platform.incident(Level.EMERGENCY, List.of("203.0.113.7"), Platform.established("203.0.113.7"));
        Block waiting = auto(i, "203.0.113.7");
        service.settings().addSafelist(new ResponseSettings.SafelistEntry("acme", "203.0.113.0/29", "CDN", "bob",
                Platform.T0));
        Block refused = service.approve(waiting.id(), "alice");
        assertEquals(BlockState.REFUSED, refused.state());
        assertTrue(refused.deviceAnswer().contains("safelist of acme"), refused.deviceAnswer());
        assertTrue(device().isEmpty());
    }

    @Test
    void aWaitingRequestLapsesAtItsExpiry() {
        Incident i = platform.incident(Level.CRITICAL, List.of("203.0.113.7"), Platform.established("203.0.113.7"));
        Block waiting = auto(i, "203.0.113.7");
        assertEquals(1, platform.service(Map.of(), waiting.expiresAt()).expireDue());
        Block lapsed = platform.blocks.find(waiting.id()).orElseThrow();
        assertEquals(BlockState.REFUSED, lapsed.state());
        assertEquals("not approved before its expiry", lapsed.deviceAnswer());
    }

    @Test
    void anInternalHostBecomesAQuarantineRequestThatWaitsForAnAnalyst() throws Exception {
        TestFirewall isolating = new TestFirewall(Capability.BLOCK, Capability.QUARANTINE);
        service.bindPlugin(isolating.plugin("testfw"));
        Block q = service.request(new BlockRequest("acme", null, "10.0.3.4", List.of(), null, "alice", "beaconing", false))
                .get(0);
        assertTrue(q.quarantine());
        assertEquals(BlockState.PENDING_APPROVAL, q.state(), "isolating a host always waits");
        assertTrue(platform.blocks.audit(q.id()).get(0).detail().startsWith("quarantine of internal host 10.0.3.4"));
        assertEquals(BlockState.ACTIVE, service.approve(q.id(), "bob").state());
        assertEquals("Q:" + q.id(), isolating.holds("acme-fw1").get("10.0.3.4"));
        service.unblock(q.id(), "bob", "cleaned");
        assertTrue(isolating.calls.contains("release 10.0.3.4 acme-fw1"), isolating.calls.toString());
    }

    @Test
    void theCustomerIsToldOncePerAddressAndContactAndTheIncidentListsTheNotice() throws Exception {
        platform.firewall("acme-fw2", "acme");
        service.setPolicy("acme", ResponsePolicy.AUTO_EMERGENCY, "alice");
        Incident i = platform.incident(Level.EMERGENCY, List.of("203.0.113.7"), Platform.established("203.0.113.7"));
        assertEquals(2, service.request(new BlockRequest("acme", i.id(), "203.0.113.7", List.of(), null, BlockRequest.AUTO,
                "auto", false)).stream().filter(b -> b.state() == BlockState.ACTIVE).count(), "on both firewalls");
        assertEquals(1, platform.sent.size(), "one notice for the address, not one per firewall");
        Notification n = platform.sent.get(0);
        assertEquals("block-placed", n.kind());
        assertEquals("ken@acme.example", n.address());
        assertEquals("pending", n.status());
        assertEquals(List.of(n), platform.incidents.notifications(i.id()), "stored with the incident's notices");
        assertEquals(2, platform.blocks.list(new BlockStore.Filter(null, null, i.id(), null, 0)).size(),
                "the incident's blocks, as yagura:incident lists them");
    }

    @Test
    void portalContactsAreToldOnThePortalAndNobodyByPhone() throws Exception {
        platform.registry.putCustomer(new Customer("acme", "ACME Corp", List.of("10.0.0.0/16", "198.51.100.0/24"), List.of(
                new Contact("Ken", "ken@acme.example", "+81312345678", 1, List.of("mail", "portal", "phone"), List.of(), "ja",
                        null),
                new Contact("Aiko", null, "+81398765432", 2, List.of("portal", "phone"), List.of(), "ja", null),
                new Contact("Night desk", null, "+81311112222", 3, List.of("phone"), List.of(), "en", null)), null));
        service.setPolicy("acme", ResponsePolicy.AUTO_EMERGENCY, "alice");
        Incident i = platform.incident(Level.EMERGENCY, List.of("203.0.113.7"), Platform.established("203.0.113.7"));
        service.request(new BlockRequest("acme", i.id(), "203.0.113.7", List.of(), null, BlockRequest.AUTO, "auto", false));

        assertEquals(List.of("mail ken@acme.example", "portal Ken", "portal Aiko"), platform.sent.stream()
                .map(n -> n.channel() + " " + n.address()).toList());
        assertTrue(platform.sent.stream().allMatch(n -> n.kind().equals("block-placed") && n.status().equals("pending")));
        assertEquals(3, platform.incidents.notifications(i.id()).size(), "stored with the incident's notices");
        service.request(new BlockRequest("acme", i.id(), "203.0.113.7", List.of(), null, "alice", "again", false));
        assertEquals(3, platform.sent.size(), "told once per address, contact and channel");
    }

    @Test
    void reconcileFindsWhatTheDeviceHoldsAndTheStoreDoesNotAndFixesItOnRequest() {
        Block kept = byHand("203.0.113.7");
        Block lost = byHand("203.0.113.8");
        device().remove("203.0.113.8");
        device().remove("203.0.113.7");
        device().put("203.0.113.7/32", kept.id()); // as some devices print a host
        device().put("203.0.113.66", "BLK-OLD");
        Reconciliation r = service.reconcile("acme-fw1", false, "bob");
        assertEquals(List.of("203.0.113.66"), r.onDeviceOnly());
        assertEquals(List.of(lost.id()), r.inStoreOnly().stream().map(Block::id).toList());
        assertEquals(1, r.matching());
        service.reconcile("acme-fw1", true, "bob");
        assertEquals(Map.of("203.0.113.7/32", kept.id()), device());
        assertEquals(BlockState.FAILED, platform.blocks.find(lost.id()).orElseThrow().state());
    }

    private Block auto(Incident i, String attacker) {
        List<Block> out = service.request(new BlockRequest("acme", i.id(), attacker, List.of(), null, BlockRequest.AUTO,
                "incident " + i.id(), false));
        assertEquals(1, out.size(), out.toString());
        return out.get(0);
    }
}
