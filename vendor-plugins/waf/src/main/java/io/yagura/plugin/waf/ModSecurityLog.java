package io.yagura.plugin.waf;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.net.Addresses;
import io.yagura.format.parser.Events;
import io.yagura.format.parser.Line;
import io.yagura.format.parser.Observer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * ModSecurity's one-line messages in the web server's error log (ModSecurity 2.x on Apache 2.2/2.4,
 * libmodsecurity 3 on nginx, mod_security 1.x), with or without a syslog header:
 * <pre>
 * [Fri Dec 04 10:00:00.123456 2026] [:error] [pid 123] [client 203.0.113.5:4455] ModSecurity: Access denied with code 403 (phase 2). ... [id "942100"] ...
 * 2026/12/04 10:00:00 [error] 13#13: *1031 [client 203.0.113.10] ModSecurity: Warning. ... [id "941100"] ..., client: 203.0.113.10, server: ..., request: "GET / HTTP/1.1", host: "..."
 * </pre>
 * "Access denied ..." is blocked, "Warning." a detection only (alert), "Access allowed" an allow rule;
 * ModSecurity's own messages (audit log failures, limits, configuration) are ignored.
 */
final class ModSecurityLog {

    static final Observer OBSERVER = new Observer("OWASP", "ModSecurity", "waf");
    static final String[] MARKERS = {"ModSecurity: ", "mod_security: ", "mod_security-message: "};

    static final String PHASE = "modsecurity.phase";
    static final String DATA = "modsecurity.data";
    static final String TAGS = "modsecurity.tags";
    static final String RULE_IDS = "modsecurity.rule_ids";
    private static final int MAX_DATA = 1024;

    private ModSecurityLog() {
    }

    /** Offset of the ModSecurity marker in the body (within its first 512 characters), or -1; {@code len[0]} its length. */
    static int marker(String body, int[] len) {
        int best = -1;
        for (String m : MARKERS) {
            int at = body.indexOf(m);
            if (at >= 0 && at < 512 && (best < 0 || at < best)) {
                best = at;
                len[0] = m.length();
            }
        }
        return best;
    }

    static ParseResult parse(Line line, String body, int at, int markerLength) {
        String prefix = body.substring(0, at);
        ModSecMessage m = ModSecMessage.read(body.substring(at + markerLength));
        if (m.kind() == ModSecMessage.Kind.OTHER) {
            return ParseResult.ignored("ModSecurity engine message (audit log, limits, rule errors), no rule match");
        }
        SecurityEvent e = line.newEvent(OBSERVER);
        Instant t = prefixTime(prefix, line);
        if (t != null) {
            e.timestamp(t);
        }
        client(e, prefix);
        tail(e, m.tail());
        apply(e, m, true);
        switch (m.kind()) {
            case BLOCKED -> {
                if (isAnomalyVerdict(m)) {
                    // the anomaly-scoring verdict (CRS 949110/959100: "Anomaly Score Exceeded"): it names no
                    // attack, it refuses the request whose rule matches were logged just before as
                    // "Warning." lines with the same unique_id, and so proves those failed
                    WafEvents.refused(e);
                } else {
                    WafEvents.blocked(e);
                }
                e.set(Ecs.HTTP_RESPONSE_STATUS_CODE, m.status());
            }
            case WARNING -> WafEvents.alerted(e, null);
            default -> WafEvents.passed(e);
        }
        return ParseResult.parsed(e);
    }

    /** rule.*, severity, CVEs, and the request fields ModSecurity adds to a message. */
    static void apply(SecurityEvent e, ModSecMessage m, boolean requestFields) {
        e.set(Ecs.RULE_ID, Events.value(m.get("id")));
        String msg = Events.value(m.get("msg"));
        e.set(Ecs.RULE_NAME, msg != null ? msg : m.match());
        e.set(Ecs.RULE_CATEGORY, category(m));
        e.set(Ecs.RULE_RULESET, Events.value(m.get("ver")));
        WafEvents.syslogSeverity(e, m.get("severity"));
        e.set(Ecs.EVENT_REASON, m.match());
        e.set(PHASE, m.phase());
        String data = Events.value(m.get("data"));
        e.set(DATA, data == null ? null : data.length() > MAX_DATA ? data.substring(0, MAX_DATA) : data);
        e.set(TAGS, m.tags().isEmpty() ? null : List.copyOf(m.tags()));
        List<String> texts = new ArrayList<>(m.tags());
        texts.add(0, msg);
        Events.vulnerabilities(e, texts.toArray(String[]::new));
        if (requestFields) {
            e.set(WafEvents.REQUEST_ID, Events.value(m.get("unique_id")));
            String host = Events.value(m.get("hostname"));
            e.set(Ecs.URL_DOMAIN, host);
            WafEvents.server(e, host);
            WafEvents.setIfAbsent(e, Ecs.URL_ORIGINAL, Events.value(m.get("uri")));
        }
    }

