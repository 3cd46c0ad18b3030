package io.yagura.plugin.paloalto;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** The time formats PAN-OS writes, read by hand (no formatter per line); every method is total. */
final class PanTime {

    private static final String MONTHS = "JanFebMarAprMayJunJulAugSepOctNovDec";

    private PanTime() {
    }

    /** {@code 2015/01/05 05:38:58} (receive and generated time of the CSV) in the device's zone. */
    static Instant slashed(String s, ZoneId zone) {
        if (s == null || s.length() != 19 || s.charAt(4) != '/' || s.charAt(7) != '/' || s.charAt(10) != ' '
                || s.charAt(13) != ':' || s.charAt(16) != ':') {
            return null;
        }
        return local(num(s, 0, 4), num(s, 5, 2), num(s, 8, 2), num(s, 11, 2), num(s, 14, 2), num(s, 17, 2), 0, zone);
    }

    /**
     * {@code Apr 07 2017 00:10:10} optionally followed by a zone word ({@code GMT}, {@code UTC}):
     * the "cef-formatted" times of the CEF and LEEF formats. Without a zone word the device's zone.
     */
    static Instant cefFormatted(String s, ZoneId zone) {
        if (s == null || s.length() < 20 || s.charAt(3) != ' ' || s.charAt(6) != ' ' || s.charAt(11) != ' '
                || s.charAt(14) != ':' || s.charAt(17) != ':') {
            return null;
        }
        int month = MONTHS.indexOf(s.substring(0, 3));
        if (month < 0 || month % 3 != 0) {
            return null;
        }
        ZoneId z = zone;
        if (s.length() > 20) {
            String word = s.substring(20).trim();
            if (word.equals("GMT") || word.equals("UTC") || word.equals("Z")) {
                z = ZoneOffset.UTC;
            } else if (!word.isEmpty()) {
                try {
                    z = ZoneId.of(word);
                } catch (DateTimeException unknownZone) {
                    return null;
                }
            }
        }
        return local(num(s, 7, 4), month / 3 + 1, num(s, 4, 2), num(s, 12, 2), num(s, 15, 2), num(s, 18, 2), 0, z);
    }

    /** The high-resolution timestamp (PAN-OS 9.1+): {@code 2024-12-16T20:19:04.851+01:00}; null if not that shape. */
    static Instant highResolution(String s) {
        if (s == null || s.length() < 20 || s.length() > 35 || s.charAt(4) != '-' || s.charAt(7) != '-'
                || s.charAt(10) != 'T' || s.charAt(13) != ':') {
            return null;
        }
        char last = s.charAt(s.length() - 1);
        if (last != 'Z' && s.charAt(s.length() - 3) != ':') {
            return null; // no zone offset: not the high-resolution timestamp
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException notOne) {
            return null;
        }
    }

    private static Instant local(int y, int mo, int d, int h, int mi, int sec, int nanos, ZoneId zone) {
        if (y < 0 || mo < 0 || d < 0 || h < 0 || mi < 0 || sec < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(y, mo, d, h, mi, Math.min(sec, 59), nanos).atZone(zone).toInstant();
        } catch (DateTimeException invalid) {
            return null;
        }
    }

    private static int num(String s, int from, int len) {
        int v = 0;
        for (int i = from; i < from + len; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
