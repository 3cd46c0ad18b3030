package io.yagura.plugin.suricata;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.json.Json;
import io.yagura.format.net.Transports;
import io.yagura.format.parser.Events;
import io.yagura.format.parser.Line;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Suricata EVE JSON records (Suricata 4.x-8.x "EVE JSON Format" documentation), one object per line,
 * by {@code event_type}: alert, drop, anomaly (detections), flow and netflow (connections), http,
 * dns, tls, fileinfo and the other application-layer transaction logs (protocol records); stats and
 * engine are ignored. Field names below are EVE's.
 */
final class EveRecords {

    static final String FLOW_ID = "suricata.flow_id";
    static final String GID = "suricata.gid";
    static final String REV = "suricata.rev";
    static final String DIRECTION = "suricata.direction";
    static final String FLOW_STATE = "suricata.flow.state";
    static final String FLOW_REASON = "suricata.flow.reason";
    static final String FLOW_ALERTED = "suricata.flow.alerted";
    static final String SIGNATURE_SEVERITY = "suricata.signature_severity";
    static final String COMMUNITY_ID = "network.community_id";
    static final String NETWORK_PACKETS = "network.packets";
    static final String XFF = "http.request.x_forwarded_for";
    static final String THREAT_TECHNIQUE = "threat.technique.id";

    private static final Json JSON = Json.DEFAULT;
    private static final int MAX_RESOLVED = 32;

    private EveRecords() {
    }

    static ParseResult parse(Line line, String body, int brace) {
        Json.Result read = JSON.readObject(body, brace);
        if (!read.ok()) {
            return ParseResult.rejected("EVE record is not a readable JSON object: " + read.error());
        }
        Map<String, Object> m = read.object();
        String sensor = null;
        if (Json.text(m, "event_type") == null && Json.text(m, "event", "event_type") != null) {
            // AWS Network Firewall wraps the EVE record: {"firewall_name": ..., "event": {...}}
            sensor = Events.value(Json.text(m, "firewall_name"));
            m = Json.map(m, "event");
        }
        String type = Json.text(m, "event_type");
        if (type == null || type.isBlank()) {
            return ParseResult.rejected("JSON object without event_type: expected a Suricata EVE record");
        }
        switch (type) {
            case "stats":
                return ParseResult.ignored("engine statistics (EVE stats), no security event");
            case "engine":
                return ParseResult.ignored("engine log message (EVE engine), no security event");
            default:
                break;
        }
        SecurityEvent e = line.newEvent(SuricataParser.SURICATA);
        Instant t = Times.eve(Json.text(m, "timestamp"), line.context().zone());
        if (t != null) {
            e.timestamp(t);
        }
        e.set(Ecs.EVENT_CODE, type);
        common(e, m);
        if (sensor != null) {
            e.set(Ecs.OBSERVER_NAME, sensor);
        }
        return switch (type) {
            case "alert" -> alert(e, m);
            case "drop" -> drop(e, m);
            case "anomaly" -> anomaly(e, m);
            case "flow" -> flow(e, m);
            case "netflow" -> netflow(e, m);
            case "http" -> http(e, m);
            case "dns" -> dns(e, m);
            case "tls" -> tls(e, m);
            case "fileinfo" -> fileinfo(e, m);
            default -> protocol(e, m, type);
        };
    }

    /** Fields every record type has: sensor, interface, the 5-tuple, flow id, application protocol. */
    private static void common(SecurityEvent e, Map<String, Object> m) {
        e.set(Ecs.OBSERVER_NAME, Events.value(Json.text(m, "host")));
        e.set(Ecs.OBSERVER_INGRESS_INTERFACE, Events.value(Json.text(m, "in_iface")));
        String transport = Transports.transport(Json.text(m, "proto"));
        e.set(Ecs.NETWORK_TRANSPORT, transport);
        endpoints(e, transport, Json.text(m, "src_ip"), Json.text(m, "src_port"), Json.text(m, "dest_ip"),
                Json.text(m, "dest_port"));
        e.set(Ecs.NETWORK_PROTOCOL, appProto(Json.text(m, "app_proto")));
        e.set(FLOW_ID, Json.integer(m, "flow_id"));
        e.set(COMMUNITY_ID, Events.value(Json.text(m, "community_id")));
        e.set(XFF, Events.value(Json.text(m, "xff")));
    }

