package io.yagura.plugin.juniperscreenos;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.net.Addresses;
import io.yagura.format.net.Numbers;
import io.yagura.format.net.Ports;
import io.yagura.format.net.Transports;
import io.yagura.format.parser.Events;
import io.yagura.format.parser.GuardedParser;
import io.yagura.format.parser.Line;
import io.yagura.format.parser.Observer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads Juniper ScreenOS (SSG, ISG, NetScreen) syslog: the traffic log
 * ({@code NetScreen device_id=ssg5 [Root]system-notification-00257(traffic): start_time="..." duration=0
 * policy_id=119 service=udp/port:7001 proto=17 src zone=Trust dst zone=Untrust action=Deny sent=0 rcvd=0
 * src=... dst=... src_port=... dst_port=... [src-xlated ip=... port=...] [session_id=...] [reason=...]}),
 * the screen attack alarms ({@code [Root]system-emergency-00005: SYN flood! From a:p to b:p, proto TCP
 * (zone Untrust, int ethernet0/0). Occurred 1 times.}), the IPsec replay alarm and the policy traffic
 * alarms; management and system messages are ignored with their id. The mapping table is in
 * docs/vendors/juniper-screenos.md.
 */
final class JuniperScreenosParser extends GuardedParser {

    static final Observer OBSERVER = new Observer("Juniper", "ScreenOS", "firewall");

    static final String INGRESS_ZONE = "observer.ingress.zone";
    static final String EGRESS_ZONE = "observer.egress.zone";
    static final String VSYS = "juniper.screenos.vsys";
    static final String SERVICE = "juniper.screenos.service";
    static final String SESSION_ID = "juniper.screenos.session_id";
    static final String TUNNEL = "juniper.screenos.vpn_tunnel";
    static final String ATTACK_COUNT = "juniper.screenos.attack_count";

    /** Keys ScreenOS writes as two words ("src zone=Trust", "policy id=2", "src-xlated ip=..."). */
    private static final java.util.Set<String> KEY_PREFIXES = java.util.Set.of("src", "dst", "policy", "icmp",
            "src-xlated", "dst-xlated");

    @Override
    protected ParseResult parseLine(Line line) {
        ScreenosMessage m = ScreenosMessage.find(line.body(), line.context().zone());
        if (m == null) {
            return ParseResult.rejected("expected a ScreenOS message: 'NetScreen device_id=<id> [vsys]system-<level>-<id>: ...'"
                    + " or the event-log form '[nnnnn] yyyy-mm-dd hh:mm:ss [vsys]system-<level>-<id>: ...'");
        }
        String type = m.type() == null ? "" : m.type().toLowerCase(Locale.ROOT);
        if (type.contains("traffic alarm")) {
            return trafficAlarm(line, m);
        }
        if (type.equals("traffic")) {
            return traffic(line, m);
        }
        if (m.text().startsWith("Replay packet detected")) {
            return replay(line, m);
        }
        if (isAttackAlarm(m.text())) {
            return attack(line, m);
        }
        return ParseResult.ignored("ScreenOS " + m.level() + " message " + m.id()
                + ": management, configuration or system state, not a traffic log or attack alarm");
    }

    private static SecurityEvent event(Line line, ScreenosMessage m) {
        SecurityEvent e = line.newEvent(OBSERVER);
        if (m.time() != null) {
            e.timestamp(m.time());
        }
        if (m.tag() != null) {
            // the syslog tag is the device's own name; the header's host is the relay that wrote it down
            e.set(Ecs.OBSERVER_HOSTNAME, m.tag());
        }
        e.set(Ecs.OBSERVER_NAME, m.deviceId());
        e.set(VSYS, m.vsys());
        e.set(Ecs.EVENT_CODE, m.id());
        int severity = m.severity();
        if (severity >= 0) {
            e.set(Ecs.EVENT_SEVERITY, (long) severity);
        }
        e.set(Ecs.YAGURA_VENDOR_SEVERITY, m.level());
        e.set(Ecs.LOG_LEVEL, m.level());
        return e;
    }

    // ------------------------------------------------------------------ traffic log (00257)

