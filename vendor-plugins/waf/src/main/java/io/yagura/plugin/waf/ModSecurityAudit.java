package io.yagura.plugin.waf;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.json.Json;
import io.yagura.format.multiline.SectionedRecord;
import io.yagura.format.parser.Events;
import io.yagura.format.parser.Line;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * One ModSecurity audit log record (one transaction), arriving as one message:
 * <ul>
 *   <li>the serial format of ModSecurity 2.x and 3 (SecAuditLogType Serial), sections
 *       {@code --id-A--} (time, unique id, client and server address and port), {@code B} (request
 *       line and headers), {@code F} (response status line and headers), {@code H} (the rule
 *       {@code Message:} lines, {@code Action: Intercepted}, {@code Engine-Mode}) up to {@code Z};</li>
 *   <li>the JSON format of ModSecurity 2.9 ({@code transaction}, {@code request}, {@code response},
 *       {@code audit_data}) and of libmodsecurity 3 ({@code {"transaction": {..., "messages": [...]}}}).</li>
 * </ul>
 * The transaction is blocked when ModSecurity intercepted it (2.x: {@code Action: Intercepted} or
 * {@code audit_data.action.intercepted}; 3.x JSON, which has no such field: a message and a response
 * status of 400 or more with the engine On); otherwise its messages are detections only (alert), and a
 * response status below 400 says the request reached the application and was answered.
 */
final class ModSecurityAudit {

    private ModSecurityAudit() {
    }

    /** Offset of the first boundary ({@code --id-A--} or another section) on the first line, or -1. */
    static int boundary(String body) {
        int lineEnd = body.indexOf('\n');
        int limit = lineEnd < 0 ? body.length() : lineEnd;
        int at = body.indexOf("--", 0);
        while (at >= 0 && at < limit) {
            int p = at + 2;
            int idStart = p;
            while (p < limit && Character.isLetterOrDigit(body.charAt(p))) {
                p++;
            }
            if (p - idStart >= 6 && p + 4 <= body.length() && body.charAt(p) == '-'
                    && Character.isUpperCase(body.charAt(p + 1)) && body.startsWith("--", p + 2)) {
                return at;
            }
            at = body.indexOf("--", at + 1);
        }
        return -1;
    }

    static ParseResult serial(Line line, String body, int at) {
        SectionedRecord record = SectionedRecord.parse(body.substring(at), SectionedRecord.MODSECURITY_BOUNDARY, "Z");
        if (record == null) {
            return ParseResult.rejected("ModSecurity audit record without section boundaries (--id-A--)");
        }
        String a = record.section("A");
        if (a == null) {
            return ParseResult.rejected("ModSecurity audit record without section A (time, client, server)");
        }
        SecurityEvent e = line.newEvent(ModSecurityLog.OBSERVER);
        // A: [05/Dec/2026:10:00:00.123456 +0000] unique-id client-ip client-port server-ip server-port
        int close = a.indexOf(']');
        if (a.startsWith("[") && close > 0) {
            Instant t = Times.audit(a.substring(1, close));
            if (t != null) {
                e.timestamp(t);
            }
            String[] f = a.substring(close + 1).trim().split("\\s+");
            if (f.length >= 5) {
                e.set(WafEvents.REQUEST_ID, Events.value(f[0]));
                Events.address(e, Ecs.SOURCE_IP, f[1]);
                Events.port(e, Ecs.SOURCE_PORT, f[2]);
                Events.address(e, Ecs.DESTINATION_IP, f[3]);
                Events.port(e, Ecs.DESTINATION_PORT, f[4]);
            }
        }
        String b = record.section("B");
        if (b != null) {
            WafEvents.request(e, b);
        }
        Long status = statusLine(record.section("F"));
        List<ModSecMessage> messages = new ArrayList<>();
        boolean intercepted = false;
        boolean detectionOnly = false;
        String h = record.section("H");
        if (h != null) {
            for (String l : h.split("\n")) {
                String hl = l.strip();
                if (hl.startsWith("Message: ")) {
                    messages.add(ModSecMessage.read(hl.substring("Message: ".length())));
                } else if (hl.startsWith("Action: Intercepted")) {
                    intercepted = true;
                } else if (hl.startsWith("Engine-Mode:")) {
                    detectionOnly = hl.toUpperCase(Locale.ROOT).contains("DETECTION_ONLY");
                }
            }
        }
        return verdict(e, messages, intercepted && !detectionOnly, status);
    }

