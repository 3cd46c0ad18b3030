package io.yagura.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentChanges;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Triage;
import io.yagura.store.JdbcIncidentStore;
import io.yagura.testing.TestDatabases;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TriageServiceTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    private JdbcIncidentStore store;
    private final List<String> announced = new ArrayList<>();
    private TriageService triage;

    @BeforeEach
    void setUp() throws Exception {
        DataSource h2 = TestDatabases.freshH2();
        store = new JdbcIncidentStore(h2);
        IncidentChanges recorder = (incident, change) -> announced.add(incident.id() + ":" + change);
        triage = new TriageService(store, recorder, null, Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC));
        store.create(Incident.builder().id("INC-1").customerId("acme").key("k").proposedLevel(Level.WARNING)
                .status(IncidentStatus.NEW).category("intrusion").title("t").attackers(List.of("203.0.113.7"))
                .targets(List.of("10.0.0.5")).rules(List.of("asa-ips-alert")).rationale(List.of("blocked"))
                .eventCount(1).firstSeen(T0).lastSeen(T0).detectedAt(T0).build());
    }

    @Test
    void raisingToCriticalSetsTheDeadlineAuditsAndAnnounces() {
        Incident i = triage.confirm("INC-1", Level.CRITICAL, "analyst1");
        assertEquals(Level.CRITICAL, i.level(), "confirmed level");
        assertEquals(IncidentStatus.TRIAGED, i.status());
        assertEquals(T0.plusSeconds(15 * 60), i.deadline(), "Critical: 15 minutes after detection");
        assertEquals(List.of("INC-1:CONFIRMED"), announced);
        assertEquals("confirm-level", store.auditLog("INC-1", 5).get(0).action());
        assertEquals("analyst1", store.auditLog("INC-1", 5).get(0).actor());
    }

    @Test
    void falsePositiveWithSuppressionSuppressesTheSameRuleTowardsTheSameTarget() {
        triage.falsePositive("INC-1", "customer's own vulnerability scanner", T0.plusSeconds(86400), "analyst1");
        Incident i = store.find("INC-1").orElseThrow();
        assertEquals(IncidentStatus.FALSE_POSITIVE, i.status());
        assertEquals(Level.LOW, i.level());
        var s = triage.suppressions("acme");
        assertEquals(1, s.size());
        assertEquals("asa-ips-alert", s.get(0).rule(), "suppressed rule");
        assertEquals("10.0.0.5", s.get(0).target(), "suppressed target");
        assertTrue(s.get(0).reason().contains("INC-1"));
    }

    @Test
    void closedIncidentsCannotBeChangedAndErrorsSayWhy() {
        triage.close("INC-1", "handled", "analyst1");
        Triage.TriageException e = assertThrows(Triage.TriageException.class,
                () -> triage.confirm("INC-1", Level.EMERGENCY, "analyst2"));
        assertTrue(e.getMessage().contains("closed already"), e.getMessage());
        assertThrows(Triage.TriageException.class, () -> triage.show("INC-404"));
    }

    @Test
    void suppressionsNeedAReasonAndAFutureExpiry() {
        assertThrows(Triage.TriageException.class, () -> triage.suppress(
                new io.yagura.api.incident.Suppression(null, "acme", "r", null, null, null, " ", null, null), "a"));
        assertThrows(Triage.TriageException.class, () -> triage.suppress(
                new io.yagura.api.incident.Suppression(null, "acme", "r", null, null, T0, "why", null, null), "a"));
    }
}
