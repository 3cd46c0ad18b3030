package io.yagura.plugin.fortinet;

import static io.yagura.api.event.Ecs.ACTION_ALERT;
import static io.yagura.api.event.Ecs.ACTION_ALLOWED;
import static io.yagura.api.event.Ecs.ACTION_BLOCKED;
import static io.yagura.api.event.Ecs.ACTION_DENIED;
import static io.yagura.api.event.Ecs.ACTION_DROPPED;
import static io.yagura.api.event.Ecs.ACTION_RESET;
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
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * FortiOS log types to events, from the FortiOS Log Message Reference (6.0-7.4): traffic
 * (forward, local, multicast, sniffer), the UTM logs (ips, anomaly, virus, webfilter, app-ctrl,
 * dns, dlp, waf, emailfilter, ssl, ssh, cifs, file-filter, voip, icap...) and the event logs that
 * matter for security (logins, VPN logins, configuration changes). {@code f} holds FortiOS field
 * names (CEF and FortiOS 4.x names already translated).
 */
final class FortinetEvents {

    /** Log types FortiOS 5.0-6.0 wrote at the top level instead of type=utm. */
    private static final Set<String> UTM_TYPES = Set.of("ips", "anomaly", "virus", "webfilter", "app-ctrl", "dlp",
            "emailfilter", "spam", "dns", "voip", "waf", "ssh", "ssl", "cifs", "file-filter", "icap", "netscan",
            "gtp", "casb", "virtual-patch");

    /** FortiGuard web filter categories of the "Security Risk" group: Malicious Websites, Phishing, Spam URLs. */
    private static final Set<String> RISK_CATEGORIES = Set.of("26", "61", "86");
    private static final Set<String> RISK_CATEGORY_NAMES = Set.of("malicious websites", "phishing", "spam urls");

    /** FortiOS log level (syslog severity) names and numbers. */
    private static final Map<String, Long> LEVELS = Map.of("emergency", 0L, "alert", 1L, "critical", 2L, "error", 3L,
            "warning", 4L, "notice", 5L, "information", 6L, "debug", 7L);

    private FortinetEvents() {
    }

    static ParseResult map(SecurityEvent e, Map<String, String> f, String type) {
        String subtype = lower(v(f, "subtype"));
        common(e, f, type, subtype);
        switch (type) {
            case "traffic":
                return traffic(e, f, subtype);
            case "event":
                return event(e, f, subtype);
            case "utm":
                return subtype == null ? ParseResult.rejected("UTM log without subtype=: expected ips, virus, webfilter...")
                        : utm(e, f, subtype);
            case "appevent":
                return ParseResult.ignored("FortiAnalyzer application event (log device status), no security event");
            default:
                if (UTM_TYPES.contains(type)) {
                    return utm(e, f, type);
                }
                return ParseResult.rejected("log type '" + FortinetParser.clip(type)
                        + "' is not a FortiGate log type: expected traffic, utm or event");
        }
    }

    // ------------------------------------------------------------------ fields every type shares

    private static void common(SecurityEvent e, Map<String, String> f, String type, String subtype) {
        e.set(Ecs.EVENT_CODE, v(f, "logid"));
        e.set("fortinet.type", type);
        e.set("fortinet.subtype", subtype);
        e.set("fortinet.eventtype", v(f, "eventtype"));
        e.set("fortinet.vd", v(f, "vd"));
        e.set(Ecs.OBSERVER_NAME, v(f, "devname"));
        e.set("observer.serial_number", v(f, "devid"));
        String level = lower(v(f, "level"));
        if (level != null) {
            e.set(Ecs.LOG_LEVEL, level);
            e.set(Ecs.EVENT_SEVERITY, LEVELS.get(level));
        }
        String severity = lower(v(f, "severity"));
        e.set(Ecs.YAGURA_VENDOR_SEVERITY, severity != null ? severity : level);
        e.set(Ecs.MESSAGE, v(f, "msg"));
    }

