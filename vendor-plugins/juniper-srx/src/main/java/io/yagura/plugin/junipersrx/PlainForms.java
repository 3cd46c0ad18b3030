package io.yagura.plugin.junipersrx;

import io.yagura.format.kv.KeyValues;
import io.yagura.format.net.Addresses;
import io.yagura.format.net.Numbers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The plain (BSD syslog) forms of the Junos security messages, read into the same parameter names
 * the structured-data form uses ({@code source-address}, {@code nat-source-port}, {@code policy-name}...),
 * so that one mapping serves both forms. Layouts are those of the Junos OS System Log Messages
 * Reference; each reader tolerates the fields later releases appended. A reader returns null when the
 * text is not the documented layout.
 */
final class PlainForms {

    /** key=value bodies whose unquoted values may hold spaces (SECINTEL "action-detail=CLOSE REDIRECT MSG"). */
    static final KeyValues FREE_KV = KeyValues.syntax().spacesInValues().build();

    private PlainForms() {
    }

    // ------------------------------------------------------------------ RT_FLOW

    enum Session { CREATE, CLOSE, DENY }

    /**
     * RT_FLOW_SESSION_CREATE / CLOSE / DENY:
     * <pre>
     * session created S/sp->D/dp [0xTAG] service N/np->M/mp [0xTAG] [nat rule types and names] protocol-id
     *     policy-name source-zone destination-zone session-id [username(roles) interface application
     *     nested-application encrypted ...]
     * session closed reason: S/sp->D/dp [0xTAG] service N/np->M/mp [0xTAG] [nat rules] protocol-id policy-name
     *     source-zone destination-zone session-id packets(bytes) packets(bytes) elapsed-time [application
     *     nested-application username(roles) interface encrypted ...]
     * session denied S/sp->D/dp [0xTAG] service protocol-id(icmp-type) policy-name source-zone
     *     destination-zone [application nested-application username(roles) interface encrypted reason
     *     session-id ...]
     * </pre>
     * Releases before 12.1X47 have no connection tags and a rule name per NAT direction; later ones
     * add rule types ("N/A", "source rule", "static rule") before the names. Created and closed
     * sessions are anchored on the session id (digits) that follows protocol, policy and zones, so
     * that NAT rule names of any shape do not shift the fields.
     */
    static Map<String, String> session(String text, Session kind) {
        String marker = switch (kind) {
            case CREATE -> "session created ";
            case CLOSE -> "session closed ";
            case DENY -> "session denied ";
        };
        int m = text.indexOf(marker);
        if (m < 0) {
            return null;
        }
        int arrow = text.indexOf("->", m);
        if (arrow < 0) {
            return null;
        }
        int tupleStart = text.lastIndexOf(' ', arrow) + 1;
        if (tupleStart < m + marker.length()) {
            return null;
        }
        Map<String, String> f = new HashMap<>(32);
        if (kind == Session.CLOSE) {
            String reason = text.substring(m + marker.length(), tupleStart).trim();
            if (reason.endsWith(":")) {
                reason = reason.substring(0, reason.length() - 1).trim();
            }
            f.put("reason", reason);
        }
        List<String> t = tokens(text, tupleStart);
        if (!flowTuple(t.get(0), f, "source-address", "source-port", "destination-address", "destination-port")) {
            return null;
        }
        int i = 1;
        if (i < t.size() && t.get(i).startsWith("0x")) {
            i++;
        }
        if (i >= t.size()) {
            return f;
        }
        f.put("service-name", t.get(i++));
        if (kind == Session.DENY) {
            return denied(t, i, f);
        }
        if (i < t.size() && flowTuple(t.get(i), f, "nat-source-address", "nat-source-port", "nat-destination-address",
                "nat-destination-port")) {
            i++;
        }
        if (i < t.size() && t.get(i).startsWith("0x")) {
            i++;
        }
        int natRules = i;
        int anchor = -1;
        for (int k = natRules + 5; k < t.size(); k++) {
            String tk = t.get(k);
            if (tk.indexOf('(') > 0 && tk.endsWith(")") && Numbers.isDigits(t.get(k - 1))
                    && Numbers.isDigits(t.get(k - 5))) {
                anchor = k;
                break;
            }
        }
        if (anchor < 0 && t.size() >= natRules + 5 && Numbers.isDigits(t.get(t.size() - 1))
                && Numbers.isDigits(t.get(t.size() - 5))) {
            anchor = t.size(); // early releases end with the session id
        }
        if (anchor < 0) {
            return f; // addresses and service only
        }
        natRules(t.subList(natRules, anchor - 5), f);
        f.put("protocol-id", t.get(anchor - 5));
        f.put("policy-name", t.get(anchor - 4));
        f.put("source-zone-name", t.get(anchor - 3));
        f.put("destination-zone-name", t.get(anchor - 2));
        f.put("session-id-32", t.get(anchor - 1));
        if (kind == Session.CREATE) {
            userRoles(at(t, anchor), f);
            put(f, "packet-incoming-interface", at(t, anchor + 1));
            put(f, "application", at(t, anchor + 2));
            put(f, "nested-application", at(t, anchor + 3));
        } else {
            countPair(at(t, anchor), f, "packets-from-client", "bytes-from-client");
            countPair(at(t, anchor + 1), f, "packets-from-server", "bytes-from-server");
            put(f, "elapsed-time", at(t, anchor + 2));
            put(f, "application", at(t, anchor + 3));
            put(f, "nested-application", at(t, anchor + 4));
            userRoles(at(t, anchor + 5), f);
            put(f, "packet-incoming-interface", at(t, anchor + 6));
        }
        return f;
    }

