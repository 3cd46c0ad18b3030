package io.yagura.plugin.ciscofirepower;

import static io.yagura.api.event.Ecs.ACTION_ALERT;
import static io.yagura.api.event.Ecs.ACTION_ALLOWED;
import static io.yagura.api.event.Ecs.ACTION_BLOCKED;
import static io.yagura.api.event.Ecs.ACTION_DENIED;
import static io.yagura.api.event.Ecs.ACTION_RESET;
import static io.yagura.api.event.Ecs.OUTCOME_FAILURE;
import static io.yagura.api.event.Ecs.OUTCOME_SUCCESS;
import static io.yagura.api.event.Ecs.OUTCOME_UNKNOWN;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.net.Addresses;
import io.yagura.format.net.Numbers;
import io.yagura.format.net.Ports;
import io.yagura.format.net.Transports;
import io.yagura.format.parser.Events;
import java.util.Locale;
import java.util.Map;

/**
 * Firepower's own events, as FTD ({@code %FTD-1-4300nn:}), Firepower 7000/8000 NGIPS
 * ({@code %NGIPS-1-4300nn:}) and the FMC send them: 430001 intrusion, 430002 / 430003 connection
 * start / end, 430004 file and 430005 malware events, each a {@code Key: value, ...} list
 * ({@link FirepowerFields}) with the field names of Cisco's "Security Event Syslog Message Fields"
 * (FTD syslog guide, "Security Event Syslog Messages"). The legacy Sourcefire connection form
 * ({@code SFIMS: ... Connection Type: Start, ...}) is mapped onto the same names by {@link Sfims}
 * and read here too.
 */
final class FirepowerEvents {

    static final String PREFIX = "cisco.firepower.";

    private FirepowerEvents() {
    }

    // ------------------------------------------------------------------ 430001 intrusion

    /**
     * 430001: GID:SID:Revision is the signature (rule.id = SID, the GID in cisco.firepower.gid,
     * rule.version = revision), Message = rule.name, Classification = rule.category, Priority (1 high
     * .. 4 very low) = event.severity. InlineResult "Blocked" (also "Dropped", "Partially Blocked"):
     * the IPS stopped it, blocked; "Would have blocked" or absent: alert.
     */
    static ParseResult intrusion(SecurityEvent e, Map<String, String> f) {
        String sid = v(f, "SID");
        String message = v(f, "Message");
        if (sid == null && message == null) {
            return ParseResult.rejected("430001: no SID or Message field: expected 'GID: n, SID: n, Revision: n,"
                    + " Message: text' among the intrusion event fields");
        }
        String inline = v(f, "InlineResult");
        String result = inline == null ? "" : inline.toLowerCase(Locale.ROOT);
        boolean blocked = !result.startsWith("would") && (result.contains("block") || result.contains("drop"));
        e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
        if (blocked) {
            Events.verdict(e, ACTION_BLOCKED, OUTCOME_FAILURE, Ecs.CATEGORY_NETWORK, Ecs.CATEGORY_IDS);
        } else {
            Events.verdict(e, ACTION_ALERT, OUTCOME_UNKNOWN, Ecs.CATEGORY_NETWORK, Ecs.CATEGORY_IDS);
        }
        e.set(PREFIX + "inline_result", inline);
        e.set(Ecs.EVENT_REASON, v(f, "InlineResultReason"));
        signature(e, v(f, "GID"), sid, v(f, "Revision"), message, v(f, "Classification"), v(f, "Priority"));
        e.set(PREFIX + "intrusion_policy", v(f, "IntrusionPolicy"));
        e.set(PREFIX + "impact", v(f, "Impact"));
        common(e, f);
        return ParseResult.parsed(e);
    }

    /** The Snort signature fields, shared with the SFIMS forms ("[1:2013028:3] message"). */
    static void signature(SecurityEvent e, String gid, String sid, String revision, String message, String classification,
                          String priority) {
        e.set(Ecs.RULE_ID, sid);
        e.set(Ecs.RULE_NAME, message);
        e.set(Ecs.RULE_CATEGORY, classification);
        e.set("rule.version", revision);
        e.set(PREFIX + "gid", Numbers.number(gid));
        Long p = Numbers.number(priority);
        if (p != null) {
            e.set(Ecs.EVENT_SEVERITY, p);
            e.set(Ecs.YAGURA_VENDOR_SEVERITY, p.toString());
        }
        Events.vulnerabilities(e, message);
    }

