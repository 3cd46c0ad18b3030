package io.yagura.plugin.paloalto;

import static io.yagura.plugin.paloalto.PanField.*;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.net.Addresses;
import io.yagura.format.net.Numbers;
import io.yagura.format.net.Transports;
import io.yagura.format.parser.Events;
import java.util.Locale;

/**
 * PAN-OS log entries to events, the same for every wire format. Field meanings and values are
 * those of the PAN-OS "Syslog Field Descriptions" (Traffic, Threat, System, Config, Correlated
 * Events, Authentication and GlobalProtect log fields); see docs/vendors/paloalto.md.
 */
final class PanEvents {

    static final String PREFIX = "paloalto.";
    static final String SESSION_ID_FIELD = PREFIX + "session_id";

    private static final String[] SEVERITY_WORDS = {null, "informational", "low", "medium", "high", "critical"};

    private PanEvents() {
    }

    /** Dispatches on the log type; {@code e} already carries timestamp, observer and header fields. */
    static ParseResult map(PanRecord r, SecurityEvent e) {
        String type = r.type();
        e.set(PREFIX + "log_type", type);
        String subtype = r.get(SUBTYPE);
        if (subtype != null && !subtype.equals("0")) {
            e.set(PREFIX + "subtype", subtype.toLowerCase(Locale.ROOT));
        }
        return switch (type) {
            case "TRAFFIC" -> traffic(r, e);
            case "THREAT" -> threat(r, e);
            case "SYSTEM" -> system(r, e);
            case "CONFIG" -> config(r, e);
            case "CORRELATION" -> correlation(r, e);
            case "AUTH", "AUTHENTICATION" -> authentication(r, e);
            case "GLOBALPROTECT" -> globalProtect(r, e);
            case "USERID" -> ParseResult.ignored("User-ID mapping log: no security event");
            case "HIPMATCH", "HIP-MATCH" -> ParseResult.ignored("HIP match log: endpoint posture, no security event");
            case "IPTAG" -> ParseResult.ignored("IP-Tag log: tag registration, no security event");
            case "DECRYPTION" -> ParseResult.ignored("decryption log: TLS inspection session, no security event");
            case "TUNNEL", "GTP", "SCTP" -> ParseResult.ignored("tunnel, GTP and SCTP inspection logs are not read");
            default -> ParseResult.rejected("unknown PAN-OS log type '" + type + "'");
        };
    }

    // ------------------------------------------------------------------ TRAFFIC

    private static ParseResult traffic(PanRecord r, SecurityEvent e) {
        String action = normalizeAction(r.get(ACTION));
        if (action == null) {
            return ParseResult.rejected("TRAFFIC log without an action");
        }
        switch (action) {
            case "allow" -> Events.verdict(e, Ecs.ACTION_ALLOWED, Ecs.OUTCOME_SUCCESS, Ecs.CATEGORY_NETWORK);
            case "deny" -> Events.verdict(e, Ecs.ACTION_DENIED, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_NETWORK);
            case "drop", "drop-icmp", "drop-all", "drop-all-packets" ->
                    Events.verdict(e, Ecs.ACTION_DROPPED, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_NETWORK);
            case "reset-client", "reset-server", "reset-both" ->
                    Events.verdict(e, Ecs.ACTION_RESET, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_NETWORK);
            default -> {
                return ParseResult.rejected("TRAFFIC log with unknown action '" + action + "'");
            }
        }
        switch (r.subtype()) {
            case "start" -> Events.types(e, Ecs.TYPE_CONNECTION, Ecs.TYPE_START);
            case "end" -> Events.types(e, Ecs.TYPE_CONNECTION, Ecs.TYPE_END);
            case "drop", "deny" -> Events.types(e, Ecs.TYPE_CONNECTION, Ecs.TYPE_DENIED);
            default -> Events.types(e, Ecs.TYPE_CONNECTION);
        }
        if (!session(r, e)) {
            return ParseResult.rejected("TRAFFIC log without a source or destination address");
        }
        number(e, Ecs.NETWORK_BYTES, r.get(BYTES));
        number(e, Ecs.SOURCE_BYTES, r.get(BYTES_SENT));
        number(e, Ecs.DESTINATION_BYTES, r.get(BYTES_RECEIVED));
        number(e, "network.packets", r.get(PACKETS));
        number(e, Ecs.SOURCE_PACKETS, r.get(PKTS_SENT));
        number(e, Ecs.DESTINATION_PACKETS, r.get(PKTS_RECEIVED));
        Long elapsed = Numbers.number(r.get(ELAPSED));
        if (elapsed != null && elapsed >= 0) {
            e.set(Ecs.EVENT_DURATION, elapsed * 1_000_000_000L);
        }
        String reason = r.get(SESSION_END_REASON);
        if (reason != null && !reason.equalsIgnoreCase("unknown")) {
            e.set(Ecs.EVENT_REASON, reason);
        }
        return ParseResult.parsed(e);
    }