    private static ParseResult traffic(Line line, ScreenosMessage m) {
        Map<String, String> f = trafficFields(m.text());
        String action = f.get("action");
        if (action == null) {
            return ParseResult.rejected("traffic log " + m.id() + " without action=: expected 'start_time=... policy_id=..."
                    + " proto=... src zone=... dst zone=... action=Permit|Deny|Drop|Reject|Tunnel ...'");
        }
        SecurityEvent e = event(line, m);
        String transport = Transports.transport(value(f.get("proto")));
        String a = action.toLowerCase(Locale.ROOT);
        boolean allowed = false;
        if (a.startsWith("permit") || a.startsWith("tunnel")) {
            allowed = true;
            Events.verdict(e, Ecs.ACTION_ALLOWED, Ecs.OUTCOME_SUCCESS, Ecs.CATEGORY_NETWORK);
            String reason = f.get("reason");
            boolean creation = reason != null && reason.toLowerCase(Locale.ROOT).startsWith("creation");
            Events.types(e, Ecs.TYPE_CONNECTION, creation ? Ecs.TYPE_START : Ecs.TYPE_END);
            allowed = !creation;
            int open = action.indexOf('(');
            if (open > 0 && action.endsWith(")")) {
                e.set(TUNNEL, action.substring(open + 1, action.length() - 1).trim());
            }
        } else if (a.startsWith("deny")) {
            Events.verdict(e, Ecs.ACTION_DENIED, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_NETWORK);
            Events.types(e, Ecs.TYPE_CONNECTION, Ecs.TYPE_DENIED);
        } else if (a.startsWith("drop")) {
            Events.verdict(e, Ecs.ACTION_DROPPED, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_NETWORK);
            Events.types(e, Ecs.TYPE_CONNECTION, Ecs.TYPE_DENIED);
        } else if (a.startsWith("reject")) {
            // Reject answers TCP with a reset (other protocols with ICMP unreachable)
            Events.verdict(e, "tcp".equals(transport) ? Ecs.ACTION_RESET : Ecs.ACTION_DENIED, Ecs.OUTCOME_FAILURE,
                    Ecs.CATEGORY_NETWORK);
            Events.types(e, Ecs.TYPE_CONNECTION, Ecs.TYPE_DENIED);
        } else {
            return ParseResult.rejected("traffic log " + m.id() + ": unknown action '" + action
                    + "', expected Permit, Deny, Drop, Reject or Tunnel");
        }
        e.set(Ecs.NETWORK_TRANSPORT, transport);
        Events.address(e, Ecs.SOURCE_IP, f.get("src"));
        Events.address(e, Ecs.DESTINATION_IP, f.get("dst"));
        if (!Transports.portless(transport)) {
            Events.port(e, Ecs.SOURCE_PORT, unparen(f.get("src_port")));
            Events.port(e, Ecs.DESTINATION_PORT, unparen(f.get("dst_port")));
            nat(e, f.get("src-xlated_ip"), unparen(f.get("src-xlated_port")), Ecs.SOURCE_IP, Ecs.SOURCE_PORT,
                    Ecs.SOURCE_NAT_IP, Ecs.SOURCE_NAT_PORT, true);
            nat(e, f.get("dst-xlated_ip"), unparen(f.get("dst-xlated_port")), Ecs.DESTINATION_IP, Ecs.DESTINATION_PORT,
                    Ecs.DESTINATION_NAT_IP, Ecs.DESTINATION_NAT_PORT, true);
        } else {
            nat(e, f.get("src-xlated_ip"), null, Ecs.SOURCE_IP, Ecs.SOURCE_PORT, Ecs.SOURCE_NAT_IP, Ecs.SOURCE_NAT_PORT, false);
            nat(e, f.get("dst-xlated_ip"), null, Ecs.DESTINATION_IP, Ecs.DESTINATION_PORT, Ecs.DESTINATION_NAT_IP,
                    Ecs.DESTINATION_NAT_PORT, false);
        }
        e.set(Ecs.YAGURA_POLICY, value(f.get("policy_id")));
        // zone names as written: "Null" and "self" are ScreenOS zones, not missing values
        e.set(INGRESS_ZONE, zone(f.get("src_zone")));
        e.set(EGRESS_ZONE, zone(f.get("dst_zone")));
        e.set(SERVICE, value(f.get("service")));
        String session = value(f.get("session_id"));
        e.set(SESSION_ID, "0".equals(session) ? null : session);
        e.set(Ecs.EVENT_REASON, value(f.get("reason")));
        if (allowed) {
            // a closed session: its volumes and length
            Long sent = Numbers.number(f.get("sent"));
            Long rcvd = Numbers.number(f.get("rcvd"));
            e.set(Ecs.SOURCE_BYTES, sent);
            e.set(Ecs.DESTINATION_BYTES, rcvd);
            if (sent != null && rcvd != null) {
                e.set(Ecs.NETWORK_BYTES, sent + rcvd);
            }
            Long duration = Numbers.number(f.get("duration"));
            if (duration != null && duration >= 0) {
                e.set(Ecs.EVENT_DURATION, duration * 1_000_000_000L);
            }
        }
        return ParseResult.parsed(e);
    }

