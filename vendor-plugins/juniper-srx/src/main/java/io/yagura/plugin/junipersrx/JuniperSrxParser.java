package io.yagura.plugin.junipersrx;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.kv.KeyValues;
import io.yagura.format.parser.GuardedParser;
import io.yagura.format.parser.Line;
import io.yagura.format.parser.Observer;
import io.yagura.format.sd.StructuredData;
import io.yagura.format.syslog.SyslogLine;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Reads Juniper SRX (Junos) security logs: the structured-data form ({@code <14>1 TS host RT_FLOW -
 * RT_FLOW_SESSION_CREATE [junos@2636.1.1.1.2.40 source-address="..." ...]}, event name in the RFC 5424
 * MSGID), the same relayed behind a BSD header, and the plain (BSD) form ({@code RT_FLOW:
 * RT_FLOW_SESSION_CREATE: session created 192.0.2.1/1234->...}, documented positional layouts and
 * {@code key=value} bodies). This class finds the message in the line ({@link JunosMessage}); {@link
 * SrxEvents} maps each event name to the event conventions. docs/vendors/juniper-srx.md has the table.
 */
final class JuniperSrxParser extends GuardedParser {

    static final Observer OBSERVER = new Observer("Juniper", "SRX", "firewall");

    @Override
    protected ParseResult parseLine(Line line) {
        SyslogLine header = line.header();
        String body = line.body();
        String hostOverride = null;
        boolean hostIsProcess = false;
        if (header.hostname() != null && isProcessName(header.hostname())
                && line.text().contains(header.hostname() + ":")) {
            // "Dec 17 08:05:30 RT_FLOW: RT_FLOW_SESSION_CLOSE: ..." has no host: the reader took the
            // process tag for one.
            hostIsProcess = true;
        }
        Object located;
        if (header.format() == SyslogLine.Format.RFC5424 && header.msgId() != null) {
            located = new JunosMessage(header.msgId(), header.appName(), fields(header.structuredData()),
                    body, null, null);
        } else {
            located = locate(body, hostIsProcess ? header.hostname() : null);
        }
        if (located instanceof ParseResult result) {
            return result;
        }
        JunosMessage m = (JunosMessage) located;
        SecurityEvent e = line.newEvent(OBSERVER);
        if (hostIsProcess) {
            e.set(Ecs.OBSERVER_HOSTNAME, null);
            e.set(Ecs.LOG_SYSLOG_HOSTNAME, null);
        }
        if (m.deviceHost() != null) {
            e.set(Ecs.OBSERVER_HOSTNAME, m.deviceHost());
        }
        if (m.deviceTime() != null) {
            e.timestamp(m.deviceTime());
        }
        return SrxEvents.map(m, e);
    }

    /**
     * Finds the Junos message in the part of a BSD (or header-less) line after the syslog header.
     * Returns a {@link JunosMessage}, or the {@link ParseResult} that ends the line.
     */
    static Object locate(String body, String process) {
        int n = body.length();
        int pos = 0;
        String proc = process;
        for (int hop = 0; hop < 3; hop++) {
            int end = tokenEnd(body, pos);
            if (end == pos) {
                break;
            }
            String token = body.substring(pos, end);
            char after = end < n ? body.charAt(end) : '\0';
            if (isEventName(token)) {
                if (after == ':' && isProcessName(token)) {
                    int next = skipSpaces(body, end + 1);
                    int nextEnd = tokenEnd(body, next);
                    if (nextEnd > next && isEventName(body.substring(next, nextEnd))) {
                        proc = token;
                        pos = next;
                        continue;
                    }
                }
                return message(token, proc, body, end, null, null);
            }
            if (after == ':' || (after == '[' && daemonWithPid(body, end))) {
                // a daemon's tag: "mgd[94759]:", "junos-ids:", "/usr/sbin/cron[41404]:", "xntpd:"
                int colon = body.indexOf(':', end);
                String daemon = token;
                int rest = skipSpaces(body, colon + 1);
                if (startsWithIsoDate(body, rest)) {
                    return relayed(body, rest, daemon);
                }
                int restEnd = tokenEnd(body, rest);
                if (restEnd > rest && isEventName(body.substring(rest, restEnd))) {
                    proc = daemon;
                    pos = rest;
                    continue;
                }
                return ParseResult.ignored("Junos system message of " + daemon + ", not a security event");
            }
            break;
        }
        if (isPanOsCsv(body)) {
            return ParseResult.ignored("not a Junos line: a PAN-OS CSV record (another vendor's device logs to this source)");
        }
        return ParseResult.rejected("expected a Junos event: an RFC 5424 line with MSGID and [junos@2636...] data, or "
                + "'RT_FLOW: RT_FLOW_SESSION_CREATE: ...', 'RT_IDS: RT_SCREEN_TCP: ...' and the like");
    }

