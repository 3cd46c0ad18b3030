package io.yagura.response;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.store.JdbcBlockStore;
import io.yagura.testing.TestDatabases;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Policies and safelists per customer, on the embedded H2 and on PostgreSQL when YAGURA_TEST_POSTGRES_URL names one. */
class JdbcResponseSettingsTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    static Stream<String> databases() {
        return TestDatabases.names();
    }

    /** A fresh database (H2) or schema (PostgreSQL), migrated by the store as at run time. */
    private static JdbcResponseSettings settings(String db) throws Exception {
        DataSource ds = TestDatabases.fresh(db);
        return new JdbcResponseSettings(ds, new JdbcBlockStore(ds));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aPolicyIsStoredWithWhoSetItAndReplacedBySettingAgain(String db) throws Exception {
        JdbcResponseSettings s = settings(db);
        assertTrue(s.policy("acme").isEmpty(), "never set: the default applies");
        s.setPolicy(new ResponseSettings.PolicyEntry("acme", ResponsePolicy.AUTO_EMERGENCY, "alice", T0));
        s.setPolicy(new ResponseSettings.PolicyEntry("acme", ResponsePolicy.OFF, "bob", T0.plusSeconds(60)));
        assertEquals(new ResponseSettings.PolicyEntry("acme", ResponsePolicy.OFF, "bob", T0.plusSeconds(60)),
                s.policy("acme").orElseThrow());
        assertTrue(s.policy("other").isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void safelistEntriesArePerCustomerWithTheirNoteAndRemovable(String db) throws Exception {
        JdbcResponseSettings s = settings(db);
        s.addSafelist(new ResponseSettings.SafelistEntry("acme", "198.18.7.0/28", "partner VPN", "alice", T0));
        s.addSafelist(new ResponseSettings.SafelistEntry("acme", "192.0.2.1/32", null, "alice", T0));
        s.addSafelist(new ResponseSettings.SafelistEntry(ResponseSettings.GLOBAL, "192.0.2.53/32", "SOC DNS", "bob", T0));
        s.addSafelist(new ResponseSettings.SafelistEntry("acme", "198.18.7.0/28", "partner VPN, new note", "bob", T0));
        assertEquals(List.of(new ResponseSettings.SafelistEntry("acme", "192.0.2.1/32", null, "alice", T0),
                new ResponseSettings.SafelistEntry("acme", "198.18.7.0/28", "partner VPN, new note", "bob", T0)),
                s.safelist("acme"), "sorted by network, the second add replaced the first");
        assertEquals(1, s.safelist(ResponseSettings.GLOBAL).size());
        assertTrue(s.removeSafelist("acme", "192.0.2.1/32"));
        assertFalse(s.removeSafelist("acme", "192.0.2.1/32"), "gone already");
        assertEquals(1, s.safelist("acme").size());
    }
}
