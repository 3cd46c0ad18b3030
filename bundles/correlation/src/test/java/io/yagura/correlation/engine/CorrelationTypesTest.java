package io.yagura.correlation.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.event.SecurityEvent;
import io.yagura.api.incident.Level;
import io.yagura.correlation.rules.RuleLoad;
import io.yagura.correlation.rules.RuleSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The four Sigma correlation types, group-by, aliases, windows, expiry, chaining and generate. */
class CorrelationTypesTest {

    static final String BASE = """
            title: Deny
            id: deny
            name: deny
            detection:
              s:
                event.action: denied
              condition: s
            ---
            title: Allow
            id: allow
            name: allow
            detection:
              s:
                event.action: allowed
              condition: s
            ---
            title: Alert
            id: alert
            name: alert
            detection:
              s:
                event.kind: alert
              condition: s
            """;

    final TestContext ctx = new TestContext();
    final Fixtures.MutableClock clock = Fixtures.clock();

    static RuleSet rules(String correlation) {
        RuleLoad load = RuleSet.parse("t.yml", BASE + "---\n" + correlation);
        assertEquals(List.of(), load.problems(), "problems");
        return load.ruleSet();
    }

    CorrelationEngine engine(String correlation) {
        return new CorrelationEngine(rules(correlation), ctx, clock, EngineSettings.defaults());
    }

    static SecurityEvent ev(String time, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("@timestamp", "2024-03-12T10:" + time + "Z");
        m.put("customer.id", "c1");
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return SecurityEvent.of(m);
    }

    static SecurityEvent deny(String time, String src, String dst, long port) {
        return ev(time, "event.action", "denied", "source.ip", src, "destination.ip", dst, "destination.port", port);
    }

    static List<IncidentChange> run(CorrelationEngine e, SecurityEvent... events) {
        List<IncidentChange> out = new ArrayList<>();
        for (SecurityEvent ev : events) {
            out.addAll(e.process(ev));
        }
        return out;
    }

    static final String COUNT = """
            title: Three denies
            id: three
            correlation:
              type: event_count
              rules: [deny]
              group-by: [source.ip]
              timespan: 1m
              condition: {gte: 3}
            level: medium
            """;

    @Test
    void eventCountFiresWhenTheThresholdIsReachedWithinTheWindow() {
        CorrelationEngine e = engine(COUNT);
        List<IncidentChange> c = run(e, deny("00:00", "203.0.113.1", "10.0.0.1", 1), deny("00:10", "203.0.113.1", "10.0.0.2", 2));
        assertEquals(List.of(), c, "two denies: nothing");
        IncidentChange fired = run(e, deny("00:20", "203.0.113.1", "10.0.0.3", 3)).get(0);
        assertEquals(3, fired.incident().eventCount(), "eventCount");
        assertEquals(Level.WARNING, fired.incident().proposedLevel(), "medium -> Warning");
        assertEquals("c1|three|203.0.113.1|*", fired.incident().key(), "key: group-by source.ip is the attacker");
        assertEquals(Instant.parse("2024-03-12T10:00:00Z"), fired.incident().firstSeen(), "firstSeen = first event in window");
        assertEquals(0, e.windowCount("c1"), "window reset after firing");
    }

    @Test
    void eventCountGroupsBySourceAndSlidesTheWindow() {
        CorrelationEngine e = engine(COUNT);
        assertEquals(List.of(), run(e, deny("00:00", "203.0.113.1", "10.0.0.1", 1), deny("00:05", "203.0.113.2", "10.0.0.1", 1),
                deny("00:10", "203.0.113.1", "10.0.0.1", 1), deny("00:15", "203.0.113.2", "10.0.0.1", 1)),
                "two per source: no group reaches 3");
        assertEquals(2, e.windowCount("c1"), "one window per source.ip");
        assertEquals(List.of(), run(e, deny("01:05", "203.0.113.1", "10.0.0.1", 1)),
                "the 10:00:00 event slid out of the 1m window (10:00:05..10:01:05 holds 2)");
        assertEquals(1, run(e, deny("01:06", "203.0.113.1", "10.0.0.1", 1)).size(), "10:00:10, 10:01:05, 10:01:06");
    }

