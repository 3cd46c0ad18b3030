package io.yagura.plugin.winssniper;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.net.Numbers;
import io.yagura.format.net.Transports;
import io.yagura.format.parser.Events;
import io.yagura.format.parser.GuardedParser;
import io.yagura.format.parser.Line;
import io.yagura.format.parser.Observer;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads WINS SniperIPS syslog detections:
 * <pre>
 * &lt;36&gt;[SNIPER-2000] [Attack_Name=(0395)SMB Service connect(tcp-445)], [Time=2019/07/18 16:44:13], [Hacker=10.0.0.1],
 *     [Victim=10.0.0.2], [Protocol=tcp/445], [Risk=Medium], [Handling=Alarm], [Information=], [SrcPort=50000], [HackType=00004]
 * </pre>
 * The first bracket names the sensor (its host name, "SNIPER-" and a number); then {@code [Key=Value]}
 * fields separated by ", ". A value may itself hold brackets and ", " ({@code Vuln-2[Req](UDP-137)},
 * {@code userid [], passwd []}): a field ends only where "], [" is followed by the next {@code Key=}.
 * Text is kept as received (Korean attack names and information included).
 */
final class WinsSniperParser extends GuardedParser {

    static final Observer OBSERVER = new Observer("WINS", "SniperIPS", "ips");
    static final String MARKER = "[SNIPER-";

    static final String HACK_TYPE = "sniper.hack_type";
    static final String INFORMATION = "sniper.information";
    static final String COUNT = "sniper.count";
    static final String SOURCE_MAC = "source.mac";

    private static final int MAX_FIELDS = 64;
    private static final int MARKER_WINDOW = 256;
    private static final Set<String> TRANSPORTS = Set.of("tcp", "udp", "icmp", "ipv6-icmp", "sctp", "gre", "esp",
            "ah", "igmp");
    private static final String[] NAME_KEYS = {"Attack_Name", "Rule_Name", "DoS_Name", "Name"};

    @Override
    protected ParseResult parseLine(Line line) {
        String body = line.body();
        int at = body.indexOf(MARKER);
        if (at < 0) {
            // a relay's RFC 5424 header without the "-" of empty structured data took the sensor bracket for SD
            body = line.text();
            at = body.indexOf(MARKER);
        }
        if (at < 0 || at > MARKER_WINDOW) {
            return ParseResult.rejected("not a SniperIPS line: expected '[SNIPER-nnnn] [Attack_Name=(id)name], [Time=...],"
                    + " [Hacker=...], [Victim=...], [Protocol=...], [Risk=...], [Handling=...]'");
        }
        int close = body.indexOf(']', at);
        if (close < 0) {
            return ParseResult.rejected("truncated SniperIPS line: the sensor bracket [SNIPER-... is not closed");
        }
        String sensor = body.substring(at + 1, close);
        Map<String, String> f = fields(body, close + 1);
        String attack = null;
        for (String k : NAME_KEYS) {
            if (f.get(k) != null && !f.get(k).isBlank()) {
                attack = f.get(k).trim();
                break;
            }
        }
        if (attack == null) {
            if (body.indexOf("Attack_Name", close) >= 0) {
                return ParseResult.rejected("truncated SniperIPS detection: Attack_Name without a value");
            }
            return ParseResult.ignored("SniperIPS message without Attack_Name (system or status message), no detection");
        }
        SecurityEvent e = line.newEvent(OBSERVER);
        Instant t = time(f.get("Time"), line.context().zone());
        if (t != null) {
            e.timestamp(t);
        }
        e.set(Ecs.OBSERVER_NAME, Events.value(sensor));
        e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
        verdict(e, f.get("Handling"));

        // (0395)SMB Service connect(tcp-445): the signature number and its name
        if (attack.startsWith("(") && attack.indexOf(')') > 1 && Numbers.isDigits(attack.substring(1, attack.indexOf(')')))) {
            e.set(Ecs.RULE_ID, attack.substring(1, attack.indexOf(')')));
            String name = attack.substring(attack.indexOf(')') + 1).trim();
            e.set(Ecs.RULE_NAME, name.isEmpty() ? attack : name);
        } else {
            e.set(Ecs.RULE_NAME, attack);
        }
        Events.vulnerabilities(e, attack, f.get("Information"));

        Events.address(e, Ecs.SOURCE_IP, f.get("Hacker"));
        Events.address(e, Ecs.DESTINATION_IP, f.get("Victim"));
        String transport = null;
        String protocol = Events.value(f.get("Protocol"));
        if (protocol != null) {
            int slash = protocol.indexOf('/');
            String name = slash < 0 ? protocol : protocol.substring(0, slash);
            String tr = Transports.transport(name);
            if (tr != null && (TRANSPORTS.contains(tr) || Numbers.isDigits(tr))) {
                transport = tr;
                e.set(Ecs.NETWORK_TRANSPORT, tr);
            }
            if (slash > 0 && hasPorts(transport)) {
                port(e, Ecs.DESTINATION_PORT, protocol.substring(slash + 1));
            }
        }
        if (hasPorts(transport) || transport == null) {
            port(e, Ecs.SOURCE_PORT, f.get("SrcPort"));
        }
        severity(e, f.get("Risk"));
        e.set(HACK_TYPE, Events.value(f.get("HackType")));
        e.set(COUNT, Numbers.number(f.get("Count")));
        information(e, Events.value(f.get("Information")));
        String direction = Events.value(f.get("Direction"));
        if (direction != null) {
            String d = direction.toLowerCase(Locale.ROOT);
            if (d.equals("inbound") || d.equals("outbound") || d.equals("internal") || d.equals("external")) {
                e.set(Ecs.NETWORK_DIRECTION, d);
            }
        }
        return ParseResult.parsed(e);
    }

