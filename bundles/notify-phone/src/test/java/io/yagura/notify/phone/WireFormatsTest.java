package io.yagura.notify.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.notify.phone.media.MuLaw;
import io.yagura.notify.phone.media.RtpSession;
import io.yagura.notify.phone.sip.Sdp;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** SDP answers, RFC 4733 packets, μ-law and calling hours, as they come from peers and operators. */
class WireFormatsTest {

    @Test
    void theAudioAddressOfAnSdpAnswerIsTheMediaOneWhenGiven() {
        Sdp.Answer a = Sdp.parseAnswer("v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
                + "m=audio 30000 RTP/AVP 0 101\r\nc=IN IP4 10.0.0.2\r\na=rtpmap:101 telephone-event/8000\r\n");
        assertEquals("10.0.0.2", a.audio().getHostString());
        assertEquals(30000, a.audio().getPort());
        assertEquals(101, a.telephoneEvent());
    }

    @Test
    void anSdpAnswerWithoutPcmuOrAudioIsRefusedWithTheReason() {
        assertEquals("the SDP answer does not accept PCMU (payload type 0)", assertThrows(IllegalArgumentException.class,
                () -> Sdp.parseAnswer("v=0\nc=IN IP4 10.0.0.1\nm=audio 30000 RTP/AVP 8\n")).getMessage());
        assertEquals("the SDP answer has no audio stream (c= and m=audio)", assertThrows(IllegalArgumentException.class,
                () -> Sdp.parseAnswer("v=0\nc=IN IP4 10.0.0.1\nm=video 30000 RTP/AVP 0\n")).getMessage());
    }

    @Test
    void anRfc4733EventIsReadOnTheTypesGivenOnly() {
        byte[] p = new byte[16];
        p[0] = (byte) 0x80;
        p[1] = 96;
        p[12] = 1; // event 1
        assertEquals('1', RtpSession.telephoneEvent(p, 16, Set.of(96, 101)));
        p[12] = 11;
        assertEquals('#', RtpSession.telephoneEvent(p, 16, Set.of(96, 101)));
        p[1] = 0; // audio, not an event
        assertNull(RtpSession.telephoneEvent(p, 16, Set.of(96, 101)));
        p[1] = 96;
        assertNull(RtpSession.telephoneEvent(p, 13, Set.of(96, 101)), "too short");
    }

    @Test
    void muLawRoundTripsWithinItsStep() {
        for (short s : new short[] {0, 100, -100, 1000, -1000, 30000, -30000}) {
            int back = MuLaw.decode(MuLaw.encode(s));
            assertTrue(Math.abs(back - s) <= Math.max(8, Math.abs(s) / 16), s + " -> " + back);
        }
        assertEquals((byte) 0xFF, MuLaw.encode((short) 0));
    }

    @Test
    void callingHoursInTheirZoneAndOvernight() {
        Hours office = Hours.parse("09:00-18:00 Asia/Tokyo");
        assertTrue(office.contains(Instant.parse("2026-12-05T01:00:00Z"))); // 10:00 in Tokyo
        assertFalse(office.contains(Instant.parse("2026-12-05T10:00:00Z"))); // 19:00
        Hours night = Hours.parse("22:00-6:00 UTC");
        assertTrue(night.contains(Instant.parse("2026-12-05T23:30:00Z")));
        assertTrue(night.contains(Instant.parse("2026-12-05T05:59:00Z")));
        assertFalse(night.contains(Instant.parse("2026-12-05T12:00:00Z")));
        assertNull(Hours.parse(" "));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Hours.parse("office hours")).getMessage()
                .contains("HH:MM-HH:MM ZONE expected"));
    }

    @Test
    void addressesAreSpelledForTheVoice() {
        assertEquals("1 9 2 dot 0 dot 2 dot 1", Spelling.spell("192.0.2.1", "en"));
        assertEquals("いち きゅう に てん ぜろ", Spelling.spell("192.0", "ja"));
        assertEquals("F E 8 0 colon colon 1", Spelling.spell("fe80::1", "en"));
    }

    @Test
    void aTrunkCertificateNameMatchesItsHostExactlyOrByALeftMostWildcard() {
        assertTrue(io.yagura.notify.phone.sip.TrunkHostPolicy.matches("sip.example.net", "SIP.example.net"));
        assertTrue(io.yagura.notify.phone.sip.TrunkHostPolicy.matches("*.example.net", "sip.example.net"));
        assertFalse(io.yagura.notify.phone.sip.TrunkHostPolicy.matches("*.example.net", "a.sip.example.net"));
        assertFalse(io.yagura.notify.phone.sip.TrunkHostPolicy.matches("*.example.net", "example.net"));
        assertTrue(io.yagura.notify.phone.sip.TrunkHostPolicy.matches("2001:db8::1", "[2001:db8:0::1]"));
        assertFalse(io.yagura.notify.phone.sip.TrunkHostPolicy.matches("192.0.2.1", "192.0.2.10"));
        assertFalse(io.yagura.notify.phone.sip.TrunkHostPolicy.matches("sip.example.net", "192.0.2.1"));
    }
}
