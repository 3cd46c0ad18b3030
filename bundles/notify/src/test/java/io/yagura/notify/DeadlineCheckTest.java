package io.yagura.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.incident.AuditEntry;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import io.yagura.api.registry.Contact;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.NotificationPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link NotificationDispatcher#checkDeadlines}: automatic Critical sending and the breach alarm. */
class DeadlineCheckTest {

    private static final Instant T0 = Instant.parse("2026-11-27T01:00:00Z");
    private static final Instant CRITICAL_DUE = T0.plus(Duration.ofMinutes(15));
    /** A 15-minute window: the automatic notice goes out a minute ahead, to be delivered by the deadline. */
    private static final Instant AUTO_SEND = CRITICAL_DUE.minusSeconds(60);

    private final Fakes.MemoryStore store = new Fakes.MemoryStore();
    private final Fakes.RecordingChanges changes = new Fakes.RecordingChanges();
    private final Fakes.MutableClock clock = new Fakes.MutableClock(T0);

    private static Customer acme(boolean criticalAutoSend) {
        return new Customer("acme", "ACME", List.of("10.0.0.0/8"), List.of(
                new Contact("Night desk", "soc@acme.example", null, 2, List.of("mail"), List.of("emergency"), "en", null),
                new Contact("Sato", "sato@acme.example", null, 1, List.of("mail"), List.of(), "ja", null),
                new Contact("Suzuki", "suzuki@acme.example", null, 3, List.of("mail"), List.of("critical"), "en", null),
                new Contact("Reports", "reports@acme.example", null, 4, List.of("mail"), List.of("warning"), "en", null)),
                new NotificationPolicy(criticalAutoSend, 15, false, true));
    }

    private NotificationDispatcher dispatcher(boolean criticalAutoSend) {
        return new NotificationDispatcher(store, Fakes.registry(acme(criticalAutoSend)), changes,
                Fakes.config(Map.of()), clock);
    }

    private Incident critical(String id) {
        return store.put(Fakes.incident(id, "acme", Level.CRITICAL, IncidentStatus.NEW, T0, CRITICAL_DUE));
    }

    private List<Notification> tickAt(NotificationDispatcher d, Instant at) {
        clock.set(at);
        return d.checkDeadlines();
    }

    @Test
    void unconfirmedCriticalIsSentAtItsDeadlineToTheContactsWhoTakeCriticalInOrder() {
        NotificationDispatcher d = dispatcher(true);
        critical("INC-C");

        assertEquals(List.of(), tickAt(d, AUTO_SEND.minusSeconds(1)), "nothing before the sending time");
        assertEquals(Map.of(), store.notices, "nothing stored before the sending time");
        assertEquals(List.of(), store.audit, "nothing audited before the sending time");

        List<Notification> sent = tickAt(d, AUTO_SEND);
        assertEquals(List.of("sato@acme.example", "suzuki@acme.example"), sent.stream().map(Notification::address)
                .toList(), "default (empty) levels and 'critical' take it, in escalation order; the night desk "
                + "(emergency) and reports (warning) do not");
        for (Notification n : sent) {
            assertEquals(Level.CRITICAL, n.level(), "level of " + n.id());
            assertEquals("incident", n.kind(), "kind of " + n.id());
            assertEquals("mail", n.channel(), "channel of " + n.id());
            assertEquals("pending", n.status(), "status of " + n.id());
            assertEquals(CRITICAL_DUE, n.deadline(), "the notice keeps the incident's deadline");
            assertEquals(AUTO_SEND, n.createdAt(), "created on the dispatcher's clock, a minute ahead");
            assertEquals(n, store.notices.get(n.id()), "stored before it is handed to the channel");
        }
        assertEquals(List.of("ja", "en"), sent.stream().map(Notification::language).toList(), "contact languages");
        assertEquals(IncidentStatus.NOTIFIED, store.incidents.get("INC-C").status(), "incident marked notified");

        List<AuditEntry> notify = store.audit("notify");
        assertEquals(1, notify.size(), "one audit entry for the sending: " + store.audit);
        assertEquals("INC-C", notify.get(0).subject());
        assertEquals("dispatcher", notify.get(0).actor());
        assertTrue(notify.get(0).detail().contains("sent automatically")
                && notify.get(0).detail().contains("2 notice(s) to [sato@acme.example, suzuki@acme.example]"),
                notify.get(0).detail());
    }