    // ------------------------------------------------------------------ THREAT

    private static ParseResult threat(PanRecord r, SecurityEvent e) {
        String subtype = r.subtype();
        String verdictWord = null;
        if (subtype.equals("wildfire")) {
            verdictWord = r.get(CATEGORY) == null ? null : r.get(CATEGORY).toLowerCase(Locale.ROOT);
            if ("benign".equals(verdictWord)) {
                return ParseResult.ignored("WildFire verdict benign: no threat");
            }
        }
        String action = normalizeAction(r.get(ACTION));
        if (action == null) {
            return ParseResult.rejected("THREAT log without an action");
        }
        String category = switch (subtype) {
            case "vulnerability", "flood", "scan", "packet" -> Ecs.CATEGORY_IDS;
            case "spyware" -> Ecs.CATEGORY_MALWARE;
            case "virus", "wildfire", "wildfire-virus", "ml-virus" -> Ecs.CATEGORY_MALWARE;
            case "url" -> Ecs.CATEGORY_WEB;
            case "file", "data" -> Ecs.CATEGORY_FILE;
            default -> Ecs.CATEGORY_IDS;
        };
        String[] categories = switch (subtype) {
            case "spyware" -> new String[] {Ecs.CATEGORY_MALWARE, Ecs.CATEGORY_IDS};
            case "flood", "scan", "packet" -> new String[] {Ecs.CATEGORY_IDS, Ecs.CATEGORY_NETWORK};
            default -> new String[] {category};
        };
        String ecsAction = threatAction(action);
        if (ecsAction == null) {
            return ParseResult.rejected("THREAT log with unknown action '" + action + "'");
        }
        Events.verdict(e, ecsAction, ecsAction.equals(Ecs.ACTION_ALERT) ? Ecs.OUTCOME_UNKNOWN : Ecs.OUTCOME_FAILURE,
                categories);
        e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
        if (!session(r, e)) {
            return ParseResult.rejected("THREAT log without a source or destination address");
        }
        // Threat/Content Name: "Name(12345)", "(9999)" for URL filtering
        String threat = r.get(THREAT_ID);
        String threatName = threat;
        if (threat != null && threat.endsWith(")")) {
            int open = threat.lastIndexOf('(');
            if (open >= 0) {
                String id = threat.substring(open + 1, threat.length() - 1).trim();
                if (Numbers.isDigits(id)) {
                    e.set(Ecs.RULE_ID, id);
                    threatName = threat.substring(0, open).trim();
                }
            }
        } else if (threat != null && Numbers.isDigits(threat)) {
            e.set(Ecs.RULE_ID, threat);
            threatName = null;
        }
        e.set(Ecs.RULE_NAME, threatName == null || threatName.isEmpty() ? null : threatName);
        String urlCategory = r.get(CATEGORY);
        e.set(Ecs.RULE_CATEGORY, subtype.equals("url") && urlCategory != null ? urlCategory
                : subtype.isEmpty() ? null : subtype);
        Events.vulnerabilities(e, threatName);
        severity(r, e);
        if ("informational".equals(e.getString(Ecs.LOG_LEVEL)) || "grayware".equals(verdictWord)) {
            Events.types(e, Ecs.TYPE_INFO);
        }
        String direction = r.get(DIRECTION);
        if (direction != null) {
            String d = direction.toLowerCase(Locale.ROOT).replace(' ', '-');
            e.set(PREFIX + "direction", switch (d) {
                case "0" -> "client-to-server";
                case "1" -> "server-to-client";
                default -> d;
            });
        }
        String misc = unquote(r.get(MISC));
        if (misc != null) {
            switch (subtype) {
                case "url", "vulnerability", "spyware" -> {
                    e.set(Ecs.URL_ORIGINAL, misc);
                    if (subtype.equals("url")) {
                        e.set(Ecs.URL_DOMAIN, urlDomain(misc));
                    }
                }
                case "virus", "wildfire", "wildfire-virus", "ml-virus", "file", "data" -> e.set(Ecs.FILE_NAME, misc);
                default -> { }
            }
        }
        String digest = r.get(FILE_DIGEST);
        if (digest != null && digest.length() == 64 && isHex(digest)) {
            e.set(Ecs.FILE_HASH_SHA256, digest.toLowerCase(Locale.ROOT));
        }
        e.set(Ecs.HTTP_REQUEST_METHOD, r.get(HTTP_METHOD));
        e.set(Ecs.USER_AGENT_ORIGINAL, r.get(USER_AGENT));
        String threatCategory = r.get(THREAT_CATEGORY);
        if (threatCategory != null && !threatCategory.equalsIgnoreCase("unknown")) {
            e.set(PREFIX + "threat_category", threatCategory);
        }
        if (verdictWord != null) {
            e.set(PREFIX + "verdict", verdictWord);
        }
        return ParseResult.parsed(e);
    }