    /** Addresses, ports, NAT, interfaces, policy, user, URL, application, byte counts. */
    private static void flow(SecurityEvent e, Map<String, String> f) {
        String transport = Transports.transport(v(f, "proto"));
        e.set(Ecs.NETWORK_TRANSPORT, transport);
        boolean ports = !Transports.portless(transport);
        host(e, Ecs.SOURCE_IP, Ecs.SOURCE_DOMAIN, v(f, "srcip"));
        host(e, Ecs.DESTINATION_IP, Ecs.DESTINATION_DOMAIN, v(f, "dstip"));
        if (ports) {
            Events.port(e, Ecs.SOURCE_PORT, v(f, "srcport"));
            Events.port(e, Ecs.DESTINATION_PORT, v(f, "dstport"));
        }
        if (natAddress(e, Ecs.SOURCE_NAT_IP, v(f, "transip")) && ports) {
            natPort(e, Ecs.SOURCE_NAT_PORT, v(f, "transport"));
        }
        if (natAddress(e, Ecs.DESTINATION_NAT_IP, v(f, "tranip")) && ports) {
            natPort(e, Ecs.DESTINATION_NAT_PORT, v(f, "tranport"));
        }
        e.set(Ecs.OBSERVER_INGRESS_INTERFACE, v(f, "srcintf"));
        e.set(Ecs.OBSERVER_EGRESS_INTERFACE, v(f, "dstintf"));
        String policy = v(f, "policyname");
        e.set(Ecs.YAGURA_POLICY, policy != null ? policy : v(f, "policyid"));
        String user = v(f, "user");
        e.set(Ecs.USER_NAME, user != null ? user : v(f, "unauthuser"));
        e.set(Ecs.GROUP_NAME, v(f, "group"));
        e.set(Ecs.NETWORK_DIRECTION, direction(lower(v(f, "srcintfrole")), lower(v(f, "dstintfrole"))));
        url(e, v(f, "url"), v(f, "hostname"));
        e.set(Ecs.USER_AGENT_ORIGINAL, v(f, "agent"));
        e.set(Ecs.HTTP_REQUEST_METHOD, v(f, "httpmethod"));
        // the application signature's name; without appid, app= repeats the service (local traffic: "icmp/8/0")
        String app = v(f, "app");
        if (app != null && v(f, "appid") != null) {
            e.set(Ecs.NETWORK_APPLICATION, app.toLowerCase(Locale.ROOT));
        }
        Long sent = Numbers.number(v(f, "sentbyte"));
        Long received = Numbers.number(v(f, "rcvdbyte"));
        e.set(Ecs.SOURCE_BYTES, sent);
        e.set(Ecs.DESTINATION_BYTES, received);
        if (sent != null && received != null) {
            e.set(Ecs.NETWORK_BYTES, sent + received);
        }
    }

    /** An address, or a host name for the *.domain field (FortiOS writes FQDN destinations in dstip). */
    private static void host(SecurityEvent e, String ipField, String domainField, String text) {
        if (!Events.address(e, ipField, text) && Addresses.isHostName(text)) {
            e.set(domainField, text);
        }
    }

    /** A NAT address; 0.0.0.0 and :: mean "no translation" (sniffer, noop). */
    private static boolean natAddress(SecurityEvent e, String field, String text) {
        String ip = Addresses.normalize(text);
        if (ip == null || ip.equals("0.0.0.0") || ip.equals("::")) {
            return false;
        }
        e.set(field, ip);
        return true;
    }

    private static void natPort(SecurityEvent e, String field, String text) {
        Long port = Numbers.number(text);
        if (port != null && port > 0 && port <= 65_535) {
            e.set(field, port);
        }
    }

    /**
     * url.original as FortiOS writes it (a path with {@code hostname=} beside it, or a whole URL);
     * url.domain from hostname, else from the URL.
     */
    private static void url(SecurityEvent e, String url, String hostname) {
        if (url == null) {
            return;
        }
        e.set(Ecs.URL_ORIGINAL, url);
        String domain = hostname;
        if (domain == null) {
            int scheme = url.indexOf("://");
            if (scheme > 0 && scheme < 10) {
                int start = scheme + 3;
                int end = start;
                while (end < url.length() && url.charAt(end) != '/' && url.charAt(end) != '?'
                        && url.charAt(end) != ':' && url.charAt(end) != '#') {
                    end++;
                }
                domain = end > start ? url.substring(start, end) : null;
            }
        }
        e.set(Ecs.URL_DOMAIN, domain);
    }

    // ------------------------------------------------------------------ traffic