    /** The message starting with event name {@code name}, whose text begins at {@code end}. */
    private static JunosMessage message(String name, String process, String body, int end, String host,
                                        Instant time) {
        int p = skipSpaces(body, end);
        if (p < body.length() && body.charAt(p) == '[') {
            String rest = body.substring(p);
            int sdEnd = StructuredData.end(rest);
            String text = sdEnd < rest.length() ? rest.substring(sdEnd).trim() : "";
            return new JunosMessage(name, process, fields(rest), text, host, time);
        }
        if (p < body.length() && body.charAt(p) == ':') {
            p = skipSpaces(body, p + 1);
        }
        return new JunosMessage(name, process, null, body.substring(Math.min(p, body.length())), host, time);
    }

    /**
     * An RFC 5424 message relayed behind a BSD header: "{@code junos-ids: 2017-08-24T04:58:58.724Z
     * srx1 RT_IDS - RT_SCREEN_IP [junos@2636... ...]}". The inner date and host are the device's.
     */
    private static Object relayed(String body, int start, String daemon) {
        int[] bounds = new int[5];
        int p = start;
        for (int i = 0; i < 5; i++) {
            p = skipSpaces(body, p);
            int e = body.indexOf(' ', p);
            if (e < 0) {
                e = body.length();
            }
            bounds[i] = e;
            if (i < 4 && e >= body.length()) {
                return ParseResult.ignored("Junos system message of " + daemon + ", not a security event");
            }
            p = e;
        }
        String ts = body.substring(start, bounds[0]);
        int hostStart = skipSpaces(body, bounds[0]);
        String host = body.substring(hostStart, bounds[1]);
        int appStart = skipSpaces(body, bounds[1]);
        String app = body.substring(appStart, bounds[2]);
        int msgIdStart = skipSpaces(body, bounds[3]);
        String msgId = body.substring(msgIdStart, bounds[4]);
        if (!isEventName(msgId)) {
            return ParseResult.ignored("Junos system message of " + daemon + ", not a security event");
        }
        return message(msgId, "-".equals(app) ? daemon : app, body, bounds[4], "-".equals(host) ? null : host,
                isoInstant(ts));
    }

    /** The parameters of the structured data at the start of {@code sd} (the junos@ element), or null. */
    static Map<String, String> fields(String sd) {
        if (sd == null || sd.isEmpty() || sd.charAt(0) != '[') {
            return null;
        }
        int space = sd.indexOf(' ');
        int eq = sd.indexOf('=');
        if (eq > 0 && (space < 0 || eq < space)) {
            // "[attack-name="..." source-address="..."]": parameters without an SD-ID
            int close = StructuredData.end(sd);
            String inner = sd.substring(1, close > 1 && sd.charAt(close - 1) == ']' ? close - 1 : close);
            return KeyValues.SPACED.parse(inner);
        }
        List<StructuredData.Element> elements = StructuredData.parse(sd);
        if (elements.isEmpty()) {
            return null;
        }
        for (StructuredData.Element element : elements) {
            if (element.id().startsWith("junos@")) {
                return element.params();
            }
        }
        return elements.get(0).params();
    }

    // ------------------------------------------------------------------ lexical helpers

    /** End of a tag or name token: letters, digits, '_', '-', '.', '/'. */
    private static int tokenEnd(String s, int from) {
        int i = from;
        while (i < s.length() && i - from < 64) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
                    || c == '.' || c == '/') {
                i++;
            } else {
                break;
            }
        }
        return i;
    }

    private static int skipSpaces(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /** "[1234]:" after a daemon name. */
    private static boolean daemonWithPid(String s, int bracket) {
        int close = s.indexOf(']', bracket);
        if (close < 0 || close - bracket > 12 || close + 1 >= s.length() || s.charAt(close + 1) != ':') {
            return false;
        }
        for (int i = bracket + 1; i < close; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** A Junos event or process name: upper case letters, digits and '_', with at least one '_'. */
    static boolean isEventName(String t) {
        if (t.length() < 4 || t.indexOf('_') < 0) {
            return false;
        }
        char first = t.charAt(0);
        if (first < 'A' || first > 'Z') {
            return false;
        }
        for (int i = 1; i < t.length(); i++) {
            char c = t.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** The real-time security processes of the SRX data plane: RT_FLOW, RT_IDS, RT_IDP, RT_UTM... */
    static boolean isProcessName(String t) {
        return t.startsWith("RT_") && isEventName(t) && t.indexOf('_', 3) < 0;
    }

    private static boolean startsWithIsoDate(String s, int p) {
        return p + 10 <= s.length() && Character.isDigit(s.charAt(p)) && Character.isDigit(s.charAt(p + 3))
                && s.charAt(p + 4) == '-' && s.charAt(p + 7) == '-';
    }

    private static Instant isoInstant(String token) {
        try {
            return OffsetDateTime.parse(token).toInstant();
        } catch (DateTimeParseException unreadable) {
            return null;
        }
    }

    /** "1,2025/08/07 10:59:08,016301006286,SYSTEM,...": the CSV of PAN-OS, which some collectors mix in. */
    private static boolean isPanOsCsv(String s) {
        int comma = s.indexOf(',');
        return comma > 0 && comma < 4 && s.length() > comma + 11 && s.charAt(comma + 5) == '/'
                && s.charAt(comma + 8) == '/' && Character.isDigit(s.charAt(0));
    }
}