    // ------------------------------------------------------------------ 430002 / 430003 connections

    /**
     * Connection start (430002) or end (430003). AccessControlRuleAction: Allow, Trust, Monitor,
     * Fastpath, Analyze → allowed; Block, Interactive Block → denied; ... with reset → reset. A
     * security function's block (AccessControlRuleReason "IP Block", "URL Block", "DNS Block", "File
     * Block", "Intrusion Block", "SSL Block") → blocked. A Security Intelligence match (SecIntMatchingIP,
     * *SICategory) makes it an alert (event.kind alert, category threat) with the threat fields; a
     * monitored match ("IP Monitor") that was let through → alert.
     */
    static ParseResult connection(SecurityEvent e, Map<String, String> f, Boolean start, String where) {
        String actionText = v(f, "AccessControlRuleAction");
        if (actionText == null) {
            return ParseResult.rejected(where + ": no AccessControlRuleAction: expected 'AccessControlRuleAction:"
                    + " Allow|Trust|Monitor|Block|Block with reset, SrcIP: ..., DstIP: ...'");
        }
        String action = ruleAction(actionText);
        if (action == null) {
            return ParseResult.rejected(where + ": unknown AccessControlRuleAction '" + shorten(actionText)
                    + "': expected Allow, Trust, Monitor, Fastpath, Analyze, Block, Interactive Block or ... with reset");
        }
        String reason = v(f, "AccessControlRuleReason");
        String r = reason == null ? "" : reason.toLowerCase(Locale.ROOT);
        boolean securityBlock = r.endsWith("block") && !r.startsWith("interactive");
        boolean monitored = r.endsWith("monitor");
        String siSide = siSide(v(f, "SecIntMatchingIP"));
        String siCategory = first(v(f, "IPReputationSICategory"), v(f, "URLSICategory"), v(f, "DNSSICategory"),
                v(f, "SecurityIntelligenceCategory"));
        boolean si = siSide != null || siCategory != null || r.startsWith("ip ") || r.startsWith("dns ")
                || r.startsWith("url ") && siCategory != null;
        if (securityBlock) {
            action = ACTION_BLOCKED;
        } else if (si && monitored && ACTION_ALLOWED.equals(action)) {
            action = ACTION_ALERT;
        }
        String outcome = ACTION_ALLOWED.equals(action) ? OUTCOME_SUCCESS
                : ACTION_ALERT.equals(action) ? OUTCOME_UNKNOWN : OUTCOME_FAILURE;
        if (si) {
            e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
            Events.verdict(e, action, outcome, Ecs.CATEGORY_NETWORK, Ecs.CATEGORY_THREAT);
        } else {
            Events.verdict(e, action, outcome, Ecs.CATEGORY_NETWORK);
        }
        if (ACTION_ALLOWED.equals(action) || ACTION_ALERT.equals(action)) {
            if (start == null) {
                Events.types(e, Ecs.TYPE_CONNECTION);
            } else {
                Events.types(e, Ecs.TYPE_CONNECTION, start ? Ecs.TYPE_START : Ecs.TYPE_END);
            }
        } else {
            Events.types(e, Ecs.TYPE_CONNECTION, Ecs.TYPE_DENIED);
        }
        e.set(Ecs.EVENT_REASON, reason);
        common(e, f);
        if (si) {
            securityIntelligence(e, f, siSide, siCategory);
        }
        return ParseResult.parsed(e);
    }

    /** The shared vocabulary for an access control rule action, or null for an unknown one. */
    static String ruleAction(String text) {
        String a = clean(text).toLowerCase(Locale.ROOT);
        if (a.endsWith("with reset")) {
            return ACTION_RESET;
        }
        if (a.equals("block") || a.equals("interactive block") || a.equals("deny")) {
            return ACTION_DENIED;
        }
        return switch (a) {
            case "allow", "trust", "monitor", "fastpath", "analyze", "allow with warning", "default action" -> ACTION_ALLOWED;
            default -> null;
        };
    }

    /** Source or Destination: the side whose address is on a Security Intelligence list. */
    private static String siSide(String matching) {
        if (matching == null) {
            return null;
        }
        String m = matching.toLowerCase(Locale.ROOT);
        return m.startsWith("source") ? "source" : m.startsWith("destination") ? "destination" : null;
    }