    /** ModSecurity 2.9 JSON ({@code audit_data}) or libmodsecurity 3 JSON ({@code transaction.messages}). */
    static ParseResult json(Line line, Map<String, Object> m) {
        SecurityEvent e = line.newEvent(ModSecurityLog.OBSERVER);
        Map<String, Object> tx = Json.map(m, "transaction");
        List<ModSecMessage> messages = new ArrayList<>();
        boolean intercepted;
        Long status;
        if (Json.map(m, "audit_data") != null) {
            // 2.9: transaction {time, transaction_id, remote_address/port, local_address/port}
            Instant t = Times.audit(String.valueOf(Json.text(tx, "time")));
            if (t != null) {
                e.timestamp(t);
            }
            e.set(WafEvents.REQUEST_ID, Events.value(Json.text(tx, "transaction_id")));
            Events.address(e, Ecs.SOURCE_IP, Json.text(tx, "remote_address"));
            Events.port(e, Ecs.SOURCE_PORT, Json.text(tx, "remote_port"));
            Events.address(e, Ecs.DESTINATION_IP, Json.text(tx, "local_address"));
            Events.port(e, Ecs.DESTINATION_PORT, Json.text(tx, "local_port"));
            String[] rl = WafEvents.requestLine(Json.text(m, "request", "request_line"));
            if (rl != null) {
                e.set(Ecs.HTTP_REQUEST_METHOD, rl[0]);
                e.set(Ecs.URL_ORIGINAL, Events.value(rl[1]));
                e.set(Ecs.HTTP_VERSION, rl[2]);
            }
            headers(e, Json.map(m, "request", "headers"));
            status = Json.integer(m, "response", "status");
            for (String msg : Json.texts(m, "audit_data", "messages")) {
                messages.add(ModSecMessage.read(msg));
            }
            intercepted = Boolean.TRUE.equals(Json.bool(m, "audit_data", "action", "intercepted"))
                    && !"DETECTION_ONLY".equalsIgnoreCase(Json.text(m, "audit_data", "engine_mode"));
        } else {
            // 3.x: transaction {client_ip, time_stamp, client_port, host_ip, host_port, unique_id, request, response, producer, messages}
            Instant t = Times.apache(String.valueOf(Json.text(tx, "time_stamp")), line.context().zone());
            if (t != null) {
                e.timestamp(t);
            }
            e.set(WafEvents.REQUEST_ID, Events.value(Json.text(tx, "unique_id")));
            Events.address(e, Ecs.SOURCE_IP, Json.text(tx, "client_ip"));
            Events.port(e, Ecs.SOURCE_PORT, Json.text(tx, "client_port"));
            Events.address(e, Ecs.DESTINATION_IP, Json.text(tx, "host_ip"));
            Events.port(e, Ecs.DESTINATION_PORT, Json.text(tx, "host_port"));
            e.set(Ecs.HTTP_REQUEST_METHOD, Events.value(Json.text(tx, "request", "method")));
            e.set(Ecs.URL_ORIGINAL, Events.value(Json.text(tx, "request", "uri")));
            String version = Json.text(tx, "request", "http_version");
            e.set(Ecs.HTTP_VERSION, version == null ? null : version.contains(".") ? version : version + ".0");
            headers(e, Json.map(tx, "request", "headers"));
            status = Json.integer(tx, "response", "http_code");
            for (Object o : Json.list(tx, "messages")) {
                messages.add(v3Message(o));
            }
            String engine = Json.text(tx, "producer", "secrules_engine");
            intercepted = !messages.isEmpty() && status != null && status >= 400
                    && (engine == null || engine.equalsIgnoreCase("Enabled"));
        }
        return verdict(e, messages, intercepted, status);
    }

    /** A libmodsecurity 3 JSON message: {message, details {match, ruleId, data, severity, ver, tags, ...}}. */
    private static ModSecMessage v3Message(Object o) {
        Map<String, Object> d = Json.map(o, "details");
        Map<String, String> meta = new java.util.HashMap<>();
        put(meta, "msg", Json.text(o, "message"));
        put(meta, "id", Json.text(d, "ruleId"));
        put(meta, "data", Json.text(d, "data"));
        put(meta, "severity", Json.text(d, "severity"));
        put(meta, "ver", Json.text(d, "ver"));
        String match = Events.value(Json.text(d, "match"));
        return new ModSecMessage(ModSecMessage.Kind.WARNING, null, null, match, meta, Json.texts(d, "tags"), "");
    }