    private static Map<String, String> denied(List<String> t, int from, Map<String, String> f) {
        int i = from;
        String proto = at(t, i++);
        if (proto == null) {
            return f;
        }
        int paren = proto.indexOf('(');
        if (paren > 0 && proto.endsWith(")")) {
            f.put("protocol-id", proto.substring(0, paren));
            f.put("icmp-type", proto.substring(paren + 1, proto.length() - 1));
        } else {
            f.put("protocol-id", proto);
        }
        put(f, "policy-name", at(t, i++));
        put(f, "source-zone-name", at(t, i++));
        put(f, "destination-zone-name", at(t, i++));
        put(f, "application", at(t, i++));
        put(f, "nested-application", at(t, i++));
        userRoles(at(t, i++), f);
        put(f, "packet-incoming-interface", at(t, i++));
        put(f, "encrypted", at(t, i++));
        if (i < t.size()) {
            StringBuilder reason = new StringBuilder();
            int j = i;
            while (j < t.size() && !Numbers.isDigits(t.get(j)) && j - i < 8) {
                if (reason.length() > 0) {
                    reason.append(' ');
                }
                reason.append(t.get(j++));
            }
            put(f, "reason", reason.toString());
            put(f, "session-id-32", at(t, j));
        }
        return f;
    }

    /** The NAT rule part: two names (early releases), or type and name per direction. */
    private static void natRules(List<String> r, Map<String, String> f) {
        if (r.size() == 2) {
            f.put("src-nat-rule-name", r.get(0));
            f.put("dst-nat-rule-name", r.get(1));
            return;
        }
        int i = 0;
        String[] prefixes = {"src-nat-rule-", "dst-nat-rule-"};
        for (String prefix : prefixes) {
            if (i >= r.size()) {
                return;
            }
            String type = r.get(i++);
            if (i < r.size() && "rule".equals(r.get(i))) {
                type = type + " rule";
                i++;
            }
            f.put(prefix + "type", type);
            if (i < r.size()) {
                f.put(prefix + "name", r.get(i++));
            }
        }
    }

    /**
     * APPTRACK_SESSION_CREATE / CLOSE: "AppTrack session created S/sp->D/dp service application
     * nested-application N/np->M/mp ..." (closed: "AppTrack session closed reason: ..."). Only the
     * leading fields are read; the rest differs between releases.
     */
    static Map<String, String> appTrack(String text, boolean close) {
        int arrow = text.indexOf("->");
        if (arrow < 0) {
            return null;
        }
        int tupleStart = text.lastIndexOf(' ', arrow) + 1;
        Map<String, String> f = new HashMap<>(16);
        if (close) {
            int m = text.indexOf("session closed ");
            if (m >= 0 && m + 15 <= tupleStart) {
                String reason = text.substring(m + 15, tupleStart).trim();
                put(f, "reason", reason.endsWith(":") ? reason.substring(0, reason.length() - 1) : reason);
            }
        }
        List<String> t = tokens(text, tupleStart);
        if (!flowTuple(t.get(0), f, "source-address", "source-port", "destination-address", "destination-port")) {
            return null;
        }
        put(f, "service-name", at(t, 1));
        put(f, "application", at(t, 2));
        put(f, "nested-application", at(t, 3));
        String nat = at(t, 4);
        if (nat != null) {
            flowTuple(nat, f, "nat-source-address", "nat-source-port", "nat-destination-address",
                    "nat-destination-port");
        }
        return f;
    }