    private static void securityIntelligence(SecurityEvent e, Map<String, String> f, String side, String category) {
        e.set(PREFIX + "secint_matching_ip", v(f, "SecIntMatchingIP"));
        if (side != null) {
            e.set("threat.indicator.ip", e.getString(side + ".ip"));
        }
        if (v(f, "DNSSICategory") != null) {
            e.set("threat.indicator.url.domain", v(f, "DNSQuery"));
        }
        if (v(f, "URLSICategory") != null) {
            e.set("threat.indicator.url.original", v(f, "URL"));
        }
        e.set(Ecs.RULE_NAME, category);
        e.set(Ecs.RULE_CATEGORY, category);
        e.set(Ecs.RULE_RULESET, "Security Intelligence");
    }

    // ------------------------------------------------------------------ 430004 file, 430005 malware

    /**
     * 430004 file event and 430005 malware event. A malware disposition (SHA_Disposition Malware or
     * Custom Detection) or a named threat makes it a malware alert: FileAction "... Block" → blocked,
     * otherwise alert. A plain file event (file type rule) is allowed ("Detect") or blocked ("Block").
     * A malware lookup without a verdict (disposition Unknown/Unavailable, no threat name) stays an
     * event with outcome unknown.
     */
    static ParseResult file(SecurityEvent e, Map<String, String> f, boolean malwareEvent, String where) {
        String action = v(f, "FileAction");
        String name = v(f, "FileName");
        String sha = v(f, "FileSHA256");
        if (action == null && name == null && sha == null) {
            return ParseResult.rejected(where + ": no FileAction, FileName or FileSHA256: expected the file event fields");
        }
        String a = action == null ? "" : action.toLowerCase(Locale.ROOT);
        boolean block = a.contains("block");
        String disposition = v(f, "SHA_Disposition");
        String d = disposition == null ? "" : disposition.toLowerCase(Locale.ROOT);
        String threat = threatName(v(f, "ThreatName"));
        boolean malware = d.equals("malware") || d.startsWith("custom") || a.startsWith("custom") || threat != null;
        if (malware) {
            e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
            Events.verdict(e, block ? ACTION_BLOCKED : ACTION_ALERT, block ? OUTCOME_FAILURE : OUTCOME_UNKNOWN,
                    Ecs.CATEGORY_MALWARE, Ecs.CATEGORY_FILE);
            e.set(Ecs.RULE_NAME, threat);
        } else if (malwareEvent && !d.equals("clean")) {
            // a cloud lookup without a verdict yet
            Events.verdict(e, block ? ACTION_BLOCKED : ACTION_ALLOWED, block ? OUTCOME_FAILURE : OUTCOME_UNKNOWN,
                    Ecs.CATEGORY_MALWARE, Ecs.CATEGORY_FILE);
            Events.types(e, Ecs.TYPE_INFO);
        } else {
            Events.verdict(e, block ? ACTION_BLOCKED : ACTION_ALLOWED, block ? OUTCOME_FAILURE : OUTCOME_SUCCESS,
                    Ecs.CATEGORY_FILE);
            Events.types(e, block ? Ecs.TYPE_DENIED : Ecs.TYPE_INFO);
        }
        e.set(PREFIX + "file_action", action);
        e.set(Ecs.FILE_NAME, name);
        e.set(Ecs.FILE_HASH_SHA256, sha == null ? null : sha.toLowerCase(Locale.ROOT));
        e.set(Ecs.FILE_SIZE, Numbers.number(v(f, "FileSize")));
        e.set(PREFIX + "file_type", v(f, "FileType"));
        e.set(PREFIX + "file_direction", v(f, "FileDirection"));
        e.set(PREFIX + "file_policy", v(f, "FilePolicy"));
        e.set(PREFIX + "sha_disposition", disposition);
        e.set(PREFIX + "spero_disposition", v(f, "SperoDisposition"));
        e.set(PREFIX + "threat_name", v(f, "ThreatName"));
        e.set(PREFIX + "threat_score", Numbers.number(v(f, "ThreatScore")));
        e.set(PREFIX + "file_storage_status", v(f, "FileStorageStatus"));
        e.set(PREFIX + "file_sandbox_status", v(f, "FileSandboxStatus"));
        e.set(PREFIX + "file_static_analysis_status", v(f, "FileStaticAnalysisStatus"));
        common(e, f);
        return ParseResult.parsed(e);
    }

