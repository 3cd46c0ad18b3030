package io.yagura.correlation.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.event.SecurityEvent;
import io.yagura.api.incident.Level;
import io.yagura.correlation.rules.Outcome;
import io.yagura.correlation.rules.Rule;
import io.yagura.correlation.rules.RuleSet;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sigma level mapping and the outcome caps, explicit and tested. */
class OutcomePolicyTest {

    static Rule rule(String level, String yagura) {
        String yaml = "title: r\nid: r\ndetection:\n  s:\n    a: 1\n  condition: s\n"
                + (level == null ? "" : "level: " + level + "\n") + (yagura == null ? "" : "yagura:\n" + yagura);
        return RuleSet.parse("r.yml", yaml).ruleSet().all().get(0);
    }

    static SecurityEvent action(String action) {
        return SecurityEvent.of(Map.of("event.action", action));
    }

    @Test
    void sigmaLevelsMapToYaguraLevels() {
        assertEquals(Level.INFORMATIONAL, OutcomePolicy.fromSigma("informational"));
        assertEquals(Level.LOW, OutcomePolicy.fromSigma("low"));
        assertEquals(Level.WARNING, OutcomePolicy.fromSigma("medium"));
        assertEquals(Level.CRITICAL, OutcomePolicy.fromSigma("high"));
        assertEquals(Level.EMERGENCY, OutcomePolicy.fromSigma("critical"));
        assertEquals(Level.WARNING, OutcomePolicy.fromSigma(null), "no level: like medium");
    }

    @Test
    void observedOutcomeFromTheEvent() {
        assertEquals(Outcome.BLOCKED, OutcomePolicy.observed(action("dropped")));
        assertEquals(Outcome.BLOCKED, OutcomePolicy.observed(action("denied")));
        assertEquals(Outcome.BLOCKED, OutcomePolicy.observed(action("reset")));
        assertEquals(Outcome.ALERT_ONLY, OutcomePolicy.observed(action("alert")));
        assertEquals(Outcome.PASSED, OutcomePolicy.observed(action("connection-started")));
        assertEquals(Outcome.BLOCKED, OutcomePolicy.observed(SecurityEvent.of(Map.of("event.action", "logon-failed",
                "event.outcome", "failure"))), "event.outcome failure");
        assertEquals(Outcome.ALERT_ONLY, OutcomePolicy.observed(SecurityEvent.of(Map.of("event.kind", "alert"))),
                "an alert without action");
        assertEquals(Outcome.UNKNOWN, OutcomePolicy.observed(new SecurityEvent()));
    }

    @Test
    void blockedAttackIsAtMostWarning() {
        OutcomePolicy.Proposal p = OutcomePolicy.propose(rule("critical", null), action("dropped"));
        assertEquals(Level.WARNING, p.level(), "critical rule, dropped event");
        assertEquals(Outcome.BLOCKED, p.outcome());
        assertTrue(p.rationale().get(1).contains("Emergency becomes Warning"), p.rationale().toString());
        assertEquals(Level.WARNING, OutcomePolicy.propose(rule("high", null), action("reset")).level());
        assertEquals(Level.INFORMATIONAL, OutcomePolicy.propose(rule("informational", null), action("denied")).level(),
                "caps never raise");
    }

    @Test
    void alertOnlyAttackIsAtMostCritical() {
        assertEquals(Level.CRITICAL, OutcomePolicy.propose(rule("critical", null), action("alert")).level());
        assertEquals(Level.CRITICAL, OutcomePolicy.propose(rule("high", null), action("alert")).level());
        assertEquals(Level.WARNING, OutcomePolicy.propose(rule("medium", null), action("alert")).level());
    }

    @Test
    void passedTrafficKeepsTheRuleLevel() {
        assertEquals(Level.EMERGENCY, OutcomePolicy.propose(rule("critical", null), action("allowed")).level());
    }

    @Test
    void statedLevelAndOutcomeOverride() {
        OutcomePolicy.Proposal p = OutcomePolicy.propose(rule("high", "  level: emergency\n  outcome: success\n"),
                action("alert"));
        assertEquals(Level.EMERGENCY, p.level(), "stated outcome success: no alert-only cap");
        assertTrue(p.rationale().get(0).contains("sets the Yagura level Emergency"), p.rationale().toString());
        assertEquals(Level.CRITICAL, OutcomePolicy.propose(rule(null, "  level: emergency\n"), action("alert")).level(),
                "stated level alone is still capped by the observed outcome");
        assertEquals(Level.WARNING, OutcomePolicy.propose(rule("critical", "  outcome: blocked\n"), action("allowed"))
                .level(), "stated outcome blocked caps");
    }
}
