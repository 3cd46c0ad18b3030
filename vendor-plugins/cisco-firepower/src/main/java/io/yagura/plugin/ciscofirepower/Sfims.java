package io.yagura.plugin.ciscofirepower;

import static io.yagura.plugin.ciscofirepower.FirepowerEvents.PREFIX;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.net.Endpoint;
import io.yagura.format.net.Transports;
import io.yagura.format.parser.Events;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The legacy Sourcefire / FireSIGHT syslog, tagged {@code SFIMS:}, that managed devices and the
 * Defense Center (FMC) still send for intrusion and correlation alerts:
 * <ul>
 *   <li>intrusion: {@code SFIMS: [Primary Detection Engine (uuid)][Policy] [1:2013028:3] message
 *       [Impact: ...] [Classification: ...] [Priority: 3] {TCP} 192.0.2.1:1234 -> 203.0.113.5:80};</li>
 *   <li>correlation: {@code SFIMS: Correlation Event: policy/rule at <time> UTC: [1:19123:7] "message"
 *       [Impact: ...] From "device" at <time> UTC [Classification: ...] [Priority: 1] {tcp} a:p->b:p};</li>
 *   <li>connection: {@code SFIMS: [DE][policy] Connection Type: Start, ..., Firewall Rule Action: Allow,
 *       ..., {TCP} a:p -> b:p} (5.x names) or {@code SFIMS: Protocol: TCP, SrcIP: ..., ConnectType: Start,
 *       AccessControlRuleAction: ...} (6.x names), read like the 430002/430003 events.</li>
 * </ul>
 */
final class Sfims {

    static final String MARKER = "SFIMS:";

