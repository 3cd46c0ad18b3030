package io.yagura.plugin.junipersrx;

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
 * The event conventions for each Junos security message, from its parameters (structured-data names;
 * plain forms are read into the same names by {@link PlainForms}). The table is in
 * docs/vendors/juniper-srx.md.
 */
final class SrxEvents {

    static final String INGRESS_ZONE = "observer.ingress.zone";
    static final String EGRESS_ZONE = "observer.egress.zone";
    static final String NETWORK_PACKETS = "network.packets";
    static final String SESSION_ID = "juniper.srx.session_id";
    static final String SERVICE_NAME = "juniper.srx.service_name";
    static final String LOGICAL_SYSTEM = "juniper.srx.logical_system";
    static final String SRC_NAT_RULE = "juniper.srx.src_nat_rule_name";
    static final String DST_NAT_RULE = "juniper.srx.dst_nat_rule_name";
    static final String REPEAT_COUNT = "juniper.srx.repeat_count";
    static final String RULEBASE = "juniper.srx.rulebase";
    static final String POLICY_RULE = "juniper.srx.policy_rule";
    static final String PROFILE = "juniper.srx.profile";
    static final String URL_CATEGORY = "juniper.srx.url_category";
    static final String FILE_CATEGORY = "juniper.srx.file_category";
    static final String FEED = "juniper.srx.feed_name";
    static final String DDOS_APPLICATION = "juniper.srx.ddos_application";
    static final String CONTEXT_NAME = "juniper.srx.context_name";

    /** ATP Cloud's default verdict threshold: a file scored 7 or more is malware. */
    static final int MALWARE_THRESHOLD = 7;

    private SrxEvents() {
    }

    static ParseResult map(JunosMessage m, SecurityEvent e) {
        String base = m.baseName();
        if (base.startsWith("RT_SCREEN_")) {
            return screen(m, e, base);
        }
        return switch (base) {
            case "RT_FLOW_SESSION_CREATE" -> session(m, e, PlainForms.Session.CREATE);
            case "RT_FLOW_SESSION_CLOSE" -> session(m, e, PlainForms.Session.CLOSE);
            case "RT_FLOW_SESSION_DENY" -> session(m, e, PlainForms.Session.DENY);
            case "APPTRACK_SESSION_CREATE" -> appTrack(m, e, false);
            case "APPTRACK_SESSION_CLOSE" -> appTrack(m, e, true);
            case "APPTRACK_SESSION_VOL_UPDATE" -> ParseResult.ignored(
                    "AppTrack volume update: interim statistics of a session already reported");
            case "APPTRACK_SESSION_APP_UPDATE", "APPTRACK_SESSION_ROUTE_UPDATE" -> ParseResult.ignored(
                    "AppTrack update of a session already reported");
            case "FLOW_REASSEMBLE_FAIL" -> reassemblyFailed(m, e);
            case "FLOW_REASSEMBLE_SUCCEED" -> ParseResult.ignored("IP fragments reassembled: housekeeping, no security event");
            case "FLOW_MCAST_RPF_FAIL" -> ParseResult.ignored("multicast RPF check failure: routing state, no security event");
            case "IDP_ATTACK_LOG_EVENT" -> idpAttack(m, e);
            case "IDP_APPDDOS_APP_ATTACK_EVENT" -> appDdos(m, e, true);
            case "IDP_APPDDOS_APP_STATE_EVENT" -> appDdos(m, e, false);
            case "WEBFILTER_URL_PERMITTED", "WEBFILTER_URL_BLOCKED", "WEBFILTER_URL_REDIRECTED" -> webFilter(m, e, base);
            case "WEBFILTER_REQUEST_NOT_CHECKED" -> ParseResult.ignored(
                    "web filter could not rate the request (category server error): no verdict");
            case "AV_VIRUS_DETECTED" -> antivirus(m, e);
            case "ANTISPAM_SPAM_DETECTED" -> antispam(m, e);
            case "CONTENT_FILTERING_BLOCKED" -> contentFilter(m, e);
            case "AAMW_ACTION_LOG", "SRX_AAMW_ACTION_LOG" -> aamwAction(m, e);
            case "AAMW_MALWARE_EVENT_LOG" -> aamwMalware(m, e);
            case "AAMW_HOST_INFECTED_EVENT_LOG" -> aamwInfectedHost(m, e);
            case "SECINTEL_ACTION_LOG" -> secintel(m, e);
            default -> unmapped(m, base);
        };
    }

