package io.yagura.plugin.checkpoint;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.net.Addresses;
import io.yagura.format.net.Ports;
import io.yagura.format.net.Transports;
import io.yagura.format.parser.Events;
import java.util.Locale;
import java.util.Set;

/**
 * Check Point records to events, the same for every format. Field names and values are those of
 * the Log Exporter "Log Fields" (Check Point R80.x/R81.x Logging and Monitoring Administration Guide);
 * the mapping table is in docs/vendors/checkpoint.md.
 */
final class CpEvents {

    static final String PREFIX = "checkpoint.";

    /** The blade that wrote a record, from its product field. */
    enum Blade { FIREWALL, IPS, ANTI_BOT, ANTI_VIRUS, THREAT_EMULATION, URL_FILTERING, APPLICATION_CONTROL,
        HTTPS_INSPECTION, ANTI_SPAM, DLP, OTHER_THREAT }

    /** Actions that are session bookkeeping of VPN and Identity Awareness, not security events. */
    private static final Set<String> HOUSEKEEPING = Set.of("key install", "authorize", "deauthorize", "log out",
            "logout", "update", "install", "uninstall");

    private static final String[] SEVERITY_WORDS = {null, "informational", "low", "medium", "high", "critical"};

    private CpEvents() {
    }

    static ParseResult map(CpRecord r, SecurityEvent e) {
        String action = r.get("action");
        String product = r.get("product");
        if (action == null) {
            return ParseResult.ignored("Check Point log without an action: system, update, audit or device-status record");
        }
        String a = action.toLowerCase(Locale.ROOT).trim();
        if (HOUSEKEEPING.contains(a)) {
            return ParseResult.ignored("VPN key exchange, identity or session record: no security event");
        }
        Blade blade = blade(product, r);
        boolean hasAddress = r.get("src") != null || r.get("dst") != null;
        boolean hasThreat = r.first("protection_name", "attack", "malware_family", "protection_id") != null;
        if (!hasAddress && !hasThreat && r.get("user") == null && r.get("src_user_name") == null) {
            return ParseResult.ignored("Check Point record with an action but no addresses, user or protection (cut or summary)");
        }
        e.set(PREFIX + "product", product);
        String transport = Transports.transport(r.get("proto"));
        boolean tcp = "tcp".equals(transport);
        if (a.equals("log in") || a.equals("login") || a.equals("failed log in") || a.equals("failed login")) {
            boolean ok = !a.startsWith("failed");
            Events.verdict(e, ok ? Ecs.ACTION_ALLOWED : Ecs.ACTION_DENIED, ok ? Ecs.OUTCOME_SUCCESS : Ecs.OUTCOME_FAILURE,
                    Ecs.CATEGORY_AUTHENTICATION);
            Events.types(e, Ecs.TYPE_START);
        } else {
            String verdict = verdict(a, tcp);
            if (verdict == null) {
                return ParseResult.rejected("Check Point log with unknown action '" + action + "'");
            }
            String outcome = switch (verdict) {
                case Ecs.ACTION_ALLOWED -> Ecs.OUTCOME_SUCCESS;
                case Ecs.ACTION_ALERT -> Ecs.OUTCOME_UNKNOWN;
                default -> Ecs.OUTCOME_FAILURE;
            };
            boolean threat = isThreat(blade) || hasThreat;
            Events.verdict(e, verdict, outcome, categories(blade, hasThreat));
            if (threat) {
                e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
            } else if (blade == Blade.FIREWALL) {
                Events.types(e, Ecs.TYPE_CONNECTION,
                        verdict.equals(Ecs.ACTION_ALLOWED) ? Ecs.TYPE_START : Ecs.TYPE_DENIED);
            }
            if (threat) {
                e.set(Ecs.RULE_NAME, r.first("protection_name", "attack_info", "malware_family", "attack"));
                e.set(Ecs.RULE_ID, r.get("protection_id"));
                String attack = r.first("attack", threatCefMessage(r));
                e.set(Ecs.RULE_CATEGORY, attack != null && !attack.equals(e.getString(Ecs.RULE_NAME)) ? attack
                        : r.first("malware_family", "protection_type"));
                Events.vulnerabilities(e, r.get("industry_reference"), r.get("protection_name"), r.get("attack_info"));
                e.set(PREFIX + "confidence_level", r.get("confidence_level"));
                e.set(PREFIX + "performance_impact", r.get("performance_impact"));
                e.set(PREFIX + "protection_type", r.get("protection_type"));
            } else if (blade == Blade.URL_FILTERING) {
                e.set(Ecs.RULE_CATEGORY, r.get("matched_category"));
            }
        }
        severity(r, e);
        if (e.has(Ecs.EVENT_SEVERITY) && e.getLong(Ecs.EVENT_SEVERITY) == 1L && Ecs.KIND_ALERT.equals(e.get(Ecs.EVENT_KIND))) {
            Events.types(e, Ecs.TYPE_INFO);
        }
        session(r, e, transport);
        e.set(Ecs.YAGURA_POLICY, r.first("rule_name", "tp_rule_name", "rule", "rule_uid"));
        e.set(PREFIX + "layer_name", r.get("layer_name"));
        e.set(PREFIX + "rule_uid", r.get("rule_uid"));
        e.set(PREFIX + "service_id", r.get("service_id"));
        e.set(Ecs.URL_ORIGINAL, r.get("resource"));
        e.set(Ecs.HTTP_REQUEST_METHOD, r.get("method"));
        e.set(Ecs.FILE_NAME, r.get("file_name"));
        e.set("file.hash.md5", lowerHex(r.get("file_md5"), 32));
        e.set(Ecs.FILE_HASH_SHA256, lowerHex(r.get("file_sha256"), 64));
        e.set(Ecs.NETWORK_APPLICATION, r.get("appi_name"));
        e.set(Ecs.EVENT_REASON, r.first("reason", "tcp_packet_out_of_state", "reject_category", "malware_action"));
        e.set(PREFIX + "verdict", r.get("verdict"));
        e.set(Ecs.MESSAGE, r.first(isThreat(blade) || hasThreat ? "description" : "msg", "ike"));
        return ParseResult.parsed(e);
    }