    /** "Unknown", "Invalid ID" and the like name no threat. */
    private static String threatName(String name) {
        if (name == null) {
            return null;
        }
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("unknown") || n.equals("invalid id") || n.equals("n/a") ? null : name;
    }

    // ------------------------------------------------------------------ fields every event may have

    /** Addresses, ports, interfaces, zones, NAT, user, application, policies, web, DNS, TLS, counters. */
    static void common(SecurityEvent e, Map<String, String> f) {
        String transport = Transports.transport(v(f, "Protocol"));
        e.set(Ecs.NETWORK_TRANSPORT, transport);
        boolean ports = !Transports.portless(transport);
        Events.address(e, Ecs.SOURCE_IP, v(f, "SrcIP"));
        Events.address(e, Ecs.DESTINATION_IP, v(f, "DstIP"));
        if (ports) {
            Events.port(e, Ecs.SOURCE_PORT, v(f, "SrcPort"));
            Events.port(e, Ecs.DESTINATION_PORT, v(f, "DstPort"));
        }
        e.set(PREFIX + "icmp_type", v(f, "ICMPType"));
        e.set(PREFIX + "icmp_code", v(f, "ICMPCode"));
        nat(e, "source", v(f, "NAT_InitiatorIP"), v(f, "NAT_InitiatorPort"), ports);
        nat(e, "destination", v(f, "NAT_ResponderIP"), v(f, "NAT_ResponderPort"), ports);
        e.set(Ecs.OBSERVER_INGRESS_INTERFACE, v(f, "IngressInterface"));
        e.set(Ecs.OBSERVER_EGRESS_INTERFACE, v(f, "EgressInterface"));
        e.set("observer.ingress.zone", v(f, "IngressZone"));
        e.set("observer.egress.zone", v(f, "EgressZone"));
        e.set(PREFIX + "ingress_vrf", v(f, "IngressVRF"));
        e.set(PREFIX + "egress_vrf", v(f, "EgressVRF"));
        user(e, v(f, "User"));
        e.set(PREFIX + "client", v(f, "Client"));
        e.set(PREFIX + "client_version", v(f, "ClientVersion"));
        e.set(Ecs.NETWORK_PROTOCOL, lower(v(f, "ApplicationProtocol")));
        e.set(Ecs.NETWORK_APPLICATION, lower(v(f, "WebApplication")));
        e.set(Ecs.YAGURA_POLICY, v(f, "AccessControlRuleName"));
        String ruleAction = v(f, "AccessControlRuleAction");
        e.set(PREFIX + "rule_action", ruleAction == null ? null : clean(ruleAction));
        e.set(PREFIX + "ac_policy", v(f, "ACPolicy"));
        e.set(PREFIX + "prefilter_policy", v(f, "Prefilter Policy"));
        e.set(PREFIX + "nap_policy", v(f, "NAPPolicy"));
        e.set(PREFIX + "ssl_policy", v(f, "SSLPolicy"));
        e.set(PREFIX + "device_uuid", v(f, "DeviceUUID"));
        e.set(PREFIX + "instance_id", Numbers.number(v(f, "InstanceID")));
        e.set(PREFIX + "connection_id", v(f, "ConnectionID"));
        e.set(PREFIX + "event_priority", v(f, "EventPriority"));
        e.set(PREFIX + "endpoint_profile", v(f, "Endpoint Profile"));
        e.set(PREFIX + "detection_engine", v(f, "DE"));
        String first = v(f, "FirstPacketSecond");
        if (first != null && first.length() >= 19 && first.length() <= 35 && first.charAt(4) == '-' && first.charAt(10) == 'T') {
            e.set("event.start", first);
        }
        // web
        e.set(Ecs.URL_ORIGINAL, first(v(f, "URL"), v(f, "URI")));
        e.set(Ecs.URL_DOMAIN, host(first(v(f, "ReferencedHost"), v(f, "HTTP_Hostname"))));
        e.set(Ecs.URL_PATH, v(f, "HTTP_URI"));
        e.set(Ecs.HTTP_REQUEST_REFERRER, v(f, "HTTPReferer"));
        e.set(Ecs.USER_AGENT_ORIGINAL, v(f, "UserAgent"));
        e.set(Ecs.HTTP_RESPONSE_STATUS_CODE, Numbers.number(v(f, "HTTPResponse")));
        e.set(PREFIX + "url_category", v(f, "URLCategory"));
        e.set(PREFIX + "url_reputation", v(f, "URLReputation"));
        // DNS
        e.set(Ecs.DNS_QUESTION_NAME, v(f, "DNSQuery"));
        e.set(PREFIX + "dns_record_type", v(f, "DNSRecordType"));
        e.set(PREFIX + "dns_response_type", v(f, "DNSResponseType"));
        e.set(PREFIX + "dns_ttl", Numbers.number(v(f, "DNS_TTL")));
        // TLS
        e.set(Ecs.TLS_SERVER_NAME, v(f, "SSLServerName"));
        String cert = v(f, "SSLCertificate");
        e.set("tls.server.hash.sha1", cert == null || cert.length() != 40 ? null : cert.toUpperCase(Locale.ROOT));
        e.set(PREFIX + "ssl_actual_action", v(f, "SSLActualAction"));
        e.set(PREFIX + "ssl_flow_status", v(f, "SSLFlowStatus"));
        // counters
        Long ib = Numbers.number(v(f, "InitiatorBytes"));
        Long rb = Numbers.number(v(f, "ResponderBytes"));
        Long ip = Numbers.number(v(f, "InitiatorPackets"));
        Long rp = Numbers.number(v(f, "ResponderPackets"));
        e.set(Ecs.SOURCE_BYTES, ib);
        e.set(Ecs.DESTINATION_BYTES, rb);
        e.set(Ecs.SOURCE_PACKETS, ip);
        e.set(Ecs.DESTINATION_PACKETS, rp);
        e.set(Ecs.NETWORK_BYTES, ib == null || rb == null ? null : ib + rb);
        e.set("network.packets", ip == null || rp == null ? null : ip + rp);
        Long seconds = Numbers.number(v(f, "ConnectionDuration"));
        e.set(Ecs.EVENT_DURATION, seconds == null || seconds < 0 ? null : seconds * 1_000_000_000L);
    }

