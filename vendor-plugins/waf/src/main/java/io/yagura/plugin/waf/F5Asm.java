package io.yagura.plugin.waf;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.cef.CefRecord;
import io.yagura.format.net.Numbers;
import io.yagura.format.parser.Events;
import io.yagura.format.parser.Line;
import io.yagura.format.parser.Observer;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * F5 BIG-IP Application Security Manager (Advanced WAF) remote logs:
 * <ul>
 *   <li>the key="value" formats of the logging profile's remote storage (Remote, Splunk, also
 *       reporting server): {@code ASM:unit_hostname="...",management_ip_address="...",...,request_status="blocked",...}
 *       ({@code "} inside a value is doubled, F5's CSV convention);</li>
 *   <li>ArcSight CEF: {@code CEF:0|F5|ASM|version|signature id or violation|name|severity|act=blocked cs4=attack_type ...};</li>
 *   <li>the local {@code [SECEV] Request violations: ...} message forwarded by syslog.</li>
 * </ul>
 * request_status (act) blocked → blocked; alerted → alert; passed → web access, or alert when the
 * request had violations (attack type, violations, signatures) that the policy let through.
 */
final class F5Asm {

    static final Observer OBSERVER = new Observer("F5", "BIG-IP ASM", "waf");
    static final String RATING = "f5.asm.violation_rating";
    static final String VIOLATIONS = "f5.asm.violations";
    static final String VIRTUAL_SERVER = "f5.asm.virtual_server";
    static final String OBSERVER_IP = "observer.ip";

    private F5Asm() {
    }

    // ------------------------------------------------------------------ key="value"

    static ParseResult keyValue(Line line, String text) {
        Map<String, String> f = pairs(text);
        String status = first(f, "request_status", "req_status");
        if (status == null && first(f, "attack_type", "violations", "sig_ids", "support_id") == null) {
            return ParseResult.rejected("F5 ASM record without request_status, attack_type or violations");
        }
        SecurityEvent e = line.newEvent(OBSERVER);
        Instant t = Times.dateTime(first(f, "date_time"), line.context().zone());
        if (t != null) {
            e.timestamp(t);
        }
        e.set(Ecs.OBSERVER_NAME, first(f, "unit_hostname", "unit_host"));
        e.set(OBSERVER_IP, io.yagura.format.net.Addresses.normalize(first(f, "management_ip_address", "manage_ip_addr")));
        Events.address(e, Ecs.SOURCE_IP, first(f, "ip_client"));
        Events.port(e, Ecs.SOURCE_PORT, first(f, "src_port"));
        Events.address(e, Ecs.DESTINATION_IP, first(f, "dest_ip"));
        Events.port(e, Ecs.DESTINATION_PORT, first(f, "dest_port"));
        e.set(WafEvents.XFF, first(f, "x_forwarded_for_header_value", "x_fwd_hdr_val"));
        e.set(WafEvents.REQUEST_ID, first(f, "support_id"));
        e.set(Ecs.YAGURA_POLICY, first(f, "policy_name"));
        e.set(VIRTUAL_SERVER, first(f, "vs_name"));
        e.set(Ecs.USER_NAME, first(f, "username"));
        String method = first(f, "method");
        e.set(Ecs.HTTP_REQUEST_METHOD, method == null ? null : method.toUpperCase(Locale.ROOT));
        String protocol = first(f, "protocol");
        e.set(Ecs.NETWORK_PROTOCOL, protocol == null ? null : protocol.toLowerCase(Locale.ROOT));
        String uri = first(f, "uri");
        String query = first(f, "query_string", "query_str");
        e.set(Ecs.URL_ORIGINAL, uri == null ? null : query == null ? uri : uri + "?" + query);
        String request = first(f, "request", "req", "headers");
        WafEvents.request(e, request);
        Long response = Numbers.number(first(f, "response_code", "resp_code"));
        if (response != null && response > 0) {
            e.set(Ecs.HTTP_RESPONSE_STATUS_CODE, response);
        }
        WafEvents.syslogSeverity(e, first(f, "severity"));
        e.set(RATING, Numbers.number(first(f, "violation_rating", "violate_rate")));
        String violations = first(f, "violations");
        e.set(VIOLATIONS, violations);
        String attackType = first(f, "attack_type");
        String sigIds = first(f, "sig_ids");
        String sigNames = first(f, "sig_names");
        String subViolations = first(f, "sub_violations", "sub_violates");
        signature(e, sigIds, sigNames, violations, subViolations, attackType);
        Events.vulnerabilities(e, first(f, "sig_cves"), sigNames);
        boolean violated = attackType != null || violations != null || sigIds != null || subViolations != null;
        return verdict(e, status, violated, response);
    }

    /**
     * Pairs {@code key="value",key=value}: a quoted value ends at a quote followed by ',' or the end; a
     * doubled quote inside is a quote. First of repeated keys wins.
     */
    static Map<String, String> pairs(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        int n = text.length();
        int i = 0;
        while (i < n && out.size() < 512) {
            while (i < n && (text.charAt(i) == ',' || text.charAt(i) == ' ')) {
                i++;
            }
            int k = i;
            while (k < n && (Character.isLetterOrDigit(text.charAt(k)) || text.charAt(k) == '_')) {
                k++;
            }
            if (k == i || k >= n || text.charAt(k) != '=') {
                int comma = text.indexOf(',', i + 1);
                if (comma < 0) {
                    break;
                }
                i = comma;
                continue;
            }
            String key = text.substring(i, k);
            int v = k + 1;
            String value;
            if (v < n && text.charAt(v) == '"') {
                StringBuilder sb = new StringBuilder();
                int j = v + 1;
                while (j < n) {
                    char c = text.charAt(j);
                    if (c == '"') {
                        boolean endOfValue = j + 1 >= n || text.charAt(j + 1) == ',';
                        boolean emptyValue = j == v + 1 && endOfValue;
                        if (emptyValue || (endOfValue && !(j + 1 < n && text.charAt(j + 1) == '"'))) {
                            break;
                        }
                        if (j + 1 < n && text.charAt(j + 1) == '"') {
                            sb.append('"');
                            j += 2;
                            continue;
                        }
                    }
                    sb.append(c);
                    j++;
                }
                value = sb.toString();
                i = j + 1;
            } else {
                int comma = text.indexOf(',', v);
                int end = comma < 0 ? n : comma;
                value = text.substring(v, end);
                i = end;
            }
            out.putIfAbsent(key, value);
        }
        return out;
    }

    // ------------------------------------------------------------------ CEF

    static ParseResult cef(Line line, CefRecord r) {
        SecurityEvent e = line.newEvent(OBSERVER);
        Map<String, String> labelled = r.labelled();
        Instant t = Times.cef(r.get("rt"), line.context().zone());
        if (t != null) {
            e.timestamp(t);
        }
        e.set(Ecs.OBSERVER_NAME, Events.value(r.get("dvchost")));
        e.set(OBSERVER_IP, io.yagura.format.net.Addresses.normalize(r.get("dvc")));
        e.set(Ecs.OBSERVER_VERSION, Events.value(r.deviceVersion()));
        Events.address(e, Ecs.SOURCE_IP, r.get("src"));
        Events.port(e, Ecs.SOURCE_PORT, r.get("spt"));
        Events.address(e, Ecs.DESTINATION_IP, r.get("dst"));
        Events.port(e, Ecs.DESTINATION_PORT, r.get("dpt"));
        e.set(WafEvents.XFF, Events.value(labelled.get("x_forwarded_for_header_value")));
        e.set(WafEvents.REQUEST_ID, Events.value(r.get("externalId")));
        e.set(Ecs.YAGURA_POLICY, Events.value(labelled.get("policy_name")));
        e.set(Ecs.USER_NAME, Events.value(r.get("suser")));
        e.set(Ecs.HTTP_REQUEST_METHOD, Events.value(r.get("requestMethod")));
        String app = Events.value(r.get("app"));
        e.set(Ecs.NETWORK_PROTOCOL, app == null ? null : app.toLowerCase(Locale.ROOT));
        e.set(Ecs.URL_ORIGINAL, Events.value(r.get("request")));
        WafEvents.request(e, labelled.get("full_request"));
        Long response = Numbers.number(labelled.get("response_code"));
        if (response != null && response > 0) {
            e.set(Ecs.HTTP_RESPONSE_STATUS_CODE, response);
        }
        Integer severity = r.severityNumber();
        e.set(Ecs.EVENT_SEVERITY, severity == null ? null : severity.longValue());
        e.set(Ecs.YAGURA_VENDOR_SEVERITY, Events.value(r.severity()));
        e.set(RATING, Numbers.number(labelled.get("violation_rating")));
        String attackType = Events.value(labelled.get("attack_type"));
        String sigId = Events.value(r.signatureId());
        String name = Events.value(r.name());
        String act = Events.value(r.get("act"));
        boolean violated = attackType != null || (!"passed".equalsIgnoreCase(act) && name != null);
        if (violated) {
            // the header names the signature (numeric id) or the violation ("Illegal URL")
            boolean numeric = sigId != null && Numbers.isDigits(sigId);
            e.set(Ecs.RULE_ID, numeric ? sigId : null);
            e.set(Ecs.RULE_NAME, name != null ? name : sigId);
            if (!numeric) {
                e.set(VIOLATIONS, sigId);
            }
            e.set(Ecs.RULE_CATEGORY, category(attackType, name));
            Events.vulnerabilities(e, name);
        }
        return verdict(e, act, violated, response);
    }

    // ------------------------------------------------------------------ [SECEV]

    private static final String[] SECEV_LABELS = {"Request violations: ", "HTTP protocol compliance sub violations: ",
        "Evasion techniques sub violations: ", "Web services security sub violations: ", "Virus name: ", "Support id: ",
        "source ip: ", "xff ip: ", "source port: ", "destination ip: ", "destination port: ", "route_domain: ",
        "HTTP classifier: ", "scheme ", "geographic location: ", "request: "};

    /** {@code 01310039:3: [SECEV] Request violations: ... Support id: n, source ip: a, ..., request: <GET url HTTP/1.0} */
    static ParseResult secev(Line line, String body, int at) {
        String text = body.substring(at + "[SECEV] ".length());
        Map<String, String> f = new LinkedHashMap<>();
        int[] starts = new int[SECEV_LABELS.length];
        for (int i = 0; i < SECEV_LABELS.length; i++) {
            starts[i] = text.indexOf(SECEV_LABELS[i]);
        }
        for (int i = 0; i < SECEV_LABELS.length; i++) {
            if (starts[i] < 0) {
                continue;
            }
            int from = starts[i] + SECEV_LABELS[i].length();
            int to = text.length();
            for (int j = 0; j < SECEV_LABELS.length; j++) {
                if (starts[j] >= from && starts[j] < to) {
                    to = starts[j];
                }
            }
            String v = text.substring(from, to).trim();
            while (!v.isEmpty() && (v.endsWith(",") || v.endsWith("."))) {
                v = v.substring(0, v.length() - 1).trim();
            }
            f.put(SECEV_LABELS[i].trim(), v);
        }
        String violations = Events.value(f.get("Request violations:"));
        if (violations == null) {
            return ParseResult.rejected("F5 [SECEV] message without 'Request violations:'");
        }
        SecurityEvent e = line.newEvent(OBSERVER);
        String sub = Events.value(f.get("HTTP protocol compliance sub violations:"));
        e.set(Ecs.RULE_NAME, violations);
        e.set(VIOLATIONS, violations);
        e.set(Ecs.RULE_CATEGORY, category(null, violations + " " + (sub == null ? "" : sub)));
        e.set(WafEvents.REQUEST_ID, Events.value(f.get("Support id:")));
        Events.address(e, Ecs.SOURCE_IP, f.get("source ip:"));
        Events.port(e, Ecs.SOURCE_PORT, f.get("source port:"));
        Events.address(e, Ecs.DESTINATION_IP, f.get("destination ip:"));
        Events.port(e, Ecs.DESTINATION_PORT, f.get("destination port:"));
        e.set(WafEvents.XFF, Events.value(f.get("xff ip:")));
        e.set(Ecs.YAGURA_POLICY, Events.value(f.get("HTTP classifier:")));
        String scheme = Events.value(f.get("scheme"));
        e.set(Ecs.NETWORK_PROTOCOL, scheme == null ? null : scheme.toLowerCase(Locale.ROOT));
        WafEvents.request(e, f.get("request:"));
        WafEvents.alerted(e, null);
        return ParseResult.parsed(e);
    }

    // ------------------------------------------------------------------ shared

    private static void signature(SecurityEvent e, String sigIds, String sigNames, String violations,
                                  String subViolations, String attackType) {
        if (sigIds != null) {
            boolean several = sigIds.indexOf(',') >= 0;
            e.set(Ecs.RULE_ID, several ? sigIds.substring(0, sigIds.indexOf(',')).trim() : sigIds);
            e.set(Ecs.RULE_NAME, sigNames == null ? null : several && sigNames.indexOf(',') > 0
                    ? sigNames.substring(0, sigNames.indexOf(',')).trim() : sigNames);
        }
        if (!e.has(Ecs.RULE_NAME)) {
            String v = violations != null ? violations : subViolations;
            e.set(Ecs.RULE_NAME, v == null ? null : v.indexOf(',') > 0 ? v.substring(0, v.indexOf(',')).trim() : v);
        }
        e.set(Ecs.RULE_CATEGORY, category(attackType, sigNames, violations, subViolations));
    }

    /** The attack class of the attack type (or of the names); an unknown attack type as F5 writes it. */
    private static String category(String attackType, String... names) {
        String first = attackType;
        if (first != null && first.indexOf(',') > 0) {
            first = first.substring(0, first.indexOf(','));
        }
        String c = AttackClass.of(first);
        if (c != null) {
            return c;
        }
        if (first != null) {
            return first;
        }
        return AttackClass.of(names);
    }

    private static ParseResult verdict(SecurityEvent e, String status, boolean violated, Long response) {
        String s = status == null ? "" : status.toLowerCase(Locale.ROOT);
        if (s.startsWith("block")) {
            WafEvents.blocked(e);
        } else if (s.equals("alerted") || s.equals("alarm") || (violated && !s.isEmpty())) {
            WafEvents.alerted(e, response);
        } else if (s.equals("passed") || s.isEmpty() && !violated) {
            WafEvents.passed(e);
        } else {
            WafEvents.alerted(e, response);
        }
        return ParseResult.parsed(e);
    }

    private static String first(Map<String, String> f, String... keys) {
        for (String k : keys) {
            String v = Events.value(f.get(k));
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
