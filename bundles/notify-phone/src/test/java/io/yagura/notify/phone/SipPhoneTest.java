package io.yagura.notify.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.notify.phone.media.MuLaw;
import io.yagura.notify.phone.sip.CallResult;
import io.yagura.notify.phone.sip.SipPhone;
import io.yagura.notify.phone.sip.SipSettings;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Calls placed by the SIP user agent to real SIPp callees. */
class SipPhoneTest {

    /** Four seconds of silence as the notice: long enough for the callee's digit to arrive during it. */
    private static final byte[] NOTICE = MuLaw.silence(4 * 8000);
    private static final SipPhone.Script SCRIPT = new SipPhone.Script(NOTICE, MuLaw.silence(8000), '1',
            Duration.ofSeconds(1));

    private Sipp sipp;
    private SipPhone phone;

    @AfterEach
    void stop() {
        if (phone != null) {
            phone.close();
        }
        if (sipp != null) {
            sipp.close();
        }
    }

    private CallResult call(String scenario, Duration ring) throws Exception {
        sipp = Sipp.callee(scenario);
        phone = SipPhone.start(settings(sipp.port, ring));
        return phone.call("0312345678", SCRIPT);
    }

    static SipSettings settings(int trunkPort, Duration ring) throws Exception {
        return new SipSettings("127.0.0.1", trunkPort, null, 0, "udp", "yagura", "", "", "127.0.0.1",
                Sipp.freeUdpPort(), 41000, 41998, ring, Duration.ofMinutes(5));
    }

    @Test
    void aCalleeWhoPressesOneAsRfc4733EventsAcknowledgesBeforeTheNoticeEnds() throws Exception {
        CallResult r = call("answer-rfc4733", Duration.ofSeconds(10));
        assertEquals(200, r.status(), r.answer());
        assertTrue(r.acknowledged(), "digit 1 not taken: " + r);
        assertEquals("1", r.digits());
        assertTrue(r.audioSeconds() > 0.5 && r.audioSeconds() < 4.0, "the notice stops at the digit: " + r);
        sipp.assertScenarioPassed(); // got our BYE
    }

    @Test
    void aCalleeWhoPressesOneAsSipInfoAcknowledges() throws Exception {
        CallResult r = call("answer-info", Duration.ofSeconds(10));
        assertEquals(200, r.status(), r.answer());
        assertTrue(r.acknowledged(), "digit 1 of the INFO not taken: " + r);
        assertEquals("1", r.digits());
        sipp.assertScenarioPassed();
    }

    @Test
    void aCalleeWhoPressesTheWrongDigitHearsTheWholeNoticeAndDoesNotAcknowledge() throws Exception {
        CallResult r = call("answer-wrong-digit", Duration.ofSeconds(10));
        assertEquals(200, r.status(), r.answer());
        assertFalse(r.acknowledged(), r.toString());
        assertEquals("2", r.digits());
        assertEquals(4.0, r.audioSeconds(), 0.05, "the whole notice is played: " + r);
        sipp.assertScenarioPassed();
    }

    @Test
    void aBusyCalleeIsRecordedWith486() throws Exception {
        CallResult r = call("busy", Duration.ofSeconds(10));
        assertEquals(486, r.status());
        assertEquals("486 Busy Here", r.answer());
        assertFalse(r.acknowledged());
        assertEquals(0.0, r.audioSeconds());
        sipp.assertScenarioPassed(); // our ACK to the 486
    }

    @Test
    void aCalleeWhoRejectsIsRecordedWith603() throws Exception {
        CallResult r = call("reject", Duration.ofSeconds(10));
        assertEquals(603, r.status());
        assertEquals("603 Decline", r.answer());
        sipp.assertScenarioPassed();
    }

    @Test
    void aCallThatRingsOutIsCancelledAtTheRingTimeout() throws Exception {
        long start = System.nanoTime();
        CallResult r = call("no-answer", Duration.ofSeconds(2));
        long took = (System.nanoTime() - start) / 1_000_000;
        assertEquals(408, r.status());
        assertEquals("no answer within 2 s (CANCEL sent)", r.answer());
        assertTrue(took >= 2000 && took < 8000, "cancelled after the ring timeout, took " + took + " ms");
        sipp.assertScenarioPassed(); // CANCEL received, 487 ACKed
    }

    @Test
    void aCallOverTcpIsAnsweredAndAcknowledged() throws Exception {
        sipp = Sipp.calleeOverTcp("answer-rfc4733");
        SipSettings udp = settings(sipp.port, Duration.ofSeconds(10));
        phone = SipPhone.start(new SipSettings(udp.trunkHost(), udp.trunkPort(), null, 0, "tcp", udp.user(), "", "",
                udp.localAddress(), Sipp.freeTcpPort(), udp.rtpMinPort(), udp.rtpMaxPort(), udp.ringTimeout(),
                udp.registerExpiry()));
        CallResult r = phone.call("0312345678", SCRIPT);
        assertEquals(200, r.status(), r.answer());
        assertTrue(r.acknowledged(), r.toString());
        sipp.assertScenarioPassed();
        assertTrue(java.nio.file.Files.readString(sipp.messages).contains("SIP/2.0/TCP"), "the call went over TCP");
    }
}