    /** The translated side, only when it differs from the real one. */
    private static void nat(SecurityEvent e, String side, String ip, String port, boolean ports) {
        String natIp = Addresses.normalize(ip);
        Long natPort = ports ? Ports.port(port) : null;
        boolean sameIp = natIp == null || natIp.equals(e.getString(side + ".ip"));
        boolean samePort = natPort == null || natPort.equals(e.getLong(side + ".port"));
        if (sameIp && samePort) {
            return;
        }
        e.set(side + ".nat.ip", natIp);
        e.set(side + ".nat.port", natPort);
    }

    /** "DOMAIN\\user" → user.domain + user.name; Firepower's "no user" words are not users. */
    static void user(SecurityEvent e, String user) {
        if (user == null) {
            return;
        }
        String u = user.toLowerCase(Locale.ROOT);
        if (u.startsWith("no authentication") || u.equals("not found") || u.equals("unknown") || u.equals("pending")) {
            return;
        }
        int bs = user.indexOf('\\');
        if (bs > 0 && bs < user.length() - 1) {
            e.set("user.domain", user.substring(0, bs));
            e.set(Ecs.USER_NAME, user.substring(bs + 1));
        } else {
            e.set(Ecs.USER_NAME, user);
        }
    }

    /** A value, or null for the no-value words Firepower writes ("N/A", "None", "Unknown", blank). */
    static String v(Map<String, String> f, String key) {
        String value = Events.value(f.get(key));
        if (value == null || value.equalsIgnoreCase("unknown") || value.equals("::") || value.equals("0.0.0.0")) {
            return null;
        }
        return value;
    }

    private static String first(String... values) {
        for (String s : values) {
            if (s != null) {
                return s;
            }
        }
        return null;
    }

    /** "10.0.100.30:8000" → "10.0.100.30" (a Host header with its port). */
    private static String host(String h) {
        if (h == null) {
            return null;
        }
        int colon = h.lastIndexOf(':');
        if (colon > 0 && h.indexOf(':') == colon && Numbers.isDigits(h.substring(colon + 1))) {
            return h.substring(0, colon);
        }
        return h;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    /** Strips markup some collectors leave in values ("<br/>Block with reset"). */
    static String clean(String s) {
        String t = s.trim();
        while (t.startsWith("<")) {
            int close = t.indexOf('>');
            if (close < 0) {
                break;
            }
            t = t.substring(close + 1).trim();
        }
        return t;
    }

    static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }
}