    private static ParseResult unmapped(JunosMessage m, String base) {
        if (base.startsWith("RT_FLOW_SESSION_") || base.startsWith("IDP_ATTACK_") || base.startsWith("WEBFILTER_URL_")
                || base.startsWith("AV_VIRUS_") || (base.startsWith("AAMW_") && base.endsWith("_LOG"))
                || base.startsWith("SECINTEL_")) {
            return ParseResult.rejected("unsupported Junos security event " + m.name());
        }
        if (base.startsWith("RTLOG_")) {
            return ParseResult.ignored("security log transport status (" + base + "), no security event");
        }
        if (base.startsWith("UI_")) {
            return ParseResult.ignored("Junos management event " + base + ", not a security event");
        }
        if (base.startsWith("IDP_")) {
            return ParseResult.ignored("IDP housekeeping " + base + ", not a security event");
        }
        return ParseResult.ignored("Junos system event " + base + ", not a security event");
    }

    // ------------------------------------------------------------------ RT_FLOW

    private static ParseResult session(JunosMessage m, SecurityEvent e, PlainForms.Session kind) {
        Map<String, String> f = m.sd() != null ? m.sd() : PlainForms.session(m.text(), kind);
        if (f == null || f.get("source-address") == null) {
            return ParseResult.rejected(m.name() + ": expected 'session " + switch (kind) {
                case CREATE -> "created";
                case CLOSE -> "closed <reason>:";
                case DENY -> "denied";
            } + " S/port->D/port ...' or structured data with source-address");
        }
        e.set(Ecs.EVENT_CODE, m.name());
        switch (kind) {
            case CREATE -> {
                Events.verdict(e, Ecs.ACTION_ALLOWED, Ecs.OUTCOME_SUCCESS, Ecs.CATEGORY_NETWORK);
                Events.types(e, Ecs.TYPE_CONNECTION, Ecs.TYPE_START);
            }
            case CLOSE -> {
                Events.verdict(e, Ecs.ACTION_ALLOWED, Ecs.OUTCOME_SUCCESS, Ecs.CATEGORY_NETWORK);
                Events.types(e, Ecs.TYPE_CONNECTION, Ecs.TYPE_END);
            }
            case DENY -> {
                Events.verdict(e, Ecs.ACTION_DENIED, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_NETWORK);
                Events.types(e, Ecs.TYPE_CONNECTION, Ecs.TYPE_DENIED);
            }
        }
        String transport = transport(e, f);
        endpoints(e, f, transport);
        nat(e, f, transport);
        e.set(Ecs.YAGURA_POLICY, val(f, "policy-name"));
        zonesAndInterfaces(e, f);
        e.set(Ecs.NETWORK_APPLICATION, application(f, "application"));
        e.set(Ecs.USER_NAME, user(f));
        e.set(SERVICE_NAME, val(f, "service-name"));
        e.set(SESSION_ID, sessionId(f));
        e.set(SRC_NAT_RULE, val(f, "src-nat-rule-name"));
        e.set(DST_NAT_RULE, val(f, "dst-nat-rule-name"));
        e.set(LOGICAL_SYSTEM, val(f, "logical-system-name"));
        if (kind != PlainForms.Session.CREATE) {
            e.set(Ecs.EVENT_REASON, val(f, "reason"));
        }
        if (kind == PlainForms.Session.CLOSE) {
            volumes(e, f);
        }
        return ParseResult.parsed(e);
    }

    private static ParseResult appTrack(JunosMessage m, SecurityEvent e, boolean close) {
        Map<String, String> f = m.sd() != null ? m.sd() : PlainForms.appTrack(m.text(), close);
        if (f == null || f.get("source-address") == null) {
            return ParseResult.rejected(m.name() + ": expected 'AppTrack session " + (close ? "closed" : "created")
                    + " S/port->D/port ...' or structured data with source-address");
        }
        e.set(Ecs.EVENT_CODE, m.name());
        Events.verdict(e, Ecs.ACTION_ALLOWED, Ecs.OUTCOME_SUCCESS, Ecs.CATEGORY_NETWORK);
        Events.types(e, Ecs.TYPE_CONNECTION, close ? Ecs.TYPE_END : Ecs.TYPE_START);
        String transport = transport(e, f);
        endpoints(e, f, transport);
        nat(e, f, transport);
        e.set(Ecs.YAGURA_POLICY, val(f, "policy-name"));
        zonesAndInterfaces(e, f);
        e.set(Ecs.NETWORK_APPLICATION, application(f, "application"));
        e.set(Ecs.USER_NAME, user(f));
        e.set(SERVICE_NAME, val(f, "service-name"));
        e.set(SESSION_ID, sessionId(f));
        e.set(LOGICAL_SYSTEM, val(f, "logical-system-name"));
        if (close) {
            e.set(Ecs.EVENT_REASON, val(f, "reason"));
            volumes(e, f);
        }
        return ParseResult.parsed(e);
    }