    /** The threat log's Action column in the shared vocabulary, or null for a word PAN-OS does not document. */
    static String threatAction(String action) {
        return switch (action) {
            // detected and let through: alert; "allow" is the flood-protection alert; continue and
            // override are URL filtering pages the user clicked through; syncookie-sent protects but
            // lets the connection proceed
            case "alert", "allow", "continue", "override", "syncookie-sent" -> Ecs.ACTION_ALERT;
            case "drop", "drop-all", "drop-all-packets", "random-drop", "drop-icmp" -> Ecs.ACTION_DROPPED;
            case "reset-client", "reset-server", "reset-both" -> Ecs.ACTION_RESET;
            case "deny", "block", "block-url", "block-ip", "block-continue", "block-override", "override-lockout",
                    "sinkhole" -> Ecs.ACTION_BLOCKED;
            default -> null;
        };
    }

    // ------------------------------------------------------------------ SYSTEM

    private static ParseResult system(PanRecord r, SecurityEvent e) {
        String eventId = r.get(EVENT_ID);
        String id = eventId == null ? "" : eventId.toLowerCase(Locale.ROOT);
        boolean failed = id.equals("auth-fail") || id.endsWith("-auth-fail");
        boolean succeeded = id.equals("auth-success") || id.endsWith("-auth-succ") || id.endsWith("-auth-success");
        if (!failed && !succeeded) {
            return ParseResult.ignored("SYSTEM log other than authentication: device housekeeping, no security event");
        }
        authentication(e, succeeded);
        e.set(Ecs.EVENT_CODE, eventId);
        String text = r.get(DESCRIPTION);
        String user = between(text, "for user '", "'");
        if (user == null) {
            user = between(text, "User name: ", ",");
        }
        e.set(Ecs.USER_NAME, user);
        String from = between(text, "From: ", " ");
        if (from == null) {
            from = between(text, "Login from: ", ",");
        }
        Events.address(e, Ecs.SOURCE_IP, from == null ? null : Addresses.clean(from));
        String reason = shorter(between(text, "Reason: ", ". "), between(text, "Reason: ", ", "));
        e.set(Ecs.EVENT_REASON, reason);
        e.set(Ecs.MESSAGE, text);
        severity(r, e);
        return ParseResult.parsed(e);
    }