    /** The CEF msg carries the attack of threat-prevention logs (Check Point maps "attack" to msg). */
    private static String threatCefMessage(CpRecord r) {
        return r.format == CpRecord.Format.CEF ? "msg" : "attack";
    }

    static Blade blade(String product, CpRecord r) {
        String p = product == null ? "" : product.toLowerCase(Locale.ROOT);
        if (p.equals("smartdefense") || p.equals("ips") || p.contains("intrusion prevention")) {
            return Blade.IPS;
        }
        if (p.contains("anti-bot") || p.contains("anti bot")) {
            return Blade.ANTI_BOT;
        }
        if (p.contains("anti-virus") || p.contains("anti virus") || p.contains("anti-malware") || p.contains("anti malware")) {
            return Blade.ANTI_VIRUS;
        }
        if (p.contains("threat emulation") || p.contains("threat extraction")) {
            return Blade.THREAT_EMULATION;
        }
        if (p.contains("url filtering")) {
            return Blade.URL_FILTERING;
        }
        if (p.contains("application control")) {
            return Blade.APPLICATION_CONTROL;
        }
        if (p.contains("https inspection")) {
            return Blade.HTTPS_INSPECTION;
        }
        if (p.contains("anti-spam") || p.contains("anti spam") || p.contains("email security")) {
            return Blade.ANTI_SPAM;
        }
        if (p.equals("dlp") || p.contains("data loss")) {
            return Blade.DLP;
        }
        if (p.contains("threat prevention") || p.contains("zero phishing") || p.contains("threat")) {
            return Blade.OTHER_THREAT;
        }
        return Blade.FIREWALL;
    }

    private static boolean isThreat(Blade b) {
        return switch (b) {
            case IPS, ANTI_BOT, ANTI_VIRUS, THREAT_EMULATION, ANTI_SPAM, DLP, OTHER_THREAT -> true;
            default -> false;
        };
    }

    private static String[] categories(Blade b, boolean hasThreat) {
        return switch (b) {
            case IPS, OTHER_THREAT -> new String[] {Ecs.CATEGORY_IDS};
            case ANTI_BOT -> new String[] {Ecs.CATEGORY_MALWARE, Ecs.CATEGORY_IDS};
            case ANTI_VIRUS, THREAT_EMULATION -> new String[] {Ecs.CATEGORY_MALWARE};
            case URL_FILTERING -> new String[] {Ecs.CATEGORY_WEB};
            case ANTI_SPAM -> new String[] {"email"};
            case DLP -> new String[] {Ecs.CATEGORY_FILE};
            default -> hasThreat ? new String[] {Ecs.CATEGORY_IDS} : new String[] {Ecs.CATEGORY_NETWORK};
        };
    }