    private static void endpoints(SecurityEvent e, String transport, String srcIp, String srcPort, String dstIp,
                                  String dstPort) {
        e.set(Ecs.SOURCE_IP, null).set(Ecs.SOURCE_PORT, null).set(Ecs.DESTINATION_IP, null).set(Ecs.DESTINATION_PORT, null);
        Events.address(e, Ecs.SOURCE_IP, srcIp);
        Events.address(e, Ecs.DESTINATION_IP, dstIp);
        if (!Transports.portless(transport)) {
            Events.port(e, Ecs.SOURCE_PORT, srcPort);
            Events.port(e, Ecs.DESTINATION_PORT, dstPort);
        }
    }

    /** app_proto as ECS network.protocol; "failed" (detection failed) and "unknown" say nothing. */
    private static String appProto(String p) {
        String v = Events.value(p);
        if (v == null || v.equalsIgnoreCase("failed") || v.equalsIgnoreCase("unknown")) {
            return null;
        }
        return v.toLowerCase(Locale.ROOT);
    }

    // ------------------------------------------------------------------ detections

    private static ParseResult alert(SecurityEvent e, Map<String, Object> m) {
        Map<String, Object> alert = Json.map(m, "alert");
        if (alert == null) {
            return ParseResult.rejected("EVE alert without its alert object (signature_id, signature, action)");
        }
        e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
        String action = Json.text(alert, "action");
        // "blocked": a drop rule in IPS mode, or a reject rule; the verdict (Suricata 7) is the packet's
        // final fate, which another alert's drop can decide
        if ("blocked".equalsIgnoreCase(action) || "drop".equalsIgnoreCase(Json.text(m, "verdict", "action"))) {
            if (!Json.list(m, "verdict", "reject").isEmpty()) {
                Events.verdict(e, Ecs.ACTION_RESET, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_IDS);
            } else {
                Events.verdict(e, Ecs.ACTION_BLOCKED, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_IDS);
            }
        } else {
            Events.verdict(e, Ecs.ACTION_ALERT, Ecs.OUTCOME_UNKNOWN, Ecs.CATEGORY_IDS);
        }
        signature(e, alert);
        // a rule with the target keyword names the attacker (source) and the target itself
        Map<String, Object> source = Json.map(alert, "source");
        Map<String, Object> target = Json.map(alert, "target");
        if (source != null && target != null && Json.text(source, "ip") != null && Json.text(target, "ip") != null) {
            endpoints(e, e.getString(Ecs.NETWORK_TRANSPORT), Json.text(source, "ip"), Json.text(source, "port"),
                    Json.text(target, "ip"), Json.text(target, "port"));
        }
        e.set(DIRECTION, Events.value(Json.text(m, "direction")));
        applicationLayer(e, m);
        return ParseResult.parsed(e);
    }

    /**
     * The signature's priority (classification.config: 1 high, 2 medium, 3 low, 4 and more very low),
     * as the number and as the word other vendors give in log.level, so that rules can leave out
     * low-priority signatures (an ICMP ping) whatever the vendor.
     */
    static void priority(SecurityEvent e, Long priority) {
        e.set(Ecs.EVENT_SEVERITY, priority);
        e.set(Ecs.YAGURA_VENDOR_SEVERITY, priority == null ? null : priority.toString());
        if (priority != null && priority >= 1) {
            e.set(Ecs.LOG_LEVEL, priority == 1 ? "high" : priority == 2 ? "medium" : priority == 3 ? "low" : "informational");
        }
    }

