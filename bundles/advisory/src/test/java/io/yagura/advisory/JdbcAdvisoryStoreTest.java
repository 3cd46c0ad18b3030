package io.yagura.advisory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.advisory.Advisory;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.postgresql.ds.PGSimpleDataSource;

/** The advisory tables on the embedded H2 and, when YAGURA_TEST_POSTGRES_URL names one, on PostgreSQL. */
class JdbcAdvisoryStoreTest {

    private static final Instant T = Instant.parse("2026-12-05T10:00:00Z");

    static Stream<String> databases() {
        String url = System.getenv("YAGURA_TEST_POSTGRES_URL");
        return url == null || url.isBlank() ? Stream.of("h2") : Stream.of("h2", "postgresql");
    }

    private static DataSource fresh(String db) throws Exception {
        String id = "a" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if (db.equals("h2")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:" + id + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
            return h2;
        }
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(System.getenv("YAGURA_TEST_POSTGRES_URL"));
        try (Connection c = pg.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + id);
        }
        pg.setCurrentSchema(id);
        return pg;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anAdvisoryIsOnAPortalOnlyOnceDeliveredThereAndSentOnlyOnce(String db) throws Exception {
        JdbcAdvisoryStore store = new JdbcAdvisoryStore(fresh(db));
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
}