    // ------------------------------------------------------------------ CONFIG

    private static ParseResult config(PanRecord r, SecurityEvent e) {
        String result = r.get(RESULT) == null ? "" : r.get(RESULT).toLowerCase(Locale.ROOT);
        switch (result) {
            case "succeeded", "submitted" ->
                    Events.verdict(e, Ecs.ACTION_ALLOWED, Ecs.OUTCOME_SUCCESS, Ecs.CATEGORY_CONFIGURATION);
            case "failed", "unauthorized" ->
                    Events.verdict(e, Ecs.ACTION_DENIED, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_CONFIGURATION);
            default -> {
                return ParseResult.rejected("CONFIG log with unknown result '" + r.get(RESULT) + "'");
            }
        }
        Events.types(e, "change");
        String host = nonZero(r.get(HOST));
        if (!Events.address(e, Ecs.SOURCE_IP, host) && host != null && Addresses.isHostName(host)) {
            e.set(Ecs.SOURCE_DOMAIN, host);
        }
        e.set(Ecs.USER_NAME, r.get(ADMIN));
        e.set(PREFIX + "command", r.get(CMD));
        e.set(PREFIX + "client", r.get(CLIENT));
        e.set(PREFIX + "config_path", r.get(PATH));
        e.set(PREFIX + "result", r.get(RESULT));
        return ParseResult.parsed(e);
    }

    // ------------------------------------------------------------------ CORRELATION

    private static ParseResult correlation(PanRecord r, SecurityEvent e) {
        String category = r.get(CATEGORY);
        boolean compromised = category != null && category.toLowerCase(Locale.ROOT).contains("compromised");
        Events.verdict(e, Ecs.ACTION_ALERT, Ecs.OUTCOME_UNKNOWN,
                compromised ? Ecs.CATEGORY_MALWARE : Ecs.CATEGORY_IDS);
        e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
        Events.address(e, Ecs.SOURCE_IP, r.get(SRC));
        e.set(Ecs.USER_NAME, r.get(SRCUSER));
        e.set(Ecs.RULE_ID, r.get(OBJECT_ID));
        e.set(Ecs.RULE_NAME, r.get(OBJECT_NAME));
        e.set(Ecs.RULE_CATEGORY, category);
        e.set(Ecs.MESSAGE, r.get(EVIDENCE));
        severity(r, e);
        if ("informational".equals(e.getString(Ecs.LOG_LEVEL))) {
            Events.types(e, Ecs.TYPE_INFO);
        }
        return ParseResult.parsed(e);
    }

    // ------------------------------------------------------------------ AUTH, GLOBALPROTECT

    private static ParseResult authentication(PanRecord r, SecurityEvent e) {
        String event = r.get(AUTH_EVENT);
        String description = r.get(DESCRIPTION);
        Boolean ok = authResult(event != null ? event : description);
        if (ok == null) {
            return ParseResult.ignored("authentication log without a success or failure result");
        }
        authentication(e, ok);
        Events.address(e, Ecs.SOURCE_IP, nonZero(r.get(SRC)));
        String user = r.get(USER);
        e.set(Ecs.USER_NAME, user != null ? user : r.get(NORMALIZE_USER));
        e.set(Ecs.EVENT_REASON, event);
        e.set(Ecs.MESSAGE, description);
        e.set(Ecs.YAGURA_POLICY, r.get(RULE));
        return ParseResult.parsed(e);
    }

    /** Success or failure from the Event Type (or the description); null when it states neither. */
    static Boolean authResult(String text) {
        if (text == null) {
            return null;
        }
        String t = text.toLowerCase(Locale.ROOT);
        if (t.contains("fail") || t.contains("timeout") || t.contains("timed out") || t.contains("invalid")
                || t.contains("reject") || t.contains("denied")) {
            return Boolean.FALSE;
        }
        if (t.contains("success") || t.contains("succeeded")) {
            return Boolean.TRUE;
        }
        return null;
    }