    /** The [Key=Value] fields after the sensor bracket; a value ends at "], [" before the next "Key=". */
    static Map<String, String> fields(String s, int from) {
        Map<String, String> out = new LinkedHashMap<>();
        int n = s.length();
        int i = s.indexOf('[', from);
        while (i >= 0 && i < n && out.size() < MAX_FIELDS) {
            int k = i + 1;
            while (k < n && isKeyChar(s.charAt(k))) {
                k++;
            }
            if (k == i + 1 || k >= n || s.charAt(k) != '=') {
                i = s.indexOf('[', i + 1);
                continue;
            }
            String key = s.substring(i + 1, k);
            int valueStart = k + 1;
            int end = -1;
            int next = -1;
            int search = valueStart;
            while (true) {
                int sep = s.indexOf("], [", search);
                if (sep < 0) {
                    break;
                }
                if (startsField(s, sep + 4)) {
                    end = sep;
                    next = sep + 3;
                    break;
                }
                search = sep + 1;
            }
            if (end < 0) {
                int last = s.lastIndexOf(']');
                end = last >= valueStart ? last : n;
            }
            out.putIfAbsent(key, s.substring(valueStart, end));
            if (next < 0) {
                break;
            }
            i = next;
        }
        return out;
    }

    private static boolean startsField(String s, int p) {
        int k = p;
        while (k < s.length() && isKeyChar(s.charAt(k))) {
            k++;
        }
        return k > p && k < s.length() && s.charAt(k) == '=';
    }

    private static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    /**
     * Handling: Alarm (detect only) → alert; Block, Drop, Deny, Reject (차단) → blocked; Reset (RST) → reset;
     * anything else is taken for a detection only.
     */
    private static void verdict(SecurityEvent e, String handling) {
        String h = handling == null ? "" : handling.toLowerCase(Locale.ROOT);
        if (h.contains("block") || h.contains("drop") || h.contains("deny") || h.contains("reject") || h.contains("차단")) {
            Events.verdict(e, Ecs.ACTION_BLOCKED, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_IDS);
        } else if (h.contains("reset") || h.contains("rst")) {
            Events.verdict(e, Ecs.ACTION_RESET, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_IDS);
        } else {
            Events.verdict(e, Ecs.ACTION_ALERT, Ecs.OUTCOME_UNKNOWN, Ecs.CATEGORY_IDS);
        }
    }

