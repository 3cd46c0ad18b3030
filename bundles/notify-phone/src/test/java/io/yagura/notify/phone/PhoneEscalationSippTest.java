package io.yagura.notify.phone;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.incident.DeliveryAttempt;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Level;
import io.yagura.api.notify.Acknowledgements;
import io.yagura.notify.phone.media.Speech;
import io.yagura.notify.phone.sip.SipPhone;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A whole escalation over SIP: the first contact's phone rings out, the second answers and
 * presses 1 (RFC 4733). Real SIPp callees, real espeak-ng speech, the real store.
 * Each contact's number is routed to its own SIPp (the test's "trunk" per number).
 */
class PhoneEscalationSippTest {

    @Test
    void theFirstContactDoesNotAnswerTheSecondPressesOneAndNobodyIsCalledAgain() throws Exception {
        Platform p = new Platform();
        p.contact("Tanaka Taro", "0311111111", "ja", "");
        p.contact("Jane Smith", "0322222222", "en", "");
        Incident incident = p.incident(Level.EMERGENCY);
        Duration ring = Duration.ofSeconds(2);
        try (Sipp first = Sipp.callee("no-answer"); Sipp second = Sipp.callee("answer-rfc4733");
             SipPhone toFirst = SipPhone.start(SipPhoneTest.settings(first.port, ring));
             SipPhone toSecond = SipPhone.start(SipPhoneTest.settings(second.port, ring));
             PhoneChannel channel = new PhoneChannel(p.store, p.acks, p::customer, Platform.templates(Readings.none()),
                     new Speech("espeak-ng")::speak,
                     (number, script) -> (number.equals("0311111111") ? toFirst : toSecond).call(number, script),
                     new PhoneChannel.Policy(3, Duration.ofSeconds(1), '1', Duration.ofSeconds(3)),
                     Clock.systemUTC(), 2)) {

            assertTrue(channel.escalate(incident.id()));

            await().atMost(Duration.ofSeconds(60)).until(() -> "delivered".equals(p.notice(incident, 2).status()));
            List<DeliveryAttempt> firstCalls = p.store.attempts(incident.id() + "-N1");
            List<DeliveryAttempt> secondCalls = p.store.attempts(incident.id() + "-N2");
            assertEquals(1, firstCalls.size(), firstCalls.toString());
            assertEquals("retrying", firstCalls.get(0).outcome());
            assertTrue(firstCalls.get(0).answer().contains("called 0311111111")
                    && firstCalls.get(0).answer().contains("no answer within 2 s (CANCEL sent)"), firstCalls.toString());
            assertEquals(1, secondCalls.size(), secondCalls.toString());
            assertEquals("delivered", secondCalls.get(0).outcome());
            assertTrue(secondCalls.get(0).answer().contains("200 OK") && secondCalls.get(0).answer().contains("digits 1"),
                    secondCalls.toString());
            Acknowledgements.Acknowledgement ack = p.acks.find(incident.id()).orElseThrow();
            assertEquals("0322222222", ack.by());
            assertEquals("phone", ack.channel());
            assertEquals("cancelled", p.notice(incident, 1).status(), "the first contact needs no further call");
            first.assertScenarioPassed();
            second.assertScenarioPassed();
            // No further calls: the pause between rounds (1 s) passes without a new INVITE to anybody.
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() ->
                    first.invitesReceived() == 1 && second.invitesReceived() == 1
                            && p.store.attempts(incident.id() + "-N1").size() == 1);
            assertTrue(channel.escalating().isEmpty());
        }
    }
}