    private static ParseResult reassemblyFailed(JunosMessage m, SecurityEvent e) {
        Map<String, String> f = m.sd() != null ? m.sd() : PlainForms.FREE_KV.parse(m.text());
        e.set(Ecs.EVENT_CODE, m.name());
        Events.verdict(e, Ecs.ACTION_DROPPED, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_NETWORK);
        Events.address(e, Ecs.SOURCE_IP, f.get("source-address"));
        Events.address(e, Ecs.DESTINATION_IP, f.get("destination-address"));
        e.set(Ecs.EVENT_REASON, "IP fragment reassembly failed");
        return ParseResult.parsed(e);
    }

    /** Bytes, packets and duration of a closed session. */
    private static void volumes(SecurityEvent e, Map<String, String> f) {
        Long cb = Numbers.number(f.get("bytes-from-client"));
        Long sb = Numbers.number(f.get("bytes-from-server"));
        Long cp = Numbers.number(f.get("packets-from-client"));
        Long sp = Numbers.number(f.get("packets-from-server"));
        e.set(Ecs.SOURCE_BYTES, cb);
        e.set(Ecs.DESTINATION_BYTES, sb);
        e.set(Ecs.SOURCE_PACKETS, cp);
        e.set(Ecs.DESTINATION_PACKETS, sp);
        if (cb != null && sb != null) {
            e.set(Ecs.NETWORK_BYTES, cb + sb);
        }
        if (cp != null && sp != null) {
            e.set(NETWORK_PACKETS, cp + sp);
        }
        Long seconds = Numbers.number(f.get("elapsed-time"));
        if (seconds != null && seconds >= 0) {
            e.set(Ecs.EVENT_DURATION, seconds * 1_000_000_000L);
        }
    }

    // ------------------------------------------------------------------ RT_IDS screens

    private static ParseResult screen(JunosMessage m, SecurityEvent e, String base) {
        boolean withPorts = base.equals("RT_SCREEN_TCP") || base.equals("RT_SCREEN_UDP");
        Map<String, String> f = m.sd() != null ? m.sd() : PlainForms.screen(m.text(), withPorts);
        String attack = f == null ? null : val(f, "attack-name");
        if (attack == null) {
            return ParseResult.rejected(m.name() + ": expected '<attack name>! source: ..., destination: ..., zone name: ...'"
                    + " or structured data with attack-name");
        }
        e.set(Ecs.EVENT_CODE, m.name());
        e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
        String action = val(f, "action");
        if (action != null && action.toLowerCase(Locale.ROOT).startsWith("alarm")) {
            Events.verdict(e, Ecs.ACTION_ALERT, Ecs.OUTCOME_UNKNOWN, Ecs.CATEGORY_IDS);
        } else {
            // The SRX drops what a screen catches unless the screen is set to alarm-without-drop;
            // releases before 12.1X44 do not write the action.
            Events.verdict(e, Ecs.ACTION_DROPPED, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_IDS);
        }
        String name = ScreenNames.name(attack);
        e.set(Ecs.RULE_ID, ScreenNames.option(name));
        e.set(Ecs.RULE_NAME, name);
        e.set(Ecs.RULE_CATEGORY, "screen");
        String transport = switch (base) {
            case "RT_SCREEN_TCP", "RT_SCREEN_TCP_SRC_IP", "RT_SCREEN_TCP_DST_IP" -> "tcp";
            case "RT_SCREEN_UDP" -> "udp";
            case "RT_SCREEN_ICMP" -> "icmp";
            default -> Transports.transport(val(f, "protocol-id"));
        };
        e.set(Ecs.NETWORK_TRANSPORT, transport);
        endpoints(e, f, transport);
        e.set(INGRESS_ZONE, val(f, "source-zone-name"));
        e.set(Ecs.OBSERVER_INGRESS_INTERFACE, val(f, "interface-name"));
        e.set(LOGICAL_SYSTEM, val(f, "logical-system-name"));
        return ParseResult.parsed(e);
    }

    // ------------------------------------------------------------------ RT_IDP