    private static ParseResult traffic(SecurityEvent e, Map<String, String> f, String subtype) {
        if (subtype != null && subtype.startsWith("slb")) {
            return ParseResult.ignored("FortiADC server load-balancing traffic log (subtype slb_*), not a FortiGate verdict");
        }
        String action = lower(v(f, "action"));
        if (action == null) {
            return ParseResult.rejected("traffic log without action=: expected accept, start, close, timeout, deny...");
        }
        switch (action) {
            case "deny" -> {
                Events.verdict(e, ACTION_DENIED, OUTCOME_FAILURE, Ecs.CATEGORY_NETWORK);
                Events.types(e, Ecs.TYPE_CONNECTION, Ecs.TYPE_DENIED);
            }
            case "start" -> {
                Events.verdict(e, ACTION_ALLOWED, OUTCOME_SUCCESS, Ecs.CATEGORY_NETWORK);
                Events.types(e, Ecs.TYPE_CONNECTION, Ecs.TYPE_START);
            }
            case "accept", "close", "timeout" -> {
                Events.verdict(e, ACTION_ALLOWED, OUTCOME_SUCCESS, Ecs.CATEGORY_NETWORK);
                Events.types(e, Ecs.TYPE_CONNECTION, Ecs.TYPE_END);
            }
            case "client-rst", "server-rst" -> {
                Events.verdict(e, ACTION_RESET, OUTCOME_FAILURE, Ecs.CATEGORY_NETWORK);
                Events.types(e, Ecs.TYPE_CONNECTION, Ecs.TYPE_END);
            }
            case "ip-conn", "dns" -> {
                // allowed by the policy, but the connection failed (unreachable, name not resolved)
                Events.verdict(e, ACTION_ALLOWED, OUTCOME_FAILURE, Ecs.CATEGORY_NETWORK);
                Events.types(e, Ecs.TYPE_CONNECTION, Ecs.TYPE_END);
            }
            default -> {
                return ParseResult.rejected("traffic log with unknown action '" + FortinetParser.clip(action)
                        + "': expected accept, start, close, timeout, client-rst, server-rst, ip-conn, dns, deny");
            }
        }
        flow(e, f);
        return ParseResult.parsed(e);
    }

    // ------------------------------------------------------------------ UTM

    private static ParseResult utm(SecurityEvent e, Map<String, String> f, String kind) {
        String action = lower(v(f, "action"));
        return switch (kind) {
            case "ips", "anomaly", "virtual-patch" -> intrusion(e, f, action);
            case "virus" -> virus(e, f, action);
            case "webfilter" -> webFilter(e, f, action);
            case "app-ctrl" -> applicationControl(e, f, action);
            case "dns" -> dnsFilter(e, f, action);
            case "dlp" -> dataLeak(e, f, action);
            case "waf" -> webApplicationFirewall(e, f, action);
            case "emailfilter", "spam" -> emailFilter(e, f, action);
            default -> otherUtm(e, f, kind, action);
        };
    }

    /** IPS signatures, DoS-policy anomalies, virtual patching. */
    private static ParseResult intrusion(SecurityEvent e, Map<String, String> f, String action) {
        if (action == null) {
            return ParseResult.rejected("IPS/anomaly log without action=: expected detected, dropped, reset, pass_session, clear_session...");
        }
        // eventtype=botnet: the IPS engine's botnet C&C database matched the peer (FortiOS log 16400), a
        // host of the customer calling its controller rather than an exploit against it
        boolean botnet = "botnet".equals(lower(v(f, "eventtype")));
        detection(e, action, botnet ? Ecs.CATEGORY_MALWARE : Ecs.CATEGORY_IDS, Ecs.CATEGORY_NETWORK);
        String attack = v(f, "attack");
        e.set(Ecs.RULE_ID, v(f, "attackid"));
        e.set(Ecs.RULE_NAME, attack);
        e.set(Ecs.RULE_REFERENCE, v(f, "ref"));
        e.set(Ecs.RULE_RULESET, v(f, "profile"));
        if ("info".equals(lower(v(f, "severity")))) {
            Events.types(e, Ecs.TYPE_INFO);
        }
        Events.vulnerabilities(e, attack, f.get("ref"), f.get("msg"), f.get("cve"));
        flow(e, f);
        return ParseResult.parsed(e);
    }