    private static ParseResult globalProtect(PanRecord r, SecurityEvent e) {
        String eventId = r.get(EVENT_ID);
        String status = r.get(STATUS) == null ? "" : r.get(STATUS).toLowerCase(Locale.ROOT);
        boolean auth = eventId != null && eventId.toLowerCase(Locale.ROOT).contains("auth");
        if (!auth || !(status.equals("success") || status.equals("failure"))) {
            return ParseResult.ignored("GlobalProtect log other than an authentication: no security event");
        }
        authentication(e, status.equals("success"));
        e.set(Ecs.EVENT_CODE, eventId);
        e.set(Ecs.USER_NAME, r.get(SRCUSER));
        if (!Events.address(e, Ecs.SOURCE_IP, nonZero(r.get(PUBLIC_IP)))) {
            Events.address(e, Ecs.SOURCE_IP, nonZero(r.get(PUBLIC_IPV6)));
        }
        String error = r.get(ERROR);
        e.set(Ecs.EVENT_REASON, error != null ? error : r.get(REASON));
        e.set(PREFIX + "gp_stage", r.get(STAGE));
        return ParseResult.parsed(e);
    }

    private static void authentication(SecurityEvent e, boolean succeeded) {
        if (succeeded) {
            Events.verdict(e, Ecs.ACTION_ALLOWED, Ecs.OUTCOME_SUCCESS, Ecs.CATEGORY_AUTHENTICATION);
        } else {
            Events.verdict(e, Ecs.ACTION_DENIED, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_AUTHENTICATION);
        }
        Events.types(e, Ecs.TYPE_START);
    }

    // ------------------------------------------------------------------ shared pieces

    /** Addresses, ports, NAT, protocol, application, policy, users, zones, interfaces, session id. */
    private static boolean session(PanRecord r, SecurityEvent e) {
        boolean src = Events.address(e, Ecs.SOURCE_IP, nonZero(r.get(SRC)));
        boolean dst = Events.address(e, Ecs.DESTINATION_IP, nonZero(r.get(DST)));
        String transport = Transports.transport(r.get(PROTO));
        e.set(Ecs.NETWORK_TRANSPORT, transport);
        boolean ports = !Transports.portless(transport);
        if (ports) {
            port(e, Ecs.SOURCE_PORT, r.get(SPORT));
            port(e, Ecs.DESTINATION_PORT, r.get(DPORT));
        }
        if (Events.address(e, Ecs.SOURCE_NAT_IP, nonZero(r.get(NATSRC))) && ports) {
            port(e, Ecs.SOURCE_NAT_PORT, r.get(NATSPORT));
        }
        if (Events.address(e, Ecs.DESTINATION_NAT_IP, nonZero(r.get(NATDST))) && ports) {
            port(e, Ecs.DESTINATION_NAT_PORT, r.get(NATDPORT));
        }
        String app = r.get(APP);
        if (app != null && !app.equals("not-applicable")) {
            e.set(Ecs.NETWORK_APPLICATION, app);
        }
        e.set(Ecs.YAGURA_POLICY, r.get(RULE));
        String user = r.get(SRCUSER);
        if (user != null && !user.regionMatches(true, 0, "x-fwd-for:", 0, 10)) {
            e.set(Ecs.USER_NAME, user);
        }
        e.set("destination.user.name", r.get(DSTUSER));
        e.set("observer.ingress.zone", r.get(FROM_ZONE));
        e.set("observer.egress.zone", r.get(TO_ZONE));
        e.set(Ecs.OBSERVER_INGRESS_INTERFACE, r.get(INBOUND_IF));
        e.set(Ecs.OBSERVER_EGRESS_INTERFACE, r.get(OUTBOUND_IF));
        Long session = Numbers.number(r.get(SESSION_ID));
        if (session != null && session > 0) {
            e.set(SESSION_ID_FIELD, session);
        }
        return src || dst;
    }

