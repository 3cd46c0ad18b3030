package io.yagura.correlation.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.houserule.CanaryHold;
import io.yagura.api.incident.Incident;
import io.yagura.correlation.rules.ExtraRules;
import io.yagura.correlation.rules.RuleLoad;
import io.yagura.correlation.rules.RuleRepository;
import io.yagura.correlation.rules.RuleScope;
import io.yagura.correlation.rules.RuleSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** House rules loaded beside the file rules: a canary runs for its customers only and its incidents are held. */
class CanaryRuleTest {

    private static final String JSIG = """
            title: Outbound SMB
            name: jsig_outbound_smb
            detection:
              s:
                event.action: allowed
                destination.port: 445
              condition: s
            level: high
            """;
    private static final String LIVE = """
            title: Any allowed SMB, a live file rule
            name: live_smb
            detection:
              s:
                destination.port: 445
              condition: s
            level: high
            yagura: {aggregate: jsig_outbound_smb}
            """;

    private final TestContext ctx = new TestContext();

    private static Incident only(List<IncidentChange> changes) {
        assertEquals(1, changes.size(), "one incident change: " + changes);
        return changes.get(0).incident();
    }

    private static io.yagura.api.event.SecurityEvent smb(String customer, String time) {
        return CorrelationTypesTest.ev(time, "customer.id", customer, "event.action", "allowed",
                "destination.port", 445, "source.ip", "10.0.0.5", "destination.ip", "203.0.113.9");
    }

    @Test
    void aCanaryRunsForItsCustomersOnlyAndItsIncidentCarriesTheHoldUntilALiveRuleVouchesForIt() {
        RuleLoad load = RuleSet.parse(Map.of("live.yml", LIVE), List.of(new ExtraRules("jsig:jsig_outbound_smb@v3",
                JSIG, new RuleScope(Set.of("acme"), "jsig_outbound_smb"))));
        assertEquals(List.of(), load.problems());
        CorrelationEngine engine = new CorrelationEngine(load.ruleSet(), ctx, Fixtures.clock(), EngineSettings.defaults());

        Incident other = only(engine.process(smb("globex", "00:00")));
        assertEquals(List.of("live_smb"), other.rules(), "the canary does not run for globex");
        assertTrue(CanaryHold.heldBy(other).isEmpty());

        // with the canary alone, acme's match opens an incident of its own
        RuleLoad canaryOnly = RuleSet.parse(Map.of(), List.of(new ExtraRules("jsig:x", JSIG,
                new RuleScope(Set.of("acme"), "jsig_outbound_smb"))));
        CorrelationEngine canary = new CorrelationEngine(canaryOnly.ruleSet(), ctx, Fixtures.clock(),
                EngineSettings.defaults());
        Incident held = only(canary.process(smb("acme", "00:00")));
        assertEquals(java.util.Optional.of("jsig_outbound_smb"), CanaryHold.heldBy(held), "held for an analyst");
        assertTrue(canary.process(smb("globex", "00:01")).isEmpty(), "nothing for other customers");

        // the live rule joins the same incident (same aggregation): the hold goes
        CorrelationEngine both = new CorrelationEngine(canaryOnly.ruleSet(), ctx, Fixtures.clock(),
                EngineSettings.defaults());
        assertTrue(CanaryHold.heldBy(only(both.process(smb("acme", "00:00")))).isPresent());
        both.setRules(load.ruleSet());
        Incident vouched = only(both.process(smb("acme", "00:02")));
        assertEquals(List.of("jsig_outbound_smb", "live_smb"), vouched.rules());
        assertTrue(CanaryHold.heldBy(vouched).isEmpty(), "a live rule matched it too: no longer held");
    }

    @Test
    void theRepositoryReloadsWhenTheHouseRulesChangeAndReportsTheirProblemsByName(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("live.yml"), LIVE);
        RuleRepository repo = new RuleRepository(dir);
        AtomicReference<List<ExtraRules>> house = new AtomicReference<>(List.of());
        AtomicLong stamp = new AtomicLong();
        repo.setExtraRules(house::get, stamp::get);
        repo.reload();
        assertEquals(1, repo.current().size());
        assertTrue(repo.reloadIfChanged().isEmpty(), "nothing changed");

        house.set(List.of(new ExtraRules("jsig:jsig_outbound_smb@v4", JSIG, null),
                new ExtraRules("jsig:dup@v1", LIVE, null)));
        stamp.incrementAndGet();
        RuleLoad load = repo.reloadIfChanged().orElseThrow();
        assertTrue(load.ruleSet().find("jsig_outbound_smb").isPresent(), "an active house rule is loaded");
        assertEquals(1, load.problems().size());
        assertTrue(load.problems().get(0).toString().startsWith("jsig:dup@v1:1: duplicate rule name 'live_smb'"),
                load.problems().get(0).toString());
    }
}
