package io.yagura.format.asa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.api.Test;

class AsaMarkerTest {

    @Test
    void readsTheTagAfterAHeader() {
        String line = "<166>Mar 12 2024 10:16:00 fw : %ASA-session-6-302013: Built inbound TCP connection 1";
        AsaMarker m = AsaMarker.find(line);
        assertNotNull(m);
        assertEquals("ASA", m.product());
        assertEquals("session", m.facility());
        assertEquals(6, m.level());
        assertEquals("302013", m.id());
        assertEquals(line.indexOf('%'), m.start());
        assertEquals("Built inbound TCP connection 1", line.substring(m.textStart()));
    }

    @Test
    void engineProductsAndTheColonLessForm() {
        assertEquals("PIX", AsaMarker.find("%PIX-4-400013 IDS:2003 ICMP redirect").product());
        assertEquals("400013", AsaMarker.find("%PIX-4-400013 IDS:2003 ICMP redirect").id());
        assertEquals("FTD", AsaMarker.find("%FTD-6-302013: Built").product());
        assertNull(AsaMarker.find("%NGIPS-1-430002: EventPriority: Low"), "not an engine product");
    }

    @Test
    void refusesMalformedTags() {
        for (String s : new String[] {"%ASA-4-1060", "%ASA-8-106023: x", "%ASA-4-1060234: x", "%ASA-4-10602x: x",
            "%ASA-4-106023x", "%ASA--4-106023: x", "%ASA-", "", "no tag"}) {
            assertNull(AsaMarker.find(s), s);
        }
        assertNull(AsaMarker.find(null));
        assertNull(AsaMarker.find("x".repeat(AsaMarker.SCAN_LIMIT) + " %ASA-4-106023: Deny"), "beyond the scan limit");
    }

    @Test
    void chosenProductsAndTheTolerantForm() {
        List<String> firepower = List.of("FTD", "NGIPS", "FDT");
        AsaMarker ngips = AsaMarker.find("%NGIPS-1-430002: EventPriority: Low", firepower, false);
        assertEquals("NGIPS", ngips.product());
        assertEquals("430002", ngips.id());
        assertEquals(1, ngips.level());
        assertNull(AsaMarker.find("%ASA-6-302013: Built", firepower, false), "ASA not asked for");
        assertNull(AsaMarker.find("%FTD--6-852002: Received", firepower, false), "empty facility: strict");
        AsaMarker doubled = AsaMarker.find("<166>:Feb 26 11:26:52 UTC: %FTD--6-852002: Received", firepower, true);
        assertEquals("852002", doubled.id());
        assertNull(doubled.facility());
        assertEquals("FDT", AsaMarker.find("%FDT-6-113004: AAA", firepower, true).product());
    }
}
