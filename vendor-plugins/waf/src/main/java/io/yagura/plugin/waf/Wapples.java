package io.yagura.plugin.waf;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.parser.Events;
import io.yagura.format.parser.Line;
import io.yagura.format.parser.Observer;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Penta Security WAPPLES intrusion logs (wplogd), whose syslog template separates the fields with a
 * marker word ({@code WAPPLES} or {@code [WAPPLES]}):
 * <pre>
 * wplogd: [WAPPLES] INTRUSION [WAPPLES] DETECTION TIME : 2020-11-02 18:27:04 +0900 [WAPPLES] RULE NAME : Extension Filtering [WAPPLES] (client 203.0.113.29 [WAPPLES]) -&gt; (server 192.0.2.132:443)
 * </pre>
 * The rule name is the attack class WAPPLES detected; a RESPONSE TYPE (or ACTION) naming a block
 * makes it blocked, otherwise it is an alert.
 */
final class Wapples {

    static final Observer OBSERVER = new Observer("Penta Security", "WAPPLES", "waf");
    private static final Pattern BRACKETED = Pattern.compile("[WAPPLES]", Pattern.LITERAL);
    private static final Pattern PLAIN = Pattern.compile("WAPPLES", Pattern.LITERAL);

    private Wapples() {
    }

    static boolean isWapples(String body) {
        int at = body.indexOf("WAPPLES");
        return at >= 0 && at < 128 && (body.contains("RULE NAME") || body.contains("DETECTION TIME"));
    }

    static ParseResult parse(Line line, String body) {
        int at = body.indexOf("WAPPLES");
        boolean bracketed = at > 0 && body.charAt(at - 1) == '[';
        String text = body.substring(bracketed ? at - 1 : at);
        String[] parts = (bracketed ? BRACKETED : PLAIN).split(text, 64);
        String kind = null;
        String rule = null;
        String time = null;
        String action = null;
        String client = null;
        String server = null;
        for (String raw : parts) {
            String p = raw.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (kind == null && p.chars().allMatch(c -> Character.isUpperCase(c) || c == ' ')) {
                kind = p;
            } else if (p.startsWith("DETECTION TIME")) {
                time = after(p);
            } else if (p.startsWith("RULE NAME")) {
                rule = after(p);
            } else if (p.startsWith("RESPONSE TYPE") || p.startsWith("ACTION")) {
                action = after(p);
            } else if (p.startsWith("(client ")) {
                client = p.substring("(client ".length()).replace(")", "").trim();
            } else if (p.contains("(server ")) {
                server = p.substring(p.indexOf("(server ") + "(server ".length()).replace(")", "").trim();
            }
        }
        if (kind == null || !kind.startsWith("INTRUSION")) {
            return ParseResult.ignored("WAPPLES " + (kind == null ? "non-intrusion" : kind.toLowerCase(Locale.ROOT))
                    + " log, no detection");
        }
        if (rule == null) {
            return ParseResult.rejected("WAPPLES intrusion log without RULE NAME");
        }
        SecurityEvent e = line.newEvent(OBSERVER);
        Instant t = time == null ? null : Times.dateTime(time, line.context().zone());
        if (t != null) {
            e.timestamp(t);
        }
        e.set(Ecs.RULE_NAME, rule);
        String cls = AttackClass.of(rule);
        e.set(Ecs.RULE_CATEGORY, cls != null ? cls : rule);
        Events.vulnerabilities(e, rule);
        if (client != null) {
            Events.address(e, Ecs.SOURCE_IP, client);
        }
        if (server != null) {
            int colon = server.lastIndexOf(':');
            if (colon > 0 && server.indexOf(':') == colon) {
                Events.address(e, Ecs.DESTINATION_IP, server.substring(0, colon));
                Events.port(e, Ecs.DESTINATION_PORT, server.substring(colon + 1));
            } else {
                Events.address(e, Ecs.DESTINATION_IP, server);
            }
        }
        String a = action == null ? "" : action.toLowerCase(Locale.ROOT);
        if (a.contains("block") || a.contains("deny") || a.contains("drop") || a.contains("reset")) {
            WafEvents.blocked(e);
        } else {
            WafEvents.alerted(e, null);
        }
        return ParseResult.parsed(e);
    }

    /** The value after "NAME : ". */
    private static String after(String part) {
        int colon = part.indexOf(" : ");
        return colon < 0 ? null : Events.value(part.substring(colon + 3));
    }
}