    private static void put(Map<String, String> meta, String key, String value) {
        String v = Events.value(value);
        if (v != null) {
            meta.put(key, v);
        }
    }

    private static void headers(SecurityEvent e, Map<String, Object> headers) {
        if (headers == null) {
            return;
        }
        for (Map.Entry<String, Object> h : headers.entrySet()) {
            String v = Json.text(h.getValue());
            switch (h.getKey().toLowerCase(Locale.ROOT)) {
                case "host" -> WafEvents.setIfAbsent(e, Ecs.URL_DOMAIN, Events.value(v));
                case "user-agent" -> WafEvents.setIfAbsent(e, Ecs.USER_AGENT_ORIGINAL, Events.value(v));
                case "referer" -> WafEvents.setIfAbsent(e, Ecs.HTTP_REQUEST_REFERRER, Events.value(v));
                case "x-forwarded-for" -> WafEvents.setIfAbsent(e, WafEvents.XFF, Events.value(v));
                default -> {
                }
            }
        }
    }

    /**
     * The rule of the record: the first message naming an attack class (the anomaly-scoring rule that
     * blocks names none), else the first that blocked, else the first. Every rule id goes to
     * modsecurity.rule_ids, every CVE to vulnerability.id.
     */
    private static ParseResult verdict(SecurityEvent e, List<ModSecMessage> messages, boolean intercepted, Long status) {
        List<ModSecMessage> rules = new ArrayList<>();
        for (ModSecMessage m : messages) {
            if (m.kind() != ModSecMessage.Kind.OTHER) {
                rules.add(m);
            }
        }
        if (rules.isEmpty() && !intercepted) {
            return ParseResult.ignored("ModSecurity audit record without a rule message (transaction logged, no detection)");
        }
        ModSecMessage primary = null;
        for (ModSecMessage m : rules) {
            if (ModSecurityLog.category(m) != null) {
                primary = m;
                break;
            }
        }
        boolean blockedMessage = false;
        for (ModSecMessage m : rules) {
            if (m.kind() == ModSecMessage.Kind.BLOCKED) {
                blockedMessage = true;
                if (primary == null) {
                    primary = m;
                }
            }
        }
        if (primary == null && !rules.isEmpty()) {
            primary = rules.get(0);
        }
        if (primary != null) {
            ModSecurityLog.apply(e, primary, false);
        }
        Set<String> ids = new LinkedHashSet<>();
        List<String> texts = new ArrayList<>();
        Long phase = null;
        for (ModSecMessage m : rules) {
            String id = Events.value(m.get("id"));
            if (id != null) {
                ids.add(id);
            }
            texts.add(m.get("msg"));
            texts.addAll(m.tags());
            if (m.kind() == ModSecMessage.Kind.BLOCKED && phase == null) {
                phase = m.phase();
            }
            if (!e.has(Ecs.RULE_CATEGORY)) {
                e.set(Ecs.RULE_CATEGORY, ModSecurityLog.category(m));
            }
        }
        e.set(ModSecurityLog.RULE_IDS, ids.isEmpty() ? null : List.copyOf(ids));
        Events.vulnerabilities(e, texts.toArray(String[]::new));
        e.set(Ecs.HTTP_RESPONSE_STATUS_CODE, status);
        if (intercepted || (blockedMessage && status != null && status >= 400)) {
            WafEvents.blocked(e);
            if (phase != null) {
                e.set(ModSecurityLog.PHASE, phase);
            }
        } else {
            WafEvents.alerted(e, status);
        }
        return ParseResult.parsed(e);
    }

    /** "HTTP/1.1 403 Forbidden" → 403. */
    private static Long statusLine(String f) {
        if (f == null) {
            return null;
        }
        String first = f.strip();
        int nl = first.indexOf('\n');
        if (nl >= 0) {
            first = first.substring(0, nl).strip();
        }
        String[] p = first.split(" ");
        if (p.length >= 2 && p[0].startsWith("HTTP/")) {
            return io.yagura.format.net.Numbers.number(p[1]);
        }
        return null;
    }
}