    private static ParseResult idpAttack(JunosMessage m, SecurityEvent e) {
        Map<String, String> f = m.sd() != null ? m.sd() : PlainForms.idpAttack(m.text());
        String attack = f == null ? null : val(f, "attack-name");
        if (attack == null) {
            return ParseResult.rejected(m.name() + ": expected 'IDP: at <time>, SIG Attack log <S/port->D/port> ..."
                    + " attack: ... name=<attack>' or structured data with attack-name");
        }
        e.set(Ecs.EVENT_CODE, m.name());
        e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
        idpVerdict(e, val(f, "action"), Ecs.CATEGORY_IDS);
        e.set(Ecs.RULE_ID, attack);
        e.set(Ecs.RULE_NAME, attack);
        e.set(Ecs.RULE_CATEGORY, val(f, "message-type"));
        Events.vulnerabilities(e, attack);
        severity(e, val(f, "threat-severity"));
        String transport = transport(e, f);
        endpoints(e, f, transport);
        nat(e, f, transport);
        e.set(Ecs.YAGURA_POLICY, val(f, "policy-name"));
        e.set(RULEBASE, val(f, "rulebase-name"));
        e.set(POLICY_RULE, val(f, "rule-name"));
        zonesAndInterfaces(e, f);
        e.set(Ecs.NETWORK_APPLICATION, application(f, "application-name"));
        e.set(Ecs.USER_NAME, user(f));
        e.set(REPEAT_COUNT, Numbers.number(f.get("repeat-count")));
        e.set(Ecs.EVENT_REASON, val(f, "message"));
        e.set(LOGICAL_SYSTEM, val(f, "logical-system-name"));
        return ParseResult.parsed(e);
    }

    private static ParseResult appDdos(JunosMessage m, SecurityEvent e, boolean attack) {
        Map<String, String> f = m.sd() != null ? m.sd() : PlainForms.FREE_KV.parse(m.text());
        e.set(Ecs.EVENT_CODE, m.name());
        e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
        idpVerdict(e, attack ? val(f, "action") : null, Ecs.CATEGORY_IDS);
        e.set(Ecs.RULE_NAME, attack ? "AppDDoS attack" : "AppDDoS state change");
        e.set(Ecs.RULE_CATEGORY, "appddos");
        severity(e, val(f, "threat-severity"));
        if (!attack) {
            // a protected server's state moved (connection rate over its limit): the attackers come in
            // IDP_APPDDOS_APP_ATTACK_EVENT
            Events.types(e, Ecs.TYPE_INFO);
        }
        String transport = transport(e, f);
        endpoints(e, f, transport);
        e.set(Ecs.YAGURA_POLICY, val(f, "policy-name"));
        e.set(RULEBASE, val(f, "rulebase-name") != null ? val(f, "rulebase-name") : val(f, "ruleebase-name"));
        e.set(POLICY_RULE, val(f, "rule-name"));
        zonesAndInterfaces(e, f);
        e.set(DDOS_APPLICATION, val(f, "ddos-application-name"));
        e.set(CONTEXT_NAME, val(f, "context-name"));
        e.set(REPEAT_COUNT, Numbers.number(f.get("repeat-count")));
        e.set(Ecs.EVENT_REASON, val(f, "message"));
        e.set(LOGICAL_SYSTEM, val(f, "logical-system-name"));
        return ParseResult.parsed(e);
    }

    /**
     * The IDP actions of the Junos IDP policy (and AppDDoS): no-action / ignore-connection /
     * diffserv-marking / ip-notify let the traffic through (alert); drop-packet and drop-connection
     * discard silently (dropped); close-client, close-server, close-client-and-server and ip-close send
     * TCP resets (reset); ip-block blocks the attacker's later sessions (blocked).
     */
    private static void idpVerdict(SecurityEvent e, String action, String... categories) {
        String a = action == null ? "NONE" : action.toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        if (a.contains("DROP")) {
            Events.verdict(e, Ecs.ACTION_DROPPED, Ecs.OUTCOME_FAILURE, categories);
        } else if (a.contains("CLOSE")) {
            Events.verdict(e, Ecs.ACTION_RESET, Ecs.OUTCOME_FAILURE, categories);
        } else if (a.contains("BLOCK")) {
            Events.verdict(e, Ecs.ACTION_BLOCKED, Ecs.OUTCOME_FAILURE, categories);
        } else {
            Events.verdict(e, Ecs.ACTION_ALERT, Ecs.OUTCOME_UNKNOWN, categories);
        }
    }

