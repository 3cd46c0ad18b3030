package io.yagura.api.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IncidentTest {

    /** Every component a different value, so a setter writing the wrong field shows. */
    private static Incident full() {
        return Incident.builder().id("INC-1").customerId("acme").key("acme|r|203.0.113.7|10.0.0.5")
                .proposedLevel(Level.CRITICAL).confirmedLevel(Level.EMERGENCY).status(IncidentStatus.TRIAGED)
                .category("intrusion").title("SQL injection").attackers(List.of("203.0.113.7"))
                .targets(List.of("10.0.0.5")).rules(List.of("rule-1")).rationale(List.of("It matched."))
                .eventCount(7).firstSeen(Instant.ofEpochSecond(1)).lastSeen(Instant.ofEpochSecond(2))
                .detectedAt(Instant.ofEpochSecond(3)).deadline(Instant.ofEpochSecond(4)).analysis("analysis")
                .countermeasures("patch").references(List.of("https://example.org/advisory")).version(5).build();
    }

    @Test
    void theBuilderSetsEachComponentByName() {
        Incident i = full();
        assertEquals("INC-1", i.id());
        assertEquals("acme", i.customerId());
        assertEquals("acme|r|203.0.113.7|10.0.0.5", i.key());
        assertEquals(Level.CRITICAL, i.proposedLevel());
        assertEquals(Level.EMERGENCY, i.confirmedLevel());
        assertEquals(IncidentStatus.TRIAGED, i.status());
        assertEquals("intrusion", i.category());
        assertEquals("SQL injection", i.title());
        assertEquals(List.of("203.0.113.7"), i.attackers());
        assertEquals(List.of("10.0.0.5"), i.targets());
        assertEquals(List.of("rule-1"), i.rules());
        assertEquals(List.of("It matched."), i.rationale());
        assertEquals(7, i.eventCount());
        assertEquals(Instant.ofEpochSecond(1), i.firstSeen());
        assertEquals(Instant.ofEpochSecond(2), i.lastSeen());
        assertEquals(Instant.ofEpochSecond(3), i.detectedAt());
        assertEquals(Instant.ofEpochSecond(4), i.deadline());
        assertEquals("analysis", i.analysis());
        assertEquals("patch", i.countermeasures());
        assertEquals(List.of("https://example.org/advisory"), i.references());
        assertEquals(5, i.version());
    }

    @Test
    void toBuilderKeepsEveryComponentNotChanged() {
        Incident i = full();
        assertEquals(i, i.toBuilder().build());
        assertEquals(new Incident("INC-1", "acme", i.key(), Level.CRITICAL, Level.EMERGENCY, IncidentStatus.CLOSED,
                "intrusion", "SQL injection", i.attackers(), i.targets(), i.rules(), i.rationale(), 7, i.firstSeen(),
                i.lastSeen(), i.detectedAt(), i.deadline(), "analysis", "patch", i.references(), 5),
                i.withStatus(IncidentStatus.CLOSED));
    }

    @Test
    void componentsNotSetAreNullAndListsEmpty() {
        Incident i = Incident.builder().id("INC-2").build();
        assertNull(i.proposedLevel());
        assertEquals(List.of(), i.attackers());
        assertEquals(List.of(), i.references());
        assertEquals(0, i.eventCount());
    }

    @Test
    void withAnalysisKeepsWhatItIsNotGiven() {
        Incident i = full().withAnalysis(null, "block the address", null);
        assertEquals("analysis", i.analysis());
        assertEquals("block the address", i.countermeasures());
        assertEquals(List.of("https://example.org/advisory"), i.references());
    }
}
