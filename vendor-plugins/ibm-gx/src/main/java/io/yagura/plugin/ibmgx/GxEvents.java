package io.yagura.plugin.ibmgx;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.net.Addresses;
import io.yagura.format.net.Numbers;
import io.yagura.format.net.Transports;
import io.yagura.format.parser.Events;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * IBM Network IPS events (canonical fields from {@link IbmGxParser}) to events. The verdict comes
 * from the event's responses as IBM names them in the IPS policy: BLOCK (drop the connection),
 * QUARANTINE_INTRUDER / QUARANTINE_VICTIM / QUARANTINE_WORM / QUARANTINE_TROJAN (block the hosts for
 * a while), RSKILL (kill the TCP session with resets), and the notifications DISPLAY (console),
 * LOG_EVIDENCE, LOG_WITHOUT_RAW, EMAIL, SNMP, USER_DEFINED, which let the traffic through.
 */
final class GxEvents {

    private GxEvents() {
    }

    static ParseResult map(SecurityEvent e, Map<String, String> f, String form, ZoneId zone) {
        String category = lower(v(f, "cat"));
        if (category != null && (category.contains("health") || category.contains("system") || category.equals("status"))) {
            return ParseResult.ignored("IBM Network IPS " + category + " event (appliance health), no security event");
        }
        time(e, v(f, "time"), zone);
        e.set("ibm.gx.event_type", v(f, "cat"));
        String responses = v(f, "response");
        e.set("ibm.gx.responses", responses);
        Verdict verdict = verdict(responses);
        if (category != null && category.contains("connect")) {
            // connection events of the network access (firewall) policy: a rule allowed or refused
            if (verdict == Verdict.ALERT) {
                Events.verdict(e, Ecs.ACTION_ALLOWED, Ecs.OUTCOME_SUCCESS, Ecs.CATEGORY_NETWORK);
                Events.types(e, Ecs.TYPE_CONNECTION, Ecs.TYPE_ALLOWED);
            } else {
                Events.verdict(e, verdict == Verdict.RESET ? Ecs.ACTION_RESET : Ecs.ACTION_DENIED, Ecs.OUTCOME_FAILURE,
                        Ecs.CATEGORY_NETWORK);
                Events.types(e, Ecs.TYPE_CONNECTION, Ecs.TYPE_DENIED);
            }
            e.set(Ecs.YAGURA_POLICY, v(f, "name"));
        } else {
            e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
            switch (verdict) {
                case BLOCKED -> Events.verdict(e, Ecs.ACTION_BLOCKED, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_IDS, Ecs.CATEGORY_NETWORK);
                case RESET -> Events.verdict(e, Ecs.ACTION_RESET, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_IDS, Ecs.CATEGORY_NETWORK);
                default -> Events.verdict(e, Ecs.ACTION_ALERT, Ecs.OUTCOME_UNKNOWN, Ecs.CATEGORY_IDS, Ecs.CATEGORY_NETWORK);
            }
            if ("audit".equals(category)) {
                // ISS "audit" events record protocol activity for information, not attacks
                Events.types(e, Ecs.TYPE_INFO);
            }
            e.set(Ecs.RULE_NAME, v(f, "name"));
            e.set(Ecs.RULE_ID, v(f, "issueid"));
            Events.vulnerabilities(e, f.get("cve"), f.get("name"));
        }
        String severity = v(f, "severity");
        e.set(Ecs.YAGURA_VENDOR_SEVERITY, severity);
        e.set(Ecs.LOG_LEVEL, severity);
        e.set(Ecs.EVENT_SEVERITY, Numbers.number(severity));
        if (severity != null && (severity.equalsIgnoreCase("informational") || severity.equalsIgnoreCase("info"))
                && !e.has(Ecs.EVENT_TYPE)) {
            Events.types(e, Ecs.TYPE_INFO);
        }
        endpoints(e, f);
        e.set(Ecs.OBSERVER_NAME, v(f, "sensor"));
        String sensorIp = Addresses.normalize(v(f, "sensorip"));
        e.set("observer.ip", sensorIp == null ? null : List.of(sensorIp));
        e.set(Ecs.OBSERVER_VERSION, v(f, "version"));
        e.set(Ecs.OBSERVER_INGRESS_INTERFACE, v(f, "adapter"));
        e.set(Ecs.URL_ORIGINAL, v(f, "url"));
        e.set(Ecs.USER_NAME, v(f, "user"));
        e.set(Ecs.HTTP_RESPONSE_STATUS_CODE, Numbers.number(v(f, "httpstatus")));
        e.set("ibm.gx.object_name", v(f, "object"));
        e.set("ibm.gx.object_type", v(f, "objecttype"));
        e.set("ibm.gx.xpu", v(f, "xpu"));
        return ParseResult.parsed(e);
    }