    /**
     * IDP threat-severity words, numbered from the least to the most severe: INFO 1, LOW (WARNING) 2,
     * MEDIUM (MINOR) 3, HIGH (MAJOR) 4, CRITICAL 5. INFO detections are vendor-informational
     * (event.type info).
     */
    private static void severity(SecurityEvent e, String word) {
        if (word == null) {
            return;
        }
        long n = switch (word.toUpperCase(Locale.ROOT)) {
            case "INFO" -> 1;
            case "LOW", "WARNING" -> 2;
            case "MEDIUM", "MINOR" -> 3;
            case "HIGH", "MAJOR" -> 4;
            case "CRITICAL" -> 5;
            default -> -1;
        };
        e.set(Ecs.YAGURA_VENDOR_SEVERITY, word);
        e.set(Ecs.LOG_LEVEL, word.toLowerCase(Locale.ROOT));
        if (n > 0) {
            e.set(Ecs.EVENT_SEVERITY, n);
        }
        if (n == 1) {
            Events.types(e, Ecs.TYPE_INFO);
        }
    }

    // ------------------------------------------------------------------ RT_UTM

    private static ParseResult webFilter(JunosMessage m, SecurityEvent e, String base) {
        Map<String, String> f = m.sd() != null ? m.sd() : PlainForms.webFilter(m.text());
        if (f == null || f.get("source-address") == null) {
            return ParseResult.rejected(m.name() + ": expected 'WebFilter: ACTION=\"...\" S(port)->D(port) CATEGORY=...'"
                    + " or structured data with source-address");
        }
        e.set(Ecs.EVENT_CODE, m.name());
        String category = val(f, "category");
        if (base.equals("WEBFILTER_URL_PERMITTED")) {
            Events.verdict(e, Ecs.ACTION_ALLOWED, Ecs.OUTCOME_SUCCESS, Ecs.CATEGORY_WEB);
        } else {
            e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
            Events.verdict(e, Ecs.ACTION_BLOCKED, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_WEB);
            e.set(Ecs.RULE_NAME, category);
        }
        e.set(URL_CATEGORY, category);
        e.set(Ecs.EVENT_REASON, val(f, "reason"));
        e.set(PROFILE, val(f, "profile") != null ? val(f, "profile") : val(f, "profile-name"));
        utmCommon(e, f);
        url(e, val(f, "url"), val(f, "obj"));
        return ParseResult.parsed(e);
    }

    private static ParseResult antivirus(JunosMessage m, SecurityEvent e) {
        Map<String, String> f = m.sd() != null ? m.sd() : PlainForms.antivirus(m.text());
        if (f == null || f.get("source-address") == null) {
            return ParseResult.rejected(m.name() + ": expected 'AntiVirus: Virus detected: ... S:port->D:port ... virus=...'"
                    + " or structured data with source-address");
        }
        e.set(Ecs.EVENT_CODE, m.name());
        e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
        String action = val(f, "action");
        if (action != null && permits(action)) {
            Events.verdict(e, Ecs.ACTION_ALERT, Ecs.OUTCOME_UNKNOWN, Ecs.CATEGORY_MALWARE);
        } else {
            Events.verdict(e, Ecs.ACTION_BLOCKED, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_MALWARE);
        }
        String virus = val(f, "name") != null ? val(f, "name") : val(f, "virus-name");
        e.set(Ecs.RULE_NAME, virus);
        Events.vulnerabilities(e, virus);
        e.set(Ecs.FILE_NAME, val(f, "filename"));
        e.set(PROFILE, val(f, "profile-name"));
        utmCommon(e, f);
        String url = val(f, "url");
        e.set(Ecs.URL_ORIGINAL, url);
        return ParseResult.parsed(e);
    }

    private static ParseResult antispam(JunosMessage m, SecurityEvent e) {
        Map<String, String> f = m.sd() != null ? m.sd() : PlainForms.antispam(m.text());
        if (f == null || f.get("source-address") == null) {
            return ParseResult.rejected(m.name() + ": expected 'AntiSpam: SPAM detected: <name> (<address>) <action>"
                    + " reason: <reason>' or structured data with source-address");
        }
        e.set(Ecs.EVENT_CODE, m.name());
        e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
        String action = val(f, "action");
        String a = action == null ? "" : action.toLowerCase(Locale.ROOT);
        if (a.contains("block") || a.contains("drop") || a.contains("reject")) {
            Events.verdict(e, Ecs.ACTION_BLOCKED, Ecs.OUTCOME_FAILURE, "email");
        } else {
            Events.verdict(e, Ecs.ACTION_ALERT, Ecs.OUTCOME_UNKNOWN, "email");
        }
        Events.address(e, Ecs.SOURCE_IP, f.get("source-address"));
        String name = val(f, "source-name");
        if (name != null && Addresses.isHostName(name)) {
            e.set(Ecs.SOURCE_DOMAIN, name);
        }
        String reason = val(f, "reason");
        e.set(Ecs.RULE_NAME, reason);
        e.set(Ecs.EVENT_REASON, reason);
        e.set(PROFILE, val(f, "profile-name"));
        return ParseResult.parsed(e);
    }