    /** rule.*, severity, CVEs and ATT&amp;CK technique ids of an alert object. */
    private static void signature(SecurityEvent e, Map<String, Object> alert) {
        e.set(Ecs.RULE_ID, Json.text(alert, "signature_id"));
        String signature = Events.value(Json.text(alert, "signature"));
        e.set(Ecs.RULE_NAME, signature);
        e.set(Ecs.RULE_CATEGORY, Events.value(Json.text(alert, "category")));
        e.set(GID, Json.integer(alert, "gid"));
        e.set(REV, Json.integer(alert, "rev"));
        Long severity = Json.integer(alert, "severity");
        priority(e, severity);
        List<String> cveTexts = new ArrayList<>();
        cveTexts.add(signature);
        for (String c : Json.texts(alert, "metadata", "cve")) {
            cveTexts.add(cveFromMetadata(c));
        }
        String rule = Json.text(alert, "rule");
        if (rule != null) {
            cveTexts.addAll(cveReferences(rule));
        }
        Events.vulnerabilities(e, cveTexts.toArray(String[]::new));
        List<String> techniques = new ArrayList<>();
        for (String t : Json.texts(alert, "metadata", "mitre_technique_id")) {
            String id = Events.value(t);
            if (id != null) {
                techniques.add(id.toUpperCase(Locale.ROOT));
            }
        }
        e.set(THREAT_TECHNIQUE, techniques.isEmpty() ? null : techniques);
        List<String> signatureSeverity = Json.texts(alert, "metadata", "signature_severity");
        if (!signatureSeverity.isEmpty()) {
            e.set(SIGNATURE_SEVERITY, signatureSeverity.get(0));
            if (signatureSeverity.get(0).equalsIgnoreCase("Informational")) {
                Events.types(e, Ecs.TYPE_INFO);
            }
        }
    }

    /** ET writes {@code cve CVE_2021_44228} in metadata, others {@code 2021-44228}: both become CVE-2021-44228. */
    static String cveFromMetadata(String value) {
        if (value == null) {
            return null;
        }
        String t = value.trim().toUpperCase(Locale.ROOT).replace('_', '-');
        if (t.startsWith("CVE")) {
            t = t.substring(3);
        }
        while (t.startsWith("-") || t.startsWith(" ")) {
            t = t.substring(1);
        }
        return "CVE-" + t;
    }

    /** {@code reference:cve,2021-44228;} in the rule text (EVE alert "rule" when rule logging is on). */
    static List<String> cveReferences(String rule) {
        List<String> out = new ArrayList<>();
        int from = 0;
        while (out.size() < 32) {
            int at = indexOfIgnoreCase(rule, "cve,", from);
            if (at < 0) {
                break;
            }
            int p = at + 4;
            while (p < rule.length() && rule.charAt(p) == ' ') {
                p++;
            }
            int q = p;
            while (q < rule.length() && (Character.isDigit(rule.charAt(q)) || rule.charAt(q) == '-')) {
                q++;
            }
            if (q > p) {
                out.add("CVE-" + rule.substring(p, q));
            }
            from = at + 4;
        }
        return out;
    }

    private static int indexOfIgnoreCase(String s, String what, int from) {
        for (int i = from; i + what.length() <= s.length(); i++) {
            if (s.regionMatches(true, i, what, 0, what.length())) {
                return i;
            }
        }
        return -1;
    }

    private static ParseResult drop(SecurityEvent e, Map<String, Object> m) {
        Map<String, Object> alert = Json.map(m, "alert");
        if (alert != null) {
            e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
            Events.verdict(e, Ecs.ACTION_DROPPED, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_NETWORK, Ecs.CATEGORY_IDS);
            signature(e, alert);
        } else {
            Events.verdict(e, Ecs.ACTION_DROPPED, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_NETWORK);
        }
        Events.types(e, Ecs.TYPE_CONNECTION, Ecs.TYPE_DENIED);
        e.set(Ecs.EVENT_REASON, Events.value(Json.text(m, "drop", "reason")));
        return ParseResult.parsed(e);
    }