    /**
     * The key=value list of a traffic log, with ScreenOS's two-word keys joined ("src zone" →
     * src_zone, "src-xlated ip" → src-xlated_ip and the "port=" after it → src-xlated_port) and unquoted
     * values that hold spaces ("service=msrpc Endpoint Mapper(tcp)", "action=Tunnel(VPN_3 03)") kept
     * whole.
     */
    static Map<String, String> trafficFields(String text) {
        Map<String, String> f = new HashMap<>(32);
        int n = text.length();
        int i = 0;
        String prefix = null;
        String lastKey = null;
        while (i < n && f.size() < 128) {
            while (i < n && text.charAt(i) == ' ') {
                i++;
            }
            int start = i;
            int eq = -1;
            while (i < n && text.charAt(i) != ' ') {
                if (text.charAt(i) == '=' && eq < 0) {
                    eq = i;
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        int close = text.indexOf('"', i + 2);
                        i = close < 0 ? n : close + 1;
                        continue;
                    }
                }
                i++;
            }
            if (i == start) {
                break;
            }
            if (eq > start) {
                String key = text.substring(start, eq);
                String value = text.substring(eq + 1, i);
                if (value.length() >= 2 && value.charAt(0) == '"' && value.charAt(value.length() - 1) == '"') {
                    value = value.substring(1, value.length() - 1);
                } else if (value.startsWith("\"")) {
                    value = value.substring(1);
                }
                if (prefix != null) {
                    key = prefix + "_" + key;
                    prefix = null;
                } else if (key.equals("port") && lastKey != null && lastKey.endsWith("xlated_ip")) {
                    key = lastKey.substring(0, lastKey.length() - 2) + "port";
                }
                f.putIfAbsent(key, value);
                lastKey = key;
            } else {
                String word = text.substring(start, i);
                if (KEY_PREFIXES.contains(word) && nextIsPair(text, i)) {
                    prefix = word;
                } else if (lastKey != null) {
                    f.put(lastKey, f.get(lastKey) + " " + word);
                }
            }
        }
        return f;
    }

    private static boolean nextIsPair(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        while (i < text.length() && text.charAt(i) != ' ') {
            if (text.charAt(i) == '=') {
                return true;
            }
            i++;
        }
        return false;
    }

    private static void nat(SecurityEvent e, String ipText, String portText, String ipField, String portField,
                            String natIpField, String natPortField, boolean ports) {
        String ip = Addresses.normalize(ipText);
        if (ip == null || ip.equals("0.0.0.0")) {
            return;
        }
        Long port = ports ? Ports.port(portText) : null;
        if (ip.equals(e.getString(ipField)) && (port == null || port.equals(e.get(portField)))) {
            return; // not translated
        }
        e.set(natIpField, ip);
        e.set(natPortField, port);
    }

    // ------------------------------------------------------------------ attack alarms

    /** "<attack>! From ..." (all releases), "<attack> From a to b, using protocol ..." (early ones). */
    static boolean isAttackAlarm(String text) {
        int from = text.indexOf(" From ");
        if (from <= 0) {
            return false;
        }
        return text.charAt(from - 1) == '!' || text.indexOf(" occurred ", from) > 0 || text.indexOf(" Occurred ", from) > 0;
    }

    private static ParseResult attack(Line line, ScreenosMessage m) {
        String text = m.text();
        int from = text.indexOf(" From ");
        String name = text.substring(0, from).trim();
        while (name.endsWith("!")) {
            name = name.substring(0, name.length() - 1).trim();
        }
        if (name.endsWith(" has been detected")) {
            name = name.substring(0, name.length() - " has been detected".length());
        }
        SecurityEvent e = event(line, m);
        e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
        // the screen options drop what they catch
        Events.verdict(e, Ecs.ACTION_DROPPED, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_IDS);
        e.set(Ecs.RULE_ID, m.id());
        e.set(Ecs.RULE_NAME, name);
        e.set(Ecs.RULE_CATEGORY, "screen");
        String rest = text.substring(from + 6);
        int to = rest.indexOf(" to ");
        String src = to < 0 ? rest : rest.substring(0, to);
        String transport = null;
        int proto = rest.indexOf(", proto ");
        int using = rest.indexOf(", using protocol ");
        if (proto >= 0) {
            transport = Transports.transport(word(rest, proto + 8));
        } else if (using >= 0) {
            transport = Transports.transport(word(rest, using + 17));
        }
        e.set(Ecs.NETWORK_TRANSPORT, transport);
        boolean ports = !Transports.portless(transport);
        endpoint(e, src.trim(), ports, Ecs.SOURCE_IP, Ecs.SOURCE_PORT);
        if (to >= 0) {
            String after = rest.substring(to + 4);
            if (after.startsWith("zone ")) {
                // "From a to zone Untrust, proto ..." (attacks on the zone itself)
                e.set(INGRESS_ZONE, word(after, 5));
            } else {
                int comma = after.indexOf(',');
                endpoint(e, (comma < 0 ? after : after.substring(0, comma)).trim(), ports, Ecs.DESTINATION_IP,
                        Ecs.DESTINATION_PORT);
            }
        }
        int zone = rest.indexOf("(zone ");
        if (zone >= 0) {
            e.set(INGRESS_ZONE, word(rest, zone + 6));
            int intf = rest.indexOf(" int ", zone);
            if (intf >= 0) {
                e.set(Ecs.OBSERVER_INGRESS_INTERFACE, word(rest, intf + 5));
            }
        } else {
            int intf = rest.indexOf("(int ");
            if (intf >= 0) {
                e.set(Ecs.OBSERVER_INGRESS_INTERFACE, word(rest, intf + 5));
            }
            int arriving = rest.indexOf("arriving at interface ");
            if (arriving >= 0) {
                e.set(Ecs.OBSERVER_INGRESS_INTERFACE, word(rest, arriving + 22));
                int inZone = rest.indexOf(" in zone ", arriving);
                if (inZone >= 0) {
                    e.set(INGRESS_ZONE, word(rest, inZone + 9));
                }
            }
        }
        int occurred = Math.max(rest.indexOf("Occurred "), rest.indexOf("occurred "));
        if (occurred >= 0) {
            e.set(ATTACK_COUNT, Numbers.number(word(rest, occurred + 9)));
        }
        return ParseResult.parsed(e);
    }

    /**
     * 00042: "Replay packet detected on IPSec tunnel on ethernet3 with tunnel ID 0x1c! From a to b/port,
     * ESP, SPI 0x..., SEQ 0x...": replayed ESP packets, which the device drops.
     */
    private static ParseResult replay(Line line, ScreenosMessage m) {
        String text = m.text();
        SecurityEvent e = event(line, m);
        e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
        Events.verdict(e, Ecs.ACTION_DROPPED, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_IDS);
        e.set(Ecs.RULE_ID, m.id());
        e.set(Ecs.RULE_NAME, "Replay packet detected on IPSec tunnel");
        e.set(Ecs.RULE_CATEGORY, "vpn");
        int on = text.indexOf("tunnel on ");
        if (on >= 0) {
            e.set(Ecs.OBSERVER_INGRESS_INTERFACE, word(text, on + 10));
        }
        if (text.contains(", ESP,")) {
            e.set(Ecs.NETWORK_TRANSPORT, "esp");
        }
        int from = text.indexOf(" From ");
        if (from >= 0) {
            String rest = text.substring(from + 6);
            int to = rest.indexOf(" to ");
            if (to >= 0) {
                Events.address(e, Ecs.SOURCE_IP, rest.substring(0, to).trim());
                String dst = word(rest, to + 4);
                int slash = dst.indexOf('/');
                Events.address(e, Ecs.DESTINATION_IP, slash < 0 ? dst : dst.substring(0, slash));
            }
        }
        return ParseResult.parsed(e);
    }

    /** 00001 "(second traffic alarm)": "Policy ID=14 Rate=180 bytes/sec exceeds threshold". */
    private static ParseResult trafficAlarm(Line line, ScreenosMessage m) {
        SecurityEvent e = event(line, m);
        e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
        Events.verdict(e, Ecs.ACTION_ALERT, Ecs.OUTCOME_UNKNOWN, Ecs.CATEGORY_NETWORK);
        // a rate the administrator set on a policy was exceeded: no attacker, no signature
        Events.types(e, Ecs.TYPE_INFO);
        String text = m.text();
        int id = text.indexOf("ID=");
        if (id >= 0) {
            e.set(Ecs.YAGURA_POLICY, word(text, id + 3));
        }
        int rate = text.indexOf("Rate=");
        e.set(Ecs.EVENT_REASON, rate >= 0 ? text.substring(rate).trim() : text);
        return ParseResult.parsed(e);
    }

    private static void endpoint(SecurityEvent e, String s, boolean ports, String ipField, String portField) {
        if (Events.address(e, ipField, s)) {
            return;
        }
        int c = s.lastIndexOf(':');
        if (c > 0 && Events.address(e, ipField, s.substring(0, c)) && ports) {
            Events.port(e, portField, s.substring(c + 1));
        }
    }

    /**
     * The token at {@code from}, up to a space, ',', ')' or a '.' that ends a sentence (not the '.' of
     * "ethernet0/0.1"): "in zone V1-Untrust.The attack occurred" gives "V1-Untrust".
     */
    private static String word(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        int start = i;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (c == ' ' || c == ',' || c == ')'
                    || (c == '.' && (i + 1 >= s.length() || !Character.isDigit(s.charAt(i + 1))))) {
                break;
            }
            i++;
        }
        return s.substring(start, i);
    }

    private static String unparen(String s) {
        if (s != null && s.length() > 2 && s.charAt(0) == '(' && s.charAt(s.length() - 1) == ')') {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    private static String zone(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    private static String value(String s) {
        return Events.value(s);
    }
}