    /**
     * The Check Point action in the shared vocabulary; null for a word the documentation does not
     * list. Reject blocks and notifies the sender: for TCP with a RST (reset), otherwise with an ICMP
     * unreachable (denied).
     */
    static String verdict(String a, boolean tcp) {
        return switch (a) {
            case "accept", "allow", "bypass", "https bypass", "encrypt", "decrypt", "inspect", "redirect" ->
                    Ecs.ACTION_ALLOWED;
            case "drop" -> Ecs.ACTION_DROPPED;
            case "reject" -> tcp ? Ecs.ACTION_RESET : Ecs.ACTION_DENIED;
            case "block", "prevent", "quarantine", "replace malicious code", "extract", "clean" -> Ecs.ACTION_BLOCKED;
            case "detect", "monitored", "monitor", "flag", "log", "inform", "inform user", "ask", "ask user" ->
                    Ecs.ACTION_ALERT;
            default -> null;
        };
    }

    private static void session(CpRecord r, SecurityEvent e, String transport) {
        Events.address(e, Ecs.SOURCE_IP, nonZero(r.get("src")));
        Events.address(e, Ecs.DESTINATION_IP, nonZero(r.get("dst")));
        e.set(Ecs.NETWORK_TRANSPORT, transport);
        boolean ports = !Transports.portless(transport);
        if (ports) {
            port(e, Ecs.SOURCE_PORT, r.get("s_port"));
            port(e, Ecs.DESTINATION_PORT, r.get("service"));
        }
        if (Events.address(e, Ecs.SOURCE_NAT_IP, nonZero(r.get("xlatesrc"))) && ports) {
            port(e, Ecs.SOURCE_NAT_PORT, r.get("xlatesport"));
        }
        if (Events.address(e, Ecs.DESTINATION_NAT_IP, nonZero(r.get("xlatedst"))) && ports) {
            port(e, Ecs.DESTINATION_NAT_PORT, r.get("xlatedport"));
        }
        String dir = r.get("ifdir");
        String ifname = r.get("ifname");
        if ("daemon".equals(ifname)) {
            ifname = null; // the gateway's own daemons (VPN, IKE), not an interface
        }
        if ("inbound".equalsIgnoreCase(dir)) {
            e.set(Ecs.NETWORK_DIRECTION, Ecs.DIRECTION_INBOUND);
            e.set(Ecs.OBSERVER_INGRESS_INTERFACE, ifname);
        } else if ("outbound".equalsIgnoreCase(dir)) {
            e.set(Ecs.NETWORK_DIRECTION, Ecs.DIRECTION_OUTBOUND);
            e.set(Ecs.OBSERVER_EGRESS_INTERFACE, ifname);
        }
        e.set("observer.ingress.zone", r.get("inzone"));
        e.set("observer.egress.zone", r.get("outzone"));
        e.set(Ecs.USER_NAME, r.first("user", "src_user_name"));
        String origin = r.get("origin");
        if (!Events.address(e, "observer.ip", origin) && origin != null && Addresses.isHostName(origin)) {
            e.set(Ecs.OBSERVER_NAME, origin);
        }
        String sic = r.first("originsicname", "origin_sic_name");
        if (sic != null) {
            String cn = commonName(sic);
            if (cn != null) {
                e.set(Ecs.OBSERVER_NAME, cn);
            }
        }
    }

    /** CN of a SIC name "CN=fw1,O=mgmt..abc123" (case-insensitive), else null. */
    static String commonName(String sic) {
        int at = sic.toLowerCase(Locale.ROOT).indexOf("cn=");
        if (at < 0) {
            return null;
        }
        int end = sic.indexOf(',', at);
        String cn = (end < 0 ? sic.substring(at + 3) : sic.substring(at + 3, end)).trim();
        return cn.isEmpty() ? null : cn;
    }

    /** Severity words (Informational...Critical, Very-High) or Check Point's 0-4 numbers as 1-5. */
    private static void severity(CpRecord r, SecurityEvent e) {
        String s = r.get("severity");
        if (s == null) {
            return;
        }
        int n = switch (s.toLowerCase(Locale.ROOT).trim()) {
            case "informational", "info", "0" -> 1;
            case "low", "1" -> 2;
            case "medium", "2" -> 3;
            case "high", "3" -> 4;
            case "critical", "very-high", "very high", "4" -> 5;
            default -> 0;
        };
        if (n > 0) {
            e.set(Ecs.EVENT_SEVERITY, (long) n);
            e.set(Ecs.YAGURA_VENDOR_SEVERITY, s);
            e.set(Ecs.LOG_LEVEL, SEVERITY_WORDS[n]);
        }
    }

    private static void port(SecurityEvent e, String field, String text) {
        Long p = Ports.port(text);
        if (p != null && p > 0) {
            e.set(field, p);
        }
    }

    private static String nonZero(String ip) {
        return ip == null || ip.equals("0.0.0.0") || ip.equals("::") ? null : ip;
    }

    private static String lowerHex(String s, int length) {
        if (s == null || s.length() != length) {
            return null;
        }
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return null;
            }
        }
        return s.toLowerCase(Locale.ROOT);
    }

}
