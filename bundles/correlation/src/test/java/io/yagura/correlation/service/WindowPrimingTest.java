package io.yagura.correlation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.event.RawEnvelope;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Level;
import io.yagura.api.plugin.ParseResult;
import io.yagura.api.registry.Customer;
import io.yagura.correlation.engine.CorrelationEngine;
import io.yagura.correlation.engine.EngineSettings;
import io.yagura.correlation.engine.IncidentChange;
import io.yagura.correlation.house.ReplayClock;
import io.yagura.correlation.house.ReplayContext;
import io.yagura.correlation.rules.RuleRepository;
import io.yagura.correlation.rules.RuleSet;
import io.yagura.plugin.ciscoasa.CiscoAsaParser;
import io.yagura.store.JdbcIncidentStore;
import io.yagura.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A story straddling a node's death: the IPS alert was correlated on node A (incident stored with
 * its evidence, Critical), A died, and the callback that proves success reaches node B. B's windows
 * are rebuilt from the store before the customer's first batch, so the callback raises A's incident
 * to Emergency instead of being judged alone.
 */
class WindowPrimingTest {

    static final String ACME = "acme";
    static final String ALERT = "<164>2024-03-12T10:00:00Z fw-edge-01 : %ASA-4-400032: IPS:4051 UDP Snork attack "
            + "from 203.0.113.7 to 10.0.0.5 on interface outside";
    static final String CALLBACK = "<166>2024-03-12T10:03:00Z fw-edge-01 : %ASA-6-302013: Built outbound TCP "
            + "connection 881234 for outside:203.0.113.7/4444 (203.0.113.7/4444) to inside:10.0.0.5/50433 "
            + "(198.51.100.5/50433)";

    JdbcIncidentStore store;
    ReplayContext shared; // the incidents as the store holds them, for the engines' aggregation lookups
    RuleSet rules;

    @BeforeEach
    void setUp() throws Exception {
        DataSource h2 = TestDatabases.freshH2();
        store = new JdbcIncidentStore(h2);
        shared = new ReplayContext(List.of(new Customer(ACME, "ACME Corp", List.of("10.0.0.0/8", "198.51.100.0/24"))),
                "INC-A-");
        rules = new RuleRepository(Path.of("rules")).load().ruleSet();
    }

    @Test
    void aStoryStraddlingANodesDeathIsJudgedWithItsBeginning() {
        CorrelationEngine nodeA = engine(Instant.parse("2024-03-12T10:00:01Z"));
        Incident alert = persist(only(nodeA.process(asa(ALERT))));
        assertEquals(Level.CRITICAL, alert.proposedLevel());

        // node B, never primed: the callback alone proves nothing
        CorrelationEngine unprimed = engine(Instant.parse("2024-03-12T10:03:01Z"));
        assertTrue(unprimed.process(asa(CALLBACK)).stream().noneMatch(c -> c.incident().proposedLevel() == Level.EMERGENCY),
                "without the alert's window, the callback raises nothing");

        CorrelationEngine nodeB = engine(Instant.parse("2024-03-12T10:03:01Z"));
        WindowPriming priming = new WindowPriming(store, nodeB, () -> Instant.parse("2024-03-12T10:03:01Z"));
        assertEquals(1, priming.primeIfNew(ACME), "the alert, read back from the store");
        assertTrue(nodeB.knows(ACME));
        assertEquals(0, priming.primeIfNew(ACME), "primed once");
        IncidentChange raised = only(nodeB.process(asa(CALLBACK)));
        assertEquals(alert.id(), raised.incident().id(), "node A's incident, not a new one");
        assertEquals(Level.EMERGENCY, raised.incident().proposedLevel());
        assertTrue(raised.raised());
        assertEquals(2, raised.incident().eventCount(), "the alert (counted on node A) and the callback, once each");
        assertEquals(1, raised.evidence().size(), "only the callback is new evidence: the alert is stored already");
    }

    @Test
    void closedAndOldIncidentsAreNotReplayedAndACustomerIsLookedUpOncePerLookBack() {
        CorrelationEngine nodeA = engine(Instant.parse("2024-03-12T10:00:01Z"));
        persist(only(nodeA.process(asa(ALERT))));
        CorrelationEngine nodeB = engine(Instant.parse("2024-03-13T10:00:00Z"));
        WindowPriming dayLater = new WindowPriming(store, nodeB, () -> Instant.parse("2024-03-13T10:00:00Z"));
        assertEquals(0, dayLater.primeIfNew(ACME), "last seen beyond every rule's timespan");
        assertFalse(nodeB.knows(ACME));
        assertTrue(dayLater.lookBack().toMinutes() >= 10, "at least the callback rule's 10 minutes: " + dayLater.lookBack());
    }

    private CorrelationEngine engine(Instant now) {
        ReplayClock clock = new ReplayClock();
        clock.advanceTo(now.toString());
        return new CorrelationEngine(rules, shared, clock, EngineSettings.defaults());
    }

    /** What CorrelationService does with a change: store the incident and its evidence. */
    private Incident persist(IncidentChange change) {
        Incident stored = change.opened() ? store.create(change.incident()) : store.update(change.incident());
        for (SecurityEvent e : change.evidence()) {
            store.addEvidence(stored.id(), e);
        }
        shared.put(stored);
        return stored;
    }

    private static IncidentChange only(List<IncidentChange> changes) {
        assertEquals(1, changes.size(), changes.toString());
        return changes.get(0);
    }

    private static SecurityEvent asa(String line) {
        ParseResult r = new CiscoAsaParser().parse(new RawEnvelope(Instant.parse("2024-03-12T12:00:00Z").toEpochMilli(),
                "192.0.2.1", "tcp:6514", "fw-01", ACME, "cisco-asa", false, line));
        SecurityEvent e = ((ParseResult.Parsed) r).events().get(0);
        return e.set("customer.id", ACME).set("device.id", "fw-01").set("yagura.plugin", "cisco-asa")
                .set("event.original", line);
    }
}
