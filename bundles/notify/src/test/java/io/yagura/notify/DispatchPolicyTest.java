package io.yagura.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.houserule.CanaryHold;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import io.yagura.api.registry.Contact;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.NotificationPolicy;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DispatchPolicyTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");
    private final DispatchPolicy policy = new DispatchPolicy();

    private static Customer acme(boolean criticalAuto) {
        return new Customer("acme", "ACME", List.of("10.0.0.0/8"), List.of(
                new Contact("Sato", "sato@acme.example", "+81-3-0000-0001", 1, List.of("mail"), List.of(), "ja", null),
                new Contact("Night desk", "soc@acme.example", null, 2, List.of("mail"), List.of("emergency"), "en", null),
                new Contact("Reports", "reports@acme.example", null, 3, List.of("mail"), List.of("warning"), "en", null)),
                new NotificationPolicy(criticalAuto, 15, false, true));
    }

    private static Incident incident(Level proposed, Level confirmed, IncidentStatus status) {
        return Incident.builder().id("INC-1").customerId("acme").key("k").proposedLevel(proposed)
                .confirmedLevel(confirmed).status(status).category("intrusion").title("t")
                .attackers(List.of("203.0.113.7")).targets(List.of("10.0.0.5")).rules(List.of("r")).eventCount(1)
                .firstSeen(T0).lastSeen(T0).detectedAt(T0).deadline(T0.plusSeconds(900)).version(1).build();
    }

    @Test
    void anIncidentOfACanaryHouseRuleIsHeldAtEveryLevelUntilAnAnalystReleasesIt() {
        Incident held = incident(Level.EMERGENCY, null, IncidentStatus.NEW).toBuilder()
                .references(List.of("https://example.org/advisory", CanaryHold.marker("jsig_outbound_smb"))).build();
        var d = policy.decide(held, acme(true), List.of(), T0, true);
        assertTrue(d.notices().isEmpty(), "held: nobody is told");
        assertTrue(d.why().contains("canary house rule jsig_outbound_smb"), d.why());
        Incident released = held.toBuilder().references(CanaryHold.released(held.references())).build();
        assertEquals(List.of("https://example.org/advisory"), released.references());
        assertEquals(2, policy.decide(released, acme(true), List.of(), T0, false).notices().size(),
                "released: the Emergency goes at once");
    }

    @Test
    void emergencyGoesAtOnceToEveryoneWhoTakesEmergencyInOrder() {
        var d = policy.decide(incident(Level.EMERGENCY, null, IncidentStatus.NEW), acme(true), List.of(), T0, false);
        assertEquals(List.of("sato@acme.example", "soc@acme.example"), d.notices().stream().map(Notification::address).toList());
        assertEquals("ja", d.notices().get(0).language(), "the contact's language");
        assertEquals(T0.plusSeconds(900), d.notices().get(0).deadline());
    }

    @Test
    void criticalWaitsForAnAnalystOrTheDeadline() {
        Incident critical = incident(Level.CRITICAL, null, IncidentStatus.NEW);
        assertTrue(policy.decide(critical, acme(true), List.of(), T0, false).notices().isEmpty(), "not before");
        assertEquals(1, policy.decide(critical, acme(true), List.of(), T0, true).notices().size(),
                "at the deadline with automatic sending: Sato only (the night desk takes Emergency only)");
        assertTrue(policy.decide(critical, acme(false), List.of(), T0, true).notices().isEmpty(),
                "without automatic sending: only after confirmation");
        Incident confirmed = incident(Level.WARNING, Level.CRITICAL, IncidentStatus.TRIAGED);
        assertEquals(1, policy.decide(confirmed, acme(false), List.of(), T0, false).notices().size(), "confirmed");
    }

    @Test
    void warningIsNotMailedAndALevelIsNoticedOnce() {
        assertTrue(policy.decide(incident(Level.WARNING, null, IncidentStatus.NEW), acme(true), List.of(), T0, false)
                .notices().isEmpty());
        Notification sent = new Notification("INC-1-N1", "INC-1", "acme", "incident", "mail", "sato@acme.example", "ja",
                Level.EMERGENCY, T0, "delivered", T0, T0, true);
        assertTrue(policy.decide(incident(Level.EMERGENCY, null, IncidentStatus.NOTIFIED), acme(true), List.of(sent), T0,
                false).notices().isEmpty(), "no second Emergency notice");
    }

    @Test
    void closingAnIncidentTheCustomerWasToldAboutSendsAnAllClearToThoseTold() {
        Notification sent = new Notification("INC-1-N1", "INC-1", "acme", "incident", "mail", "sato@acme.example", "ja",
                Level.CRITICAL, T0, "delivered", T0, T0, true);
        var d = policy.decide(incident(Level.CRITICAL, Level.LOW, IncidentStatus.FALSE_POSITIVE), acme(true), List.of(sent),
                T0, false);
        assertEquals(1, d.notices().size());
        assertEquals("all-clear", d.notices().get(0).kind());
        assertEquals("sato@acme.example", d.notices().get(0).address());
    }

    @Test
    void anIncidentMergedIntoAnotherStoryGetsNoAllClear() {
        Notification sent = new Notification("INC-2-N1", "INC-2", "acme", "incident", "mail", "sato@acme.example", "ja",
                Level.CRITICAL, T0, "delivered", T0, T0, true);
        var merged = incident(Level.CRITICAL, null, IncidentStatus.CLOSED).toBuilder()
                .references(List.of(io.yagura.api.incident.MergedInto.marker("INC-1"))).build();
        var d = policy.decide(merged, acme(true), List.of(sent), T0, false);
        assertTrue(d.notices().isEmpty(), "the story goes on in INC-1: " + d);
        assertTrue(d.why().contains("INC-1"), d.why());
    }
}
