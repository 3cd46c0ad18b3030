package io.yagura.portal.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sessions in the database: two PortalSessions on one database stand for a restarted node, or for
 * two nodes behind one address. On the embedded H2 and, when YAGURA_TEST_POSTGRES_URL names one
 * (bash .ci/postgres.sh prints it), on PostgreSQL.
 */
class PortalSessionsTest {

    static final Duration IDLE = Duration.ofMinutes(30);
    static final Duration ABSOLUTE = Duration.ofHours(12);
    final AccountsTest.MovingClock clock = new AccountsTest.MovingClock();

    static Stream<String> databases() {
        return TestDatabases.names();
    }

    private PortalSessions node(DataSource db) throws Exception {
        return new PortalSessions(db, IDLE, ABSOLUTE, clock);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aSessionSurvivesARestartAndIsKnownToTheOtherNode(String kind) throws Exception {
        DataSource db = TestDatabases.fresh(kind);
        PortalSessions.Session s = node(db).start("carol");

        PortalSessions restarted = node(db);
        PortalSessions otherNode = node(db);
        PortalSessions.Session seen = restarted.touch(s.id()).orElseThrow(() -> new AssertionError("lost at restart"));
        assertEquals(List.of("carol", s.csrf(), s.createdAt()), List.of(seen.user(), seen.csrf(), seen.createdAt()),
                "the same user and CSRF token after a restart");
        assertEquals(s.csrf(), otherNode.touch(s.id()).orElseThrow(() -> new AssertionError("unknown on node B"))
                .csrf());
        assertTrue(otherNode.touch("not-" + s.id()).isEmpty(), "a made-up id");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aSessionEndedOnOneNodeIsRefusedByBoth(String kind) throws Exception {
        DataSource db = TestDatabases.fresh(kind);
        PortalSessions a = node(db);
        PortalSessions b = node(db);

        PortalSessions.Session loggedOut = a.start("carol");
        b.end(loggedOut.id()); // logout through node B
        assertTrue(a.touch(loggedOut.id()).isEmpty() && b.touch(loggedOut.id()).isEmpty(), "logout");

        // lock or new password: every session of the user, whichever node made it
        PortalSessions.Session onA = a.start("dave");
        PortalSessions.Session onB = b.start("dave");
        PortalSessions.Session other = b.start("erin");
        assertEquals(2, a.endAllOf("dave"));
        for (PortalSessions nodeSessions : List.of(a, b)) {
            assertTrue(nodeSessions.touch(onA.id()).isEmpty() && nodeSessions.touch(onB.id()).isEmpty());
            assertTrue(nodeSessions.peek(other.id()).isPresent(), "another user's session stays");
        }
        assertEquals(Set.of(other.id()), b.live(List.of(loggedOut.id(), onA.id(), onB.id(), other.id())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void sessionsEndAfter30MinutesIdleOr12HoursAfterLoginWhicheverNodeServesThem(String kind) throws Exception {
        DataSource db = TestDatabases.fresh(kind);
        PortalSessions a = node(db);
        PortalSessions b = node(db);
        PortalSessions.Session idle = a.start("carol");
        clock.advance(Duration.ofMinutes(29));
        assertTrue(b.touch(idle.id()).isPresent(), "29 minutes idle");
        clock.advance(Duration.ofMinutes(29));
        assertTrue(a.touch(idle.id()).isPresent(), "the request on node B reset the idle clock for node A");
        clock.advance(Duration.ofMinutes(30));
        assertTrue(a.touch(idle.id()).isEmpty(), "30 minutes idle");

        PortalSessions.Session busy = a.start("carol");
        for (int i = 0; i < 24; i++) { // 24 × 29 min = 11 h 36 min, touched alternately on A and B
            clock.advance(Duration.ofMinutes(29));
            assertTrue((i % 2 == 0 ? a : b).touch(busy.id()).isPresent(), "active after " + (i + 1) * 29 + " min");
        }
        clock.advance(Duration.ofMinutes(24));
        assertTrue(b.touch(busy.id()).isEmpty(), "12 hours after login, however active");
        assertNotEquals(busy.id(), busy.csrf());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theTableHoldsOnlyTheSha256OfTheSessionId(String kind) throws Exception {
        DataSource db = TestDatabases.fresh(kind);
        PortalSessions.Session s = node(db).start("carol");
        List<String> row = new ArrayList<>();
        try (Connection c = db.getConnection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT * FROM portal_session")) {
            assertTrue(rs.next());
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.add(String.valueOf(rs.getObject(i)));
            }
            assertFalse(rs.next());
        }
        assertTrue(row.contains(Secrets.digest(s.id())), row.toString());
        assertTrue(row.stream().noneMatch(v -> v.contains(s.id())), "the id itself is nowhere: " + row);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theCleanupDeletesOnlyExpiredRows(String kind) throws Exception {
        DataSource db = TestDatabases.fresh(kind);
        PortalSessions sessions = node(db);
        PortalSessions.Session old = sessions.start("carol");
        clock.advance(Duration.ofMinutes(20));
        PortalSessions.Session recent = sessions.start("dave");
        clock.advance(Duration.ofMinutes(10)); // old: 30 min idle; recent: 10 min
        assertEquals(1, sessions.deleteExpired());
        assertEquals(1, sessions.stored());
        assertTrue(sessions.peek(recent.id()).isPresent());
        assertTrue(sessions.peek(old.id()).isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDatabaseWhosePortalTablesPredateLiquibaseKeepsThemAndTheirRows(String kind) throws Exception {
        // the session table and a session as the portal made them before its changelog
        DataSource db = TestDatabases.freshWith(kind, "CREATE TABLE portal_session (id_digest VARCHAR(64) PRIMARY KEY, "
                        + "user_name VARCHAR(64) NOT NULL, csrf VARCHAR(64) NOT NULL, created_at BIGINT NOT NULL, "
                        + "last_seen BIGINT NOT NULL)", "CREATE INDEX portal_session_user ON portal_session (user_name)",
                "INSERT INTO portal_session VALUES ('d1', 'alice', 'c1', 1, 1)");
        PortalSessions sessions = node(db);
        assertEquals(1, sessions.stored(), "the row is kept");
        assertEquals(Map.of("portal-1-users", "EXECUTED", "portal-1-links", "EXECUTED", "portal-1-customers", "EXECUTED",
                "portal-1-sessions", "MARK_RAN"), TestDatabases.changeSetRuns(db));
        assertEquals(1, sessions.deleteExpired(), "and the table is used as before");
    }
}
