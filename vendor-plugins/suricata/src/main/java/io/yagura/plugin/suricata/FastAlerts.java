package io.yagura.plugin.suricata;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.net.Addresses;
import io.yagura.format.net.Transports;
import io.yagura.format.parser.Events;
import io.yagura.format.parser.Line;
import io.yagura.format.parser.Observer;
import java.time.Instant;
import java.util.Locale;

/**
 * The one-line alert Suricata and Snort write to fast.log (alert_fast) and to syslog (alert_syslog,
 * Suricata's "syslog" output):
 * <pre>
 * 11/28/2026-10:00:00.123456  [Drop] [**] [1:2010935:3] ET POLICY Suspicious inbound to MSSQL port 1433 [**] [Classification: Potentially Bad Traffic] [Priority: 2] {TCP} 203.0.113.5:4455 -&gt; 192.0.2.10:1433
 * 05/30-19:09:10.917356  [**] [1:527:8] BAD-TRAFFIC same SRC/DST [**] [Classification: ...] [Priority: 2] {UDP} 0.0.0.0:68 -&gt; 255.255.255.255:67
 * snort[123]: [1:2000419:5] ET POLICY PE EXE Install [Classification: ...] [Priority: 1]: &lt;eth0&gt; {TCP} a:p -&gt; b:p
 * </pre>
 * Suricata writes the year ({@code MM/DD/YYYY-}), Snort 2 leaves it out (or writes two digits with -y),
 * Snort 3 quotes the message and may add {@code [AppID: ...]}. An action in brackets before
 * {@code [**]} says what an inline sensor did: {@code [Drop]} dropped the packet (blocked),
 * {@code [wDrop]}/{@code [WDrop]} would have dropped it but runs in IDS mode (alert). ICMP "ports"
 * (type and code, which Suricata prints after the address) and the 0 it prints for protocols without
 * ports are not ports.
 */
final class FastAlerts {

    static final String GID = EveRecords.GID;
    static final String REV = EveRecords.REV;

    /** The [gid:sid:rev] token follows the time, the action and [**] (or a syslog tag) closely. */
    private static final int RULE_TOKEN_LIMIT = 256;

    private FastAlerts() {
    }

