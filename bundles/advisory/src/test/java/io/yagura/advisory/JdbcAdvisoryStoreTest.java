package io.yagura.advisory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.advisory.Advisory;
import io.yagura.testing.TestDatabases;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The advisory tables on the embedded H2 and, when YAGURA_TEST_POSTGRES_URL names one, on PostgreSQL. */
class JdbcAdvisoryStoreTest {

    private static final Instant T = Instant.parse("2026-12-05T10:00:00Z");

    static Stream<String> databases() {
        return TestDatabases.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anAdvisoryIsOnAPortalOnlyOnceDeliveredThereAndSentOnlyOnce(String db) throws Exception {
        JdbcAdvisoryStore store = new JdbcAdvisoryStore(TestDatabases.fresh(db));
        Advisory a = new Advisory("ADV-1", "high", List.of("cisco-asa", "fortigate"), List.of("ASA 5506-X"),
                Map.of("en", "Flaw", "ja", "脆弱性"), Map.of("en", "Update.\nNow.", "ja", "更新してください。"), T, "analyst",
                null);
        store.create(a);
        assertEquals(a, store.find("ADV-1").orElseThrow(), "every field back, a draft");
        assertFalse(store.wasSentTo("ADV-1", "acme"));

        assertTrue(store.markSent("ADV-1", T.plusSeconds(60)));
        assertFalse(store.markSent("ADV-1", T.plusSeconds(61)), "sent once");
        store.addDelivery(new Delivery("ADV-1", "acme", "a@acme.example", "mail", "ja", "failed", "550 5.1.1 no", 1, T));
        assertFalse(store.wasSentTo("ADV-1", "acme"), "a mail is not the portal");
        store.addDelivery(new Delivery("ADV-1", "acme", "acme", "portal", "ja,en", "delivered", null, 1, T));
        assertTrue(store.wasSentTo("ADV-1", "acme"));
        assertFalse(store.wasSentTo("ADV-1", "globex"), "another customer's portal");
        assertEquals(List.of("ADV-1"), store.sentTo("acme").stream().map(Advisory::id).toList());
        assertEquals(List.of(), store.sentTo("globex"));
        assertEquals(T.plusSeconds(60), store.find("ADV-1").orElseThrow().sentAt());
        assertEquals(List.of("mail:failed:550 5.1.1 no", "portal:delivered:null"), store.deliveries("ADV-1").stream()
                .map(d -> d.channel() + ":" + d.outcome() + ":" + d.answer()).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDatabaseWhoseAdvisoryTablesPredateLiquibaseKeepsThem(String db) throws Exception {
        // the advisory table as the bundle made it before its changelog; the delivery table came later
        DataSource ds = TestDatabases.freshWith(db, "CREATE TABLE advisory ("
                + "id VARCHAR(40) PRIMARY KEY, severity VARCHAR(20) NOT NULL, vendors VARCHAR(2000) NOT NULL, "
                + "products VARCHAR(2000) NOT NULL, title_en VARCHAR(500) NOT NULL, title_ja VARCHAR(500) NOT NULL, "
                + "body_en TEXT NOT NULL, body_ja TEXT NOT NULL, created_at TIMESTAMP WITH TIME ZONE NOT NULL, "
                + "created_by VARCHAR(200) NOT NULL, sent_at TIMESTAMP WITH TIME ZONE)");
        JdbcAdvisoryStore store = new JdbcAdvisoryStore(ds);
        Advisory a = new Advisory("ADV-1", "high", List.of("cisco-asa"), List.of(), Map.of("en", "Flaw", "ja", "脆弱性"),
                Map.of("en", "Update.", "ja", "更新してください。"), T, "analyst", null);
        store.create(a);
        assertEquals(a, store.find("ADV-1").orElseThrow(), "the old table is used as it is");
        assertEquals(Map.of("advisory-1-advisories", "MARK_RAN", "advisory-1-deliveries", "EXECUTED"),
                TestDatabases.changeSetRuns(ds));
    }
}
