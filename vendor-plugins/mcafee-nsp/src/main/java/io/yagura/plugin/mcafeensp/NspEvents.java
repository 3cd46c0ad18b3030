package io.yagura.plugin.mcafeensp;

import static io.yagura.api.event.Ecs.ACTION_ALERT;
import static io.yagura.api.event.Ecs.ACTION_ALLOWED;
import static io.yagura.api.event.Ecs.ACTION_BLOCKED;
import static io.yagura.api.event.Ecs.ACTION_DENIED;
import static io.yagura.api.event.Ecs.ACTION_DROPPED;
import static io.yagura.api.event.Ecs.OUTCOME_FAILURE;
import static io.yagura.api.event.Ecs.OUTCOME_SUCCESS;
import static io.yagura.api.event.Ecs.OUTCOME_UNKNOWN;

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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** NSP notifications (canonical field names from {@link NspFormats}) to events. */
final class NspEvents {

    /** Zone abbreviations the Manager appends to $IV_ATTACK_TIME$ ("2012-06-05 15:28:05 EEST"), in hours*60+minutes. */
    private static final Map<String, Integer> ZONES = Map.ofEntries(
            Map.entry("UTC", 0), Map.entry("GMT", 0), Map.entry("Z", 0), Map.entry("WET", 0), Map.entry("WEST", 60),
            Map.entry("BST", 60), Map.entry("CET", 60), Map.entry("CEST", 120), Map.entry("EET", 120),
            Map.entry("EEST", 180), Map.entry("MSK", 180), Map.entry("IST", 330), Map.entry("SGT", 480),
            Map.entry("HKT", 480), Map.entry("JST", 540), Map.entry("KST", 540), Map.entry("AEST", 600),
            Map.entry("AEDT", 660), Map.entry("EST", -300), Map.entry("EDT", -240), Map.entry("CST", -360),
            Map.entry("CDT", -300), Map.entry("MST", -420), Map.entry("MDT", -360), Map.entry("PST", -480),
            Map.entry("PDT", -420));

    private NspEvents() {
    }

    // ------------------------------------------------------------------ alerts

    static ParseResult alert(SecurityEvent e, Map<String, String> f, ZoneId zone) {
        time(e, v(f, "time"), zone);
        e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
        e.set(Ecs.OBSERVER_NAME, v(f, "sensor"));
        e.set("event.id", v(f, "alertid"));
        e.set("mcafee.nsp.alert_type", v(f, "alerttype"));
        e.set("mcafee.nsp.alert_uuid", v(f, "uuid"));
        e.set("mcafee.nsp.admin_domain", v(f, "domain"));
        e.set("mcafee.nsp.sub_category", v(f, "subcategory"));
        e.set("mcafee.nsp.attack_count", Numbers.number(v(f, "count")));
        String name = v(f, "name");
        String category = v(f, "category");
        e.set(Ecs.RULE_NAME, name);
        e.set(Ecs.RULE_ID, v(f, "id"));
        e.set(Ecs.RULE_CATEGORY, category);
        String severity = v(f, "severity");
        e.set(Ecs.YAGURA_VENDOR_SEVERITY, severity);
        e.set(Ecs.LOG_LEVEL, severity);
        e.set(Ecs.EVENT_SEVERITY, Numbers.number(severity));
        verdict(e, f);
        boolean informational = severity != null
                && (severity.equalsIgnoreCase("informational") || severity.equalsIgnoreCase("info"));
        if (informational) {
            Events.types(e, Ecs.TYPE_INFO);
        }
        e.set(Ecs.NETWORK_DIRECTION, direction(v(f, "direction")));
        endpoints(e, f);
        String app = v(f, "appproto");
        e.set(Ecs.NETWORK_PROTOCOL, app == null ? null : app.toLowerCase(Locale.ROOT));
        e.set(Ecs.OBSERVER_INGRESS_INTERFACE, v(f, "interface"));
        e.set(Ecs.FILE_NAME, v(f, "file"));
        String md5 = v(f, "md5");
        e.set("file.hash.md5", md5 == null ? null : md5.toLowerCase(Locale.ROOT));
        e.set("mcafee.nsp.virus_name", v(f, "virus"));
        Events.vulnerabilities(e, name, f.get("signature"), f.get("cve"));
        return ParseResult.parsed(e);
    }