    @Test
    void aSecondTickSendsNothingAgainAndRaisesNoSecondAlarm() {
        NotificationDispatcher d = dispatcher(true);
        critical("INC-C");
        assertEquals(2, tickAt(d, CRITICAL_DUE).size());
        int audited = store.audit.size();
        int announced = changes.announced.size();

        assertEquals(List.of(), tickAt(d, CRITICAL_DUE.plusSeconds(10)), "second tick");
        assertEquals(List.of(), tickAt(d, CRITICAL_DUE.plusSeconds(20)), "third tick");
        assertEquals(2, store.notices.size(), "still two notices");
        assertEquals(audited, store.audit.size(), "no new audit entries: " + store.audit);
        assertEquals(announced, changes.announced.size(), "no new announcements: " + changes.announced);
    }

    @Test
    void aRestartedDispatcherDoesNotSendTheAutomaticCriticalAgain() {
        critical("INC-C");
        assertEquals(2, tickAt(dispatcher(true), CRITICAL_DUE).size());

        assertEquals(List.of(), tickAt(dispatcher(true), CRITICAL_DUE.plusSeconds(10)),
                "a new dispatcher (restart, other node) sees the incident notified");
        assertEquals(2, store.notices.size());
    }

    @Test
    void aRestartedDispatcherDoesNotRaiseAnAlarmAlreadyRaised() {
        critical("INC-C");
        assertEquals(List.of(), tickAt(dispatcher(false), CRITICAL_DUE.plusSeconds(1)));
        assertEquals(1, store.audit("deadline-breached").size());

        // the next start (or another node) finds the alarm in the audit log
        assertEquals(List.of(), tickAt(dispatcher(false), CRITICAL_DUE.plusSeconds(3600)));
        assertEquals(1, store.audit("deadline-breached").size(), "one alarm per incident, not one per start");
        assertEquals(List.of("INC-C DEADLINE_BREACHED"), changes.announced);
    }

    @Test
    void criticalConfirmedAndDeliveredBeforeTheDeadlineIsNotSentAgainAndNotBreached() {
        NotificationDispatcher d = dispatcher(true);
        Incident i = critical("INC-C");
        clock.set(T0.plus(Duration.ofMinutes(5)));
        store.put(i.withConfirmedLevel(Level.CRITICAL, CRITICAL_DUE));
        List<Notification> confirmed = d.dispatch("INC-C", false); // the analyst's CONFIRMED announcement
        assertEquals(2, confirmed.size(), "confirmation sends at once");
        confirmed.forEach(n -> store.delivered(n.id(), T0.plus(Duration.ofMinutes(6))));

        assertEquals(List.of(), tickAt(d, CRITICAL_DUE), "at the deadline");
        assertEquals(List.of(), tickAt(d, CRITICAL_DUE.plusSeconds(10)), "and after");
        assertEquals(2, store.notices.size(), "no second Critical notice");
        assertEquals(List.of(), store.audit("deadline-breached"), "delivered in time: no breach");
        assertEquals(List.of(), changes.announced, "no alarm announced");
    }

    @Test
    void confirmedCriticalNotDeliveredByTheDeadlineIsABreachNotASecondNotice() {
        NotificationDispatcher d = dispatcher(true);
        Incident i = critical("INC-C");
        store.put(i.withConfirmedLevel(Level.CRITICAL, CRITICAL_DUE));
        assertEquals(2, d.dispatch("INC-C", false).size());

        assertEquals(List.of(), tickAt(d, CRITICAL_DUE.plusSeconds(1)), "no second notice");
        assertEquals(2, store.notices.size());
        assertEquals(1, store.audit("deadline-breached").size(), "the mail server never took it: breached");
        assertEquals(List.of("INC-C DEADLINE_BREACHED"), changes.announced);
    }

    @Test
    void withoutAutomaticSendingAnUnconfirmedCriticalIsNotSentButItsBreachIsRaisedOnce() {
        NotificationDispatcher d = dispatcher(false);
        critical("INC-C");

        assertEquals(List.of(), tickAt(d, CRITICAL_DUE), "not sent: the policy waits for an analyst");
        assertEquals(List.of(), tickAt(d, CRITICAL_DUE.plusSeconds(10)));
        assertEquals(Map.of(), store.notices);
        List<AuditEntry> breached = store.audit("deadline-breached");
        assertEquals(1, breached.size(), "one alarm, not one per tick: " + store.audit);
        assertEquals("INC-C", breached.get(0).subject());
        assertEquals(CRITICAL_DUE, breached.get(0).at());
        assertEquals("deadline " + CRITICAL_DUE + ", level Critical", breached.get(0).detail());
        assertEquals(List.of("INC-C DEADLINE_BREACHED"), changes.announced);
        assertEquals(IncidentStatus.NEW, store.incidents.get("INC-C").status(), "nobody was told");
    }