    /** Antivirus: infected (virus name), and blocked files without one (file name pattern, oversize). */
    private static ParseResult virus(SecurityEvent e, Map<String, String> f, String action) {
        String virus = v(f, "virus");
        if (virus == null) {
            if (!isBlock(action)) {
                return ParseResult.ignored("antivirus log without a detection (" + FortinetParser.clip(v(f, "eventtype"))
                        + "): file passed");
            }
            Events.verdict(e, ACTION_BLOCKED, OUTCOME_FAILURE, Ecs.CATEGORY_FILE);
        } else {
            detection(e, action == null ? "detected" : action, Ecs.CATEGORY_MALWARE);
            e.set(Ecs.RULE_NAME, virus);
            e.set(Ecs.RULE_ID, v(f, "virusid"));
            e.set(Ecs.RULE_REFERENCE, v(f, "ref"));
            String category = v(f, "viruscat");
            e.set(Ecs.RULE_CATEGORY, category != null ? category : v(f, "dtype"));
            // FortiGuard names exploits "MSOffice/CVE_2017_11882.A!exploit"
            Events.vulnerabilities(e, virus.indexOf("CVE_") >= 0 ? virus.replace('_', '-') : virus);
        }
        e.set(Ecs.RULE_RULESET, v(f, "profile"));
        file(e, f);
        flow(e, f);
        return ParseResult.parsed(e);
    }

    private static void file(SecurityEvent e, Map<String, String> f) {
        e.set(Ecs.FILE_NAME, v(f, "filename"));
        // UTM logs' direction= is the file's way within the session: incoming = to the client (srcip)
        String way = v(f, "direction");
        e.set(Ecs.FILE_DIRECTION, "incoming".equals(way) ? Ecs.FILE_DOWNLOAD : "outgoing".equals(way) ? Ecs.FILE_UPLOAD : null);
        e.set(Ecs.FILE_SIZE, Numbers.number(v(f, "filesize")));
        String checksum = v(f, "analyticscksum");
        if (checksum != null && checksum.length() == 64 && isHex(checksum)) {
            e.set(Ecs.FILE_HASH_SHA256, checksum.toLowerCase(Locale.ROOT));
        }
    }

    /** Web filter: FortiGuard categories (ftgd_*), URL filter lists, content filters. */
    private static ParseResult webFilter(SecurityEvent e, Map<String, String> f, String action) {
        if (action == null) {
            return ParseResult.rejected("web filter log without action=: expected blocked, passthrough, exempt...");
        }
        boolean risk = isRiskCategory(f);
        if (isBlock(action)) {
            Events.verdict(e, ACTION_BLOCKED, OUTCOME_FAILURE, Ecs.CATEGORY_WEB);
        } else if (isPass(action)) {
            if (risk) {
                Events.verdict(e, ACTION_ALERT, OUTCOME_UNKNOWN, Ecs.CATEGORY_WEB);
            } else {
                Events.verdict(e, ACTION_ALLOWED, OUTCOME_SUCCESS, Ecs.CATEGORY_WEB);
            }
        } else {
            return ParseResult.rejected("web filter log with unknown action '" + FortinetParser.clip(action)
                    + "': expected blocked, passthrough, exempt, monitored");
        }
        if (risk) {
            e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
        }
        e.set(Ecs.RULE_CATEGORY, v(f, "catdesc"));
        e.set(Ecs.RULE_RULESET, v(f, "profile"));
        flow(e, f);
        return ParseResult.parsed(e);
    }

    /** Application control: the application signature (appid, app, appcat) and what the sensor did. */
    private static ParseResult applicationControl(SecurityEvent e, Map<String, String> f, String action) {
        if (action == null) {
            return ParseResult.rejected("application control log without action=: expected pass, block, reset");
        }
        if (isBlock(action)) {
            Events.verdict(e, ACTION_BLOCKED, OUTCOME_FAILURE, Ecs.CATEGORY_NETWORK);
        } else if (action.startsWith("reset")) {
            Events.verdict(e, ACTION_RESET, OUTCOME_FAILURE, Ecs.CATEGORY_NETWORK);
        } else if (isPass(action)) {
            Events.verdict(e, ACTION_ALLOWED, OUTCOME_SUCCESS, Ecs.CATEGORY_NETWORK);
        } else {
            return ParseResult.rejected("application control log with unknown action '" + FortinetParser.clip(action)
                    + "': expected pass, block, reset");
        }
        e.set(Ecs.RULE_ID, v(f, "appid"));
        e.set(Ecs.RULE_NAME, v(f, "app"));
        e.set(Ecs.RULE_CATEGORY, v(f, "appcat"));
        e.set(Ecs.RULE_RULESET, v(f, "applist"));
        flow(e, f);
        return ParseResult.parsed(e);
    }

