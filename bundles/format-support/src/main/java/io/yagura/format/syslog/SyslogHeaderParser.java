package io.yagura.format.syslog;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Tolerant syslog header reader. Real devices send RFC 5424, RFC 3164, RFC 3164 with a
 * year or an ISO date, a relay's header in front of the device's own, or no header at
 * all ({@code %ASA-4-106023: ...}); camel-syslog's strict parser rejects most of these,
 * so every plugin reads headers through this class instead. It never throws: what it
 * cannot read stays in {@link SyslogLine#message()}.
 *
 * <p>Thread-safe and allocation-light: it runs for every received line.
 */
public final class SyslogHeaderParser {

    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private final ZoneId defaultZone;

    /** @param defaultZone zone for header dates that carry none (RFC 3164) */
    public SyslogHeaderParser(ZoneId defaultZone) {
        this.defaultZone = defaultZone;
    }

    public SyslogHeaderParser() {
        this(ZoneOffset.UTC);
    }

    public SyslogLine parse(String line) {
        return parse(line, Instant.now());
    }

    /** @param now reference time for RFC 3164 dates, which have no year */
    public SyslogLine parse(String line, Instant now) {
        if (line == null) {
            return new SyslogLine(-1, null, null, null, SyslogLine.Format.NONE, "");
        }
        Cursor c = new Cursor(line);
        int pri = readPri(c);
        if (pri >= 0 && c.startsWith("1 ")) {
            c.pos += 2;
            return readRfc5424(c, pri);
        }
        int afterPri = c.pos;
        Instant ts = readTimestamp(c, now);
        if (ts == null) {
            c.pos = afterPri;
            c.skipSpaces();
            return new SyslogLine(pri, null, null, null, SyslogLine.Format.NONE, c.rest());
        }
        ts = readZone(c, ts);
        // A lone ':' may follow the date ("Apr 30 2013 09:23:24: %ASA-...").
        c.skip(':');
        c.skipSpaces();
        String host = null;
        int tokenEnd = c.indexOf(' ');
        if (!c.atEnd() && c.peek() != '%' && c.peek() != '[' && c.peek() != ':' && tokenEnd > c.pos) {
            String token = line.substring(c.pos, tokenEnd);
            host = token.endsWith(":") ? token.substring(0, token.length() - 1) : token;
            c.pos = tokenEnd;
            c.skipSpaces();
            // "host : msg" and "host :msg" (relays) both separate the host with a colon.
            if (c.peek() == ':') {
                c.pos++;
                c.skipSpaces();
            }
        }
        // A relay may put its own header in front of the device's: "May  9 15:01:41
        // 192.168.3.1 :May 09 14:18:31 EDT: %ASA-...". The inner date is the device's.
        if (host != null) {
            int mark = c.pos;
            Instant inner = readBsdDate(c, now);
            if (inner != null) {
                ts = readZone(c, inner);
                c.skip(':');
                c.skipSpaces();
            } else {
                c.pos = mark;
            }
        }
        String rest = c.rest();
        return new SyslogLine(pri, ts, host, readTag(rest), SyslogLine.Format.RFC3164, rest);
    }

    /**
     * A zone abbreviation after the time ("09:34:34 EDT:"), as Cisco devices write with
     * "logging timestamp" and "clock timezone". Known abbreviations correct the time (which
     * was read in the default zone); unknown ones are skipped so they are not taken for a host.
     */
    private Instant readZone(Cursor c, Instant ts) {
        int p = c.pos;
        if (p >= c.s.length() || c.s.charAt(p) != ' ') {
            return ts;
        }
        int q = p + 1;
        while (q < c.s.length() && q - p <= 5 && Character.isUpperCase(c.s.charAt(q))) {
            q++;
        }
        int len = q - p - 1;
        if (len < 2 || len > 4 || (q < c.s.length() && c.s.charAt(q) != ':' && c.s.charAt(q) != ' ')) {
            return ts;
        }
        // "HOST" in capitals followed by a message is possible: only take known zones or a ':'.
        String zone = c.s.substring(p + 1, q);
        Integer offsetHours = ZONE_OFFSETS.get(zone);
        boolean colon = q < c.s.length() && c.s.charAt(q) == ':';
        if (offsetHours == null && !colon) {
            return ts;
        }
        c.pos = q;
        if (offsetHours == null) {
            return ts;
        }
        long defaultOffset = defaultZone.getRules().getOffset(ts).getTotalSeconds();
        return ts.plusSeconds(defaultOffset - offsetHours * 3600L);
    }

    private static final java.util.Map<String, Integer> ZONE_OFFSETS = java.util.Map.ofEntries(
            java.util.Map.entry("UTC", 0), java.util.Map.entry("GMT", 0), java.util.Map.entry("Z", 0),
            java.util.Map.entry("EST", -5), java.util.Map.entry("EDT", -4),
            java.util.Map.entry("CST", -6), java.util.Map.entry("CDT", -5),
            java.util.Map.entry("MST", -7), java.util.Map.entry("MDT", -6),
            java.util.Map.entry("PST", -8), java.util.Map.entry("PDT", -7),
            java.util.Map.entry("CET", 1), java.util.Map.entry("CEST", 2),
            java.util.Map.entry("JST", 9), java.util.Map.entry("KST", 9));

    private static int readPri(Cursor c) {
        if (c.peek() != '<') {
            return -1;
        }
        int close = c.s.indexOf('>', c.pos);
        if (close < 2 || close > c.pos + 4) {
            return -1;
        }
        int value = 0;
        for (int i = c.pos + 1; i < close; i++) {
            char ch = c.s.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            value = value * 10 + (ch - '0');
        }
        if (value > 191) {
            return -1;
        }
        c.pos = close + 1;
        return value;
    }

    private SyslogLine readRfc5424(Cursor c, int pri) {
        String tsToken = c.token();
        String host = nil(c.token());
        String app = nil(c.token());
        c.token(); // PROCID
        String msgId = nil(c.token());
        int sdStart = c.pos;
        skipStructuredData(c);
        c.pos = Math.min(c.pos, c.s.length());
        String sd = c.s.substring(sdStart, c.pos).trim();
        String msg = c.rest();
        if (msg.startsWith("\uFEFF")) {
            msg = msg.substring(1);
        }
        return new SyslogLine(pri, parseIso(tsToken), host, app, SyslogLine.Format.RFC5424, msg,
                sd.isEmpty() || "-".equals(sd) ? null : sd, msgId);
    }

    private static void skipStructuredData(Cursor c) {
        if (c.peek() == '-') {
            c.pos++;
            c.skipSpaces();
            return;
        }
        while (c.peek() == '[') {
            boolean quoted = false;
            while (!c.atEnd()) {
                char ch = c.s.charAt(c.pos++);
                if (quoted && ch == '\\') {
                    c.pos++;
                } else if (ch == '"') {
                    quoted = !quoted;
                } else if (ch == ']' && !quoted) {
                    break;
                }
            }
        }
        c.skipSpaces();
    }

    private Instant readTimestamp(Cursor c, Instant now) {
        c.skipSpaces();
        if (c.atEnd()) {
            return null;
        }
        char first = c.peek();
        if (first >= '0' && first <= '9') {
            int end = c.indexOf(' ');
            String token = c.s.substring(c.pos, end < 0 ? c.s.length() : end);
            if (token.endsWith(":")) {
                token = token.substring(0, token.length() - 1);
            }
            Instant iso = parseIso(token);
            if (iso != null) {
                c.pos += token.length();
            }
            return iso;
        }
        return readBsdDate(c, now);
    }

    /** "Mmm dd HH:mm:ss" or "Mmm dd yyyy HH:mm:ss", with optional fraction. */
    private Instant readBsdDate(Cursor c, Instant now) {
        if (c.remaining() < 15) {
            return null;
        }
        int month = monthOf(c.s, c.pos);
        if (month < 0 || c.s.charAt(c.pos + 3) != ' ') {
            return null;
        }
        int p = c.pos + 4;
        if (c.s.charAt(p) == ' ') {
            p++;
        }
        int day = digits(c.s, p, c.s.charAt(p + 1) == ' ' ? 1 : 2);
        if (day < 1 || day > 31) {
            return null;
        }
        p += day >= 10 || c.s.charAt(p) == '0' ? 2 : 1;
        if (p >= c.s.length() || c.s.charAt(p) != ' ') {
            return null;
        }
        p++;
        int year = -1;
        if (p + 5 <= c.s.length() && c.s.charAt(p + 4) == ' ' && digits(c.s, p, 4) >= 0) {
            year = digits(c.s, p, 4);
            p += 5;
        }
        if (p + 8 > c.s.length() || c.s.charAt(p + 2) != ':' || c.s.charAt(p + 5) != ':') {
            return null;
        }
        int hh = digits(c.s, p, 2);
        int mm = digits(c.s, p + 3, 2);
        int ss = digits(c.s, p + 6, 2);
        if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60) {
            return null;
        }
        p += 8;
        int nanos = 0;
        if (p < c.s.length() && c.s.charAt(p) == '.') {
            int q = p + 1;
            int scale = 100_000_000;
            while (q < c.s.length() && Character.isDigit(c.s.charAt(q))) {
                if (scale > 0) {
                    nanos += (c.s.charAt(q) - '0') * scale;
                    scale /= 10;
                }
                q++;
            }
            p = q;
        }
        c.pos = p;
        try {
            if (year > 0) {
                return LocalDateTime.of(year, month + 1, day, hh, mm, Math.min(ss, 59), nanos)
                        .atZone(defaultZone).toInstant();
            }
            // RFC 3164 has no year: the receive time's year in the device's zone, or the year
            // before when that would put the date more than a day ahead (a December line read
            // on January 1st).
            int thisYear = now.atZone(defaultZone).getYear();
            Instant candidate = LocalDateTime.of(thisYear, month + 1, day, hh, mm, Math.min(ss, 59), nanos)
                    .atZone(defaultZone).toInstant();
            if (candidate.isAfter(now.plusSeconds(86_400))) {
                candidate = LocalDateTime.of(thisYear - 1, month + 1, day, hh, mm, Math.min(ss, 59), nanos)
                        .atZone(defaultZone).toInstant();
            }
            return candidate;
        } catch (java.time.DateTimeException invalidDate) {
            return null; // Feb 30 and the like: keep the line, drop the date
        }
    }

    private static Instant parseIso(String token) {
        if (token == null || token.length() < 10 || token.charAt(4) != '-') {
            return null;
        }
        try {
            return OffsetDateTime.parse(token).toInstant();
        } catch (DateTimeParseException withoutOffset) {
            try {
                return LocalDateTime.parse(token).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException unreadable) {
                return null;
            }
        }
    }

    /** RFC 3164 TAG: "name:" or "name[pid]:" at the start of the message. */
    private static String readTag(String msg) {
        int n = Math.min(msg.length(), 48);
        for (int i = 0; i < n; i++) {
            char ch = msg.charAt(i);
            if (ch == ':' || ch == '[') {
                return i == 0 ? null : msg.substring(0, i);
            }
            if (!(Character.isLetterOrDigit(ch) || ch == '-' || ch == '_' || ch == '.' || ch == '/')) {
                return null;
            }
        }
        return null;
    }

    private static int monthOf(String s, int p) {
        for (int i = 0; i < MONTHS.length; i++) {
            if (s.regionMatches(true, p, MONTHS[i], 0, 3)) {
                return i;
            }
        }
        return -1;
    }

    private static int digits(String s, int p, int count) {
        if (p + count > s.length()) {
            return -1;
        }
        int v = 0;
        for (int i = p; i < p + count; i++) {
            char ch = s.charAt(i);
            if (ch < '0' || ch > '9') {
                return -1;
            }
            v = v * 10 + (ch - '0');
        }
        return v;
    }

    private static String nil(String token) {
        return token == null || "-".equals(token) ? null : token;
    }

    /** Position in the line being read. */
    private static final class Cursor {
        final String s;
        int pos;

        Cursor(String s) {
            this.s = s;
        }

        boolean atEnd() {
            return pos >= s.length();
        }

        int remaining() {
            return s.length() - pos;
        }

        char peek() {
            return atEnd() ? '\0' : s.charAt(pos);
        }

        boolean startsWith(String prefix) {
            return s.startsWith(prefix, pos);
        }

        void skip(char ch) {
            if (peek() == ch) {
                pos++;
            }
        }

        void skipSpaces() {
            while (!atEnd() && s.charAt(pos) == ' ') {
                pos++;
            }
        }

        int indexOf(char ch) {
            return s.indexOf(ch, pos);
        }

        String token() {
            skipSpaces();
            if (atEnd()) {
                return null;
            }
            int end = s.indexOf(' ', pos);
            if (end < 0) {
                end = s.length();
            }
            String t = s.substring(pos, end);
            pos = end;
            skipSpaces();
            return t;
        }

        String rest() {
            return atEnd() ? "" : s.substring(pos);
        }
    }

    @Override
    public String toString() {
        return "SyslogHeaderParser[" + defaultZone.getId().toLowerCase(Locale.ROOT) + "]";
    }
}
