package io.yagura.plugin.fortinet;

import io.yagura.format.net.Numbers;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * The device time of a FortiGate log. FortiOS writes {@code date=2019-05-10 time=11:37:47} in the
 * device's local time (with {@code tz="+0100"} from 6.2), and from 6.0 also {@code eventtime}, the
 * event's epoch time in seconds (6.0), or nanoseconds (6.2 and later). In order of precision:
 * eventtime; date+time in tz (or the device zone from the registry); FortiAnalyzer's
 * {@code timestamp} (epoch seconds); CEF {@code start}; else null (the syslog header's time).
 */
final class FortinetTime {

    private static final DateTimeFormatter CEF_START = DateTimeFormatter.ofPattern("MMM dd yyyy HH:mm:ss", Locale.ENGLISH);

    private FortinetTime() {
    }

    static Instant of(Map<String, String> f, ZoneId deviceZone) {
        Instant t = epoch(f.get("eventtime"));
        if (t != null) {
            return t;
        }
        ZoneId zone = offset(f.get("tz"));
        t = local(f.get("date"), f.get("time"), zone != null ? zone : deviceZone);
        if (t != null) {
            return t;
        }
        t = epoch(f.get("timestamp"));
        if (t != null) {
            return t;
        }
        return cefStart(f.get("cefstart"), zone != null ? zone : deviceZone);
    }

    /** Epoch seconds (10 digits), milliseconds (13), microseconds (16) or nanoseconds (19). */
    static Instant epoch(String digits) {
        if (digits == null || !Numbers.isDigits(digits)) {
            return null;
        }
        return switch (digits.length()) {
            case 10 -> Instant.ofEpochSecond(Long.parseLong(digits));
            case 13 -> Instant.ofEpochMilli(Long.parseLong(digits));
            case 16 -> Instant.ofEpochSecond(0, Long.parseLong(digits) * 1_000L);
            case 19 -> Instant.ofEpochSecond(0, Long.parseLong(digits));
            default -> null;
        };
    }

    /** {@code +0100}, {@code -07:00}: a UTC offset; null for anything else. */
    static ZoneId offset(String tz) {
        if (tz == null) {
            return null;
        }
        String t = tz.trim();
        if (t.length() == 5 && (t.charAt(0) == '+' || t.charAt(0) == '-') && Numbers.isDigits(t.substring(1))) {
            t = t.substring(0, 3) + ":" + t.substring(3);
        }
        if (t.length() != 6 || t.charAt(3) != ':') {
            return null;
        }
        try {
            return ZoneOffset.of(t);
        } catch (DateTimeException notAnOffset) {
            return null;
        }
    }

    /** {@code 2019-05-10} and {@code 11:37:47} in the zone; null unless both are well formed. */
    static Instant local(String date, String time, ZoneId zone) {
        if (date == null || time == null || date.length() != 10 || time.length() != 8
                || date.charAt(4) != '-' || date.charAt(7) != '-' || time.charAt(2) != ':' || time.charAt(5) != ':') {
            return null;
        }
        int y = digits(date, 0, 4);
        int mo = digits(date, 5, 7);
        int d = digits(date, 8, 10);
        int h = digits(time, 0, 2);
        int mi = digits(time, 3, 5);
        int s = digits(time, 6, 8);
        if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) {
            return null;
        }
        try {
            return LocalDateTime.of(y, mo, d, h, mi, Math.min(s, 59)).atZone(zone).toInstant();
        } catch (DateTimeException impossibleDate) {
            return null;
        }
    }

    private static Instant cefStart(String start, ZoneId zone) {
        if (start == null) {
            return null;
        }
        Instant epoch = epoch(start);
        if (epoch != null) {
            return epoch;
        }
        try {
            return LocalDateTime.parse(start.trim(), CEF_START).atZone(zone).toInstant();
        } catch (DateTimeParseException notThatForm) {
            return null;
        }
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