    private static ParseResult contentFilter(JunosMessage m, SecurityEvent e) {
        Map<String, String> f = m.sd() != null ? m.sd() : PlainForms.contentFilter(m.text());
        if (f == null || f.get("source-address") == null) {
            return ParseResult.rejected(m.name() + ": expected 'S(port)->D(port) ... reason: ...' or structured data"
                    + " with source-address");
        }
        e.set(Ecs.EVENT_CODE, m.name());
        Events.verdict(e, Ecs.ACTION_BLOCKED, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_NETWORK);
        String reason = val(f, "reason");
        e.set(Ecs.RULE_NAME, reason);
        e.set(Ecs.EVENT_REASON, reason);
        e.set(Ecs.FILE_NAME, val(f, "filename"));
        e.set(Ecs.URL_ORIGINAL, val(f, "url"));
        e.set(PROFILE, val(f, "profile-name") != null ? val(f, "profile-name") : val(f, "profile"));
        utmCommon(e, f);
        return ParseResult.parsed(e);
    }

    private static void utmCommon(SecurityEvent e, Map<String, String> f) {
        String transport = transport(e, f);
        endpoints(e, f, transport);
        zonesAndInterfaces(e, f);
        e.set(Ecs.NETWORK_APPLICATION, application(f, "application"));
        e.set(Ecs.USER_NAME, user(f));
        e.set(Ecs.YAGURA_POLICY, val(f, "policy-name"));
        e.set(SESSION_ID, sessionId(f));
        e.set(LOGICAL_SYSTEM, val(f, "logical-system-name"));
    }

    /** url.* from the web filter's URL (a host, or a whole URL) and OBJ (the path). */
    private static void url(SecurityEvent e, String url, String obj) {
        if (url == null) {
            e.set(Ecs.URL_PATH, obj);
            return;
        }
        int scheme = url.indexOf("://");
        int hostStart = scheme < 0 ? 0 : scheme + 3;
        int slash = url.indexOf('/', hostStart);
        String host = url.substring(hostStart, slash < 0 ? url.length() : slash);
        String path = obj != null ? obj : slash < 0 ? null : url.substring(slash);
        e.set(Ecs.URL_ORIGINAL, obj != null && slash < 0 ? url + obj : url);
        e.set(Ecs.URL_DOMAIN, host.isEmpty() ? null : host);
        e.set(Ecs.URL_PATH, path);
    }

    // ------------------------------------------------------------------ RT_AAMW, RT_SECINTEL

    private static ParseResult aamwAction(JunosMessage m, SecurityEvent e) {
        Map<String, String> f = m.sd() != null ? m.sd() : PlainForms.FREE_KV.parse(m.text());
        String action = val(f, "action");
        if (action == null) {
            return ParseResult.rejected(m.name() + ": expected action= and verdict-number= (structured data or key=value)");
        }
        e.set(Ecs.EVENT_CODE, m.name());
        Long verdict = Numbers.number(f.get("verdict-number"));
        String a = action.toUpperCase(Locale.ROOT);
        if (a.contains("BLOCK") || a.contains("DROP")) {
            e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
            Events.verdict(e, Ecs.ACTION_BLOCKED, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_MALWARE);
        } else if (verdict == null || verdict >= MALWARE_THRESHOLD) {
            e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
            Events.verdict(e, Ecs.ACTION_ALERT, Ecs.OUTCOME_UNKNOWN, Ecs.CATEGORY_MALWARE);
        } else {
            // a file scored below the malware threshold and let through: a clean download
            Events.verdict(e, Ecs.ACTION_ALLOWED, Ecs.OUTCOME_SUCCESS, Ecs.CATEGORY_FILE);
            Events.types(e, Ecs.TYPE_INFO);
        }
        verdictScore(e, verdict);
        String malware = val(f, "malware-info") != null ? val(f, "malware-info") : val(f, "mw-info");
        e.set(Ecs.RULE_NAME, malware);
        Events.vulnerabilities(e, malware);
        e.set(FILE_CATEGORY, val(f, "file-category"));
        e.set(Ecs.FILE_NAME, val(f, "file-name"));
        e.set(Ecs.FILE_HASH_SHA256, val(f, "sample-sha256"));
        e.set(Ecs.URL_ORIGINAL, val(f, "url"));
        e.set(Ecs.URL_DOMAIN, host(val(f, "hostname")));
        utmCommon(e, f);
        return ParseResult.parsed(e);
    }