    private static ParseResult anomaly(SecurityEvent e, Map<String, Object> m) {
        Map<String, Object> a = Json.map(m, "anomaly");
        if (a == null) {
            return ParseResult.rejected("EVE anomaly without its anomaly object (type, event)");
        }
        e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
        Events.verdict(e, Ecs.ACTION_ALERT, Ecs.OUTCOME_UNKNOWN, Ecs.CATEGORY_IDS);
        Events.types(e, Ecs.TYPE_INFO);
        String name = Events.value(Json.text(a, "event"));
        if (name == null) {
            name = Events.value(Json.text(a, "code"));
        }
        e.set(Ecs.RULE_ID, name);
        e.set(Ecs.RULE_NAME, name);
        e.set(Ecs.RULE_CATEGORY, Events.value(Json.text(a, "type")));
        if (!e.has(Ecs.NETWORK_PROTOCOL)) {
            e.set(Ecs.NETWORK_PROTOCOL, appProto(Json.text(a, "app_proto")));
        }
        return ParseResult.parsed(e);
    }

    // ------------------------------------------------------------------ connections

    private static ParseResult flow(SecurityEvent e, Map<String, Object> m) {
        Map<String, Object> f = Json.map(m, "flow");
        if (f == null) {
            return ParseResult.rejected("EVE flow without its flow object (state, bytes, packets)");
        }
        Events.verdict(e, Ecs.ACTION_ALLOWED, Ecs.OUTCOME_SUCCESS, Ecs.CATEGORY_NETWORK);
        Events.types(e, Ecs.TYPE_CONNECTION, Ecs.TYPE_END);
        volumes(e, Json.integer(f, "bytes_toserver"), Json.integer(f, "bytes_toclient"),
                Json.integer(f, "pkts_toserver"), Json.integer(f, "pkts_toclient"));
        duration(e, f);
        e.set(FLOW_STATE, Events.value(Json.text(f, "state")));
        e.set(FLOW_REASON, Events.value(Json.text(f, "reason")));
        e.set(FLOW_ALERTED, Json.bool(f, "alerted"));
        return ParseResult.parsed(e);
    }

    private static ParseResult netflow(SecurityEvent e, Map<String, Object> m) {
        Map<String, Object> f = Json.map(m, "netflow");
        if (f == null) {
            return ParseResult.rejected("EVE netflow without its netflow object (bytes, packets)");
        }
        Events.verdict(e, Ecs.ACTION_ALLOWED, Ecs.OUTCOME_SUCCESS, Ecs.CATEGORY_NETWORK);
        Events.types(e, Ecs.TYPE_CONNECTION, Ecs.TYPE_END);
        volumes(e, Json.integer(f, "bytes"), null, Json.integer(f, "pkts"), null);
        duration(e, f);
        return ParseResult.parsed(e);
    }

    private static void volumes(SecurityEvent e, Long bytesOut, Long bytesIn, Long pktsOut, Long pktsIn) {
        e.set(Ecs.SOURCE_BYTES, bytesOut);
        e.set(Ecs.DESTINATION_BYTES, bytesIn);
        e.set(Ecs.SOURCE_PACKETS, pktsOut);
        e.set(Ecs.DESTINATION_PACKETS, pktsIn);
        if (bytesOut != null || bytesIn != null) {
            e.set(Ecs.NETWORK_BYTES, (bytesOut == null ? 0 : bytesOut) + (bytesIn == null ? 0 : bytesIn));
        }
        if (pktsOut != null || pktsIn != null) {
            e.set(NETWORK_PACKETS, (pktsOut == null ? 0 : pktsOut) + (pktsIn == null ? 0 : pktsIn));
        }
    }

    /** event.duration in nanoseconds, from the start and end times of the flow. */
    private static void duration(SecurityEvent e, Map<String, Object> f) {
        Instant start = Times.eve(Json.text(f, "start"), java.time.ZoneOffset.UTC);
        Instant end = Times.eve(Json.text(f, "end"), java.time.ZoneOffset.UTC);
        if (start != null && end != null && !end.isBefore(start)) {
            e.set(Ecs.EVENT_DURATION, Duration.between(start, end).toNanos());
        }
    }

    // ------------------------------------------------------------------ protocol records