    static ParseResult parse(Line line, String body) {
        int gidAt = ruleToken(body, Math.min(body.length(), RULE_TOKEN_LIMIT));
        if (gidAt < 0) {
            return ParseResult.rejected("not a Suricata/Snort line: expected an EVE JSON object or an alert"
                    + " '[**] [gid:sid:rev] message [**] [Classification: ...] [Priority: n] {PROTO} src -> dst'");
        }
        int tokenEnd = body.indexOf(']', gidAt);
        String[] ids = body.substring(gidAt + 1, tokenEnd).split(":", 3);

        // what comes before the rule token: time, action, [**], or a syslog tag
        boolean fastForm = false;
        String action = null;
        Instant time = null;
        boolean snort = false;
        String prefix = body.substring(0, gidAt);
        String lowerPrefix = prefix.toLowerCase(Locale.ROOT);
        String app = line.header().appName();
        if (lowerPrefix.contains("snort") || (app != null && app.toLowerCase(Locale.ROOT).contains("snort"))) {
            snort = true;
        }
        int i = 0;
        while (i < prefix.length()) {
            char c = prefix.charAt(i);
            if (c == '[') {
                int close = prefix.indexOf(']', i);
                if (close < 0) {
                    break;
                }
                String inside = prefix.substring(i + 1, close);
                if (inside.equals("**")) {
                    fastForm = true;
                } else if (isWord(inside)) {
                    action = inside;
                }
                i = close + 1;
            } else if (c >= '0' && c <= '9' && (i == 0 || prefix.charAt(i - 1) == ' ')) {
                int end = prefix.indexOf(' ', i);
                end = end < 0 ? prefix.length() : end;
                Instant t = Times.fast(prefix, i, end, line.context().zone(), received(line));
                if (t != null && time == null) {
                    time = t;
                    String token = prefix.substring(i, end);
                    int dash = token.indexOf('-');
                    // Snort: no year (MM/DD-) or two digits (-y: MM/DD/YY-); Suricata writes four
                    if (dash == 5 || dash == 8) {
                        snort = true;
                    }
                }
                i = end;
            } else {
                i++;
            }
        }

        // the message runs to " [**]" (fast) or to the classification/priority (syslog)
        int msgStart = tokenEnd + 1;
        while (msgStart < body.length() && body.charAt(msgStart) == ' ') {
            msgStart++;
        }
        int msgEnd;
        if (fastForm) {
            msgEnd = body.indexOf(" [**]", msgStart - 1);
            if (msgEnd < 0) {
                return ParseResult.rejected("truncated fast alert: no '[**]' after the message");
            }
        } else {
            int c = body.indexOf(" [Classification: ", msgStart - 1);
            int p = body.indexOf(" [Priority: ", msgStart - 1);
            msgEnd = c < 0 ? p : p < 0 ? c : Math.min(c, p);
            if (msgEnd < 0) {
                return ParseResult.rejected("truncated syslog alert: no [Classification: ...] or [Priority: n] after the message");
            }
        }
        String message = body.substring(Math.min(msgStart, msgEnd), msgEnd).trim();
        if (message.length() >= 2 && message.startsWith("\"") && message.endsWith("\"")) {
            message = message.substring(1, message.length() - 1); // Snort 3 quotes it
            snort = true;
        }

        Observer observer = snort ? SuricataParser.SNORT : SuricataParser.SURICATA;
        SecurityEvent e = line.newEvent(observer);
        if (time != null) {
            e.timestamp(time);
        }
        e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
        verdict(e, action);
        e.set(Ecs.RULE_ID, ids.length > 1 ? Events.value(ids[1]) : null);
        e.set(Ecs.RULE_NAME, Events.value(message));
        e.set(GID, ids.length > 0 ? io.yagura.format.net.Numbers.number(ids[0]) : null);
        e.set(REV, ids.length > 2 ? io.yagura.format.net.Numbers.number(ids[2]) : null);
        Events.vulnerabilities(e, message);

        // [Classification: x] [Priority: n] [AppID: x] [: <iface>] {PROTO} src -> dst
        int p = msgEnd;
        int n = body.length();
        while (p < n) {
            char c = body.charAt(p);
            if (c == ' ' || c == ':') {
                p++;
            } else if (c == '[') {
                int close = body.indexOf(']', p);
                if (close < 0) {
                    return ParseResult.rejected("truncated alert: unclosed '[' after the message");
                }
                String inside = body.substring(p + 1, close);
                if (inside.startsWith("Classification: ")) {
                    e.set(Ecs.RULE_CATEGORY, Events.value(inside.substring("Classification: ".length())));
                } else if (inside.startsWith("Priority: ")) {
                    Long priority = io.yagura.format.net.Numbers.number(inside.substring("Priority: ".length()));
                    EveRecords.priority(e, priority);
                } else if (inside.startsWith("AppID: ")) {
                    String appId = Events.value(inside.substring("AppID: ".length()));
                    e.set(Ecs.NETWORK_PROTOCOL, appId == null ? null : appId.toLowerCase(Locale.ROOT));
                } else if (inside.startsWith("Raw pkt:")) {
                    break; // a decoder event on a packet without IP header: no addresses
                }
                p = close + 1;
            } else if (c == '<') {
                int close = body.indexOf('>', p);
                if (close < 0) {
                    return ParseResult.rejected("truncated alert: unclosed '<interface'");
                }
                e.set(Ecs.OBSERVER_INGRESS_INTERFACE, Events.value(body.substring(p + 1, close)));
                p = close + 1;
            } else if (c == '{') {
                int close = body.indexOf('}', p);
                if (close < 0) {
                    return ParseResult.rejected("truncated alert: unclosed '{PROTO'");
                }
                String proto = body.substring(p + 1, close);
                if (proto.startsWith("PROTO:")) {
                    proto = proto.substring("PROTO:".length());
                }
                String transport = Transports.transport(proto);
                e.set(Ecs.NETWORK_TRANSPORT, transport);
                int arrow = body.indexOf(" -> ", close);
                if (arrow < 0) {
                    return ParseResult.rejected("truncated alert: no 'source -> destination' after {" + proto + "}");
                }
                int dstEnd = body.indexOf(' ', arrow + 4);
                endpoint(e, body.substring(close + 1, arrow).trim(), transport, Ecs.SOURCE_IP, Ecs.SOURCE_PORT);
                endpoint(e, body.substring(arrow + 4, dstEnd < 0 ? n : dstEnd).trim(), transport,
                        Ecs.DESTINATION_IP, Ecs.DESTINATION_PORT);
                break;
            } else {
                break;
            }
        }
        if (e.getString(Ecs.RULE_ID) == null || e.getString(Ecs.RULE_NAME) == null) {
            return ParseResult.rejected("alert without signature id or message");
        }
        return ParseResult.parsed(e);
    }