    /** DNS filter: blocked or redirected queries (botnet C&C, rated categories); query logs without a verdict are ignored. */
    private static ParseResult dnsFilter(SecurityEvent e, Map<String, String> f, String action) {
        if (action == null) {
            return ParseResult.ignored("DNS query log without a filter verdict");
        }
        boolean threat = f.containsKey("botnetdomain") || f.containsKey("botnetip") || isRiskCategory(f);
        if (isBlock(action) || action.equals("redirect")) {
            Events.verdict(e, ACTION_BLOCKED, OUTCOME_FAILURE, Ecs.CATEGORY_NETWORK);
        } else if (isPass(action)) {
            if (threat) {
                Events.verdict(e, ACTION_ALERT, OUTCOME_UNKNOWN, Ecs.CATEGORY_NETWORK);
            } else {
                Events.verdict(e, ACTION_ALLOWED, OUTCOME_SUCCESS, Ecs.CATEGORY_NETWORK);
            }
        } else {
            return ParseResult.rejected("DNS filter log with unknown action '" + FortinetParser.clip(action)
                    + "': expected pass, block, redirect");
        }
        if (threat) {
            e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
        }
        e.set(Ecs.DNS_QUESTION_NAME, v(f, "qname"));
        e.set(Ecs.RULE_CATEGORY, v(f, "catdesc"));
        e.set(Ecs.RULE_RULESET, v(f, "profile"));
        flow(e, f);
        return ParseResult.parsed(e);
    }

    /** Data leak prevention: the DLP filter that matched and what it did. */
    private static ParseResult dataLeak(SecurityEvent e, Map<String, String> f, String action) {
        if (action == null) {
            return ParseResult.rejected("DLP log without action=: expected block, log-only, ban, quarantine-ip...");
        }
        detection(e, action, Ecs.CATEGORY_NETWORK);
        e.set(Ecs.RULE_ID, v(f, "filteridx"));
        String rule = v(f, "rulename");
        e.set(Ecs.RULE_NAME, rule != null ? rule : v(f, "dlpextra"));
        e.set(Ecs.RULE_CATEGORY, v(f, "filtertype"));
        e.set(Ecs.RULE_RULESET, v(f, "profile"));
        file(e, f);
        flow(e, f);
        return ParseResult.parsed(e);
    }

    /** The FortiGate WAF profile: signatures, HTTP constraints, method and URL access rules. */
    private static ParseResult webApplicationFirewall(SecurityEvent e, Map<String, String> f, String action) {
        if (action == null) {
            return ParseResult.rejected("WAF log without action=: expected blocked, passthrough...");
        }
        detection(e, action, Ecs.CATEGORY_IDS, Ecs.CATEGORY_WEB);
        String signature = v(f, "signature_id");
        e.set(Ecs.RULE_ID, signature);
        String name = v(f, "name");
        e.set(Ecs.RULE_NAME, name != null ? name : v(f, "constraint"));
        e.set(Ecs.RULE_CATEGORY, v(f, "eventtype"));
        e.set(Ecs.RULE_RULESET, v(f, "profile"));
        Events.vulnerabilities(e, name, f.get("msg"));
        flow(e, f);
        return ParseResult.parsed(e);
    }

    /** Email filter (anti-spam): stopped or tagged messages; plain mail logs are ignored. */
    private static ParseResult emailFilter(SecurityEvent e, Map<String, String> f, String action) {
        if (action != null && (isBlock(action) || action.equals("discard") || action.equals("reject"))) {
            Events.verdict(e, ACTION_BLOCKED, OUTCOME_FAILURE, "email");
        } else if ("tagged".equals(action)) {
            Events.verdict(e, ACTION_ALERT, OUTCOME_UNKNOWN, "email");
        } else {
            return ParseResult.ignored("email filter log without a spam verdict (mail passed)");
        }
        e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
        e.set(Ecs.RULE_RULESET, v(f, "profile"));
        flow(e, f);
        return ParseResult.parsed(e);
    }