    @Test
    void anAutomaticCriticalGoesOutAheadOfItsDeadlineSoThatItCanMeetIt() {
        NotificationDispatcher d = dispatcher(true);
        critical("INC-C");

        List<Notification> sent = tickAt(d, AUTO_SEND);
        assertEquals(2, sent.size());
        sent.forEach(n -> store.delivered(n.id(), AUTO_SEND.plusSeconds(2)));
        assertEquals(List.of(), tickAt(d, CRITICAL_DUE.plusSeconds(1)), "nothing more at the deadline");
        assertEquals(List.of(), store.audit("deadline-breached"), "delivered in time: no alarm");
        assertEquals(List.of(), changes.announced);
    }

    @Test
    void aShortCriticalWindowStillLeavesTwoDeadlineChecksBeforeTheDeadline() {
        NotificationDispatcher d = dispatcher(true);
        Instant due = T0.plus(Duration.ofMinutes(1));
        Incident i = store.put(Fakes.incident("INC-S", "acme", Level.CRITICAL, IncidentStatus.NEW, T0, due));
        // a quarter of one minute is 15 s, less than two 10-second checks: 20 s ahead
        assertEquals(due.minusSeconds(20), d.autoSendAt(i));
        assertEquals(List.of(), tickAt(d, due.minusSeconds(21)));
        assertEquals(2, tickAt(d, due.minusSeconds(20)).size());
        // a window shorter than two checks: half of it
        Incident tiny = Fakes.incident("INC-T", "acme", Level.CRITICAL, IncidentStatus.NEW, T0, T0.plusSeconds(30));
        assertEquals(T0.plusSeconds(15), d.autoSendAt(tiny));
    }

    @Test
    void emergencyIsWatchedButNeverSentByTheDeadlineCheck() {
        NotificationDispatcher d = dispatcher(true);
        Instant due = T0.plus(Duration.ofMinutes(1));
        store.put(Fakes.incident("INC-LATE", "acme", Level.EMERGENCY, IncidentStatus.NEW, T0, due));
        store.put(Fakes.incident("INC-OK", "acme", Level.EMERGENCY, IncidentStatus.NEW, T0, due));
        List<Notification> told = d.dispatch("INC-OK", false);
        assertEquals(List.of("sato@acme.example", "soc@acme.example"), told.stream().map(Notification::address)
                .toList(), "Emergency: default levels and the night desk");
        told.forEach(n -> store.delivered(n.id(), T0.plusSeconds(3)));

        assertEquals(List.of(), tickAt(d, due.plusSeconds(1)), "the deadline check sends no Emergency");
        assertEquals(2, store.notices.size());
        assertEquals(List.of("INC-LATE"), store.audit("deadline-breached").stream().map(AuditEntry::subject).toList(),
                "only the Emergency without a delivered notice is breached");
        assertEquals(List.of("INC-LATE DEADLINE_BREACHED"), changes.announced);
    }

    @Test
    void lowerLevelsAndClosedIncidentsAreNeitherSentNorBreached() {
        NotificationDispatcher d = dispatcher(true);
        Instant past = T0.plusSeconds(60);
        // A Critical lowered to Warning keeps its old deadline; a closed Critical is out of the watch.
        store.put(Fakes.incident("INC-W", "acme", Level.WARNING, IncidentStatus.TRIAGED, T0, past));
        store.put(Fakes.incident("INC-X", "acme", Level.CRITICAL, IncidentStatus.CLOSED, T0, past));
        store.put(Fakes.incident("INC-I", "acme", Level.INFORMATIONAL, IncidentStatus.NEW, T0, null));

        assertEquals(List.of(), tickAt(d, CRITICAL_DUE.plusSeconds(60)));
        assertEquals(Map.of(), store.notices);
        assertEquals(List.of(), store.audit);
        assertEquals(List.of(), changes.announced);
    }

    @Test
    void aCriticalOfACustomerNobodyRegisteredIsBreachedButNotSent() {
        NotificationDispatcher d = dispatcher(true);
        store.put(Fakes.incident("INC-U", "unknown", Level.CRITICAL, IncidentStatus.NEW, T0, CRITICAL_DUE));

        assertEquals(List.of(), tickAt(d, CRITICAL_DUE));
        assertEquals(List.of("INC-U"), store.audit("deadline-breached").stream().map(AuditEntry::subject).toList());
    }
}
