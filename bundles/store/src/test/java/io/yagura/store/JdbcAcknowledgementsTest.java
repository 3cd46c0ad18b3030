package io.yagura.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.incident.AuditEntry;
import io.yagura.api.notify.Acknowledgements.Acknowledgement;
import io.yagura.testing.TestDatabases;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The first acknowledgement of an incident wins and every one is audited; H2 and PostgreSQL. */
class JdbcAcknowledgementsTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    static java.util.stream.Stream<String> databases() {
        return TestDatabases.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theFirstAcknowledgementWinsAndEveryOneIsAudited(String db) throws Exception {
        DataSource ds = TestDatabases.fresh(db);
        JdbcIncidentStore incidents = new JdbcIncidentStore(ds);
        JdbcAcknowledgements acks = new JdbcAcknowledgements(ds, incidents, Clock.fixed(T0, ZoneOffset.UTC));
        assertTrue(acks.find("INC-1").isEmpty(), "nothing acknowledged yet");

        Acknowledgement phone = acks.acknowledge("INC-1", "acme", "+81-3-0000-0001", "phone",
                "digit 1 pressed during call 2");
        assertEquals(new Acknowledgement("INC-1", "acme", "+81-3-0000-0001", "phone",
                "digit 1 pressed during call 2", T0), phone);

        Acknowledgement later = acks.acknowledge("INC-1", "acme", "yamada", "portal", "seen");
        assertEquals(phone, later, "the first acknowledgement stays the one that counts");
        assertTrue(acks.find("INC-2").isEmpty(), "per incident");

        List<AuditEntry> audit = incidents.auditLog("INC-1", 10);
        assertEquals(2, audit.stream().filter(a -> a.action().equals("customer-acknowledged")).count(),
                "both acknowledgements audited: " + audit);
        assertTrue(audit.stream().anyMatch(a -> a.actor().equals("yamada") && a.detail().equals("on portal: seen")),
                audit.toString());
    }
}
