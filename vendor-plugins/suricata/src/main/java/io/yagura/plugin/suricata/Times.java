package io.yagura.plugin.suricata;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The two clocks of this plugin, read without regex or formatter objects:
 * <ul>
 *   <li>EVE {@code timestamp}: ISO 8601 with fraction and a numeric offset without colon
 *       ({@code 2026-11-28T10:00:00.123456+0000}), also with colon or {@code Z}; without an offset
 *       it is read in the device zone;</li>
 *   <li>the fast/alert_fast time: Suricata {@code MM/DD/YYYY-HH:MM:SS.ffffff}, Snort
 *       {@code MM/DD-HH:MM:SS.ffffff} (no year) or, with snort -y, {@code MM/DD/YY-...}; local time of
 *       the sensor (the device zone); a missing year is the receive year in that zone, or the year
 *       before when the date would be more than a day ahead of the receive time.</li>
 * </ul>
 * Every method returns null for text it cannot read.
 */
final class Times {

    private Times() {
    }

    static Instant eve(String s, ZoneId zone) {
        if (s == null || s.length() < 19 || s.charAt(4) != '-' || s.charAt(7) != '-'
                || (s.charAt(10) != 'T' && s.charAt(10) != ' ') || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        int year = digits(s, 0, 4);
        int month = digits(s, 5, 2);
        int day = digits(s, 8, 2);
        int hh = digits(s, 11, 2);
        int mm = digits(s, 14, 2);
        int ss = digits(s, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hh < 0 || mm < 0 || ss < 0) {
            return null;
        }
        int p = 19;
        int nanos = 0;
        if (p < s.length() && s.charAt(p) == '.') {
            p++;
            int scale = 100_000_000;
            int start = p;
            while (p < s.length() && s.charAt(p) >= '0' && s.charAt(p) <= '9') {
                if (scale > 0) {
                    nanos += (s.charAt(p) - '0') * scale;
                    scale /= 10;
                }
                p++;
            }
            if (p == start) {
                return null;
            }
        }
        ZoneId at = zone;
        if (p < s.length()) {
            char sign = s.charAt(p);
            if (sign == 'Z' && p + 1 == s.length()) {
                at = ZoneOffset.UTC;
            } else if (sign == '+' || sign == '-') {
                int oh = digits(s, p + 1, 2);
                int colon = p + 3 < s.length() && s.charAt(p + 3) == ':' ? 1 : 0;
                int om = digits(s, p + 3 + colon, 2);
                if (oh < 0 || om < 0 || p + 5 + colon != s.length() || oh > 18 || om > 59) {
                    return null;
                }
                int seconds = (oh * 3600 + om * 60) * (sign == '-' ? -1 : 1);
                at = ZoneOffset.ofTotalSeconds(seconds);
            } else {
                return null;
            }
        }
        try {
            return LocalDateTime.of(year, month, day, hh, mm, Math.min(ss, 59), nanos).atZone(at).toInstant();
        } catch (DateTimeException invalid) {
            return null;
        }
    }

    /**
     * The fast-log time at the start of {@code s} up to {@code end}.
     *
     * @param received the receive time, for the year Snort leaves out
     */
    static Instant fast(String s, int from, int end, ZoneId zone, Instant received) {
        // MM/DD[/YY[YY]]-HH:MM:SS[.ffffff]
        int p = from;
        int month = digits(s, p, 2);
        if (month < 0 || p + 5 > end || s.charAt(p + 2) != '/') {
            return null;
        }
        int day = digits(s, p + 3, 2);
        if (day < 0) {
            return null;
        }
        p += 5;
        int year = -1;
        if (p < end && s.charAt(p) == '/') {
            int q = p + 1;
            while (q < end && s.charAt(q) >= '0' && s.charAt(q) <= '9') {
                q++;
            }
            int len = q - p - 1;
            if (len == 4) {
                year = digits(s, p + 1, 4);
            } else if (len == 2) {
                year = 2000 + digits(s, p + 1, 2);
            } else {
                return null;
            }
            p = q;
        }
        if (p + 9 > end || s.charAt(p) != '-' || s.charAt(p + 3) != ':' || s.charAt(p + 6) != ':') {
            return null;
        }
        int hh = digits(s, p + 1, 2);
        int mm = digits(s, p + 4, 2);
        int ss = digits(s, p + 7, 2);
        if (hh < 0 || mm < 0 || ss < 0) {
            return null;
        }
        p += 9;
        int nanos = 0;
        if (p < end && s.charAt(p) == '.') {
            p++;
            int scale = 100_000_000;
            while (p < end && s.charAt(p) >= '0' && s.charAt(p) <= '9') {
                if (scale > 0) {
                    nanos += (s.charAt(p) - '0') * scale;
                    scale /= 10;
                }
                p++;
            }
        }
        if (p != end) {
            return null;
        }
        try {
            if (year > 0) {
                return LocalDateTime.of(year, month, day, hh, mm, Math.min(ss, 59), nanos).atZone(zone).toInstant();
            }
            int thisYear = received.atZone(zone).getYear();
            Instant t = LocalDateTime.of(thisYear, month, day, hh, mm, Math.min(ss, 59), nanos).atZone(zone).toInstant();
            if (t.isAfter(received.plusSeconds(86_400))) {
                t = LocalDateTime.of(thisYear - 1, month, day, hh, mm, Math.min(ss, 59), nanos).atZone(zone).toInstant();
            }
            return t;
        } catch (DateTimeException invalid) {
            return null;
        }
    }

    private static int digits(String s, int p, int count) {
        if (p < 0 || p + count > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = p; i < p + count; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