    /** SSL/SSH inspection, CIFS and file filter, VoIP, ICAP, GTP...: what they stopped; passed traffic is ignored. */
    private static ParseResult otherUtm(SecurityEvent e, Map<String, String> f, String kind, String action) {
        String category = kind.equals("cifs") || kind.equals("file-filter") ? Ecs.CATEGORY_FILE : Ecs.CATEGORY_NETWORK;
        if (action != null && isBlock(action)) {
            Events.verdict(e, ACTION_BLOCKED, OUTCOME_FAILURE, category);
        } else if (action != null && action.startsWith("reset")) {
            Events.verdict(e, ACTION_RESET, OUTCOME_FAILURE, category);
        } else {
            return ParseResult.ignored(FortinetParser.clip(kind) + " log: traffic passed, no detection");
        }
        e.set(Ecs.EVENT_REASON, v(f, "reason"));
        e.set(Ecs.RULE_RULESET, v(f, "profile"));
        file(e, f);
        flow(e, f);
        return ParseResult.parsed(e);
    }

    /** event.kind alert and the verdict of a detection's action. */
    /**
     * The flow's direction from the roles FortiOS gives its interfaces (wan, lan, dmz; undefined when
     * not set), not from UTM logs' direction=, which says whether the packet that matched went from
     * client to server or back. Correlation replaces it with what the customer's declared networks say.
     */
    static String direction(String sourceRole, String destinationRole) {
        boolean fromWan = "wan".equals(sourceRole);
        boolean toWan = "wan".equals(destinationRole);
        boolean fromInside = "lan".equals(sourceRole) || "dmz".equals(sourceRole);
        boolean toInside = "lan".equals(destinationRole) || "dmz".equals(destinationRole);
        if (fromWan && toInside) {
            return Ecs.DIRECTION_INBOUND;
        }
        if (fromInside && toWan) {
            return Ecs.DIRECTION_OUTBOUND;
        }
        return fromInside && toInside ? Ecs.DIRECTION_INTERNAL : null;
    }

    private static void detection(SecurityEvent e, String action, String... categories) {
        e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
        switch (action) {
            case "dropped", "drop", "drop_session", "drop-session" ->
                    Events.verdict(e, ACTION_DROPPED, OUTCOME_FAILURE, categories);
            case "reset", "reset_client", "reset_server", "reset-client", "reset-server", "clear_session" ->
                    Events.verdict(e, ACTION_RESET, OUTCOME_FAILURE, categories);
            default -> {
                if (isBlock(action)) {
                    Events.verdict(e, ACTION_BLOCKED, OUTCOME_FAILURE, categories);
                } else {
                    // detected, monitored, pass_session, passthrough, log-only...: let through
                    Events.verdict(e, ACTION_ALERT, OUTCOME_UNKNOWN, categories);
                }
            }
        }
    }

    private static boolean isBlock(String action) {
        return action != null && switch (action) {
            case "blocked", "block", "deny", "denied", "ban", "quarantine", "quarantine-ip", "quarantine-interface",
                    "blocked-by-sandbox" -> true;
            default -> false;
        };
    }

    private static boolean isPass(String action) {
        return switch (action) {
            case "passthrough", "pass", "allow", "allowed", "accept", "permit", "exempt", "monitored", "monitor",
                    "log-only" -> true;
            default -> false;
        };
    }

    private static boolean isRiskCategory(Map<String, String> f) {
        String cat = v(f, "cat");
        String desc = lower(v(f, "catdesc"));
        return (cat != null && RISK_CATEGORIES.contains(cat)) || (desc != null && RISK_CATEGORY_NAMES.contains(desc));
    }

    // ------------------------------------------------------------------ event logs

    private static ParseResult event(SecurityEvent e, Map<String, String> f, String subtype) {
        String action = lower(v(f, "action"));
        String outcome = authenticationOutcome(f, action);
        if (outcome != null) {
            return authentication(e, f, outcome);
        }
        if (isLogout(action)) {
            return ParseResult.ignored("logout or tunnel down, no security verdict");
        }
        if ("system".equals(subtype) && (f.containsKey("cfgpath") || contains(v(f, "logdesc"), "onfigur"))) {
            Events.verdict(e, ACTION_ALLOWED, OUTCOME_SUCCESS, Ecs.CATEGORY_CONFIGURATION);
            Events.types(e, "change");
            flow(e, f);
            sourceFromUi(e, f);
            return ParseResult.parsed(e);
        }
        return ParseResult.ignored((subtype == null ? "" : FortinetParser.clip(subtype) + " ")
                + "event log: housekeeping, no security verdict");
    }

