package io.yagura.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.incident.AuditEntry;
import io.yagura.api.incident.DeliveryAttempt;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import io.yagura.api.incident.Suppression;
import io.yagura.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The same behaviour on the embedded H2 and on PostgreSQL (when one is available). */
class JdbcIncidentStoreTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    static java.util.stream.Stream<String> databases() {
        return TestDatabases.names();
    }

    private static Incident incident(String id, Level level) {
        return Incident.builder().id(id).customerId("acme").key("acme|rule-1|203.0.113.7|10.0.0.5")
                .proposedLevel(level).status(IncidentStatus.NEW).category("intrusion").title("IPS alert on 10.0.0.5")
                .attackers(List.of("203.0.113.7")).targets(List.of("10.0.0.5")).rules(List.of("rule-1"))
                .rationale(List.of("IPS signature 2003 fired, alert only")).eventCount(1).firstSeen(T0).lastSeen(T0)
                .detectedAt(T0).deadline(T0.plus(Duration.ofMinutes(15))).build();
    }

    private static JdbcIncidentStore store(String db) throws Exception {
        return new JdbcIncidentStore(TestDatabases.fresh(db));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void incidentRoundTripKeepsEveryField(String db) throws Exception {
        JdbcIncidentStore store = store(db);
        Incident created = store.create(incident("INC-1", Level.CRITICAL));
        assertEquals(1, created.version(), "version after create");
        Incident read = store.find("INC-1").orElseThrow();
        assertEquals(created, read, "stored incident equals created one");
        assertEquals(T0.plus(Duration.ofMinutes(15)), read.deadline(), "deadline");
        assertEquals(List.of("203.0.113.7"), read.attackers(), "attackers");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void updateUsesOptimisticLocking(String db) throws Exception {
        JdbcIncidentStore store = store(db);
        Incident v1 = store.create(incident("INC-2", Level.WARNING));
        Incident v2 = store.update(v1.withConfirmedLevel(Level.EMERGENCY, T0).withStatus(IncidentStatus.TRIAGED));
        assertEquals(2, v2.version());
        assertEquals(Level.EMERGENCY, store.find("INC-2").orElseThrow().level(), "confirmed level wins");
        assertThrows(IncidentStore.ConcurrentChangeException.class, () -> store.update(v1.withStatus(IncidentStatus.CLOSED)),
                "a stale version is refused");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void detectedBetweenTakesTheCustomersIncidentsOfTheHalfOpenRangeOldestFirstWithoutLimit(String db)
            throws Exception {
        JdbcIncidentStore store = store(db);
        Instant from = Instant.parse("2026-11-01T00:00:00Z");
        Instant to = Instant.parse("2026-12-01T00:00:00Z");
        store.create(incident("INC-B1", Level.WARNING).toBuilder().detectedAt(from.minusSeconds(1)).build());
        store.create(incident("INC-B2", Level.WARNING).toBuilder().detectedAt(from).build());
        store.create(incident("INC-B3", Level.CRITICAL).toBuilder().detectedAt(to.minusSeconds(1)).build());
        store.create(incident("INC-B4", Level.LOW).toBuilder().detectedAt(to).build());
        store.create(incident("INC-B5", Level.LOW).toBuilder().customerId("other").detectedAt(from.plusSeconds(60))
                .build());
        store.create(incident("INC-B6", Level.LOW).toBuilder().detectedAt(from.plusSeconds(3600)).build());
        assertEquals(List.of("INC-B2", "INC-B6", "INC-B3"),
                store.detectedBetween("acme", from, to).stream().map(Incident::id).toList(),
                "from is included, to excluded, other customers left out, oldest first");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void openIncidentByKeyIgnoresClosedOnes(String db) throws Exception {
        JdbcIncidentStore store = store(db);
        Incident i = store.create(incident("INC-3", Level.WARNING));
        assertTrue(store.findOpenByKey("acme", i.key()).isPresent());
        store.update(i.withStatus(IncidentStatus.CLOSED));
        assertFalse(store.findOpenByKey("acme", i.key()).isPresent(), "closed incidents do not aggregate");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void listFiltersByLevelStatusCustomerAndBreachedDeadline(String db) throws Exception {
        JdbcIncidentStore store = store(db);
        store.create(incident("INC-4", Level.CRITICAL)); // deadline T0+15min: long past
        Incident other = incident("INC-5", Level.WARNING);
        store.create(Incident.builder().id("INC-5").customerId("other").key(other.key()).proposedLevel(Level.WARNING)
                .status(IncidentStatus.NEW).title("x").eventCount(1).firstSeen(T0).lastSeen(T0).detectedAt(T0)
                .build());
        assertEquals(1, store.list(new IncidentStore.Filter("acme", null, null, null, 10)).size(), "by customer");
        assertEquals("INC-4", store.list(new IncidentStore.Filter(null, Level.CRITICAL, null, null, 10)).get(0).id());
        assertEquals(2, store.list(new IncidentStore.Filter(null, null, IncidentStatus.NEW, null, 10)).size());
        List<Incident> breached = store.list(new IncidentStore.Filter(null, null, null, true, 10));
        assertEquals(1, breached.size(), "only the one with a past deadline");
        assertEquals("INC-4", breached.get(0).id());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void evidenceKeepsTheEventsFields(String db) throws Exception {
        JdbcIncidentStore store = store(db);
        store.create(incident("INC-6", Level.CRITICAL));
        SecurityEvent e = new SecurityEvent().set(Ecs.SOURCE_IP, "203.0.113.7").set(Ecs.SOURCE_PORT, 4444L)
                .set(Ecs.EVENT_ORIGINAL, "%ASA-4-400013: IDS:2003 ICMP redirect from 203.0.113.7 to 10.0.0.5 on interface outside");
        store.addEvidence("INC-6", e);
        SecurityEvent back = store.evidence("INC-6", 10).get(0);
        assertEquals("203.0.113.7", back.getString(Ecs.SOURCE_IP));
        assertEquals(4444L, back.getLong(Ecs.SOURCE_PORT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void suppressionsExpireAndCountWhatTheySwallow(String db) throws Exception {
        JdbcIncidentStore store = store(db);
        store.addSuppression(new Suppression("S-1", "acme", "rule-1", null, "10.0.0.5", T0.plus(1, ChronoUnit.DAYS),
                "scanner of the customer's own vulnerability management", "analyst1", T0));
        store.addSuppression(new Suppression("S-2", "acme", "rule-2", null, null, T0.minusSeconds(1), "expired", "a", T0));
        List<Suppression> active = store.activeSuppressions("acme", T0.plusSeconds(60));
        assertEquals(1, active.size(), "the expired one is not active");
        assertEquals("10.0.0.5", active.get(0).target());
        store.countSuppressed("S-1", 3);
        store.countSuppressed("S-1", 2);
        assertEquals(5, store.suppressedCount("S-1"), "suppressed events counted");
        assertTrue(store.removeSuppression("S-1"));
        assertFalse(store.removeSuppression("S-1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void notificationsKeepEveryDeliveryAttempt(String db) throws Exception {
        JdbcIncidentStore store = store(db);
        store.create(incident("INC-7", Level.EMERGENCY));
        Notification n = store.createNotification(new Notification("N-1", "INC-7", "acme", "incident", "mail",
                "soc@acme.example", "ja", Level.EMERGENCY, T0, "pending", T0, null, null));
        store.addAttempt(new DeliveryAttempt("N-1", 1, T0, "retrying", "Connection refused"));
        store.addAttempt(new DeliveryAttempt("N-1", 2, T0.plusSeconds(2), "delivered", "250 2.0.0 Ok: queued as 1A2B"));
        store.updateNotification(new Notification(n.id(), n.incidentId(), n.customerId(), n.kind(), n.channel(),
                n.address(), n.language(), n.level(), n.createdAt(), "delivered", n.deadline(), T0.plusSeconds(2), false));
        List<DeliveryAttempt> attempts = store.attempts("N-1");
        assertEquals(2, attempts.size());
        assertEquals("250 2.0.0 Ok: queued as 1A2B", attempts.get(1).answer(), "server's answer kept");
        Notification stored = store.notifications("INC-7").get(0);
        assertEquals("delivered", stored.status());
        assertEquals(Boolean.FALSE, stored.deadlineMet(), "deadline missed by 2 s is recorded");
        store.createNotification(new Notification("N-2", "INC-7", "acme", "incident", "mail", "soc@acme.example", "en",
                Level.EMERGENCY, T0.plusSeconds(3), "pending", T0, null, null));
        assertEquals(List.of("N-2"), store.pendingNotifications("mail", 10).stream().map(Notification::id).toList(),
                "only the pending one, for the restart sweep");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDigestListsItsIncidentsAndShowsInEachOnesNotices(String db) throws Exception {
        JdbcIncidentStore store = store(db);
        store.create(incident("W-1", Level.WARNING));
        store.create(incident("I-1", Level.INFORMATIONAL));
        store.create(incident("W-2", Level.WARNING));
        Notification digest = new Notification("DIG-20261127-1", "W-1", "acme", "digest", "mail", "soc@acme.example",
                "ja", null, T0, "pending", null, null, null);
        IncidentStore.Digest contents = new IncidentStore.Digest(java.time.LocalDate.of(2026, 11, 27),
                List.of("W-1", "I-1", "W-2"));
        store.createDigest(digest, contents);

        assertEquals(java.util.Optional.of(contents), store.digest("DIG-20261127-1"), "day and incidents in order");
        for (String id : List.of("W-1", "I-1", "W-2")) {
            assertEquals(List.of("DIG-20261127-1"), store.notifications(id).stream().map(Notification::id).toList(),
                    "the digest is among the notices of " + id);
        }
        assertEquals(java.util.Optional.empty(), store.digest("N-none"), "not a digest");

        // all or nothing: a digest naming an incident that does not exist stores nothing
        Notification bad = new Notification("DIG-20261127-2", "W-1", "acme", "digest", "mail", "x@acme.example", "en",
                null, T0, "pending", null, null, null);
        assertThrows(RuntimeException.class, () -> store.createDigest(bad, new IncidentStore.Digest(
                java.time.LocalDate.of(2026, 11, 27), List.of("W-1", "NO-SUCH"))));
        assertEquals(1, store.notifications("W-1").size(), "the failed digest left no notice");
        assertEquals(java.util.Optional.empty(), store.digest("DIG-20261127-2"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void auditLogNewestFirst(String db) throws Exception {
        JdbcIncidentStore store = store(db);
        store.audit(new AuditEntry(T0, "analyst1", "confirm-level", "INC-8", "critical -> emergency"));
        store.audit(new AuditEntry(T0.plusSeconds(5), "analyst1", "close", "INC-8", null));
        List<AuditEntry> log = store.auditLog("INC-8", 10);
        assertEquals("close", log.get(0).action());
        assertNull(log.get(0).detail());
        assertEquals(2, log.size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void migratingTwiceIsHarmless(String db) throws Exception {
        javax.sql.DataSource ds = TestDatabases.fresh(db);
        new JdbcIncidentStore(ds).create(incident("INC-9", Level.LOW));
        JdbcIncidentStore again = new JdbcIncidentStore(ds);
        assertTrue(again.find("INC-9").isPresent(), "data survives a second start");
    }

    /** H2 copies CLOBs on every UPDATE of their row: the incident's text columns are VARCHAR there. */
    @org.junit.jupiter.api.Test
    void onH2TheIncidentTextColumnsAreStoredInline() throws Exception {
        javax.sql.DataSource h2 = TestDatabases.fresh("h2");
        JdbcIncidentStore store = new JdbcIncidentStore(h2);
        String longRationale = "x".repeat(200_000);
        Incident created = store.create(incident("inc-long", Level.CRITICAL).toBuilder().rationale(List.of(longRationale)).build());
        store.update(created.toBuilder().rationale(List.of(longRationale, "raised")).build());
        assertEquals(List.of(longRationale, "raised"), store.find("inc-long").orElseThrow().rationale());
        try (java.sql.Connection c = h2.getConnection();
             java.sql.ResultSet types = c.createStatement().executeQuery("SELECT column_name, data_type FROM "
                     + "information_schema.columns WHERE table_name IN ('INCIDENT', 'EVIDENCE') AND column_name IN "
                     + "('ATTACKERS', 'TARGETS', 'RULES', 'RATIONALE', 'ANALYSIS', 'COUNTERMEASURES', 'REFS', 'EVENT_JSON')")) {
            int columns = 0;
            while (types.next()) {
                assertEquals("CHARACTER VARYING", types.getString(2), types.getString(1));
                columns++;
            }
            assertEquals(8, columns);
        }
    }
}