    /**
     * The result the sensor states wins for the outcome (Attack Successful: success; Attack Failed:
     * failure; Blocked: failure); the action is blocked when the sensor blocked (the result says so,
     * or the alert type is a drop/block), else alert.
     */
    private static void verdict(SecurityEvent e, Map<String, String> f) {
        NspValues.Result result = NspValues.result(v(f, "result"));
        String type = lower(v(f, "alerttype"));
        boolean blocked = result == NspValues.Result.BLOCKED
                || (type != null && (type.contains("drop") || type.contains("block")));
        String action = blocked ? ACTION_BLOCKED : ACTION_ALERT;
        String outcome = switch (result) {
            case SUCCESS -> OUTCOME_SUCCESS;
            case FAILED, BLOCKED -> OUTCOME_FAILURE;
            default -> blocked ? OUTCOME_FAILURE : OUTCOME_UNKNOWN;
        };
        List<String> categories = new ArrayList<>(3);
        categories.add(Ecs.CATEGORY_IDS);
        categories.add(Ecs.CATEGORY_NETWORK);
        String category = lower(v(f, "category"));
        if ((category != null && (category.contains("malware") || category.startsWith("bot")))
                || v(f, "virus") != null || v(f, "md5") != null) {
            categories.add(Ecs.CATEGORY_MALWARE);
        }
        Events.verdict(e, action, outcome, categories.toArray(new String[0]));
    }

    // ------------------------------------------------------------------ firewall (ACL) logs

    static ParseResult firewall(SecurityEvent e, Map<String, String> f, ZoneId zone) {
        String action = lower(v(f, "acl_action"));
        if (action == null) {
            return ParseResult.rejected("firewall log without acl_action: expected PERMIT, DENY, DROP...");
        }
        if (action.contains("permit") || action.equals("allow") || action.equals("scan") || action.contains("trust")) {
            Events.verdict(e, ACTION_ALLOWED, OUTCOME_SUCCESS, Ecs.CATEGORY_NETWORK);
            Events.types(e, Ecs.TYPE_CONNECTION, Ecs.TYPE_ALLOWED);
        } else if (action.contains("drop")) {
            Events.verdict(e, ACTION_DROPPED, OUTCOME_FAILURE, Ecs.CATEGORY_NETWORK);
            Events.types(e, Ecs.TYPE_CONNECTION, Ecs.TYPE_DENIED);
        } else if (action.contains("deny") || action.contains("reject") || action.contains("block")) {
            Events.verdict(e, ACTION_DENIED, OUTCOME_FAILURE, Ecs.CATEGORY_NETWORK);
            Events.types(e, Ecs.TYPE_CONNECTION, Ecs.TYPE_DENIED);
        } else {
            return ParseResult.rejected("firewall log with unknown acl_action '" + clip(action)
                    + "': expected PERMIT, DENY, DROP, REJECT");
        }
        time(e, v(f, "time"), zone);
        e.set(Ecs.OBSERVER_NAME, v(f, "sensor"));
        e.set(Ecs.YAGURA_POLICY, v(f, "policy"));
        e.set("mcafee.nsp.acl_rule_id", v(f, "rule_id"));
        e.set("mcafee.nsp.admin_domain", v(f, "domain"));
        e.set(Ecs.NETWORK_DIRECTION, direction(v(f, "direction")));
        String proto = v(f, "acl_protocol");
        endpoints(e, f, proto != null ? proto : v(f, "proto"));
        e.set(Ecs.OBSERVER_INGRESS_INTERFACE, v(f, "interface"));
        e.set(Ecs.USER_NAME, v(f, "user"));
        return ParseResult.parsed(e);
    }

    // ------------------------------------------------------------------ audit logs

    static ParseResult audit(SecurityEvent e, Map<String, String> f, ZoneId zone) {
        String action = v(f, "audit_action");
        if (action == null) {
            return ParseResult.rejected("audit log without audit_action");
        }
        String a = action.toLowerCase(Locale.ROOT);
        String result = lower(v(f, "audit_result"));
        boolean failed = result != null && (result.startsWith("fail") || result.contains("denied"));
        if (a.contains("logout") || a.contains("log out") || a.contains("logoff") || a.contains("log off")) {
            return ParseResult.ignored("Manager user logout, no security verdict");
        }
        if (a.contains("login") || a.contains("log in") || a.contains("logon") || a.contains("sign in")) {
            if (failed) {
                Events.verdict(e, ACTION_DENIED, OUTCOME_FAILURE, Ecs.CATEGORY_AUTHENTICATION);
            } else {
                Events.verdict(e, ACTION_ALLOWED, OUTCOME_SUCCESS, Ecs.CATEGORY_AUTHENTICATION);
            }
            Events.types(e, Ecs.TYPE_START);
        } else if (failed) {
            Events.verdict(e, ACTION_DENIED, OUTCOME_FAILURE, Ecs.CATEGORY_CONFIGURATION);
            Events.types(e, "change");
        } else {
            Events.verdict(e, ACTION_ALLOWED, OUTCOME_SUCCESS, Ecs.CATEGORY_CONFIGURATION);
            Events.types(e, "change");
        }
        time(e, v(f, "audit_time"), zone);
        e.set(Ecs.MESSAGE, action);
        e.set(Ecs.USER_NAME, v(f, "user"));
        e.set("mcafee.nsp.audit_category", v(f, "category"));
        e.set("mcafee.nsp.admin_domain", v(f, "audit_domain"));
        return ParseResult.parsed(e);
    }

