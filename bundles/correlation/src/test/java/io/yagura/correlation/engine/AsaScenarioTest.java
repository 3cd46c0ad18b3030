package io.yagura.correlation.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.event.SecurityEvent;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Suppression;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.NotificationPolicy;
import java.time.Duration;
import java.time.Instant;
import io.yagura.api.event.Ecs;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * End-to-end scenarios over the shipped default rules, with real Cisco ASA lines (formats from
 * Cisco's ASA syslog message guide, documentation addresses) parsed by the real ASA parser.
 * Customer "acme" owns 10.0.0.0/8, 198.51.100.0/24 and 2001:db8:100::/48.
 */
class AsaScenarioTest {

    static final String ACME = "acme";
    static final String IPS_ALERT = "%ASA-4-400032: IPS:4051 UDP Snork attack from 203.0.113.7 to 10.0.0.5 on interface outside";
    static final String CALLBACK = "%ASA-6-302013: Built outbound TCP connection 881234 for outside:203.0.113.7/4444 "
            + "(203.0.113.7/4444) to inside:10.0.0.5/50433 (198.51.100.5/50433)";
    static final String IPS_DROP = "%ASA-4-420002: IPS requested to drop TCP packet from outside:203.0.113.7/4444 to inside:10.0.0.5/445";

    TestContext ctx;
    Fixtures.MutableClock clock;
    CorrelationEngine engine;

    @BeforeEach
    void setUp() {
        ctx = new TestContext().customer(new Customer(ACME, "ACME Corp",
                List.of("10.0.0.0/8", "198.51.100.0/24", "2001:db8:100::/48")));
        clock = Fixtures.clock();
        engine = new CorrelationEngine(Fixtures.defaultRules(), ctx, clock, EngineSettings.defaults());
    }

    List<IncidentChange> feed(String isoTime, String message) {
        List<IncidentChange> changes = engine.process(Asa.at(ACME, isoTime, message));
        for (IncidentChange c : changes) {
            ctx.store.put(c.incident().id(), c.incident());
        }
        return changes;
    }

    static IncidentChange only(List<IncidentChange> changes) {
        assertEquals(1, changes.size(), "exactly one incident change: " + changes);
        return changes.get(0);
    }

    static boolean mentions(List<String> rationale, String text) {
        return rationale.stream().anyMatch(s -> s.contains(text));
    }

    @Test
    void idsAlertFollowedByAllowedConnectionFromVictimToAttackerIsEmergency() {
        IncidentChange first = only(feed("2024-03-12T10:00:00Z", IPS_ALERT));
        assertTrue(first.opened());
        assertEquals(Level.CRITICAL, first.incident().proposedLevel(), "alert-only IPS signature: proposedLevel");

        IncidentChange second = only(feed("2024-03-12T10:03:00Z", CALLBACK));
        Incident inc = second.incident();
        assertFalse(second.opened());
        assertEquals(first.incident().id(), inc.id(), "same incident id (aggregation key intrusion|A|H)");
        assertEquals(Level.EMERGENCY, inc.proposedLevel(), "proposedLevel");
        assertEquals(Level.CRITICAL, second.previousLevel(), "previousLevel");
        assertTrue(second.raised());
        assertEquals(List.of("203.0.113.7"), inc.attackers(), "attackers");
        assertEquals(List.of("10.0.0.5"), inc.targets(), "targets");
        assertEquals("acme|intrusion|203.0.113.7|10.0.0.5", inc.key(), "key");
        assertEquals(2, inc.eventCount(), "eventCount: the alert and the callback");
        assertTrue(mentions(second.newRationale(), "Level raised from Critical to Emergency"), inc.rationale().toString());
        assertTrue(mentions(second.newRationale(), "in this order within 10m for victim=10.0.0.5, attacker=203.0.113.7"),
                inc.rationale().toString());
        assertTrue(mentions(second.newRationale(), "most likely compromised"), "rule's explain sentence");
        assertTrue(mentions(inc.rationale(), "only raised an alert"), "first step kept: " + inc.rationale());
        assertEquals(inc.detectedAt(), first.incident().detectedAt(), "detectedAt unchanged");
        assertEquals(Fixtures.NOW.plus(Duration.ofMinutes(1)), inc.deadline(), "Emergency deadline: at once (1 minute)");
        assertEquals(Instant.parse("2024-03-12T10:00:00Z"), inc.firstSeen(), "firstSeen");
        assertEquals(Instant.parse("2024-03-12T10:03:00Z"), inc.lastSeen(), "lastSeen");
        assertTrue(inc.rules().contains("8d0612e9-ffbb-45b0-9600-6d11aec36a2c"), "rules: the temporal_ordered rule");
        assertEquals(1, second.evidence().size(), "the alert is held already: " + second.evidence());
        assertTrue(String.valueOf(second.evidence().get(0).get(Ecs.EVENT_ORIGINAL)).contains("302013"),
                "the callback that proved success is kept as evidence: " + second.evidence());
    }

    @Test
    void aCallbackProcessedBeforeItsAlertIsKeptAsEvidenceOfTheEmergency() {
        // two parsing threads: the connection back (10:00:02) reaches correlation before the alert (10:00:01)
        assertEquals(List.of(), feed("2024-03-12T10:00:02Z", CALLBACK), "a lone allowed connection opens nothing");
        IncidentChange c = only(feed("2024-03-12T10:00:01Z", IPS_ALERT));
        assertEquals(Level.EMERGENCY, c.incident().proposedLevel(), "the ordered pair still proves success");
        List<String> kept = c.evidence().stream().map(e -> String.valueOf(e.get(Ecs.EVENT_ORIGINAL))).toList();
        assertEquals(2, kept.size(), "the alert and the callback: " + kept);
        assertTrue(kept.stream().anyMatch(l -> l.contains("400032")) && kept.stream().anyMatch(l -> l.contains("302013")),
                kept.toString());
    }

    @Test
    void callbackAfterTheWindowIsNotCorrelated() {
        feed("2024-03-12T10:00:00Z", IPS_ALERT);
        assertEquals(List.of(), feed("2024-03-12T10:11:00Z", CALLBACK), "11 min > timespan 10m");
    }

    @Test
    void connectionFromAttackerToVictimIsNotACallback() {
        feed("2024-03-12T10:00:00Z", IPS_ALERT);
        String inbound = "%ASA-6-302013: Built inbound TCP connection 881235 for outside:203.0.113.7/51000 "
                + "(203.0.113.7/51000) to inside:10.0.0.5/80 (198.51.100.5/80)";
        assertEquals(List.of(), feed("2024-03-12T10:01:00Z", inbound), "aliases: the callback goes from victim to attacker");
    }

    @Test
    void alertOnlySignatureIsCriticalWithFifteenMinuteDeadline() {
        IncidentChange c = only(feed("2024-03-12T10:00:00Z", IPS_ALERT));
        Incident inc = c.incident();
        assertEquals(Level.CRITICAL, inc.proposedLevel(), "proposedLevel");
        assertEquals(IncidentStatus.NEW, inc.status(), "status");
        assertEquals("intrusion", inc.category(), "category");
        assertEquals(Fixtures.NOW.plus(Duration.ofMinutes(15)), inc.deadline(), "deadline = detectedAt + 15 min");
        assertEquals(Fixtures.NOW, inc.detectedAt(), "detectedAt");
        assertTrue(mentions(inc.rationale(), "Rule level high proposes Critical"), inc.rationale().toString());
        assertTrue(mentions(inc.rationale(), "\"UDP Snork attack\" (signature 4051) from 203.0.113.7 to 10.0.0.5"),
                inc.rationale().toString());
        assertTrue(inc.title().startsWith("ASA IPS signature alert (203.0.113.7 -> 10.0.0.5)"), inc.title());
    }

    @Test
    void criticalDeadlineFollowsTheCustomersPolicy() {
        ctx.customer(new Customer(ACME, "ACME Corp", List.of("10.0.0.0/8"), List.of(),
                new NotificationPolicy(true, 5, false, true)));
        Incident inc = only(feed("2024-03-12T10:00:00Z", IPS_ALERT)).incident();
        assertEquals(Fixtures.NOW.plus(Duration.ofMinutes(5)), inc.deadline(), "deadline with criticalMinutes 5");
    }

    @Test
    void ipsRequestedDropIsWarningBlockedByTheDevice() {
        Incident inc = only(feed("2024-03-12T10:00:00Z", IPS_DROP)).incident();
        assertEquals(Level.WARNING, inc.proposedLevel(), "proposedLevel");
        assertNull(inc.deadline(), "no deadline for Warning");
        assertTrue(mentions(inc.rationale(), "The device blocked it (event.action=blocked"), inc.rationale().toString());
        assertTrue(mentions(inc.rationale(), "Critical becomes Warning"), inc.rationale().toString());
    }

    @Test
    void firepowerDropAndBotnetDropAreWarnings() {
        Incident sfr = only(feed("2024-03-12T10:00:00Z",
                "%ASA-4-434002: SFR requested to drop TCP packet from outside:203.0.113.74/40404 to dmz:198.51.100.23/443"))
                .incident();
        assertEquals(Level.WARNING, sfr.proposedLevel(), "434002 proposedLevel");
        Incident botnet = only(feed("2024-03-12T10:00:01Z", "%ASA-4-338008: Dynamic Filter dropped blacklisted TCP traffic "
                + "from inside:10.10.6.8/51002 (198.51.100.33/51002) to outside:203.0.113.81/8080 (203.0.113.81/8080), "
                + "destination 203.0.113.81 resolved from local list: 203.0.113.81/255.255.255.255, threat-level: "
                + "very-high, category: Malware")).incident();
        assertEquals(Level.WARNING, botnet.proposedLevel(), "338008 proposedLevel");
        assertEquals(List.of("203.0.113.81"), botnet.attackers(), "attacker = threat.indicator.ip");
        assertEquals(List.of("10.10.6.8"), botnet.targets(), "target = the internal host");
        assertEquals("malware", botnet.category(), "category");
    }

    @Test
    void informationalSignatureThenConnectionBackIsNotASuccessfulAttack() {
        // 203.0.113.40 answers a ping from 10.0.0.40 (ICMP echo reply, signature 2000, Cisco class
        // Informational), then 10.0.0.40 opens a connection to it: ordinary traffic, not a callback.
        Incident inc = only(feed("2024-03-12T10:00:00Z",
                "%ASA-4-400010: IPS:2000 ICMP echo reply from 203.0.113.40 to 10.0.0.40 on interface outside")).incident();
        assertEquals(Level.INFORMATIONAL, inc.proposedLevel(), "informational signature: proposedLevel");
        assertEquals("reconnaissance", inc.category());
        assertEquals(List.of(), feed("2024-03-12T10:00:05Z", "%ASA-6-302013: Built outbound TCP connection 77 for "
                + "outside:203.0.113.40/443 (203.0.113.40/443) to inside:10.0.0.40/50433 (198.51.100.5/50433)"),
                "no attack then callback, no Emergency");
    }

    @Test
    void greylistedAddressIsInformationalUntilBlacklistEvidenceRaisesIt() {
        Incident grey = only(feed("2024-03-12T10:00:00Z", "%ASA-4-338202: Dynamic Filter monitored greylisted TCP "
                + "traffic from inside:10.10.6.20/59610 (198.51.100.7/59610) to outside:203.0.113.90/443 "
                + "(203.0.113.90/443), destination 203.0.113.90 resolved from dynamic list: cdn.example.net, "
                + "threat-level: very-high, category: Malware")).incident();
        assertEquals(Level.INFORMATIONAL, grey.proposedLevel(), "greylisted (shared hosting, CDN): proposedLevel");
        IncidentChange black = only(feed("2024-03-12T10:00:30Z", "%ASA-4-338004: Dynamic Filter monitored blacklisted "
                + "TCP traffic from inside:10.10.6.20/59611 (198.51.100.7/59611) to outside:203.0.113.90/443 "
                + "(203.0.113.90/443), destination 203.0.113.90 resolved from dynamic list: "
                + "203.0.113.90/255.255.255.255, threat-level: very-high, category: Malware"));
        assertEquals(grey.id(), black.incident().id(), "same c2 incident of the address and the host");
        assertEquals(Level.CRITICAL, black.incident().proposedLevel(), "blacklisted and let through raises it");
    }

    @Test
    void botnetMonitoredIsCriticalAndEmergencyWhenOnTheC2List() {
        Incident monitored = only(feed("2024-03-12T10:00:00Z", "%ASA-4-338001: Dynamic Filter monitored blacklisted TCP "
                + "traffic from outside:203.0.113.78/80 (203.0.113.78/80) to inside:10.10.6.5/51000 (198.51.100.30/51000), "
                + "source 203.0.113.78 resolved from dynamic list: malware.example.com, threat-level: high, category: Malware"))
                .incident();
        assertEquals(Level.CRITICAL, monitored.proposedLevel(), "338001 monitored: proposedLevel");

        ctx.threatIntel = ThreatIntel.of(Map.of("feodo", "203.0.113.82,c2\n"));
        IncidentChange c2 = only(feed("2024-03-12T10:00:05Z", "%ASA-4-338002: Dynamic Filter monitored blacklisted TCP "
                + "traffic from inside:10.10.6.9/51003 (198.51.100.34/51003) to outside:203.0.113.82/443 "
                + "(203.0.113.82/443), destination 203.0.113.82 resolved from dynamic list: bad.example.net, "
                + "threat-level: very-high, category: Bot and Threat Networks"));
        assertTrue(c2.opened());
        assertEquals(Level.EMERGENCY, c2.incident().proposedLevel(), "338002 to a TI c2 address: proposedLevel");
        assertEquals("acme|intrusion|203.0.113.82|10.10.6.9", c2.incident().key(), "key");
        assertTrue(mentions(c2.incident().rationale(), "destination.ip 203.0.113.82 is on the threat-intelligence list "
                + "\"feodo\" (label c2)"), c2.incident().rationale().toString());
    }

    /**
     * An exploit attempt on a host, then the host reaches an address tied to attackers (a C2 address on the
     * threat-intelligence list), not the attacker itself: the attack's incident is raised to Emergency. The
     * same connection to an address nothing ties to an attacker raises nothing.
     */
    @Test
    void attackThenContactWithAKnownC2AddressIsEmergencyAndAnUnrelatedPeerProvesNothing() {
        ctx.threatIntel = ThreatIntel.of(Map.of("feodo", "192.0.2.66,c2\n"));
        Incident attack = only(feed("2024-03-12T10:00:00Z", IPS_ALERT)).incident();
        List<IncidentChange> update = feed("2024-03-12T10:20:00Z", "%ASA-6-302013: Built outbound TCP connection 4411 "
                + "for outside:198.18.40.4/443 (198.18.40.4/443) to inside:10.0.0.5/50210 (198.51.100.5/50210)");
        assertTrue(update.stream().noneMatch(c -> c.incident().id().equals(attack.id())),
                "an update server is tied to nobody: " + update);

        List<IncidentChange> c2 = feed("2024-03-12T10:25:00Z", "%ASA-6-302013: Built outbound TCP connection 4412 "
                + "for outside:192.0.2.66/443 (192.0.2.66/443) to inside:10.0.0.5/50211 (198.51.100.5/50211)");
        IncidentChange raised = c2.stream().filter(c -> c.incident().id().equals(attack.id())).findFirst()
                .orElseThrow(() -> new AssertionError("the attack's incident is raised: " + c2));
        assertEquals(Level.EMERGENCY, raised.incident().proposedLevel());
        assertEquals("acme|intrusion|203.0.113.7|10.0.0.5", raised.incident().key(), "attacker of the first event");
        assertTrue(mentions(raised.newRationale(), "192.0.2.66"), raised.newRationale().toString());
        assertTrue(mentions(raised.newRationale(), "payload is calling home"), raised.newRationale().toString());
    }

    @Test
    void threatDetectionScanningIsInformational() {
        Incident inc = only(feed("2024-03-12T10:00:00Z", "%ASA-4-733100: [ 203.0.113.99] drop rate-2 exceeded. Current "
                + "burst rate is 15 per second, max configured rate is 10; Current average rate is 9 per second, max "
                + "configured rate is 5; Cumulative total count is 32400")).incident();
        assertEquals(Level.INFORMATIONAL, inc.proposedLevel(), "proposedLevel");
        assertEquals("reconnaissance", inc.category(), "category");
        assertEquals(List.of("203.0.113.99"), inc.attackers(), "attacker from related.ip");
        assertNull(inc.deadline(), "deadline");
    }

    @Test
    void twentyFiveDeniesToDistinctPortsAreOnePortSweep() {
        List<IncidentChange> all = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            all.addAll(feed(String.format("2024-03-12T10:00:%02dZ", i * 2), "%ASA-4-106023: Deny tcp src outside:203.0.113.60/"
                    + (40000 + i) + " dst inside:10.10.2.21/" + (20 + i) + " by access-group \"outside_access_in\" [0x0, 0x0]"));
        }
        IncidentChange c = only(all);
        Incident inc = c.incident();
        assertEquals(Level.INFORMATIONAL, inc.proposedLevel(), "proposedLevel");
        assertEquals("acme|reconnaissance|203.0.113.60|*", inc.key(), "key: attacker, any target");
        assertEquals(20, inc.eventCount(), "eventCount: the 20 denies in the window when it fired");
        assertTrue(mentions(inc.rationale(), "20 distinct values of destination.port in 20 matches of \"Denied connection\" "
                + "within 60s for source.ip=203.0.113.60 (condition gte 20)"), inc.rationale().toString());
        assertEquals(Instant.parse("2024-03-12T10:00:00Z"), inc.firstSeen(), "firstSeen");
        assertEquals(Instant.parse("2024-03-12T10:00:38Z"), inc.lastSeen(), "lastSeen");
    }

    @Test
    void hostSweepJoinsTheReconnaissanceIncidentOfTheSameSource() {
        List<IncidentChange> all = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            all.addAll(feed(String.format("2024-03-12T10:00:%02dZ", i), "%ASA-4-106023: Deny tcp src outside:203.0.113.61/"
                    + (41000 + i) + " dst inside:10.10.3." + (i + 1) + "/445 by access-group \"outside_access_in\" [0x0, 0x0]"));
        }
        // 20 hosts: the sweep fires at 10 and again at 20, both times into the one incident of the source
        assertEquals(1, all.stream().map(c -> c.incident().id()).distinct().count(), "one incident: " + all);
        Incident sweep = all.get(all.size() - 1).incident();
        assertEquals(Level.INFORMATIONAL, sweep.proposedLevel(), "host sweep: proposedLevel");
        assertTrue(mentions(sweep.rationale(), "10 distinct values of destination.ip"), sweep.rationale().toString());
        assertTrue(sweep.targets().size() >= 5 && sweep.targets().contains("10.10.3.20"),
                "the sweep lists the hosts it probed: " + sweep.targets());
        Incident scan = only(feed("2024-03-12T10:00:30Z", "%ASA-4-733100: [ 203.0.113.61] drop rate-1 exceeded. Current "
                + "burst rate is 12 per second, max configured rate is 10; Current average rate is 9 per second, max "
                + "configured rate is 5; Cumulative total count is 540")).incident();
        assertEquals(sweep.id(), scan.id(), "733100 of the same source joins the reconnaissance incident");
        assertEquals(2, scan.rules().size(), "rules: host sweep and threat detection");
    }

    @Test
    void suppressionOnTheSignatureOpensNothingAndIsCounted() {
        ctx.suppressions.add(new Suppression("SUP-1", ACME, "4051", null, "10.0.0.0/24", null,
                "Snork false positive on the lab segment", "analyst1", Fixtures.NOW.minus(Duration.ofDays(1))));
        assertEquals(List.of(), feed("2024-03-12T10:00:00Z", IPS_ALERT), "suppressed: no change");
        assertEquals(List.of(), feed("2024-03-12T10:00:01Z", IPS_ALERT), "suppressed: no change");
        assertEquals(2, ctx.suppressedCounts.get("SUP-1"), "suppressed events counted per suppression id");
        assertEquals(0, engine.incidentCount(ACME), "no incident in memory");
        assertEquals(4, engine.stats().suppressed(),
                "stats.suppressed counts rule matches: the signature rule and the ids_attack building block, twice");
    }

    @Test
    void expiredSuppressionIsIgnored() {
        ctx.suppressions.add(new Suppression("SUP-2", ACME, "4051", null, null, Fixtures.NOW.minusSeconds(1),
                "expired", "analyst1", Fixtures.NOW.minus(Duration.ofDays(30))));
        assertEquals(Level.CRITICAL, only(feed("2024-03-12T10:00:00Z", IPS_ALERT)).incident().proposedLevel());
        assertNull(ctx.suppressedCounts.get("SUP-2"), "expired suppression not counted");
    }

    @Test
    void suppressionOfAnotherCustomerOrSourceDoesNotApply() {
        ctx.suppressions.add(new Suppression("SUP-3", "other", "4051", null, null, null, "x", "a", Fixtures.NOW));
        ctx.suppressions.add(new Suppression("SUP-4", ACME, null, "192.0.2.0/24", null, null, "x", "a", Fixtures.NOW));
        assertEquals(1, feed("2024-03-12T10:00:00Z", IPS_ALERT).size(), "not suppressed");
        assertTrue(ctx.suppressedCounts.isEmpty());
    }

    @Test
    void laterEvidenceRaisesWarningToEmergencyOnTheSameKey() {
        IncidentChange drop = only(feed("2024-03-12T10:00:00Z", IPS_DROP));
        assertEquals(Level.WARNING, drop.incident().proposedLevel(), "first: WARNING");
        IncidentChange callback = only(feed("2024-03-12T10:04:00Z", CALLBACK));
        Incident inc = callback.incident();
        assertEquals(drop.incident().id(), inc.id(), "same incident");
        assertEquals(drop.incident().key(), inc.key(), "same key");
        assertEquals(Level.EMERGENCY, inc.proposedLevel(), "raised to EMERGENCY");
        assertEquals(Level.WARNING, callback.previousLevel(), "previousLevel");
        assertTrue(mentions(inc.rationale(), "Critical becomes Warning"), "step 1 kept: " + inc.rationale());
        assertTrue(mentions(inc.rationale(), "Level raised from Warning to Emergency"), "step 2: " + inc.rationale());
        assertTrue(inc.rationale().indexOf(inc.rationale().stream().filter(s -> s.contains("Level raised")).findFirst()
                .orElseThrow()) > 0, "raise appended after the first step");
        assertEquals(Fixtures.NOW.plus(Duration.ofMinutes(1)), inc.deadline(), "deadline moved to the Emergency deadline (raise + 1 minute)");
    }

    /**
     * Devices log through separate routes: the firewall's callback (device time 10:03) may reach
     * correlation before the IPS alert (10:00) it answers. The sequence is ordered by device time,
     * so the alert completes it on arrival.
     */
    @Test
    void aCallbackThatOvertookItsAlertStillProvesSuccess() {
        assertEquals(List.of(), feed("2024-03-12T10:03:00Z", CALLBACK), "an allowed connection alone opens nothing");
        List<IncidentChange> changes = feed("2024-03-12T10:00:00Z", IPS_ALERT);
        Incident inc = changes.get(changes.size() - 1).incident();
        assertEquals(1, changes.stream().map(c -> c.incident().id()).distinct().count(), "one incident: " + changes);
        assertEquals(Level.EMERGENCY, inc.proposedLevel(), inc.rationale().toString());
    }

    /** A connection to the attacker that happened before the attack proves nothing about it. */
    @Test
    void aConnectionBeforeTheAttackDoesNotProveSuccess() {
        feed("2024-03-12T10:00:00Z", CALLBACK.replace("881234", "881200"));
        List<IncidentChange> changes = feed("2024-03-12T10:03:00Z", IPS_ALERT);
        assertEquals(Level.CRITICAL, changes.get(changes.size() - 1).incident().proposedLevel());
    }

    /**
     * A drop of another flow (TCP 4444 -> 445) after a UDP Snork alert proves nothing about the
     * alerted attack: only a rule that establishes failure (a block of the alert's own flow,
     * ids_attack_blocked; tested over the story corpus in module scenarios) lowers a level.
     */
    @Test
    void aBlockOfAnotherFlowDoesNotLowerTheLevel() {
        feed("2024-03-12T10:00:00Z", IPS_ALERT); // CRITICAL
        IncidentChange drop = only(feed("2024-03-12T10:00:30Z", IPS_DROP)); // WARNING proposed by another rule
        assertEquals(Level.CRITICAL, drop.incident().proposedLevel(), "stays CRITICAL");
        assertFalse(drop.raised());
        assertTrue(mentions(drop.newRationale(), "only evidence that the attack failed lowers a level"),
                drop.newRationale().toString());
        assertEquals(2, drop.incident().rules().size(), "rules: both rules listed");
    }

    @Test
    void fiftyRepeatsAggregateIntoOneIncident() {
        List<IncidentChange> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            all.addAll(feed(String.format("2024-03-12T10:%02d:%02dZ", i / 60, i % 60), IPS_DROP));
        }
        assertEquals(50, all.size(), "one change per event");
        assertEquals(1, all.stream().filter(IncidentChange::opened).count(), "opened once");
        assertEquals(1, all.stream().map(c -> c.incident().id()).distinct().count(), "one incident id");
        Incident last = all.get(49).incident();
        assertEquals(50, last.eventCount(), "eventCount");
        assertEquals(Instant.parse("2024-03-12T10:00:00Z"), last.firstSeen(), "firstSeen");
        assertEquals(Instant.parse("2024-03-12T10:00:49Z"), last.lastSeen(), "lastSeen");
        assertEquals(Level.WARNING, last.proposedLevel(), "level");
        assertEquals(all.get(0).incident().rationale().size(), last.rationale().size(), "repeats add no rationale");
        assertTrue(all.get(1).newRationale().isEmpty(), "newRationale of a repeat is empty");
    }

    @Test
    void repeatAfterTheAggregationWindowOpensANewIncident() {
        Incident first = only(feed("2024-03-12T09:00:00Z", IPS_DROP)).incident();
        Incident within = only(feed("2024-03-12T09:59:00Z", IPS_DROP)).incident();
        assertEquals(first.id(), within.id(), "59 min later: same incident");
        IncidentChange after = only(feed("2024-03-12T11:00:00Z", IPS_DROP));
        assertTrue(after.opened(), "61 min after last seen: new incident");
        assertFalse(after.incident().id().equals(first.id()));
    }

    @Test
    void aggregationSurvivesARestartThroughTheStore() {
        Incident first = only(feed("2024-03-12T10:00:00Z", IPS_DROP)).incident();
        CorrelationEngine restarted = new CorrelationEngine(Fixtures.defaultRules(), ctx, clock, EngineSettings.defaults());
        IncidentChange c = only(restarted.process(Asa.at(ACME, "2024-03-12T10:10:00Z", IPS_DROP)));
        assertFalse(c.opened(), "found through openIncident");
        assertEquals(first.id(), c.incident().id());
        assertEquals(2, c.incident().eventCount(), "eventCount continues");
    }

    @Test
    void closedIncidentIsForgottenAndTheNextMatchOpensANewOne() {
        Incident first = only(feed("2024-03-12T10:00:00Z", IPS_DROP)).incident();
        Incident closed = first.withStatus(IncidentStatus.FALSE_POSITIVE).withVersion(2);
        ctx.store.put(closed.id(), closed);
        engine.incidentStored(closed);
        IncidentChange next = only(feed("2024-03-12T10:01:00Z", IPS_DROP));
        assertTrue(next.opened(), "a false positive is not updated");
    }

    @Test
    void storedVersionAndAnalystLevelAreKept() {
        Incident first = only(feed("2024-03-12T10:00:00Z", IPS_DROP)).incident();
        engine.incidentStored(first.withConfirmedLevel(Level.LOW, null).withStatus(IncidentStatus.TRIAGED).withVersion(3));
        Incident next = only(feed("2024-03-12T10:01:00Z", IPS_DROP)).incident();
        assertEquals(3, next.version(), "version from the store");
        assertEquals(Level.LOW, next.confirmedLevel(), "confirmedLevel from the analyst");
        assertEquals(IncidentStatus.TRIAGED, next.status(), "status");
        assertEquals(Level.WARNING, next.proposedLevel(), "proposedLevel unchanged");
    }

    @Test
    void bruteForceOfTenFailedLogonsIsWarning() {
        List<IncidentChange> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.addAll(feed(String.format("2024-03-12T10:%02d:%02dZ", i / 6, (i % 6) * 10),
                    "%ASA-6-611102: User authentication failed: IP address: 203.0.113.98, Uname: root"));
        }
        Incident inc = only(all).incident();
        assertEquals(Level.WARNING, inc.proposedLevel(), "proposedLevel");
        assertEquals("brute-force", inc.category(), "category");
        assertEquals(10, inc.eventCount(), "eventCount");
        assertTrue(mentions(inc.rationale(), "10 matches of \"Failed logon\" within 5m for source.ip=203.0.113.98"),
                inc.rationale().toString());
    }

    @Test
    void c2ConnectionAfterInfectionSignatureIsEmergency() {
        ctx.threatIntel = ThreatIntel.of(Map.of("c2-feed", "# abuse.ch style list\n203.0.113.81,c2\n"));
        // malware server sends to the host (botnet filter, monitored): Critical, and an infection signature
        IncidentChange infection = only(feed("2024-03-12T10:00:00Z", "%ASA-4-338001: Dynamic Filter monitored "
                + "blacklisted TCP traffic from outside:203.0.113.78/80 (203.0.113.78/80) to inside:10.10.6.5/51000 "
                + "(198.51.100.30/51000), source 203.0.113.78 resolved from dynamic list: malware.example.com, "
                + "threat-level: high, category: Malware"));
        assertEquals(Level.CRITICAL, infection.incident().proposedLevel());
        // later the host connects out to a C2 address from the TI list
        IncidentChange c2 = only(feed("2024-03-12T10:20:00Z", "%ASA-6-302013: Built outbound TCP connection 99 for "
                + "outside:203.0.113.81/443 (203.0.113.81/443) to inside:10.10.6.5/50500 (198.51.100.30/50500)"));
        Incident inc = c2.incident();
        assertEquals(Level.EMERGENCY, inc.proposedLevel(), "proposedLevel");
        assertEquals("acme|intrusion|203.0.113.81|10.10.6.5", inc.key(), "key: C2 address and host");
        assertTrue(mentions(inc.rationale(), "in this order within 1h for host=10.10.6.5"), inc.rationale().toString());
        assertTrue(mentions(inc.rationale(), "Internal host connects to a known C2 address"), inc.rationale().toString());
    }

    @Test
    void c2ConnectionWithoutInfectionIsCritical() {
        ctx.threatIntel = ThreatIntel.of(Map.of("c2-feed", "203.0.113.0/28,c2\n"));
        Incident inc = only(feed("2024-03-12T10:20:00Z", "%ASA-6-302013: Built outbound TCP connection 99 for "
                + "outside:203.0.113.9/443 (203.0.113.9/443) to inside:10.10.6.5/50500 (198.51.100.30/50500)")).incident();
        assertEquals(Level.CRITICAL, inc.proposedLevel(), "proposedLevel");
        assertEquals(List.of("203.0.113.9"), inc.attackers());
    }

    @Test
    void unregisteredSourceIsCorrelatedUnderUnassigned() {
        SecurityEvent e = Asa.at(null, "2024-03-12T10:00:00Z", IPS_DROP);
        IncidentChange c = only(engine.process(e));
        assertEquals(CorrelationEngine.UNASSIGNED, c.incident().customerId(), "customerId");
        assertTrue(c.incident().key().startsWith("unassigned|intrusion|"), c.incident().key());
    }

    @Test
    void highCriticalityTargetIsNamedInTheRationale() {
        ctx.assets = AssetCriticality.of(Map.of(ACME, Map.of("10.0.0.0/24", "high")));
        Incident inc = only(feed("2024-03-12T10:00:00Z", IPS_ALERT)).incident();
        assertTrue(mentions(inc.rationale(), "Target 10.0.0.5 is a high-criticality asset."), inc.rationale().toString());
    }

    /**
     * An inside host attacks two neighbours (IPS alerts, two intrusion incidents), then sweeps SMB over the
     * server network like a worm: one story. The older intrusion incident carries it on under the host's key
     * (same id), the other is merged into it and closed; later alerts of the host join it, and a blocked
     * attempt of the host does not lower it (it shows one attempt failed, not that the host is clean).
     */
    @Test
    void insideHostsAttacksAndItsWormSweepAreOneStory() {
        String host = "10.1.4.21";
        Incident first = only(feed("2024-03-12T10:20:00Z",
                "%ASA-4-400032: IPS:4051 UDP Snork attack from " + host + " to 10.2.8.5 on interface inside")).incident();
        Incident second = only(feed("2024-03-12T10:20:01Z",
                "%ASA-4-400032: IPS:4051 UDP Snork attack from " + host + " to 10.2.8.6 on interface inside")).incident();
        assertEquals(Level.CRITICAL, first.proposedLevel());
        assertFalse(first.id().equals(second.id()), "two intrusion incidents before the sweep shows what the host is");

        List<IncidentChange> sweep = new ArrayList<>();
        for (int n = 10; n < 20; n++) {
            sweep.addAll(feed("2024-03-12T10:20:" + (10 + n) + "Z", "%ASA-4-106023: Deny tcp src inside:" + host + "/501" + n
                    + " dst servers:10.2.8." + n + "/445 by access-group \"inside_access_in\" [0x0, 0x0]"));
        }
        IncidentChange story = sweep.stream().filter(c -> c.incident().id().equals(first.id())).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("the first intrusion incident carries the story: " + sweep));
        Incident carried = story.incident();
        assertEquals("acme|reconnaissance|" + host + "|*", carried.key(), "the host's own key");
        assertEquals(IncidentStatus.NEW, carried.status());
        assertEquals(Level.CRITICAL, carried.proposedLevel());
        assertTrue(carried.title().startsWith("Inside host spreading like a worm"), carried.title());
        assertTrue(carried.targets().containsAll(List.of("10.2.8.5", "10.2.8.6", "10.2.8.10", "10.2.8.19")),
                carried.targets().toString());
        assertTrue(carried.rules().containsAll(List.of(ruleKey("asa_ips_signature"), ruleKey("inside_worm_sweep"))),
                carried.rules().toString());
        assertTrue(mentions(carried.rationale(), "Incident " + second.id()), carried.rationale().toString());
        assertTrue(story.evidence().stream().anyMatch(e -> "10.2.8.6".equals(e.getString(Ecs.DESTINATION_IP))),
                "the merged incident's alert is evidence of the story");
        IncidentChange merged = sweep.stream().filter(c -> c.incident().id().equals(second.id())).findFirst()
                .orElseThrow(() -> new AssertionError("the second incident is merged: " + sweep));
        assertEquals(IncidentStatus.CLOSED, merged.incident().status());
        assertEquals(java.util.Optional.of(first.id()), io.yagura.api.incident.MergedInto.of(merged.incident()));
        assertEquals(2, sweep.stream().map(c -> c.incident().id()).distinct().count(), "no third incident: " + sweep);

        IncidentChange later = only(feed("2024-03-12T10:21:00Z",
                "%ASA-4-400032: IPS:4051 UDP Snork attack from " + host + " to 10.2.9.1 on interface inside"));
        assertEquals(first.id(), later.incident().id(), "a later attack of the host joins its story");
        assertTrue(later.incident().targets().contains("10.2.9.1"));
        IncidentChange blocked = only(feed("2024-03-12T10:21:05Z",
                "%ASA-4-420002: IPS requested to drop TCP packet from inside:" + host + "/50999 to servers:10.2.9.1/445"));
        assertEquals(first.id(), blocked.incident().id());
        assertEquals(Level.CRITICAL, blocked.incident().proposedLevel(), "one blocked attempt does not clear the host");
    }

    static String ruleKey(String name) {
        return Fixtures.defaultRules().find(name).orElseThrow().key();
    }

    /** A repeated alert is counted every time, but stored as evidence only up to a bound; a raise always is. */
    @Test
    void plainRepeatsStopAddingEvidenceButAreCountedAndARaiseStillKeepsItsEvidence() {
        int withEvidence = 0;
        Incident last = null;
        for (int i = 0; i < 60; i++) {
            IncidentChange c = only(feed("2024-03-12T10:00:" + String.format("%02d", i) + "Z", IPS_ALERT));
            withEvidence += c.evidence().isEmpty() ? 0 : 1;
            last = c.incident();
        }
        assertEquals(60, last.eventCount(), "every alert counted");
        assertEquals(CorrelationEngine.REPEAT_EVIDENCE, withEvidence, "evidence kept for the first repeats only");
        IncidentChange raised = only(feed("2024-03-12T10:02:00Z", CALLBACK));
        assertEquals(Level.EMERGENCY, raised.incident().proposedLevel());
        assertFalse(raised.evidence().isEmpty(), "the line that proved success is evidence");
    }
}