    @Test
    void eventsWithoutTheGroupByFieldAreNotCounted() {
        CorrelationEngine e = engine(COUNT);
        assertEquals(List.of(), run(e, ev("00:00", "event.action", "denied"), ev("00:01", "event.action", "denied"),
                ev("00:02", "event.action", "denied")));
        assertEquals(0, e.windowCount("c1"));
    }

    @Test
    void valueCountCountsDistinctValues() {
        CorrelationEngine e = engine("""
                title: Ports
                id: ports
                correlation:
                  type: value_count
                  rules: [deny]
                  group-by: [source.ip]
                  timespan: 1m
                  condition: {field: destination.port, gte: 3}
                level: informational
                """);
        assertEquals(List.of(), run(e, deny("00:00", "203.0.113.1", "10.0.0.1", 22), deny("00:01", "203.0.113.1", "10.0.0.1", 22),
                deny("00:02", "203.0.113.1", "10.0.0.1", 23)), "two distinct ports");
        IncidentChange c = run(e, deny("00:03", "203.0.113.1", "10.0.0.1", 80)).get(0);
        assertEquals(Level.INFORMATIONAL, c.incident().proposedLevel());
        assertEquals(4, c.incident().eventCount(), "four events in the window");
        assertTrue(c.incident().rationale().get(0).contains("3 distinct values of destination.port"), c.incident().rationale().toString());
    }

    @Test
    void temporalMatchesAllRulesInAnyOrder() {
        CorrelationEngine e = engine("""
                title: Deny and alert
                id: both
                correlation:
                  type: temporal
                  rules: [deny, alert]
                  group-by: [source.ip]
                  timespan: 5m
                level: high
                """);
        assertEquals(List.of(), run(e, ev("00:00", "event.kind", "alert", "source.ip", "203.0.113.5")));
        IncidentChange c = run(e, deny("03:00", "203.0.113.5", "10.0.0.1", 1)).get(0);
        assertTrue(c.incident().rationale().get(0).contains("\"Deny\", \"Alert\" matched within 5m for source.ip=203.0.113.5"),
                c.incident().rationale().toString());
        assertEquals(List.of(), run(e, deny("04:00", "203.0.113.6", "10.0.0.1", 1), ev("10:00", "event.kind", "alert",
                "source.ip", "203.0.113.6")), "6 minutes apart: outside the timespan");
    }

    static final String ORDERED = """
            title: Alert then callback
            id: callback
            correlation:
              type: temporal_ordered
              rules: [alert, allow]
              group-by: [victim, attacker]
              timespan: 10m
              aliases:
                victim:
                  alert: destination.ip
                  allow: source.ip
                attacker:
                  alert: source.ip
                  allow: destination.ip
            level: critical
            yagura:
              outcome: success
            """;

    @Test
    void temporalOrderedWithAliasesSwapsSourceAndDestination() {
        CorrelationEngine e = engine(ORDERED);
        run(e, ev("00:00", "event.kind", "alert", "source.ip", "203.0.113.7", "destination.ip", "10.0.0.5"));
        IncidentChange c = run(e, ev("02:00", "event.action", "allowed", "source.ip", "10.0.0.5",
                "destination.ip", "203.0.113.7")).get(0);
        assertEquals(Level.EMERGENCY, c.incident().proposedLevel());
        assertEquals(List.of("203.0.113.7"), c.incident().attackers(), "attacker: group-by alias resolving to the alert's source.ip");
        assertEquals(List.of("10.0.0.5"), c.incident().targets(), "target: alias resolving to the alert's destination.ip");
        assertEquals("c1|callback|203.0.113.7|10.0.0.5", c.incident().key());
    }

    @Test
    void temporalOrderedIgnoresTheWrongOrderAndOtherGroups() {
        CorrelationEngine e = engine(ORDERED);
        assertEquals(List.of(), run(e,
                ev("00:00", "event.action", "allowed", "source.ip", "10.0.0.5", "destination.ip", "203.0.113.7"),
                ev("00:30", "event.kind", "alert", "source.ip", "203.0.113.7", "destination.ip", "10.0.0.5")),
                "callback before the alert");
        assertEquals(List.of(), run(e,
                ev("01:00", "event.action", "allowed", "source.ip", "10.0.0.6", "destination.ip", "203.0.113.7")),
                "another victim");
        assertEquals(1, run(e, ev("01:30", "event.action", "allowed", "source.ip", "10.0.0.5",
                "destination.ip", "203.0.113.7")).size(), "right order, same group");
    }