    /** The attack class of the tags; without tags (mod_security 1.x, custom rules) of the message. */
    /**
     * The Core Rule Set's blocking evaluation (949110 inbound, 959100 outbound, and their kin): it blocks
     * on the score the request's detections added up, names no attack of its own, and says so in its
     * message ("Inbound Anomaly Score Exceeded") or in the variable it tested (TX:ANOMALY_SCORE).
     */
    static boolean isAnomalyVerdict(ModSecMessage m) {
        String msg = m.get("msg");
        String match = m.match();
        return category(m) == null && ((msg != null && msg.toLowerCase(Locale.ROOT).contains("anomaly score"))
                || (match != null && match.toUpperCase(Locale.ROOT).contains("ANOMALY_SCORE")));
    }

    static String category(ModSecMessage m) {
        if (!m.tags().isEmpty()) {
            return AttackClass.of(m.tags().toArray(String[]::new));
        }
        return AttackClass.of(m.get("msg"));
    }

    /** Apache's [date] or nginx's leading date, in the device zone; null when the prefix has none. */
    private static Instant prefixTime(String prefix, Line line) {
        if (prefix.length() >= 19 && Character.isDigit(prefix.charAt(0)) && prefix.charAt(4) == '/') {
            return Times.dateTime(prefix.substring(0, 19), line.context().zone());
        }
        int open = prefix.indexOf('[');
        int close = open < 0 ? -1 : prefix.indexOf(']', open);
        if (close > open + 20) {
            return Times.apache(prefix.substring(open + 1, close), line.context().zone());
        }
        return null;
    }

    /**
     * {@code [client 203.0.113.5:4455]} (Apache 2.4 writes the port, recognisable by its
     * {@code [module:level]} or {@code [pid n:tid m]}), {@code [client 203.0.113.5]} (Apache 2.2, nginx).
     */
    private static void client(SecurityEvent e, String prefix) {
        int at = prefix.indexOf("[client ");
        if (at < 0) {
            return;
        }
        int close = prefix.indexOf(']', at);
        if (close < 0) {
            return;
        }
        String token = prefix.substring(at + 8, close).trim();
        boolean withPort = prefix.contains(":error]") || prefix.contains(":warn]") || prefix.contains(":tid ")
                || prefix.contains(":notice]") || prefix.contains(":crit]") || prefix.contains(":alert]")
                || prefix.contains(":emerg]") || prefix.contains(":info]") || prefix.contains(":debug]");
        int colon = token.lastIndexOf(':');
        if (colon > 0 && (token.indexOf(':') == colon || withPort || !Addresses.isAddress(token))) {
            if (Events.address(e, Ecs.SOURCE_IP, token.substring(0, colon))) {
                Events.port(e, Ecs.SOURCE_PORT, token.substring(colon + 1));
                return;
            }
        }
        Events.address(e, Ecs.SOURCE_IP, token);
    }

    /** nginx: {@code , client: a, server: s, request: "GET /x HTTP/1.1", host: "h"}; Apache: {@code , referer: r}. */
    private static void tail(SecurityEvent e, String tail) {
        if (tail.isEmpty()) {
            return;
        }
        String client = field(tail, ", client: ");
        if (client != null && !e.has(Ecs.SOURCE_IP)) {
            Events.address(e, Ecs.SOURCE_IP, client);
        }
        String request = field(tail, ", request: ");
        if (request != null) {
            String[] rl = WafEvents.requestLine(request);
            if (rl != null) {
                e.set(Ecs.HTTP_REQUEST_METHOD, rl[0]);
                e.set(Ecs.URL_ORIGINAL, Events.value(rl[1]));
                e.set(Ecs.HTTP_VERSION, rl[2]);
            }
        }
        String host = field(tail, ", host: ");
        if (host != null) {
            WafEvents.setIfAbsent(e, Ecs.URL_DOMAIN, host);
        }
        e.set(Ecs.HTTP_REQUEST_REFERRER, field(tail, ", referer: "));
    }

    /** The value after {@code key}: quoted, or up to the next ", ". */
    private static String field(String tail, String key) {
        int at = tail.indexOf(key);
        if (at < 0) {
            return null;
        }
        int p = at + key.length();
        if (p < tail.length() && tail.charAt(p) == '"') {
            int end = tail.indexOf('"', p + 1);
            return Events.value(end < 0 ? tail.substring(p + 1) : tail.substring(p + 1, end));
        }
        int end = tail.indexOf(", ", p);
        return Events.value(end < 0 ? tail.substring(p) : tail.substring(p, end));
    }
}
