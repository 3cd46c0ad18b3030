package io.yagura.format.syslog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SyslogHeaderParserTest {

    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private final SyslogHeaderParser parser = new SyslogHeaderParser();

    @Test
    void rfc5424WithStructuredDataAndBom() {
        SyslogLine l = parser.parse("<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 "
                + "[exampleSDID@32473 iut=\"3\" eventSource=\"Appl\\]ication\"] \uFEFFAn application event", NOW);
        assertEquals(SyslogLine.Format.RFC5424, l.format());
        assertEquals(165, l.priority(), "priority");
        assertEquals(5, l.severity(), "severity");
        assertEquals(20, l.facility(), "facility");
        assertEquals(Instant.parse("2003-10-11T22:14:15.003Z"), l.timestamp(), "timestamp");
        assertEquals("mymachine.example.com", l.hostname(), "hostname");
        assertEquals("evntslog", l.appName(), "app name");
        assertEquals("An application event", l.message(), "message");
    }

    @Test
    void rfc3164WithoutYearTakesTheYearClosestToNow() {
        SyslogLine l = parser.parse("<34>Oct 11 22:14:15 mymachine su: 'su root' failed for lonvick", NOW);
        assertEquals(SyslogLine.Format.RFC3164, l.format());
        assertEquals(Instant.parse("2025-10-11T22:14:15Z"), l.timestamp(), "Oct is in the past year");
        assertEquals("mymachine", l.hostname());
        assertEquals("su", l.appName(), "tag");
        assertEquals("su: 'su root' failed for lonvick", l.message());
    }

    @Test
    void asaWithYearAndNoHost() {
        SyslogLine l = parser.parse("<164>Aug 05 2016 19:13:26: %ASA-4-313005: No matching connection", NOW);
        assertEquals(Instant.parse("2016-08-05T19:13:26Z"), l.timestamp());
        assertNull(l.hostname(), "no host");
        assertEquals("%ASA-4-313005: No matching connection", l.message());
    }

    @Test
    void asaWithHostFollowedBySpacedColon() {
        SyslogLine l = parser.parse("Apr 24 2013 16:00:27 INT-FW01 : %ASA-6-106100: access-list inside permitted", NOW);
        assertEquals("INT-FW01", l.hostname());
        assertEquals("%ASA-6-106100: access-list inside permitted", l.message());
    }

    @Test
    void isoDateAndHost() {
        SyslogLine l = parser.parse("<166>2018-06-27T12:17:46Z asa : %ASA-3-710003: TCP access denied", NOW);
        assertEquals(Instant.parse("2018-06-27T12:17:46Z"), l.timestamp());
        assertEquals("asa", l.hostname());
        assertEquals("%ASA-3-710003: TCP access denied", l.message());
    }

    @Test
    void zoneAbbreviationIsATimeZoneNotAHost() {
        SyslogLine l = parser.parse("Apr 15 2014 09:34:34 EDT: %ASA-session-5-106100: access-list acl_in permitted", NOW);
        assertNull(l.hostname(), "EDT is no host");
        assertEquals(Instant.parse("2014-04-15T13:34:34Z"), l.timestamp(), "EDT is UTC-4");
        assertEquals("%ASA-session-5-106100: access-list acl_in permitted", l.message());
    }

    @Test
    void relayHeaderInFrontOfTheDevicesOwnKeepsTheDeviceTime() {
        SyslogLine l = parser.parse("May  9 15:01:41 192.168.3.1 :May 09 14:18:31 EDT: %ASA-session-6-302021: Teardown",
                NOW);
        assertEquals("192.168.3.1", l.hostname(), "relay address");
        assertEquals(Instant.parse("2026-05-09T18:18:31Z"), l.timestamp(), "device time, EDT");
        assertEquals("%ASA-session-6-302021: Teardown", l.message());
    }

    @Test
    void noHeaderAtAll() {
        SyslogLine l = parser.parse("%ASA-4-106023: Deny tcp src outside:1.2.3.4/5 dst inside:5.6.7.8/22", NOW);
        assertEquals(SyslogLine.Format.NONE, l.format());
        assertEquals(-1, l.priority());
        assertNull(l.timestamp());
        assertEquals("%ASA-4-106023: Deny tcp src outside:1.2.3.4/5 dst inside:5.6.7.8/22", l.message());
    }

    @Test
    void priorityOnlyAndInvalidPriority() {
        assertEquals("%PIX-6-1", parser.parse("<190>%PIX-6-1", NOW).message());
        SyslogLine bad = parser.parse("<999>Oct 11 22:14:15 host msg", NOW);
        assertEquals(-1, bad.priority(), "PRI over 191 is not a PRI");
    }

    @Test
    void impossibleDateKeepsTheLine() {
        SyslogLine l = parser.parse("Feb 30 2020 10:00:00 host msg", NOW);
        assertNull(l.timestamp(), "no date");
        assertTrue(l.message().contains("msg"));
    }

    @Test
    void hostileInputNeverThrows() {
        Random random = new Random(42);
        String[] seeds = {"", " ", "<", "<1", "<12>", "<12>1", "<12>1 ", "Jan", "Jan 1", "Jan 1 2020", "Jan  1 10:",
            "2020-01-01T", "<12>1 - - - - - [", "<12>1 - - - - - [a b=\"\\", "\u0000\u0000", "Jan 31 23:59:60 x"};
        for (String s : seeds) {
            parser.parse(s, NOW);
        }
        for (int i = 0; i < 2000; i++) {
            char[] chars = new char[random.nextInt(80)];
            for (int j = 0; j < chars.length; j++) {
                chars[j] = "<>1234567890 :-TJanOctZ[]\"\\%ASA".charAt(random.nextInt(30));
            }
            SyslogLine l = parser.parse(new String(chars), NOW);
            assertTrue(l.message() != null);
        }
    }
}
