package io.yagura.plugin.juniperscreenos;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * One ScreenOS log message: {@code NetScreen device_id=ssg5 [Root]system-emergency-00005: SYN flood!
 * From ... (2016-07-07 05:02:32)} as syslog carries it, or {@code [00001] 2007-04-01 15:32:00
 * [Root]system-critical-00031: ...} as the device's event log shows it.
 *
 * @param deviceId   the device_id (host name or serial number), or null (event-log form)
 * @param tag        the syslog tag in front of "NetScreen device_id=" (the device's own name), or null
 * @param vsys       the virtual system in brackets ("Root"), or null ("[No Name]", or none)
 * @param level      the level word (emergency, alert, critical, error, warning, notification,
 *                   information, debugging)
 * @param id         the message id, digits ("00257")
 * @param type       the word in parentheses after the id ("traffic", "second traffic alarm"), or null
 * @param text       the message after "id(type): ", without the trailing date
 * @param time       the device's own time of the event (the trailing "(yyyy-mm-dd hh:mm:ss)" or the
 *                   event-log date) in the device's zone, or null
 */
record ScreenosMessage(String deviceId, String tag, String vsys, String level, String id, String type, String text,
                       Instant time) {

    private static final String[] LEVELS = {"emergency", "alert", "critical", "error", "warning", "notification",
        "information", "debugging"};

    /** The syslog severity of the level word (emergency 0 ... debugging 7), or -1. */
    int severity() {
        for (int i = 0; i < LEVELS.length; i++) {
            if (LEVELS[i].equals(level)) {
                return i;
            }
        }
        return -1;
    }

    static boolean isLevel(String s, int from, int to) {
        for (String l : LEVELS) {
            if (to - from == l.length() && s.regionMatches(true, from, l, 0, l.length())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Finds the message in {@code body} (the part after the syslog header); null when the body is not
     * a ScreenOS message.
     */
    static ScreenosMessage find(String body, ZoneId zone) {
        int n = body.length();
        int dev = indexOfIgnoreCase(body, "device_id=", Math.min(n, 300));
        String deviceId = null;
        String tag = null;
        Instant time = null;
        int pos;
        if (dev >= 10 && body.regionMatches(true, dev - 10, "NetScreen ", 0, 10)) {
            int start = dev + 10;
            int end = start;
            while (end < n && body.charAt(end) != ' ') {
                end++;
            }
            deviceId = end > start ? body.substring(start, end) : null;
            tag = tagBefore(body, dev - 10);
            pos = end;
        } else if (n > 30 && body.charAt(0) == '[') {
            // event-log form: "[00001] 2007-04-01 15:32:00 [Root]system-..."
            int close = body.indexOf(']');
            if (close < 2 || close > 8 || !digits(body, 1, close)) {
                return null;
            }
            int p = close + 1;
            while (p < n && body.charAt(p) == ' ') {
                p++;
            }
            time = localTime(body, p, zone);
            if (time == null) {
                return null;
            }
            pos = p + 19;
        } else {
            return null;
        }
        // "[vsys]" then "system-<level>-<id>" ("system <level>-<id>" on some releases)
        int sys = body.indexOf("system", pos);
        if (sys < 0 || sys - pos > 40) {
            return null;
        }
        String vsys = null;
        int open = body.lastIndexOf('[', sys);
        if (open >= pos && body.indexOf(']', open) == sys - 1) {
            vsys = body.substring(open + 1, sys - 1);
            if (vsys.equalsIgnoreCase("No Name") || vsys.isEmpty()) {
                vsys = null;
            }
        }
        int p = sys + 6;
        if (p >= n || (body.charAt(p) != '-' && body.charAt(p) != ' ')) {
            return null;
        }
        int levelStart = p + 1;
        int levelEnd = body.indexOf('-', levelStart);
        if (levelEnd < 0 || !isLevel(body, levelStart, levelEnd)) {
            return null;
        }
        int idStart = levelEnd + 1;
        int idEnd = idStart;
        while (idEnd < n && Character.isDigit(body.charAt(idEnd)) && idEnd - idStart < 8) {
            idEnd++;
        }
        if (idEnd == idStart) {
            return null;
        }
        String level = body.substring(levelStart, levelEnd).toLowerCase(java.util.Locale.ROOT);
        String id = body.substring(idStart, idEnd);
        String type = null;
        p = idEnd;
        if (p < n && body.charAt(p) == '(') {
            int close = body.indexOf(')', p);
            if (close < 0) {
                return null;
            }
            type = body.substring(p + 1, close).trim();
            p = close + 1;
        }
        if (p >= n || body.charAt(p) != ':') {
            return null;
        }
        String text = body.substring(p + 1).trim();
        // "... Occurred 1 times. (2006-06-02 11:24:16)": the device's own time of the event
        if (text.length() > 22 && text.endsWith(")") && text.charAt(text.length() - 21) == '(') {
            Instant trailer = localTime(text, text.length() - 20, zone);
            if (trailer != null) {
                time = trailer;
                text = text.substring(0, text.length() - 21).trim();
            }
        }
        return new ScreenosMessage(deviceId, tag, vsys, level, id, type, text, time);
    }

    /** "yyyy-mm-dd hh:mm:ss" at {@code p}, in the device's zone; null when not that. */
    static Instant localTime(String s, int p, ZoneId zone) {
        if (p < 0 || p + 19 > s.length() || s.charAt(p + 4) != '-' || s.charAt(p + 10) != ' ' || s.charAt(p + 13) != ':') {
            return null;
        }
        try {
            return LocalDateTime.parse(s.substring(p, p + 10) + "T" + s.substring(p + 11, p + 19)).atZone(zone).toInstant();
        } catch (java.time.DateTimeException notADate) {
            return null;
        }
    }

    /** The syslog tag before "NetScreen" ("ns5gt: NetScreen ..."), or null. */
    private static String tagBefore(String s, int netscreen) {
        int p = netscreen - 1;
        while (p >= 0 && s.charAt(p) == ' ') {
            p--;
        }
        if (p < 1 || s.charAt(p) != ':') {
            return null;
        }
        int end = p;
        int start = end;
        while (start > 0 && s.charAt(start - 1) != ' ') {
            start--;
        }
        return end > start ? s.substring(start, end) : null;
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!Character.isDigit(s.charAt(i))) {
                return false;
            }
        }
        return to > from;
    }

    static int indexOfIgnoreCase(String s, String what, int limit) {
        int max = Math.min(limit, s.length() - what.length());
        for (int i = 0; i <= max; i++) {
            if (s.regionMatches(true, i, what, 0, what.length())) {
                return i;
            }
        }
        return -1;
    }
}
