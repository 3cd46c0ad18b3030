package io.yagura.format.asa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.parser.GuardedParser;
import io.yagura.format.parser.Line;
import io.yagura.format.parser.Observer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine's entry point with a plugin's observer; the message families themselves are tested
 * through the cisco-asa plugin (CiscoAsaParserTest, expected/cisco-asa.yaml) and cisco-firepower.
 */
class AsaEngineTest {

    private static final Observer FTD = new Observer("Cisco", "FTD", "ngfw");

    /** What a plugin's parser does: find the tag, hand the line to the engine. */
    private static final GuardedParser PARSER = new GuardedParser() {
        @Override
        protected ParseResult parseLine(Line line) {
            AsaMarker m = AsaMarker.find(line.text());
            return m == null ? ParseResult.rejected("no tag") : AsaEngine.parse(line, FTD, m);
        }
    };

    private static SecurityEvent event(String line) {
        ParseResult r = PARSER.parse(new io.yagura.api.event.RawEnvelope(1_700_000_000_000L, "192.0.2.10", "udp:5514",
                "d", "c", "cisco-firepower", false, line));
        assertInstanceOf(ParseResult.Parsed.class, r, () -> line + " -> " + r);
        return ((ParseResult.Parsed) r).events().get(0);
    }

    @Test
    void theObserverIsThePluginsAndTheVerdictIsFromTheSharedVocabulary() {
        SecurityEvent e = event("<166>2024-03-12T10:20:00Z ftd-01 : %FTD-6-302013: Built inbound TCP connection 44901"
                + " for outside:203.0.113.100/51999 (203.0.113.100/51999) to dmz:198.51.100.40/443 (198.51.100.40/443)");
        assertEquals("FTD", e.get(Ecs.OBSERVER_PRODUCT));
        assertEquals("ngfw", e.get(Ecs.OBSERVER_TYPE));
        assertEquals("ftd-01", e.get(Ecs.OBSERVER_HOSTNAME));
        assertEquals("allowed", e.get(Ecs.EVENT_ACTION));
        assertEquals(List.of("connection", "start"), e.get(Ecs.EVENT_TYPE));
        assertEquals("203.0.113.100", e.get(Ecs.SOURCE_IP));
        assertEquals(443L, e.get(Ecs.DESTINATION_PORT));
        assertEquals("302013", e.get(Ecs.EVENT_CODE));
        assertEquals("informational", e.get(Ecs.YAGURA_VENDOR_SEVERITY));
    }

    @Test
    void anAclIsAPolicyNotASignature() {
        SecurityEvent e = event("%FTD-4-106023: Deny tcp src outside:203.0.113.5/4455 dst inside:192.0.2.5/22"
                + " by access-group \"outside_in\" [0x5063b82f, 0x0]");
        assertEquals("outside_in", e.get(Ecs.YAGURA_POLICY));
        assertEquals("0x5063b82f", e.get("cisco.asa.ace_hash"));
        assertTrue(!e.has(Ecs.RULE_NAME) && !e.has(Ecs.RULE_ID), e.toString());
    }

    @Test
    void authenticationVerdicts() {
        SecurityEvent ok = event("%FTD-6-113004: AAA user authentication Successful : server =  192.0.2.50 : user = jdoe");
        assertEquals("allowed", ok.get(Ecs.EVENT_ACTION));
        assertEquals("success", ok.get(Ecs.EVENT_OUTCOME));
        assertEquals(List.of("authentication"), ok.get(Ecs.EVENT_CATEGORY));
        SecurityEvent ko = event("%FTD-6-113005: AAA user authentication Rejected : reason = AAA failure"
                + " : server = 192.0.2.50 : user = jdoe : user IP = 203.0.113.90");
        assertEquals("denied", ko.get(Ecs.EVENT_ACTION));
        assertEquals("failure", ko.get(Ecs.EVENT_OUTCOME));
        assertEquals(List.of("authentication"), ko.get(Ecs.EVENT_CATEGORY));
    }

    @Test
    void unknownIdsAreIgnoredAndEmptyTextRejected() {
        ParseResult r = PARSER.parse(new io.yagura.api.event.RawEnvelope(0, null, null, null, null, null, false,
                "%FTD-6-999001: something new"));
        assertInstanceOf(ParseResult.Ignored.class, r);
        assertTrue(((ParseResult.Ignored) r).reason().contains("999001"));
        ParseResult cut = PARSER.parse(new io.yagura.api.event.RawEnvelope(0, null, null, null, null, null, false,
                "%FTD-4-106023:   "));
        assertInstanceOf(ParseResult.Rejected.class, cut);
        assertTrue(AsaEngine.parsedMessageIds().contains("106023"));
        assertEquals("debugging", AsaEngine.severityWord(7));
    }

    @Test
    void identitiesAndSecurityGroupTagsNextToAddresses() {
        SecurityEvent e = event("%FTD-4-313005: No matching connection for ICMP error message: icmp src"
                + " outside:192.0.2.2(LOCAL\\alice, 9999:Engineering) dst inside:198.51.100.3(8888:Servers) (type 3, code 3)"
                + " on outside interface.  Original IP payload: udp src 198.51.100.3/53 dst 192.0.2.2/60919.");
        assertEquals("alice", e.get(Ecs.USER_NAME));
        assertEquals("LOCAL", e.get("user.domain"));
        assertEquals(9999L, e.get("cisco.asa.source_security_group_tag"));
        assertEquals("Engineering", e.get("cisco.asa.source_security_group_name"));
        assertEquals(8888L, e.get("cisco.asa.destination_security_group_tag"));
        assertEquals("198.51.100.3", e.get(Ecs.DESTINATION_IP));
    }

    @Test
    void asymmetricNatWithTheNewerConnectionForWording() {
        SecurityEvent e = event("%FTD-5-305013: Asymmetric NAT rules matched for forward and reverse flows; Connection for"
                + " tcp src outside:203.0.113.50/556 dst inside:192.0.2.5/7000 denied due to NAT reverse path failure");
        assertEquals("denied", e.get(Ecs.EVENT_ACTION));
        assertEquals("203.0.113.50", e.get(Ecs.SOURCE_IP));
        assertEquals("NAT reverse path failure", e.get(Ecs.EVENT_REASON));
    }

    @Test
    void durationsInBothForms() {
        assertEquals(65_000_000_000L, Durations.nanos("0:01:05"));
        assertEquals(32_000_000_000L, Durations.nanos("0:32"));
        assertEquals((12L * 86_400 + 9 * 3_600 + 11 * 60 + 22) * 1_000_000_000L, Durations.nanos("12d 9h:11m:22s"));
        assertEquals(null, Durations.nanos("0:"));
        assertEquals(null, Durations.nanos("1:2:3:4"));
        assertEquals(null, Durations.nanos("abc"));
    }
}
