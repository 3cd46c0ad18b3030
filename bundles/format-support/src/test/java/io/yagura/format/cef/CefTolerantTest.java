package io.yagura.format.cef;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CefTolerantTest {

    @Test
    void aSpaceAfterTheColonIsAccepted() {
        String line = "<14>Apr  7 10:10:10 host CEF: 0|Palo Alto Networks|PAN-OS|6.1.3|url|THREAT|1|src=192.0.2.1 act=alert";
        assertTrue(Cef.find(line).isEmpty(), "the strict reader wants a digit right after the colon");
        Optional<CefRecord> r = Cef.findTolerant(line);
        assertTrue(r.isPresent());
        assertEquals(0, r.get().version());
        assertEquals("Palo Alto Networks", r.get().vendor());
        assertEquals("THREAT", r.get().name());
        assertEquals("192.0.2.1", r.get().get("src"));
        assertEquals("alert", r.get().get("act"));
        assertEquals(line.indexOf("CEF:"), Cef.indexOfTolerant(line));
    }

    @Test
    void theStrictFormIsReadAsBefore() {
        String line = "CEF:0|Check Point|VPN-1 & FireWall-1|Check Point|Log|Drop|Unknown|act=Drop src=198.51.100.7";
        assertEquals(Cef.find(line), Cef.findTolerant(line));
        assertEquals(0, Cef.indexOfTolerant(line));
    }

    @Test
    void noVersionDigitIsNoRecord() {
        assertEquals(-1, Cef.indexOfTolerant("CEF: |x|y"));
        assertEquals(-1, Cef.indexOfTolerant("CEF:"));
        assertEquals(-1, Cef.indexOfTolerant("CEF:          0|a|b|c|d|e|f|"), "more than 8 spaces is not a header");
        assertEquals(-1, Cef.indexOfTolerant(null));
        assertFalse(Cef.findTolerant("CEF: 0|only|three").isPresent(), "fewer than seven header fields");
        assertEquals(7, Cef.indexOfTolerant("CEF: x CEF: 1|a|b|c|d|e|f|"), "the first usable marker");
    }
}