    private static ParseResult http(SecurityEvent e, Map<String, Object> m) {
        Events.verdict(e, Ecs.ACTION_ALLOWED, Ecs.OUTCOME_SUCCESS, Ecs.CATEGORY_WEB);
        Events.types(e, Ecs.TYPE_ACCESS);
        if (!e.has(Ecs.NETWORK_PROTOCOL)) {
            e.set(Ecs.NETWORK_PROTOCOL, "http");
        }
        httpFields(e, Json.map(m, "http"));
        return ParseResult.parsed(e);
    }

    private static ParseResult dns(SecurityEvent e, Map<String, Object> m) {
        protocolVerdict(e, "dns");
        dnsFields(e, Json.map(m, "dns"));
        return ParseResult.parsed(e);
    }

    private static ParseResult tls(SecurityEvent e, Map<String, Object> m) {
        protocolVerdict(e, "tls");
        tlsFields(e, Json.map(m, "tls"));
        return ParseResult.parsed(e);
    }

    private static ParseResult fileinfo(SecurityEvent e, Map<String, Object> m) {
        Events.verdict(e, Ecs.ACTION_ALLOWED, Ecs.OUTCOME_SUCCESS, Ecs.CATEGORY_FILE);
        Events.types(e, Ecs.TYPE_ACCESS);
        fileFields(e, Json.map(m, "fileinfo"));
        httpFields(e, Json.map(m, "http"));
        return ParseResult.parsed(e);
    }

    private static ParseResult protocol(SecurityEvent e, Map<String, Object> m, String type) {
        protocolVerdict(e, type);
        return ParseResult.parsed(e);
    }

    /** A transaction the sensor saw pass: allowed, category network, type protocol. */
    private static void protocolVerdict(SecurityEvent e, String type) {
        Events.verdict(e, Ecs.ACTION_ALLOWED, Ecs.OUTCOME_SUCCESS, Ecs.CATEGORY_NETWORK);
        Events.types(e, Ecs.TYPE_PROTOCOL);
        if (!e.has(Ecs.NETWORK_PROTOCOL)) {
            e.set(Ecs.NETWORK_PROTOCOL, appProto(type));
        }
    }

    /** The application-layer objects an alert carries (http, tls, dns, files). */
    private static void applicationLayer(SecurityEvent e, Map<String, Object> m) {
        httpFields(e, Json.map(m, "http"));
        tlsFields(e, Json.map(m, "tls"));
        dnsFields(e, Json.map(m, "dns"));
        List<Object> files = Json.list(m, "files");
        if (!files.isEmpty()) {
            fileFields(e, Json.map(files.get(0)));
        }
        Map<String, Object> fileinfo = Json.map(m, "fileinfo");
        if (fileinfo != null) {
            fileFields(e, fileinfo);
        }
    }

    private static void httpFields(SecurityEvent e, Map<String, Object> h) {
        if (h == null) {
            return;
        }
        e.set(Ecs.URL_DOMAIN, Events.value(Json.text(h, "hostname")));
        e.set(Ecs.URL_ORIGINAL, Events.value(Json.text(h, "url")));
        e.set(Ecs.HTTP_REQUEST_METHOD, Events.value(Json.text(h, "http_method")));
        e.set(Ecs.HTTP_RESPONSE_STATUS_CODE, Json.integer(h, "status"));
        e.set(Ecs.HTTP_RESPONSE_BODY_BYTES, Json.integer(h, "length"));
        e.set(Ecs.USER_AGENT_ORIGINAL, Events.value(Json.text(h, "http_user_agent")));
        e.set(Ecs.HTTP_REQUEST_REFERRER, Events.value(Json.text(h, "http_refer")));
        String protocol = Events.value(Json.text(h, "protocol"));
        if (protocol != null && protocol.regionMatches(true, 0, "HTTP/", 0, 5) && protocol.length() > 5) {
            e.set(Ecs.HTTP_VERSION, protocol.substring(5));
        }
        String xff = Events.value(Json.text(h, "xff"));
        if (xff != null) {
            e.set(XFF, xff);
        }
    }

