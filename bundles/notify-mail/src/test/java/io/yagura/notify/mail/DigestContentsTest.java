package io.yagura.notify.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.yagura.api.incident.AuditEntry;
import io.yagura.api.incident.IncidentStore;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Reading back what the dispatcher recorded a digest lists (io.yagura.notify.DigestNotices writes it). */
class DigestContentsTest {

    private static final Instant T = Instant.parse("2026-11-27T23:00:00Z");

    /** A store whose audit log holds these entries for the notice "DIG-1", newest first, as the real one answers. */
    private static IncidentStore auditOf(AuditEntry... newestFirst) {
        return (IncidentStore) Proxy.newProxyInstance(IncidentStore.class.getClassLoader(),
                new Class<?>[] {IncidentStore.class}, (proxy, method, args) -> {
                    if (method.getName().equals("auditLog") && "DIG-1".equals(args[0])) {
                        return List.of(newestFirst);
                    }
                    if (method.getName().equals("auditLog")) {
                        return List.of();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Test
    void readsTheDayAndTheIncidentsTheDispatcherRecorded() {
        IncidentStore store = auditOf(new AuditEntry(T, "dispatcher", "digest", "DIG-1",
                "date=2026-11-27 incidents=W-1,I-1,W-2 to=sato@acme.example"));

        assertEquals(Optional.of(new DigestContents(LocalDate.of(2026, 11, 27), List.of("W-1", "I-1", "W-2"))),
                DigestContents.of("DIG-1", store));
        assertEquals(Optional.empty(), DigestContents.of("DIG-2", store), "no record");
    }

    @Test
    void theNewestDigestRecordWinsAndOtherActionsAreIgnored() {
        IncidentStore store = auditOf(
                new AuditEntry(T.plusSeconds(2), "operator", "note", "DIG-1", "date=2000-01-01 incidents=X"),
                new AuditEntry(T.plusSeconds(1), "dispatcher", "digest", "DIG-1", "date=2026-11-27 incidents=W-1,W-9"),
                new AuditEntry(T, "dispatcher", "digest", "DIG-1", "date=2026-11-27 incidents=W-1"));

        assertEquals(List.of("W-1", "W-9"), DigestContents.of("DIG-1", store).orElseThrow().incidentIds());
    }

    @Test
    void anUnreadableRecordIsNoRecord() {
        assertEquals(Optional.empty(), DigestContents.parse("incidents=W-1"), "no date");
        assertEquals(Optional.empty(), DigestContents.parse("date=27.11.2026 incidents=W-1"), "bad date");
        assertEquals(Optional.empty(), DigestContents.parse("date=2026-11-27"), "no incidents");
        assertEquals(List.of(), DigestContents.parse("date=2026-11-27 incidents= to=a@b.example").orElseThrow()
                .incidentIds(), "an empty list reads as empty");
    }
}