    // ------------------------------------------------------------------ RT_IDS screens

    /**
     * RT_SCREEN_*: "attack-name source: a[:p], destination: b[:p], [protocol-id: n,] zone name: z,
     * interface name: i[, action: drop]". The source-IP and destination-IP based variants name one
     * side only. {@code withPorts}: TCP and UDP screens write ports after the last ':'.
     */
    static Map<String, String> screen(String text, boolean withPorts) {
        int src = text.indexOf(" source: ");
        int dst = text.indexOf(" destination: ");
        int first = src < 0 ? dst : dst < 0 ? src : Math.min(src, dst);
        if (first <= 0) {
            int lt = text.indexOf(" <");
            if (lt > 0 && text.indexOf("->", lt) > 0) {
                return sessionLimitForm(text, lt);
            }
            return null;
        }
        Map<String, String> f = new HashMap<>(16);
        f.put("attack-name", text.substring(0, first).trim());
        labels(text.substring(first + 1), withPorts, f);
        return f;
    }

    /** "label: value, label: value" of the screen messages. */
    private static void labels(String s, boolean withPorts, Map<String, String> f) {
        for (String part : s.split(", ")) {
            int colon = part.indexOf(": ");
            if (colon < 0) {
                continue;
            }
            String label = part.substring(0, colon).trim();
            String value = part.substring(colon + 2).trim();
            if (value.endsWith(".")) {
                value = value.substring(0, value.length() - 1);
            }
            switch (label) {
                case "source" -> hostPort(value, withPorts, f, "source-address", "source-port");
                case "destination" -> hostPort(value, withPorts, f, "destination-address", "destination-port");
                case "zone name" -> f.put("source-zone-name", value);
                case "interface name" -> f.put("interface-name", value);
                case "action" -> f.put("action", value);
                case "protocol-id", "protocol id", "protocol" -> f.put("protocol-id", value);
                default -> {
                    // later releases may add labels; they are kept in the raw line
                }
            }
        }
    }

    /** "Dst IP session limit! <192.0.2.1 -> 198.51.100.1> ..." (session-limit screens). */
    private static Map<String, String> sessionLimitForm(String text, int lt) {
        Map<String, String> f = new HashMap<>(8);
        f.put("attack-name", text.substring(0, lt).trim());
        int innerArrow = text.indexOf("->", lt);
        int gt = text.indexOf('>', innerArrow + 2);
        String inner = text.substring(lt + 2, gt < 0 ? text.length() : gt);
        int arrow = inner.indexOf("->");
        f.put("source-address", inner.substring(0, arrow).trim());
        f.put("destination-address", inner.substring(arrow + 2).trim());
        if (gt > 0 && gt + 1 < text.length()) {
            labels(text.substring(gt + 1), false, f);
        }
        return f;
    }

    /**
     * "address[:port]". Where a port is always written (TCP and UDP screens, NAT pairs), it is after
     * the last ':', also for IPv6 ({@code 2001:0:0:0:0:0:0:2:3240}); elsewhere the value is the address.
     */
    private static void hostPort(String value, boolean withPorts, Map<String, String> f, String addrKey,
                                 String portKey) {
        if (withPorts) {
            int c = value.lastIndexOf(':');
            if (c > 0 && Numbers.isDigits(value.substring(c + 1)) && Addresses.isAddress(value.substring(0, c))) {
                f.put(addrKey, value.substring(0, c));
                f.put(portKey, value.substring(c + 1));
                return;
            }
        }
        f.put(addrKey, value);
    }

    // ------------------------------------------------------------------ RT_IDP