    /**
     * success or failure for a login, VPN login or user authentication; null when the event is not one.
     * Admin logins: action=login status=success|failed ("Admin login disabled" after too many
     * failures: failed); SSL VPN: ssl-login-fail, tunnel-up of an ssl tunnel; firewall users and
     * FortiAuthenticator: action=authentication status=success|failure, auth-logon.
     */
    private static String authenticationOutcome(Map<String, String> f, String action) {
        if (action == null) {
            return null;
        }
        String status = lower(v(f, "status"));
        switch (action) {
            case "login", "authentication", "auth", "ssl-login" -> {
                if (status == null) {
                    return contains(v(f, "logdesc"), "disabled") ? OUTCOME_FAILURE : null;
                }
                if (status.startsWith("success") || status.equals("succeeded") || status.equals("logon")) {
                    return OUTCOME_SUCCESS;
                }
                return status.startsWith("fail") ? OUTCOME_FAILURE : null;
            }
            case "ssl-login-fail", "auth-fail", "auth-lockout", "lockout" -> {
                return OUTCOME_FAILURE;
            }
            case "auth-logon" -> {
                return OUTCOME_SUCCESS;
            }
            case "tunnel-up" -> {
                String tunnel = lower(v(f, "tunneltype"));
                return tunnel != null && tunnel.startsWith("ssl") && v(f, "user") != null ? OUTCOME_SUCCESS : null;
            }
            default -> {
                return null;
            }
        }
    }

    private static ParseResult authentication(SecurityEvent e, Map<String, String> f, String outcome) {
        if (OUTCOME_SUCCESS.equals(outcome)) {
            Events.verdict(e, ACTION_ALLOWED, OUTCOME_SUCCESS, Ecs.CATEGORY_AUTHENTICATION);
        } else {
            Events.verdict(e, ACTION_DENIED, OUTCOME_FAILURE, Ecs.CATEGORY_AUTHENTICATION);
        }
        Events.types(e, Ecs.TYPE_START);
        flow(e, f);
        if (!e.has(Ecs.SOURCE_IP)) {
            // SSL VPN: remip; FortiAuthenticator: userip; admin logins: the address in ui=https(192.0.2.1)
            if (!Events.address(e, Ecs.SOURCE_IP, v(f, "remip")) && !Events.address(e, Ecs.SOURCE_IP, v(f, "userip"))) {
                sourceFromUi(e, f);
            }
        }
        if (!e.has(Ecs.DESTINATION_IP)) {
            Events.address(e, Ecs.DESTINATION_IP, v(f, "locip"));
        }
        e.set(Ecs.EVENT_REASON, v(f, "reason"));
        return ParseResult.parsed(e);
    }

    /** {@code ui=https(192.0.2.1)}, {@code GUI(192.0.2.1)}, {@code ssh(2001:db8::1)}: the administrator's address. */
    private static void sourceFromUi(SecurityEvent e, Map<String, String> f) {
        if (e.has(Ecs.SOURCE_IP)) {
            return;
        }
        String ui = v(f, "ui");
        if (ui == null) {
            return;
        }
        int open = ui.indexOf('(');
        int close = ui.lastIndexOf(')');
        if (open >= 0 && close > open) {
            Events.address(e, Ecs.SOURCE_IP, ui.substring(open + 1, close));
        } else {
            Events.address(e, Ecs.SOURCE_IP, ui); // "Admin login disabled": ui is the address itself
        }
    }

    private static boolean isLogout(String action) {
        return action != null && (action.equals("logout") || action.equals("tunnel-down") || action.equals("auth-logout"));
    }

    // ------------------------------------------------------------------ helpers

    /** The field's value, null for FortiOS's "no value" markers (N/A, empty, none). */
    static String v(Map<String, String> f, String key) {
        return Events.value(f.get(key));
    }

    static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static boolean contains(String text, String part) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(part);
    }

    private static boolean isHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