    enum Verdict { BLOCKED, RESET, ALERT }

    /** BLOCK, DROP, QUARANTINE_*: blocked; RSKILL (reset kill): reset; anything else notifies only. */
    static Verdict verdict(String responses) {
        if (responses == null) {
            return Verdict.ALERT;
        }
        String r = responses.toUpperCase(Locale.ROOT);
        if (r.contains("BLOCK") || r.contains("DROP") || r.contains("QUARANTINE") || r.contains("DENY")) {
            return Verdict.BLOCKED;
        }
        if (r.contains("RSKILL") || r.contains("RESET") || r.contains("KILL")) {
            return Verdict.RESET;
        }
        return Verdict.ALERT;
    }

    private static void endpoints(SecurityEvent e, Map<String, String> f) {
        String transport = Transports.transport(v(f, "proto"));
        e.set(Ecs.NETWORK_TRANSPORT, transport);
        String src = v(f, "srcip");
        String dst = v(f, "dstip");
        String srcPort = v(f, "srcport");
        String dstPort = v(f, "dstport");
        // LEEF src/dst may carry the port: "192.0.2.1:80"
        if (src != null && !Addresses.isAddress(src) && src.lastIndexOf(':') > 0
                && Addresses.isAddress(src.substring(0, src.lastIndexOf(':')))) {
            srcPort = srcPort != null ? srcPort : src.substring(src.lastIndexOf(':') + 1);
            src = src.substring(0, src.lastIndexOf(':'));
        }
        if (dst != null && !Addresses.isAddress(dst) && dst.lastIndexOf(':') > 0
                && Addresses.isAddress(dst.substring(0, dst.lastIndexOf(':')))) {
            dstPort = dstPort != null ? dstPort : dst.substring(dst.lastIndexOf(':') + 1);
            dst = dst.substring(0, dst.lastIndexOf(':'));
        }
        Events.address(e, Ecs.SOURCE_IP, src);
        Events.address(e, Ecs.DESTINATION_IP, dst);
        String host = v(f, "targethost");
        if (host != null && Addresses.isHostName(host)) {
            e.set(Ecs.DESTINATION_DOMAIN, host);
        }
        if (!Transports.portless(transport)) {
            Events.port(e, Ecs.SOURCE_PORT, srcPort);
            Events.port(e, Ecs.DESTINATION_PORT, dstPort);
        }
    }

    /** {@code 2024-03-12 09:15:02} (LEEF devTime, IBM's format) in the device zone, or epoch seconds/ms. */
    static void time(SecurityEvent e, String text, ZoneId zone) {
        if (text == null) {
            return;
        }
        String t = text.trim();
        if (Numbers.isDigits(t)) {
            if (t.length() == 10) {
                e.timestamp(Instant.ofEpochSecond(Long.parseLong(t)));
            } else if (t.length() == 13) {
                e.timestamp(Instant.ofEpochMilli(Long.parseLong(t)));
            }
            return;
        }
        if (t.length() < 19 || t.charAt(4) != '-' || t.charAt(7) != '-' || t.charAt(13) != ':' || t.charAt(16) != ':') {
            return;
        }
        int y = digits(t, 0, 4);
        int mo = digits(t, 5, 7);
        int d = digits(t, 8, 10);
        int h = digits(t, 11, 13);
        int mi = digits(t, 14, 16);
        int s = digits(t, 17, 19);
        if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 59) {
            return;
        }
        try {
            e.timestamp(LocalDateTime.of(y, mo, d, h, mi, s).atZone(zone).toInstant());
        } catch (DateTimeException impossible) {
            // the header's time stays
        }
    }

    private static int digits(String s, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    static String v(Map<String, String> f, String key) {
        return Events.value(f.get(key));
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