    private static ParseResult aamwMalware(JunosMessage m, SecurityEvent e) {
        Map<String, String> f = m.sd() != null ? m.sd() : PlainForms.FREE_KV.parse(m.text());
        e.set(Ecs.EVENT_CODE, m.name());
        e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
        // the cloud's verdict arrives after the download: the file reached the host
        Events.verdict(e, Ecs.ACTION_ALERT, Ecs.OUTCOME_UNKNOWN, Ecs.CATEGORY_MALWARE);
        verdictScore(e, Numbers.number(f.get("verdict-number")));
        String malware = val(f, "malware-info") != null ? val(f, "malware-info") : val(f, "mw-info");
        e.set(Ecs.RULE_NAME, malware);
        Events.vulnerabilities(e, malware);
        e.set(Ecs.FILE_HASH_SHA256, val(f, "sample-sha256"));
        e.set(Ecs.FILE_NAME, val(f, "file-name"));
        clientHost(e, f);
        e.set(Ecs.USER_NAME, user(f));
        return ParseResult.parsed(e);
    }

    private static ParseResult aamwInfectedHost(JunosMessage m, SecurityEvent e) {
        Map<String, String> f = m.sd() != null ? m.sd() : PlainForms.FREE_KV.parse(m.text());
        e.set(Ecs.EVENT_CODE, m.name());
        e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
        Events.verdict(e, Ecs.ACTION_ALERT, Ecs.OUTCOME_UNKNOWN, Ecs.CATEGORY_MALWARE);
        verdictScore(e, Numbers.number(f.get("th")));
        clientHost(e, f);
        e.set(Ecs.EVENT_REASON, val(f, "status"));
        e.set(Ecs.YAGURA_POLICY, val(f, "policy-name"));
        return ParseResult.parsed(e);
    }

    private static void clientHost(SecurityEvent e, Map<String, String> f) {
        String ip = f.get("client-ip") != null ? f.get("client-ip") : f.get("client-ip-str");
        if (!Events.address(e, Ecs.SOURCE_IP, ip)) {
            Events.address(e, Ecs.SOURCE_IP, f.get("source-address"));
        }
        e.set(Ecs.SOURCE_DOMAIN, host(val(f, "hostname")));
    }

    /** The ATP Cloud score 1-10 (10 most malicious) is the event's severity. */
    private static void verdictScore(SecurityEvent e, Long score) {
        if (score != null) {
            e.set(Ecs.EVENT_SEVERITY, score);
            e.set(Ecs.YAGURA_VENDOR_SEVERITY, score.toString());
        }
    }

    private static ParseResult secintel(JunosMessage m, SecurityEvent e) {
        Map<String, String> f = m.sd() != null ? m.sd() : PlainForms.FREE_KV.parse(m.text());
        String action = val(f, "action");
        if (action == null) {
            return ParseResult.rejected(m.name() + ": expected action= and sub-category= (structured data or key=value)");
        }
        e.set(Ecs.EVENT_CODE, m.name());
        e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
        String sub = val(f, "sub-category");
        String second = sub != null && (sub.equalsIgnoreCase("CC") || sub.toLowerCase(Locale.ROOT).contains("infected"))
                ? Ecs.CATEGORY_MALWARE : Ecs.CATEGORY_THREAT;
        if (permits(action)) {
            Events.verdict(e, Ecs.ACTION_ALERT, Ecs.OUTCOME_UNKNOWN, Ecs.CATEGORY_NETWORK, second);
        } else {
            Events.verdict(e, Ecs.ACTION_BLOCKED, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_NETWORK, second);
        }
        e.set(Ecs.RULE_NAME, val(f, "feed-name"));
        e.set(Ecs.RULE_CATEGORY, sub);
        e.set(Ecs.EVENT_REASON, val(f, "action-detail"));
        Long severity = Numbers.number(f.get("threat-severity"));
        if (severity != null) {
            e.set(Ecs.EVENT_SEVERITY, severity);
            e.set(Ecs.YAGURA_VENDOR_SEVERITY, severity.toString());
        }
        String host = host(val(f, "http-host"));
        e.set(Ecs.DESTINATION_DOMAIN, host);
        e.set(PROFILE, val(f, "profile-name"));
        utmCommon(e, f);
        return ParseResult.parsed(e);
    }

