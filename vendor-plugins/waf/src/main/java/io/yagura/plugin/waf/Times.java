package io.yagura.plugin.waf;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

/** The clocks WAF logs write, read without formatter objects; null for text that is not one. */
final class Times {

    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
        "nov", "dec"};

    private Times() {
    }

    /** Apache error log: {@code Fri Dec 04 10:00:00.123456 2026} (fraction optional), in the device zone. */
    static Instant apache(String s, ZoneId zone) {
        String[] p = s.trim().split(" +");
        if (p.length != 5) {
            return null;
        }
        int month = month(p[1]);
        int day = number(p[2]);
        int year = number(p[4]);
        return month < 0 || day < 0 || year < 0 ? null : at(year, month, day, p[3], zone);
    }

    /** ModSecurity audit section A / Apache access log: {@code 05/Dec/2026:10:00:00.123456 +0000}. */
    static Instant audit(String s) {
        String t = s.trim();
        int space = t.indexOf(' ');
        if (space < 0 || t.length() < 20 || t.charAt(2) != '/' || t.charAt(6) != '/' || t.charAt(11) != ':') {
            return null;
        }
        ZoneOffset offset = offset(t.substring(space + 1));
        int day = number(t.substring(0, 2));
        int month = month(t.substring(3, 6));
        int year = number(t.substring(7, 11));
        if (offset == null || day < 0 || month < 0 || year < 0) {
            return null;
        }
        return at(year, month, day, t.substring(12, space), offset);
    }

    /** {@code 2026-11-28 10:00:00}, {@code 2026/11/28 10:00:00} (nginx), optional fraction and offset. */
    static Instant dateTime(String s, ZoneId zone) {
        String t = s == null ? "" : s.trim();
        if (t.length() < 19 || (t.charAt(4) != '-' && t.charAt(4) != '/') || (t.charAt(10) != ' ' && t.charAt(10) != 'T')) {
            return null;
        }
        int year = number(t.substring(0, 4));
        int month = number(t.substring(5, 7)) - 1;
        int day = number(t.substring(8, 10));
        if (year < 0 || month < 0 || day < 0) {
            return null;
        }
        int end = 11;
        while (end < t.length() && (Character.isDigit(t.charAt(end)) || t.charAt(end) == ':' || t.charAt(end) == '.')) {
            end++;
        }
        ZoneId z = zone;
        String rest = t.substring(end).trim();
        if (!rest.isEmpty()) {
            ZoneOffset o = rest.equals("Z") ? ZoneOffset.UTC : offset(rest);
            if (o == null) {
                return null;
            }
            z = o;
        }
        return at(year, month, day, t.substring(11, end), z);
    }

    /** CEF {@code rt}/ASM: {@code May 05 2021 01:34:00}, Imperva {@code 31 March 2016 13:04:55}, or epoch milliseconds. */
    static Instant cef(String s, ZoneId zone) {
        if (s == null || s.isBlank()) {
            return null;
        }
        String t = s.trim();
        if (t.length() >= 12 && t.length() <= 13 && t.chars().allMatch(Character::isDigit)) {
            return Instant.ofEpochMilli(Long.parseLong(t));
        }
        String[] p = t.split(" +");
        if (p.length == 4) {
            int m = month(p[0]);
            if (m >= 0) {
                return at(number(p[2]), m, number(p[1]), p[3], zone);
            }
            m = month(p[1]);
            if (m >= 0) {
                return at(number(p[2]), m, number(p[0]), p[3], zone);
            }
        }
        return null;
    }

    /** {@code +0000}, {@code +01:00}, {@code -0500}, {@code GMT+1:00}. */
    static ZoneOffset offset(String s) {
        String t = s.trim();
        if (t.startsWith("GMT") || t.startsWith("UTC")) {
            t = t.substring(3);
            if (t.isEmpty()) {
                return ZoneOffset.UTC;
            }
        }
        if (t.length() < 2 || (t.charAt(0) != '+' && t.charAt(0) != '-')) {
            return null;
        }
        String digits = t.substring(1).replace(":", "");
        if (digits.length() < 1 || digits.length() > 4 || !digits.chars().allMatch(Character::isDigit)) {
            return null;
        }
        int hours;
        int minutes;
        if (digits.length() <= 2) {
            hours = Integer.parseInt(digits);
            minutes = 0;
        } else {
            int split = digits.length() - 2;
            hours = Integer.parseInt(digits.substring(0, split));
            minutes = Integer.parseInt(digits.substring(split));
        }
        if (hours > 18 || minutes > 59) {
            return null;
        }
        int total = (hours * 3600 + minutes * 60) * (t.charAt(0) == '-' ? -1 : 1);
        return ZoneOffset.ofTotalSeconds(total);
    }

    /** HH:mm:ss[.fraction] on a date; null when any part is out of range. */
    static Instant at(int year, int month0, int day, String time, ZoneId zone) {
        if (year < 0 || month0 < 0 || day < 0 || time.length() < 8 || time.charAt(2) != ':' || time.charAt(5) != ':') {
            return null;
        }
        int hh = number(time.substring(0, 2));
        int mm = number(time.substring(3, 5));
        int ss = number(time.substring(6, 8));
        int nanos = 0;
        if (time.length() > 9 && time.charAt(8) == '.') {
            int scale = 100_000_000;
            for (int i = 9; i < time.length() && scale > 0; i++) {
                char c = time.charAt(i);
                if (c < '0' || c > '9') {
                    return null;
                }
                nanos += (c - '0') * scale;
                scale /= 10;
            }
        } else if (time.length() != 8) {
            return null;
        }
        if (hh < 0 || mm < 0 || ss < 0) {
            return null;
        }
        try {
            return LocalDateTime.of(year, month0 + 1, day, hh, mm, Math.min(ss, 59), nanos).atZone(zone).toInstant();
        } catch (DateTimeException invalid) {
            return null;
        }
    }

    static int month(String s) {
        if (s == null || s.length() < 3) {
            return -1;
        }
        String m = s.substring(0, 3).toLowerCase(Locale.ROOT);
        for (int i = 0; i < MONTHS.length; i++) {
            if (MONTHS[i].equals(m)) {
                return i;
            }
        }
        return -1;
    }

    static int number(String s) {
        if (s == null || s.isEmpty() || s.length() > 9) {
            return -1;
        }
        int v = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }
}