    /**
     * IDP_ATTACK_LOG_EVENT plain form: "IDP: at epoch, TYPE Attack log &lt;S/sp-&gt;D/dp&gt; for PROTO
     * protocol and service SERVICE application APP by rule N of rulebase RB in policy POLICY. attack:
     * repeat=n, action=A, threat-severity=S, name=ATTACK, NAT &lt;a:p-&gt;b:p&gt;, time-elapsed=..., ...,
     * intf:zone:if-&gt;zone:if, packet-log-id: n [, alert: no, username: u, roles: r] and misc-message M".
     */
    static Map<String, String> idpAttack(String text) {
        int log = text.indexOf(" Attack log <");
        if (log < 0) {
            return null;
        }
        Map<String, String> f = new HashMap<>(32);
        int typeStart = text.lastIndexOf(' ', log - 1) + 1;
        f.put("message-type", text.substring(typeStart, log));
        int lt = log + 13;
        int arrow = text.indexOf("->", lt);
        int gt = arrow < 0 ? -1 : text.indexOf('>', arrow + 2);
        if (gt < 0 || !flowTuple(text.substring(lt, gt), f, "source-address", "source-port", "destination-address",
                "destination-port")) {
            return null;
        }
        put(f, "protocol-name", between(text, " for ", " protocol", gt));
        put(f, "service-name", between(text, " and service ", " application ", gt));
        put(f, "application-name", between(text, " application ", " by rule ", gt));
        put(f, "rule-name", between(text, " by rule ", " of rulebase ", gt));
        put(f, "rulebase-name", between(text, " of rulebase ", " in policy ", gt));
        put(f, "policy-name", between(text, " in policy ", ". attack:", gt));
        int attack = text.indexOf("attack: ", gt);
        if (attack < 0) {
            return f;
        }
        put(f, "repeat-count", valueAfter(text, "repeat=", attack));
        put(f, "action", valueAfter(text, "action=", attack));
        put(f, "threat-severity", valueAfter(text, "threat-severity=", attack));
        put(f, "attack-name", valueAfter(text, ", name=", attack));
        int nat = text.indexOf("NAT <", attack);
        int natArrow = nat < 0 ? -1 : text.indexOf("->", nat);
        if (natArrow >= 0) {
            int end = text.indexOf('>', natArrow + 2);
            if (end > nat) {
                String pair = text.substring(nat + 5, end);
                int a = pair.indexOf("->");
                if (a > 0) {
                    hostPort(pair.substring(0, a), true, f, "nat-source-address", "nat-source-port");
                    hostPort(pair.substring(a + 2), true, f, "nat-destination-address", "nat-destination-port");
                }
            }
        }
        String intf = valueAfter(text, "intf:", attack);
        if (intf != null) {
            int a = intf.indexOf("->");
            if (a > 0) {
                zoneInterface(intf.substring(0, a), f, "source-zone-name", "source-interface-name");
                zoneInterface(intf.substring(a + 2), f, "destination-zone-name", "destination-interface-name");
            }
        }
        String user = valueAfter(text, "username: ", attack);
        put(f, "username", user == null ? valueAfter(text, "username=", attack) : user);
        int misc = text.indexOf("misc-message ", attack);
        if (misc >= 0) {
            put(f, "message", text.substring(misc + 13).trim());
        }
        return f;
    }

    private static void zoneInterface(String s, Map<String, String> f, String zoneKey, String ifKey) {
        int c = s.indexOf(':');
        if (c > 0) {
            put(f, zoneKey, s.substring(0, c));
            put(f, ifKey, s.substring(c + 1));
        }
    }

    // ------------------------------------------------------------------ RT_UTM

    /**
     * WEBFILTER_URL_*: "WebFilter: ACTION="URL Blocked" [source-zone="z" destination-zone="z"]S(sp)-&gt;D(dp)
     * [SESSION_ID=n APPLICATION="a" NESTED-APPLICATION="n"]CATEGORY="c" REASON="r" PROFILE="p" URL=host
     * [OBJ=/path] username u roles r ...".
     */
    static Map<String, String> webFilter(String text) {
        Map<String, String> kv = KeyValues.SPACED.parse(text);
        Map<String, String> f = new HashMap<>(24);
        if (!utmTuple(text, f)) {
            return null;
        }
        put(f, "action", kv.get("ACTION"));
        put(f, "category", kv.get("CATEGORY"));
        put(f, "reason", kv.get("REASON"));
        put(f, "profile", kv.get("PROFILE"));
        put(f, "url", kv.get("URL"));
        put(f, "obj", kv.get("OBJ"));
        put(f, "session-id-32", kv.get("SESSION_ID"));
        put(f, "application", kv.get("APPLICATION"));
        put(f, "source-zone-name", kv.get("source-zone"));
        put(f, "destination-zone-name", kv.get("destination-zone"));
        String user = kv.get("USERNAME");
        put(f, "username", user != null ? user : wordAfter(text, " username "));
        return f;
    }