    /** Risk: Info 0, Low 1, Medium 2, High 3, Critical 4 (and the Korean 하/중/상); the word as written. */
    private static void severity(SecurityEvent e, String risk) {
        String r = Events.value(risk);
        if (r == null) {
            return;
        }
        e.set(Ecs.YAGURA_VENDOR_SEVERITY, r);
        String lower = r.toLowerCase(Locale.ROOT);
        e.set(Ecs.LOG_LEVEL, lower);
        Long n = switch (lower) {
            case "info", "information", "informational", "정보" -> 0L;
            case "low", "하", "낮음" -> 1L;
            case "medium", "middle", "중", "보통" -> 2L;
            case "high", "상", "높음" -> 3L;
            case "critical", "very high", "긴급", "매우높음" -> 4L;
            default -> null;
        };
        e.set(Ecs.EVENT_SEVERITY, n);
    }

    /** Information: kept; an HTTP request line gives method, URL and version, CMAC= the client's MAC. */
    private static void information(SecurityEvent e, String info) {
        if (info == null) {
            return;
        }
        e.set(INFORMATION, info);
        int sp = info.indexOf(' ');
        int last = info.lastIndexOf(' ');
        if (sp > 0 && last > sp && info.startsWith("HTTP/", last + 1) && upper(info.substring(0, sp))) {
            e.set(Ecs.HTTP_REQUEST_METHOD, info.substring(0, sp));
            e.set(Ecs.URL_ORIGINAL, info.substring(sp + 1, last));
            e.set(Ecs.HTTP_VERSION, info.substring(last + 6));
        }
        int mac = info.indexOf("CMAC=");
        if (mac >= 0 && mac + 17 <= info.length()) {
            String hex = info.substring(mac + 5, mac + 17);
            if (hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                StringBuilder sb = new StringBuilder(17);
                for (int i = 0; i < 12; i += 2) {
                    if (i > 0) {
                        sb.append('-');
                    }
                    sb.append(hex, i, i + 2);
                }
                e.set(SOURCE_MAC, sb.toString().toUpperCase(Locale.ROOT));
            }
        }
    }

    private static boolean upper(String s) {
        if (s.isEmpty() || s.length() > 16) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < 'A' || s.charAt(i) > 'Z') {
                return false;
            }
        }
        return true;
    }

    private static boolean hasPorts(String transport) {
        return "tcp".equals(transport) || "udp".equals(transport) || "sctp".equals(transport);
    }

    /** A port field; 0 (no port) is left out. */
    private static void port(SecurityEvent e, String field, String text) {
        Long p = io.yagura.format.net.Ports.port(Events.value(text));
        if (p != null && p > 0) {
            e.set(field, p);
        }
    }

    /** {@code 2019/07/18 16:44:13} (also with '-') in the device's zone. */
    static Instant time(String s, ZoneId zone) {
        String t = Events.value(s);
        if (t == null || t.length() != 19 || t.charAt(10) != ' ' || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return null;
        }
        char sep = t.charAt(4);
        if ((sep != '/' && sep != '-') || t.charAt(7) != sep) {
            return null;
        }
        Long y = Numbers.number(t.substring(0, 4));
        Long mo = Numbers.number(t.substring(5, 7));
        Long d = Numbers.number(t.substring(8, 10));
        Long h = Numbers.number(t.substring(11, 13));
        Long mi = Numbers.number(t.substring(14, 16));
        Long se = Numbers.number(t.substring(17, 19));
        if (y == null || mo == null || d == null || h == null || mi == null || se == null) {
            return null;
        }
        try {
            return LocalDateTime.of(y.intValue(), mo.intValue(), d.intValue(), h.intValue(), mi.intValue(),
                    Math.min(se.intValue(), 59)).atZone(zone).toInstant();
        } catch (DateTimeException invalid) {
            return null;
        }
    }
}