    /** event.severity 1-5, yagura.vendor_severity and log.level from the Severity word (or number). */
    private static void severity(PanRecord r, SecurityEvent e) {
        String word = r.get(SEVERITY);
        int n = 0;
        if (word != null) {
            String w = word.toLowerCase(Locale.ROOT);
            for (int i = 1; i < SEVERITY_WORDS.length; i++) {
                if (SEVERITY_WORDS[i].equals(w)) {
                    n = i;
                }
            }
            if (n == 0 && w.equals("info")) {
                n = 1;
            }
        }
        if (n == 0) {
            Long number = Numbers.number(r.get(SEVERITY_NUMBER));
            if (number != null && number >= 1 && number <= 10) {
                // PAN-OS number-of-severity is 1-5; larger values are CEF's 0-10 scale
                n = number <= 5 ? number.intValue() : number <= 7 ? 4 : 5;
            }
        }
        if (n > 0) {
            e.set(Ecs.EVENT_SEVERITY, (long) n);
            e.set(Ecs.YAGURA_VENDOR_SEVERITY, SEVERITY_WORDS[n]);
            e.set(Ecs.LOG_LEVEL, SEVERITY_WORDS[n]);
        }
    }

    /** Lower case, spaces as dashes: the docs write "reset both", the logs "reset-both". */
    private static String normalizeAction(String action) {
        return action == null ? null : action.trim().toLowerCase(Locale.ROOT).replace(' ', '-');
    }

    private static void number(SecurityEvent e, String field, String digits) {
        Long v = Numbers.number(digits);
        if (v != null && v >= 0) {
            e.set(field, v);
        }
    }

    /** Ports as logged; 0 means none (ICMP, packets dropped before a session). */
    private static void port(SecurityEvent e, String field, String text) {
        Long p = io.yagura.format.net.Ports.port(text);
        if (p != null && p > 0) {
            e.set(field, p);
        }
    }

    /** 0.0.0.0 and :: mean "no address" ("no translation" in the NAT columns). */
    private static String nonZero(String ip) {
        if (ip == null || ip.equals("0.0.0.0") || ip.equals("::") || ip.equals("::0") || ip.equals("::ffff:0")) {
            return null;
        }
        return ip;
    }

    private static String unquote(String v) {
        if (v != null && v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
            v = v.substring(1, v.length() - 1);
        }
        return Events.value(v);
    }

    /** Host part of a URL as PAN-OS logs it (scheme optional): "www.example.com/a" -> www.example.com. */
    static String urlDomain(String url) {
        String u = url;
        int scheme = u.indexOf("://");
        if (scheme >= 0 && scheme < 10) {
            u = u.substring(scheme + 3);
        }
        int end = u.length();
        for (int i = 0; i < u.length(); i++) {
            char c = u.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                end = i;
                break;
            }
        }
        String host = u.substring(0, end);
        if (host.startsWith("[")) {
            int close = host.indexOf(']');
            host = close > 0 ? host.substring(1, close) : host;
        } else {
            int colon = host.indexOf(':');
            if (colon >= 0) {
                host = host.substring(0, colon);
            }
        }
        if (Addresses.isAddress(host)) {
            return Addresses.normalize(host);
        }
        return Addresses.isHostName(host) ? host.toLowerCase(Locale.ROOT) : null;
    }

    /** The text between {@code open} and the next {@code close} (or the end), trimmed; null if absent. */
    static String between(String text, String open, String close) {
        if (text == null) {
            return null;
        }
        int at = text.indexOf(open);
        if (at < 0) {
            return null;
        }
        int from = at + open.length();
        int to = text.indexOf(close, from);
        String v = (to < 0 ? text.substring(from) : text.substring(from, to)).trim();
        if (v.endsWith(".")) {
            v = v.substring(0, v.length() - 1);
        }
        return v.isEmpty() ? null : v;
    }

    private static String shorter(String a, String b) {
        return a == null ? b : b == null || a.length() <= b.length() ? a : b;
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