    /** [Drop] blocked, [wDrop]/[WDrop]/[would drop] alert only (IDS mode), [reset]/[reject] reset. */
    private static void verdict(SecurityEvent e, String action) {
        String a = action == null ? "" : action.toLowerCase(Locale.ROOT);
        if (a.startsWith("w")) {
            Events.verdict(e, Ecs.ACTION_ALERT, Ecs.OUTCOME_UNKNOWN, Ecs.CATEGORY_IDS);
        } else if (a.equals("drop") || a.equals("sdrop") || a.equals("block")) {
            Events.verdict(e, Ecs.ACTION_BLOCKED, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_IDS);
        } else if (a.equals("reset") || a.equals("reject")) {
            Events.verdict(e, Ecs.ACTION_RESET, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_IDS);
        } else {
            Events.verdict(e, Ecs.ACTION_ALERT, Ecs.OUTCOME_UNKNOWN, Ecs.CATEGORY_IDS);
        }
    }

    /** {@code 192.0.2.1:80}, {@code 192.0.2.1}, {@code 2001:db8::1:80}, {@code [2001:db8::1]:80}, Suricata's full IPv6. */
    static void endpoint(SecurityEvent e, String token, String transport, String ipField, String portField) {
        if (token.isEmpty()) {
            return;
        }
        String address = token;
        String port = null;
        if (token.charAt(0) == '[') {
            int close = token.indexOf(']');
            if (close > 0) {
                address = token.substring(1, close);
                if (close + 1 < token.length() && token.charAt(close + 1) == ':') {
                    port = token.substring(close + 2);
                }
            }
        } else {
            int first = token.indexOf(':');
            int last = token.lastIndexOf(':');
            if (first >= 0 && first == last) {
                address = token.substring(0, first);
                port = token.substring(first + 1);
            } else if (first >= 0) {
                if (hasPorts(transport) || !Addresses.isAddress(token)) {
                    address = token.substring(0, last);
                    port = token.substring(last + 1);
                }
            }
        }
        Events.address(e, ipField, address);
        if (port != null && hasPorts(transport)) {
            Events.port(e, portField, port);
        }
    }

    /** Only TCP, UDP and SCTP have ports; Suricata prints ICMP type/code and 0 for other protocols in their place. */
    private static boolean hasPorts(String transport) {
        return "tcp".equals(transport) || "udp".equals(transport) || "sctp".equals(transport);
    }

    /** Offset of the first {@code [digits:digits:digits]} before {@code limit}, or -1. */
    static int ruleToken(String s, int limit) {
        int from = 0;
        while (true) {
            int at = s.indexOf('[', from);
            if (at < 0 || at >= limit) {
                return -1;
            }
            int p = at + 1;
            int groups = 0;
            while (groups < 3) {
                int start = p;
                while (p < s.length() && p - start < 10 && s.charAt(p) >= '0' && s.charAt(p) <= '9') {
                    p++;
                }
                if (p == start || p >= s.length()) {
                    break;
                }
                groups++;
                char c = s.charAt(p);
                if (groups < 3 && c == ':') {
                    p++;
                } else if (groups == 3 && c == ']') {
                    return at;
                } else {
                    break;
                }
            }
            from = at + 1;
        }
    }

    private static boolean isWord(String s) {
        if (s.isEmpty() || s.length() > 16) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == ' ')) {
                return false;
            }
        }
        return true;
    }

    private static Instant received(Line line) {
        return Instant.ofEpochMilli(line.envelope().receivedAt());
    }
}