    /**
     * AV_VIRUS_DETECTED_MT: "AntiVirus: Virus detected: SESSION_ID=n source-zone "z" destination-zone
     * "z" S:sp-&gt;D:dp profile-name="p" file="f" temp_file="t" action="a" virus="v" URL="u"
     * username="u" roles="r"" (earlier releases: "S(sp)-&gt;D(dp)").
     */
    static Map<String, String> antivirus(String text) {
        Map<String, String> kv = KeyValues.SPACED.parse(text);
        Map<String, String> f = new HashMap<>(24);
        if (!utmTuple(text, f)) {
            return null;
        }
        put(f, "session-id-32", kv.get("SESSION_ID"));
        put(f, "profile-name", kv.get("profile-name"));
        put(f, "filename", kv.get("file"));
        put(f, "action", kv.get("action"));
        put(f, "name", kv.get("virus"));
        put(f, "url", kv.get("URL"));
        put(f, "username", kv.get("username"));
        put(f, "source-zone-name", quotedAfter(text, "source-zone \""));
        put(f, "destination-zone-name", quotedAfter(text, "destination-zone \""));
        return f;
    }

    /** ANTISPAM_SPAM_DETECTED_MT: "AntiSpam: SPAM detected: source-name (source-address) action reason: reason". */
    static Map<String, String> antispam(String text) {
        int m = text.indexOf("detected: ");
        if (m < 0) {
            return null;
        }
        String rest = text.substring(m + 10);
        int open = rest.indexOf(" (");
        int close = rest.indexOf(')', open + 2);
        if (open < 0 || close < 0) {
            return null;
        }
        Map<String, String> f = new HashMap<>(8);
        put(f, "source-name", rest.substring(0, open).trim());
        put(f, "source-address", rest.substring(open + 2, close).trim());
        int reason = rest.indexOf("reason:", close);
        String action = rest.substring(close + 1, reason < 0 ? rest.length() : reason).trim();
        put(f, "action", action);
        if (reason >= 0) {
            put(f, "reason", rest.substring(reason + 7).trim());
        }
        return f;
    }

    /** CONTENT_FILTERING_BLOCKED_MT: the address tuple, then the reason ("... reason: ..." or free text). */
    static Map<String, String> contentFilter(String text) {
        Map<String, String> f = new HashMap<>(16);
        if (!utmTuple(text, f)) {
            return null;
        }
        Map<String, String> kv = KeyValues.SPACED.parse(text);
        put(f, "profile-name", kv.get("profile"));
        put(f, "url", kv.get("url"));
        put(f, "filename", kv.get("file"));
        int reason = text.indexOf("reason: ");
        if (reason >= 0) {
            put(f, "reason", text.substring(reason + 8).trim());
        } else {
            int blocked = text.indexOf("blocked due to ");
            if (blocked >= 0) {
                put(f, "reason", text.substring(blocked + 15).trim());
            }
        }
        return f;
    }

    /** The source and destination of a UTM line: "S(sp)->D(dp)", "S:sp->D:dp" or "S/sp->D/dp". */
    private static boolean utmTuple(String text, Map<String, String> f) {
        int arrow = text.indexOf("->");
        if (arrow <= 0) {
            return false;
        }
        int start = arrow;
        while (start > 0 && text.charAt(start - 1) != ' ' && text.charAt(start - 1) != '"') {
            start--;
        }
        int end = arrow + 2;
        while (end < text.length() && text.charAt(end) != ' ' && text.charAt(end) != '"') {
            end++;
        }
        return endpoint(text.substring(start, arrow), f, "source-address", "source-port")
                & endpoint(text.substring(arrow + 2, end), f, "destination-address", "destination-port");
    }