    private static boolean permits(String action) {
        String a = action.toLowerCase(Locale.ROOT);
        return a.startsWith("permit") || a.startsWith("pass") || a.startsWith("allow") || a.startsWith("log")
                || a.startsWith("recommended") || a.startsWith("monitor");
    }

    // ------------------------------------------------------------------ shared fields

    private static String transport(SecurityEvent e, Map<String, String> f) {
        String p = val(f, "protocol-id");
        if (p == null) {
            p = val(f, "protocol-name");
        }
        if (p == null) {
            p = val(f, "protocol");
        }
        String t = Transports.transport(p);
        e.set(Ecs.NETWORK_TRANSPORT, t);
        return t;
    }

    private static void endpoints(SecurityEvent e, Map<String, String> f, String transport) {
        Events.address(e, Ecs.SOURCE_IP, f.get("source-address"));
        Events.address(e, Ecs.DESTINATION_IP, f.get("destination-address"));
        if (!Transports.portless(transport)) {
            Events.port(e, Ecs.SOURCE_PORT, f.get("source-port"));
            Events.port(e, Ecs.DESTINATION_PORT, f.get("destination-port"));
        }
    }

    /** NAT addresses and ports, when the device translated (0.0.0.0 and unchanged values say it did not). */
    private static void nat(SecurityEvent e, Map<String, String> f, String transport) {
        natSide(e, f.get("nat-source-address"), f.get("nat-source-port"), Ecs.SOURCE_IP, Ecs.SOURCE_PORT,
                Ecs.SOURCE_NAT_IP, Ecs.SOURCE_NAT_PORT, transport);
        natSide(e, f.get("nat-destination-address"), f.get("nat-destination-port"), Ecs.DESTINATION_IP,
                Ecs.DESTINATION_PORT, Ecs.DESTINATION_NAT_IP, Ecs.DESTINATION_NAT_PORT, transport);
    }

    private static void natSide(SecurityEvent e, String addressText, String portText, String ipField, String portField,
                                String natIpField, String natPortField, String transport) {
        String ip = Addresses.normalize(addressText);
        if (ip == null || ip.equals("0.0.0.0") || ip.equals("::")) {
            return;
        }
        Long port = Transports.portless(transport) ? null : Ports.port(portText);
        if (port != null && port == 0) {
            port = null;
        }
        Object original = e.get(portField);
        if (ip.equals(e.getString(ipField)) && (port == null || port.equals(original))) {
            return;
        }
        e.set(natIpField, ip);
        e.set(natPortField, port);
    }

    private static void zonesAndInterfaces(SecurityEvent e, Map<String, String> f) {
        e.set(INGRESS_ZONE, val(f, "source-zone-name"));
        e.set(EGRESS_ZONE, val(f, "destination-zone-name"));
        String in = val(f, "packet-incoming-interface");
        if (in == null) {
            in = val(f, "source-interface-name");
        }
        e.set(Ecs.OBSERVER_INGRESS_INTERFACE, in);
        e.set(Ecs.OBSERVER_EGRESS_INTERFACE, val(f, "destination-interface-name"));
    }

    /** network.application in lower case (ECS); UNKNOWN and NONE mean not identified. */
    private static String application(Map<String, String> f, String key) {
        String a = val(f, key);
        if (a == null || a.equalsIgnoreCase("UNKNOWN") || a.equalsIgnoreCase("NONE")) {
            return null;
        }
        return a.toLowerCase(Locale.ROOT);
    }

    private static String user(Map<String, String> f) {
        String u = val(f, "username");
        if (u == null || u.equalsIgnoreCase("unknown-user") || u.equalsIgnoreCase("unauthenticated-user")
                || u.equalsIgnoreCase("unknown")) {
            return null;
        }
        return u;
    }

    private static String sessionId(Map<String, String> f) {
        String id = val(f, "session-id-32");
        if (id == null || id.equals("0")) {
            id = val(f, "session-id");
        }
        return id == null || id.equals("0") ? null : id;
    }

    private static String host(String name) {
        return name != null && Addresses.isHostName(name) ? name : null;
    }

    /** A parameter, trimmed, null for Junos's "no value" words (N/A, None, -, empty). */
    static String val(Map<String, String> f, String key) {
        return Events.value(f.get(key));
    }
}