    /** 5.x connection field names → the 6.x names {@link FirepowerEvents} reads. */
    private static final Map<String, String> LEGACY_KEYS = Map.ofEntries(
            Map.entry("Connection Type", "ConnectType"),
            Map.entry("Application Protocol", "ApplicationProtocol"),
            Map.entry("Web App", "WebApplication"),
            Map.entry("Web Application", "WebApplication"),
            Map.entry("Client Version", "ClientVersion"),
            Map.entry("Firewall Rule Name", "AccessControlRuleName"),
            Map.entry("Firewall Rule Action", "AccessControlRuleAction"),
            Map.entry("Firewall Rule Reasons", "AccessControlRuleReason"),
            Map.entry("Firewall Rule Reason", "AccessControlRuleReason"),
            Map.entry("URL Category", "URLCategory"),
            Map.entry("URL_Reputation", "URLReputation"),
            Map.entry("URL Reputation", "URLReputation"),
            Map.entry("Interface Ingress", "IngressInterface"),
            Map.entry("Interface Egress", "EgressInterface"),
            Map.entry("Security Zone Ingress", "IngressZone"),
            Map.entry("Security Zone Egress", "EgressZone"),
            Map.entry("Security Intelligence Matching IP", "SecIntMatchingIP"),
            Map.entry("Security Intelligence Category", "SecurityIntelligenceCategory"),
            Map.entry("Initiator Packets", "InitiatorPackets"),
            Map.entry("Responder Packets", "ResponderPackets"),
            Map.entry("Initiator Bytes", "InitiatorBytes"),
            Map.entry("Responder Bytes", "ResponderBytes"),
            Map.entry("Policy", "ACPolicy"),
            Map.entry("TCPFlags", "TCPFlags"));

    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ENGLISH);

    private Sfims() {
    }

    /**
     * @param e    the base event (observer, header fields)
     * @param text the line
     * @param at   offset of "SFIMS:" in the line
     * @param headerHasTime whether the syslog header gave the device time (else a date in the message wins)
     */
    static ParseResult parse(SecurityEvent e, String text, int at, boolean headerHasTime) {
        int i = skipSpaces(text, at + MARKER.length());
        int n = text.length();
        if (i >= n) {
            return ParseResult.rejected("truncated: no text after SFIMS:");
        }
        e.set(Ecs.MESSAGE, text.substring(i));
        if (text.startsWith("Correlation Event:", i)) {
            return correlation(e, text, skipSpaces(text, i + "Correlation Event:".length()), headerHasTime);
        }
        // leading "[Primary Detection Engine (uuid)][Policy]" groups, up to the rule token
        String engine = null;
        String policy = null;
        while (i < n && text.charAt(i) == '[' && ruleTokenEnd(text, i) < 0) {
            int close = text.indexOf(']', i);
            if (close < 0) {
                return ParseResult.rejected("SFIMS: unclosed '[' group: expected [detection engine][policy]");
            }
            String group = text.substring(i + 1, close).trim();
            if (engine == null) {
                engine = group;
            } else if (policy == null) {
                policy = group;
            }
            i = skipSpaces(text, close + 1);
        }
        e.set(PREFIX + "detection_engine", Events.value(engine));
        if (i < n && text.charAt(i) == '[') {
            e.set(PREFIX + "intrusion_policy", Events.value(policy));
            return intrusion(e, text, i);
        }
        if (FirepowerFields.keyAt(text, i, n) > 0) {
            return connection(e, text, i, engine, policy);
        }
        return ParseResult.rejected("SFIMS: expected an intrusion alert ([gid:sid:rev] message ...), a correlation"
                + " event or connection fields (Key: value, ...)");
    }

    // ------------------------------------------------------------------ intrusion alerts

    /** From the rule token on: "[1:2013028:3] message [Impact: x] [Classification: c] [Priority: n] {TCP} a -> b". */
    private static ParseResult intrusion(SecurityEvent e, String text, int token) {
        int tokenEnd = ruleTokenEnd(text, token);
        if (tokenEnd < 0) {
            return ParseResult.rejected("SFIMS: expected a [gid:sid:rev] signature token");
        }
        String[] gsr = text.substring(token + 1, tokenEnd - 1).split(":", 3);
        int n = text.length();
        int msgStart = skipSpaces(text, tokenEnd);
        int msgEnd = n;
        for (String stop : new String[] {" [Impact:", " [Classification:", " [Priority:", " From ", " {"}) {
            int s = text.indexOf(stop, msgStart);
            if (s >= 0 && s < msgEnd) {
                msgEnd = s;
            }
        }
        String message = unquote(text.substring(Math.min(msgStart, msgEnd), msgEnd));
        e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
        Events.verdict(e, Ecs.ACTION_ALERT, Ecs.OUTCOME_UNKNOWN, Ecs.CATEGORY_NETWORK, Ecs.CATEGORY_IDS);
        FirepowerEvents.signature(e, gsr[0], gsr[1], gsr[2], message.isEmpty() ? null : message,
                bracket(text, "[Classification: ", msgEnd), bracket(text, "[Priority: ", msgEnd));
        e.set(PREFIX + "impact", bracket(text, "[Impact: ", msgEnd));
        int from = text.indexOf(" From ", msgEnd - 1);
        if (from >= 0) {
            int q = skipSpaces(text, from + 6);
            int end = text.indexOf(' ', q);
            e.set(Ecs.OBSERVER_NAME, Events.value(unquote(text.substring(q, end < 0 ? n : end))));
            // "From "sensor" at Tue Mar 12 10:50:59 2024 UTC": the event's own time, with year and zone
            Instant when = end < 0 ? null : ctime(text, text.indexOf(" at ", end - 1));
            if (when != null) {
                e.timestamp(when);
            }
        }
        tuple(e, text, msgEnd);
        return ParseResult.parsed(e);
    }

    private static ParseResult correlation(SecurityEvent e, String text, int i, boolean headerHasTime) {
        int at = text.indexOf(" at ", i);
        int token = text.indexOf('[', i);
        while (token >= 0 && ruleTokenEnd(text, token) < 0) {
            token = text.indexOf('[', token + 1);
        }
        String name = at > i ? text.substring(i, at).trim() : null;
        if (name != null) {
            int slash = name.indexOf('/');
            e.set(PREFIX + "correlation_policy", slash > 0 ? name.substring(0, slash) : name);
            e.set(PREFIX + "correlation_rule", slash > 0 ? name.substring(slash + 1) : null);
        }
        if (token < 0) {
            return ParseResult.ignored("SFIMS correlation event without an intrusion signature (host, user or"
                    + " connection trigger): no traffic verdict");
        }
        boolean eventTime = text.indexOf(" From ", token) >= 0;
        ParseResult r = intrusion(e, text, token);
        if (!eventTime && !headerHasTime && at > 0 && r instanceof ParseResult.Parsed) {
            // no "From ... at <time>": the correlation event's own time
            Instant when = ctime(text, at);
            if (when != null) {
                e.timestamp(when);
            }
        }
        return r;
    }

    // ------------------------------------------------------------------ connection events

    private static ParseResult connection(SecurityEvent e, String text, int i, String engine, String policy) {
        int n = text.length();
        int brace = text.lastIndexOf('{');
        int fieldsEnd = n;
        if (brace > i) {
            fieldsEnd = brace;
            while (fieldsEnd > i && (text.charAt(fieldsEnd - 1) == ' ' || text.charAt(fieldsEnd - 1) == ',')) {
                fieldsEnd--;
            }
        }
        Map<String, String> raw = FirepowerFields.parse(text, i, fieldsEnd);
        Map<String, String> f = new HashMap<>(raw.size() * 2);
        raw.forEach((k, v) -> f.putIfAbsent(LEGACY_KEYS.getOrDefault(k, k), v));
        if (engine != null) {
            f.putIfAbsent("DE", engine);
        }
        if (policy != null && !f.containsKey("ACPolicy")) {
            f.put("ACPolicy", policy);
        }
        if (brace > i) {
            tupleInto(f, text, brace);
        }
        if (f.get("SrcIP") == null && f.get("DstIP") == null) {
            return ParseResult.rejected("SFIMS connection: no addresses: expected SrcIP/DstIP fields or a"
                    + " '{PROTO} a:p -> b:p' tuple");
        }
        String type = FirepowerEvents.v(f, "ConnectType");
        Boolean start = type == null ? null : type.toLowerCase(Locale.ROOT).startsWith("start") ? Boolean.TRUE
                : type.toLowerCase(Locale.ROOT).startsWith("end") ? Boolean.FALSE : null;
        e.set(PREFIX + "connect_type", type);
        e.set(PREFIX + "tcp_flags", FirepowerEvents.v(f, "TCPFlags"));
        return FirepowerEvents.connection(e, f, start, "SFIMS connection");
    }

    // ------------------------------------------------------------------ pieces

    /** "{TCP} 192.0.2.1:1234 -> 203.0.113.5:80" (or without spaces around the arrow) after {@code from}. */
    private static void tuple(SecurityEvent e, String text, int from) {
        int brace = text.indexOf('{', Math.max(0, from));
        if (brace < 0) {
            return;
        }
        Map<String, String> f = new LinkedHashMap<>();
        tupleInto(f, text, brace);
        String transport = Transports.transport(f.get("Protocol"));
        e.set(Ecs.NETWORK_TRANSPORT, transport);
        Events.address(e, Ecs.SOURCE_IP, f.get("SrcIP"));
        Events.address(e, Ecs.DESTINATION_IP, f.get("DstIP"));
        if (!Transports.portless(transport)) {
            Events.port(e, Ecs.SOURCE_PORT, f.get("SrcPort"));
            Events.port(e, Ecs.DESTINATION_PORT, f.get("DstPort"));
        }
    }

    private static void tupleInto(Map<String, String> f, String text, int brace) {
        int close = text.indexOf('}', brace);
        if (close < 0) {
            return;
        }
        String proto = text.substring(brace + 1, close).trim();
        f.putIfAbsent("Protocol", proto);
        int arrow = text.indexOf("->", close);
        if (arrow < 0) {
            return;
        }
        int srcEnd = arrow;
        int dstEnd = text.indexOf(' ', skipSpaces(text, arrow + 2));
        boolean ports = !Transports.portless(Transports.transport(proto));
        Endpoint src = Endpoint.parse(text.substring(close + 1, srcEnd), ports);
        Endpoint dst = Endpoint.parse(text.substring(arrow + 2, dstEnd < 0 ? text.length() : dstEnd), ports);
        putIfSet(f, "SrcIP", src.ip());
        putIfSet(f, "SrcPort", src.port() == null ? null : src.port().toString());
        putIfSet(f, "DstIP", dst.ip());
        putIfSet(f, "DstPort", dst.port() == null ? null : dst.port().toString());
    }

    private static void putIfSet(Map<String, String> f, String key, String value) {
        if (value != null) {
            f.putIfAbsent(key, value);
        }
    }

    /** End (after ']') of a "[digits:digits:digits]" token at {@code at}, or -1. */
    static int ruleTokenEnd(String s, int at) {
        if (at < 0 || at >= s.length() || s.charAt(at) != '[') {
            return -1;
        }
        int p = at + 1;
        for (int group = 0; group < 3; group++) {
            int start = p;
            while (p < s.length() && p - start < 10 && s.charAt(p) >= '0' && s.charAt(p) <= '9') {
                p++;
            }
            if (p == start || p >= s.length()) {
                return -1;
            }
            char c = s.charAt(p);
            if (group < 2 ? c != ':' : c != ']') {
                return -1;
            }
            p++;
        }
        return p;
    }

    /** The value of "[Label: value]" after {@code from}, or null. */
    private static String bracket(String text, String label, int from) {
        int s = text.indexOf(label, Math.max(0, from - 1));
        if (s < 0) {
            return null;
        }
        int v = s + label.length();
        int close = text.indexOf(']', v);
        return close < 0 ? null : Events.value(text.substring(v, close));
    }

    /** Trims quotes, including the escaped {@code \"} some collectors leave. */
    private static String unquote(String s) {
        String t = s.trim();
        if (t.startsWith("\\\"")) {
            t = t.substring(2);
        } else if (t.startsWith("\"")) {
            t = t.substring(1);
        }
        if (t.endsWith("\\\"")) {
            t = t.substring(0, t.length() - 2);
        } else if (t.endsWith("\"")) {
            t = t.substring(0, t.length() - 1);
        }
        return t.trim();
    }

    /** "at Thu Oct 23 04:55:38 2014 UTC" starting at {@code at} (" at "), or null. */
    private static Instant ctime(String text, int at) {
        if (at < 0) {
            return null;
        }
        int s = at + 4;
        int utc = text.indexOf(" UTC", s);
        if (utc < 0 || utc - s > 40) {
            return null;
        }
        String date = text.substring(s, utc).trim().replace("  ", " ");
        try {
            return LocalDateTime.parse(date, CTIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException notADate) {
            return null;
        }
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
