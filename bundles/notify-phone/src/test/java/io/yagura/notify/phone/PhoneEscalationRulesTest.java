package io.yagura.notify.phone;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.incident.AuditEntry;
import io.yagura.api.incident.DeliveryAttempt;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Level;
import io.yagura.notify.phone.media.MuLaw;
import io.yagura.notify.phone.sip.CallResult;
import io.yagura.notify.phone.sip.SipPhone;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The escalation rules, with a hand-written callee in place of SIP (SIP itself is tested against
 * SIPp in SipPhoneTest and PhoneEscalationSippTest): the real store and acknowledgements.
 */
class PhoneEscalationRulesTest {

    private final Platform p;
    private final List<String> called = new CopyOnWriteArrayList<>();
    private PhoneChannel channel;

    PhoneEscalationRulesTest() throws Exception {
        p = new Platform();
    }

    @AfterEach
    void close() {
        if (channel != null) {
            channel.close();
        }
    }

    /** Nobody answers: 486 for everyone. */
    private CallResult busy(String number, SipPhone.Script script) {
        called.add(number);
        return new CallResult(number, Instant.now(), 486, "486 Busy Here", 0, "", false);
    }

    private PhoneChannel channel(PhoneChannel.Caller caller, int rounds, Clock clock) {
        channel = new PhoneChannel(p.store, p.acks, p::customer, Platform.templates(Readings.none()),
                (lang, text) -> MuLaw.silence(800), caller,
                new PhoneChannel.Policy(rounds, Duration.ofMillis(200), '1', Duration.ofSeconds(1)), clock, 2);
        return channel;
    }

    @Test
    void whenNobodyAcknowledgesEveryContactIsCalledEachRoundThenTheSocIsAlarmed() {
        p.contact("A", "0311111111", "en", "");
        p.contact("B", "0322222222", "en", "");
        Incident i = p.incident(Level.EMERGENCY);
        List<String> alarms = new CopyOnWriteArrayList<>();
        channel(this::busy, 2, Clock.systemUTC()).socAlarm((incident, detail) -> {
            alarms.add(incident.id());
            return "mailed to soc@example.com";
        });
        channel.escalate(i.id());

        await().atMost(Duration.ofSeconds(10)).until(() -> "failed".equals(p.notice(i, 2).status()));
        assertEquals(List.of("0311111111", "0322222222", "0311111111", "0322222222"), called);
        assertEquals(List.of(i.id()), alarms, "the SOC is told once");
        assertEquals("failed", p.notice(i, 1).status());
        assertEquals(Boolean.FALSE, p.notice(i, 1).deadlineMet());
        List<DeliveryAttempt> a = p.store.attempts(i.id() + "-N1");
        assertEquals(2, a.size());
        assertTrue(a.get(1).answer().startsWith("round 2: called 0311111111") && a.get(1).answer().contains("486"),
                a.toString());
        AuditEntry alarm = p.store.auditLog(i.id(), 10).stream()
                .filter(e -> PhoneChannel.ALARM_ACTION.equals(e.action())).findFirst().orElseThrow();
        assertTrue(alarm.detail().contains("4 attempt(s)") && alarm.detail().endsWith("(mailed to soc@example.com)"),
                alarm.detail());
        assertTrue(channel.escalating().isEmpty());
    }

    /** The portal's button, or an analyst who reached the customer (yagura:incident-reached). */
    @ParameterizedTest
    @CsvSource({"portal-user, portal", "soc-analyst, analyst"})
    void anAcknowledgementOnAnotherChannelStopsTheEscalationBeforeTheNextCall(String by, String ackChannel) {
        p.contact("A", "0311111111", "en", "");
        p.contact("B", "0322222222", "en", "");
        Incident i = p.incident(Level.EMERGENCY);
        channel((number, script) -> {
            CallResult r = busy(number, script);
            p.acks.acknowledge(i.id(), "acme", by, ackChannel, "acknowledged on " + ackChannel);
            return r;
        }, 3, Clock.systemUTC()).escalate(i.id());

        await().atMost(Duration.ofSeconds(10)).until(() -> "cancelled".equals(p.notice(i, 2).status()));
        assertEquals(List.of("0311111111"), called, "only the call in progress when " + ackChannel + " acknowledged");
        assertEquals("cancelled", p.notice(i, 1).status());
        assertTrue(p.store.attempts(i.id() + "-N2").isEmpty());
        assertTrue(p.store.auditLog(i.id(), 10).stream().anyMatch(e -> e.action().equals("phone-cancelled")
                && e.detail().contains(by + " on " + ackChannel)));
    }