    @Test
    void expireDropsWindowsOlderThanTheirTimespan() {
        CorrelationEngine e = engine(COUNT);
        run(e, deny("00:00", "203.0.113.1", "10.0.0.1", 1), deny("00:01", "203.0.113.1", "10.0.0.1", 1));
        assertEquals(1, e.windowCount("c1"));
        clock.advance(Duration.ofSeconds(30));
        e.expire();
        assertEquals(1, e.windowCount("c1"), "30 s < 1m: kept");
        clock.advance(Duration.ofSeconds(31));
        e.expire();
        assertEquals(0, e.windowCount("c1"), "61 s: expired");
    }

    @Test
    void chainedCorrelationManyFailedThenSuccess() {
        String rules = """
                title: Failed login
                id: f
                name: failed_login
                detection:
                  s:
                    event.action: logon-failed
                  condition: s
                ---
                title: Successful login
                id: s
                name: successful_login
                detection:
                  s:
                    event.action: logon
                  condition: s
                ---
                title: Multiple failed logins
                id: m
                name: multiple_failed_login
                correlation:
                  type: event_count
                  rules: [failed_login]
                  group-by: [user.name]
                  timespan: 10m
                  condition: {gte: 3}
                ---
                title: Failed logins followed by a success
                id: b
                correlation:
                  type: temporal_ordered
                  rules: [multiple_failed_login, successful_login]
                  group-by: [user.name]
                  timespan: 10m
                level: high
                """;
        RuleLoad load = RuleSet.parse("chain.yml", rules);
        assertEquals(List.of(), load.problems());
        CorrelationEngine e = new CorrelationEngine(load.ruleSet(), ctx, clock, EngineSettings.defaults());
        List<IncidentChange> c = run(e, ev("00:00", "event.action", "logon-failed", "user.name", "jdoe"),
                ev("00:10", "event.action", "logon-failed", "user.name", "jdoe"),
                ev("00:20", "event.action", "logon-failed", "user.name", "jdoe"));
        assertEquals(List.of(), c, "the event_count is referenced without generate: no incident of its own");
        IncidentChange success = run(e, ev("01:00", "event.action", "logon", "user.name", "jdoe")).get(0);
        assertEquals("b", success.incident().rules().get(0));
        assertEquals(Level.CRITICAL, success.incident().proposedLevel(), "high -> Critical (logon: no cap)");
    }

    @Test
    void generateTrueLetsReferencedRulesOpenTheirOwnIncidents() {
        CorrelationEngine quiet = engine(COUNT);
        assertEquals(List.of(), run(quiet, deny("00:00", "203.0.113.1", "10.0.0.1", 1)), "generate false (default)");
        CorrelationEngine loud = engine(COUNT.replace("condition: {gte: 3}", "condition: {gte: 3}\n  generate: true"));
        assertEquals(1, run(loud, deny("00:00", "203.0.113.1", "10.0.0.1", 1)).size(), "generate true");
    }

    @Test
    void unchangedCorrelationKeepsItsWindowAcrossRuleReload() {
        CorrelationEngine e = engine(COUNT);
        run(e, deny("00:00", "203.0.113.1", "10.0.0.1", 1), deny("00:01", "203.0.113.1", "10.0.0.1", 1));
        e.setRules(rules(COUNT));
        assertEquals(1, run(e, deny("00:02", "203.0.113.1", "10.0.0.1", 1)).size(), "state survived the swap");
        run(e, deny("00:03", "203.0.113.1", "10.0.0.1", 1), deny("00:04", "203.0.113.1", "10.0.0.1", 1));
        e.setRules(rules(COUNT.replace("gte: 3", "gte: 4")));
        assertEquals(List.of(), run(e, deny("00:05", "203.0.113.1", "10.0.0.1", 1)), "changed rule starts afresh");
    }
}