    private static boolean endpoint(String s, Map<String, String> f, String addrKey, String portKey) {
        int open = s.indexOf('(');
        if (open > 0 && s.endsWith(")")) {
            f.put(addrKey, s.substring(0, open));
            f.put(portKey, s.substring(open + 1, s.length() - 1));
        } else if (s.indexOf('/') > 0) {
            f.put(addrKey, s.substring(0, s.lastIndexOf('/')));
            f.put(portKey, s.substring(s.lastIndexOf('/') + 1));
        } else {
            hostPort(s, true, f, addrKey, portKey);
        }
        return Addresses.isAddress(f.get(addrKey));
    }

    // ------------------------------------------------------------------ shared

    /** "a/p->b/q" into the four keys; false when it is not that shape. */
    static boolean flowTuple(String token, Map<String, String> f, String srcKey, String srcPortKey, String dstKey,
                             String dstPortKey) {
        int arrow = token.indexOf("->");
        if (arrow <= 0) {
            return false;
        }
        String left = token.substring(0, arrow);
        String right = token.substring(arrow + 2);
        int ls = left.lastIndexOf('/');
        int rs = right.lastIndexOf('/');
        if (ls <= 0 || rs <= 0) {
            return false;
        }
        f.put(srcKey, left.substring(0, ls));
        f.put(srcPortKey, left.substring(ls + 1));
        f.put(dstKey, right.substring(0, rs));
        f.put(dstPortKey, right.substring(rs + 1));
        return true;
    }

    /** "user(roles)" (plain flow messages write them glued). */
    private static void userRoles(String token, Map<String, String> f) {
        if (token == null) {
            return;
        }
        int open = token.indexOf('(');
        if (open > 0 && token.endsWith(")")) {
            f.put("username", token.substring(0, open));
            f.put("roles", token.substring(open + 1, token.length() - 1));
        }
    }

    /** "packets(bytes)". */
    private static void countPair(String token, Map<String, String> f, String packetsKey, String bytesKey) {
        if (token == null) {
            return;
        }
        int open = token.indexOf('(');
        if (open > 0 && token.endsWith(")")) {
            f.put(packetsKey, token.substring(0, open));
            f.put(bytesKey, token.substring(open + 1, token.length() - 1));
        }
    }

    static List<String> tokens(String text, int from) {
        List<String> out = new ArrayList<>(40);
        int n = text.length();
        int i = from;
        while (i < n && out.size() < 256) {
            while (i < n && text.charAt(i) == ' ') {
                i++;
            }
            int start = i;
            while (i < n && text.charAt(i) != ' ') {
                i++;
            }
            if (i > start) {
                out.add(text.substring(start, i));
            }
        }
        if (out.isEmpty()) {
            out.add("");
        }
        return out;
    }

    private static String at(List<String> t, int i) {
        return i >= 0 && i < t.size() ? t.get(i) : null;
    }

    private static void put(Map<String, String> f, String key, String value) {
        if (value != null && !value.isEmpty()) {
            f.put(key, value);
        }
    }

    /** Text between {@code open} and {@code close}, searching from {@code from}; null when absent. */
    private static String between(String s, String open, String close, int from) {
        int a = s.indexOf(open, from);
        if (a < 0) {
            return null;
        }
        int b = s.indexOf(close, a + open.length());
        return b < 0 ? null : s.substring(a + open.length(), b).trim();
    }

    /** The value after {@code key} up to the next ", " (or the end). */
    private static String valueAfter(String s, String key, int from) {
        int a = s.indexOf(key, from);
        if (a < 0) {
            return null;
        }
        int start = a + key.length();
        int end = s.indexOf(", ", start);
        int and = s.indexOf(" and misc-message", start);
        if (end < 0 || (and >= 0 && and < end)) {
            end = and;
        }
        return (end < 0 ? s.substring(start) : s.substring(start, end)).trim();
    }

    private static String wordAfter(String s, String key) {
        int a = s.indexOf(key);
        if (a < 0) {
            return null;
        }
        int start = a + key.length();
        int end = s.indexOf(' ', start);
        return end < 0 ? s.substring(start) : s.substring(start, end);
    }

    private static String quotedAfter(String s, String key) {
        int a = s.indexOf(key);
        if (a < 0) {
            return null;
        }
        int start = a + key.length();
        int end = s.indexOf('"', start);
        return end < 0 ? null : s.substring(start, end);
    }
}