    @Test
    void anAnswerWithoutTheDigitGoesOnToTheNextContact() {
        p.contact("A", "0311111111", "en", "");
        p.contact("B", "0322222222", "en", "");
        Incident i = p.incident(Level.CRITICAL);
        channel((number, script) -> {
            called.add(number);
            boolean second = number.equals("0322222222");
            return new CallResult(number, Instant.now(), 200, "200 OK", 12.5, second ? "1" : "2", second);
        }, 3, Clock.systemUTC()).escalate(i.id());

        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(p.notice(i, 2).status()));
        assertEquals(List.of("0311111111", "0322222222"), called);
        String first = p.store.attempts(i.id() + "-N1").get(0).answer();
        assertTrue(first.contains("audio 12.5 s; digits 2; answered without the acknowledgement digit"), first);
    }

    @Test
    void aCriticalIsNotCalledOutsideTheContactsHoursButAnEmergencyIs() {
        // 03:00 in Tokyo: outside 09:00-18:00
        Clock night = Clock.fixed(ZonedDateTime.of(2026, 12, 5, 3, 0, 0, 0, ZoneId.of("Asia/Tokyo")).toInstant(),
                ZoneId.of("UTC"));
        p.contact("A", "0311111111", "en", "09:00-18:00 Asia/Tokyo");
        p.contact("B", "0322222222", "en", "");
        Incident critical = p.incident(Level.CRITICAL);
        channel(this::busy, 1, night).escalate(critical.id());
        await().atMost(Duration.ofSeconds(10)).until(() -> "failed".equals(p.notice(critical, 2).status()));
        assertEquals(List.of("0322222222"), called);
        assertTrue(p.store.attempts(critical.id() + "-N1").get(0).answer()
                .contains("not called 0311111111, outside the contact's hours 09:00-18:00 Asia/Tokyo"));

        called.clear();
        Incident emergency = p.incident(Level.EMERGENCY);
        channel.escalate(emergency.id());
        await().atMost(Duration.ofSeconds(10)).until(() -> "failed".equals(p.notice(emergency, 2).status()));
        assertEquals(List.of("0311111111", "0322222222"), called);
    }

    @Test
    void anEscalationPickedUpAfterARestartGoesOnWithTheNextRound() {
        p.contact("A", "0311111111", "en", "");
        Incident i = p.incident(Level.EMERGENCY);
        // the earlier run made round 1 and stopped
        p.store.addAttempt(new DeliveryAttempt(i.id() + "-N1", 1, Instant.now(), "retrying", "round 1: called …"));
        channel(this::busy, 2, Clock.systemUTC()).escalate(i.id());

        await().atMost(Duration.ofSeconds(10)).until(() -> "failed".equals(p.notice(i, 1).status()));
        assertEquals(List.of("0311111111"), called, "one round left of two");
        assertTrue(p.store.attempts(i.id() + "-N1").get(1).answer().startsWith("round 2:"));
    }

    @Test
    void aSecondNoticeOfTheSameIncidentDoesNotStartASecondEscalation() throws Exception {
        p.contact("A", "0311111111", "en", "");
        Incident i = p.incident(Level.EMERGENCY);
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch hangUp = new CountDownLatch(1);
        PhoneChannel c = channel((number, script) -> {
            called.add(number);
            inCall.countDown();
            try {
                hangUp.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return new CallResult(number, Instant.now(), 200, "200 OK", 3, "1", true);
        }, 1, Clock.systemUTC());
        assertTrue(c.escalate(i.id()));
        assertTrue(inCall.await(10, TimeUnit.SECONDS));
        assertFalse(c.escalate(i.id()), "the escalation is under way");
        hangUp.countDown();
        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(p.notice(i, 1).status()));
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(1)).until(() -> called.size() == 1);
    }

    @Test
    void theFirstCallGoesOutWhileTheNoticeIsStillBeingSpoken() throws Exception {
        p.contact("A", "0311111111", "en", "");
        Incident i = p.incident(Level.EMERGENCY);
        CountDownLatch speechMayEnd = new CountDownLatch(1);
        List<Boolean> audioReadyAtCall = new CopyOnWriteArrayList<>();
        channel = new PhoneChannel(p.store, p.acks, p::customer, Platform.templates(Readings.none()),
                (lang, text) -> {
                    speechMayEnd.await(10, TimeUnit.SECONDS);
                    return MuLaw.silence(800);
                },
                (number, script) -> {
                    audioReadyAtCall.add(script.notice().isDone());
                    speechMayEnd.countDown(); // the callee answers: now the audio is needed
                    return new CallResult(number, Instant.now(), 200, "200 OK", 0.1,
                            script.notice().join().length > 0 ? "1" : "", true);
                },
                new PhoneChannel.Policy(1, Duration.ofMillis(200), '1', Duration.ofSeconds(1)), Clock.systemUTC(), 2);
        channel.escalate(i.id());
        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(p.notice(i, 1).status()));
        assertEquals(List.of(false), audioReadyAtCall, "the INVITE does not wait for the speech");
    }
}