    // ------------------------------------------------------------------ shared

    private static void endpoints(SecurityEvent e, Map<String, String> f) {
        endpoints(e, f, v(f, "proto"));
    }

    private static void endpoints(SecurityEvent e, Map<String, String> f, String protocol) {
        String transport = Transports.transport(protocol);
        e.set(Ecs.NETWORK_TRANSPORT, transport);
        host(e, Ecs.SOURCE_IP, Ecs.SOURCE_DOMAIN, v(f, "srcip"), v(f, "srcname"));
        host(e, Ecs.DESTINATION_IP, Ecs.DESTINATION_DOMAIN, v(f, "dstip"), v(f, "dstname"));
        if (!Transports.portless(transport)) {
            Events.port(e, Ecs.SOURCE_PORT, v(f, "srcport"));
            Events.port(e, Ecs.DESTINATION_PORT, v(f, "dstport"));
        }
    }

    private static void host(SecurityEvent e, String ipField, String domainField, String address, String name) {
        if (!Events.address(e, ipField, address) && Addresses.isHostName(address)) {
            e.set(domainField, address);
        }
        if (name != null && !e.has(domainField) && Addresses.isHostName(name) && !Addresses.isAddress(name)) {
            e.set(domainField, name);
        }
    }

    private static String direction(String d) {
        String x = lower(d);
        if (x == null) {
            return null;
        }
        return switch (x) {
            case "inbound", "incoming" -> Ecs.DIRECTION_INBOUND;
            case "outbound", "outgoing" -> Ecs.DIRECTION_OUTBOUND;
            case "internal" -> Ecs.DIRECTION_INTERNAL;
            default -> null; // Unknown, Both
        };
    }

    /**
     * {@code 2020-12-28 19:08:26 UTC}, {@code 2012-06-05 15:28:05 EEST}, with an optional offset
     * ({@code +03:00}) or none (the device's zone); leaves the header time when unreadable.
     */
    static void time(SecurityEvent e, String text, ZoneId deviceZone) {
        if (text == null || text.length() < 19) {
            return;
        }
        String t = text.trim();
        if (t.length() < 19 || t.charAt(4) != '-' || t.charAt(7) != '-' || (t.charAt(10) != ' ' && t.charAt(10) != 'T')
                || t.charAt(13) != ':' || t.charAt(16) != ':') {
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
        int i = 19;
        int nanos = 0;
        if (i < t.length() && t.charAt(i) == '.') {
            int start = ++i;
            while (i < t.length() && Character.isDigit(t.charAt(i)) && i - start < 9) {
                nanos = nanos * 10 + (t.charAt(i) - '0');
                i++;
            }
            for (int k = i - start; k < 9; k++) {
                nanos *= 10;
            }
        }
        String zoneText = t.substring(i).trim();
        ZoneId zone = deviceZone;
        if (!zoneText.isEmpty()) {
            Integer minutes = ZONES.get(zoneText.toUpperCase(Locale.ROOT));
            if (minutes != null) {
                zone = ZoneOffset.ofTotalSeconds(minutes * 60);
            } else if (zoneText.charAt(0) == '+' || zoneText.charAt(0) == '-') {
                try {
                    zone = ZoneOffset.of(zoneText.length() == 5 ? zoneText.substring(0, 3) + ":" + zoneText.substring(3) : zoneText);
                } catch (DateTimeException notAnOffset) {
                    zone = deviceZone;
                }
            }
        }
        try {
            Instant at = LocalDateTime.of(y, mo, d, h, mi, s, nanos).atZone(zone).toInstant();
            e.timestamp(at);
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

    /** The value, null for NSP's "no value" markers (N/A, n/a, empty). */
    static String v(Map<String, String> f, String key) {
        return Events.value(f.get(key));
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    static String clip(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "..." : s;
    }
}