    private static void tlsFields(SecurityEvent e, Map<String, Object> t) {
        if (t == null) {
            return;
        }
        e.set(Ecs.TLS_SERVER_NAME, Events.value(Json.text(t, "sni")));
        String version = Events.value(Json.text(t, "version"));
        if (version != null) {
            String v = version.toUpperCase(Locale.ROOT);
            if (v.startsWith("TLS ") || v.startsWith("TLSV")) {
                e.set("tls.version_protocol", "tls");
                e.set("tls.version", version.substring(4).trim());
            } else if (v.startsWith("SSLV")) {
                e.set("tls.version_protocol", "ssl");
                e.set("tls.version", version.substring(4).trim());
            }
        }
        e.set("tls.client.ja3", Events.value(Json.text(t, "ja3", "hash")));
        e.set("tls.server.ja3s", Events.value(Json.text(t, "ja3s", "hash")));
        e.set("tls.server.subject", Events.value(Json.text(t, "subject")));
        e.set("tls.server.issuer", Events.value(Json.text(t, "issuerdn")));
        String fingerprint = Events.value(Json.text(t, "fingerprint"));
        if (fingerprint != null) {
            e.set("tls.server.hash.sha1", fingerprint.replace(":", "").toUpperCase(Locale.ROOT));
        }
    }

    private static void dnsFields(SecurityEvent e, Map<String, Object> d) {
        if (d == null) {
            return;
        }
        // v1/v2 records name the question at the top; v3 (Suricata 8) in "queries"; alerts in "query"
        Map<String, Object> question = d;
        if (Json.text(d, "rrname") == null) {
            List<Object> queries = Json.list(d, "queries");
            if (queries.isEmpty()) {
                queries = Json.list(d, "query");
            }
            question = queries.isEmpty() ? null : Json.map(queries.get(0));
        }
        if (question != null) {
            e.set(Ecs.DNS_QUESTION_NAME, Events.value(Json.text(question, "rrname")));
            e.set("dns.question.type", Events.value(Json.text(question, "rrtype")));
        }
        e.set("dns.response_code", Events.value(Json.text(d, "rcode")));
        String type = Events.value(Json.text(d, "type"));
        if (type != null) {
            e.set("dns.type", switch (type) {
                case "request" -> "query";
                case "response" -> "answer";
                default -> type;
            });
        }
        e.set("dns.id", Json.text(d, "id"));
        List<String> resolved = new ArrayList<>();
        for (Object answer : Json.list(d, "answers")) {
            String rrtype = Json.text(answer, "rrtype");
            if ("A".equals(rrtype) || "AAAA".equals(rrtype)) {
                addResolved(resolved, Json.text(answer, "rdata"));
            }
        }
        for (String rrtype : new String[] {"A", "AAAA"}) {
            for (String ip : Json.texts(d, "grouped", rrtype)) {
                addResolved(resolved, ip);
            }
        }
        String rrtype = Json.text(d, "rrtype");
        if (("A".equals(rrtype) || "AAAA".equals(rrtype)) && Json.text(d, "rdata") != null) {
            addResolved(resolved, Json.text(d, "rdata"));
        }
        e.set("dns.resolved_ip", resolved.isEmpty() ? null : resolved);
    }

    private static void addResolved(List<String> out, String text) {
        String ip = io.yagura.format.net.Addresses.normalize(text);
        if (ip != null && !out.contains(ip) && out.size() < MAX_RESOLVED) {
            out.add(ip);
        }
    }

    private static void fileFields(SecurityEvent e, Map<String, Object> f) {
        if (f == null) {
            return;
        }
        e.set(Ecs.FILE_NAME, Events.value(Json.text(f, "filename")));
        e.set(Ecs.FILE_HASH_SHA256, Events.value(Json.text(f, "sha256")));
        e.set("file.hash.sha1", Events.value(Json.text(f, "sha1")));
        e.set("file.hash.md5", Events.value(Json.text(f, "md5")));
        e.set(Ecs.FILE_SIZE, Json.integer(f, "size"));
    }
}
