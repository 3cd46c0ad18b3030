package io.yagura.plugin.mcafeensp;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.parser.GuardedParser;
import io.yagura.format.parser.Line;
import io.yagura.format.parser.Observer;
import java.util.Map;

/**
 * Reads the syslog notifications of the McAfee / Trellix Network Security Manager for its
 * Network Security Platform sensors (NSP 7.x-10.x, Trellix IPS 10.x/11.x): alerts
 * ({@code SyslogAlertForwarder}, the default message and customised templates of $IV_ variables),
 * firewall (ACL) logs, audit logs and faults. {@link NspFormats} reads the message shapes,
 * {@link NspEvents} maps them. See docs/vendors/mcafee-nsp.md.
 */
final class McafeeNspParser extends GuardedParser {

    static final Observer OBSERVER = new Observer("McAfee", "Network Security Platform", "ips");

    private static final String SYSLOG = "Syslog";
    private static final String FORWARDER = "Forwarder";

    /** The forwarder tag: what kind of notification, and where the message starts. */
    record Tag(String kind, int start, int end) {
    }

    @Override
    protected ParseResult parseLine(Line line) {
        String text = line.text();
        Tag tag = findTag(text);
        String body = tag != null ? text.substring(tag.end()) : line.body();
        if (body.isBlank()) {
            return ParseResult.rejected("empty NSP notification: expected an alert, audit, fault or firewall message after the forwarder tag");
        }
        String kind = kind(tag, body);
        if (kind.equals("Fault")) {
            return ParseResult.ignored("NSP fault notification (sensor or Manager health), no security event");
        }
        SecurityEvent e = line.newEvent(OBSERVER);
        String host = line.header().hostname();
        if (host != null && host.startsWith(SYSLOG) && host.endsWith(FORWARDER)) {
            // the Manager writes no host name: the header reader took the forwarder tag for one
            e.set(Ecs.OBSERVER_HOSTNAME, null);
            e.set(Ecs.LOG_SYSLOG_HOSTNAME, null);
        }
        return switch (kind) {
            case "AuditLog" -> NspEvents.audit(e, NspFormats.keyValues(body), line.context().zone());
            case "ACLLog", "Firewall" -> NspEvents.firewall(e, NspFormats.keyValues(body), line.context().zone());
            default -> alert(e, body, line);
        };
    }

    private static ParseResult alert(SecurityEvent e, String body, Line line) {
        Map<String, String> f = NspFormats.defaultAlert(body);
        boolean defaultMessage = f != null;
        if (f == null) {
            Map<String, String> kv = body.indexOf('=') > 0 ? NspFormats.keyValues(body) : null;
            if (kv != null && NspFormats.known(kv) >= 2) {
                f = kv;
            } else if (NspFormats.colonKeys(body) >= 2) {
                f = NspFormats.colonPairs(body);
            } else {
                f = NspFormats.positional(body);
            }
        }
        if (NspEvents.v(f, "name") == null && NspEvents.v(f, "srcip") == null && NspEvents.v(f, "dstip") == null) {
            return ParseResult.rejected("no attack name and no addresses: expected the default alert message"
                    + " (\"<sensor> detected <direction> attack <name> (severity = ...). src -> dst (result = ...)\")"
                    + " or a template of $IV_ variables");
        }
        if (defaultMessage) {
            e.set(Ecs.MESSAGE, body.trim());
        }
        return NspEvents.alert(e, f, line.context().zone());
    }

    /** The notification's kind from its tag, else from its fields. */
    private static String kind(Tag tag, String body) {
        if (tag != null) {
            return tag.kind();
        }
        String b = body.stripLeading();
        if (b.startsWith("Fault ") || b.startsWith("Fault:") || b.contains("fault_name=")) {
            return "Fault";
        }
        if (b.contains("audit_action=")) {
            return "AuditLog";
        }
        if (b.contains("acl_action=")) {
            return "ACLLog";
        }
        return "Alert";
    }

    /**
     * {@code SyslogAlertForwarder:}, {@code SyslogAuditLogForwarder:}, {@code SyslogFaultForwarder:},
     * {@code SyslogACLLogForwarder:} within the first characters; null when there is none.
     */
    static Tag findTag(String text) {
        int from = 0;
        int limit = Math.min(text.length(), McafeeNspProbe.window());
        while (from < limit) {
            int at = text.indexOf(SYSLOG, from);
            if (at < 0 || at >= limit) {
                return null;
            }
            int i = at + SYSLOG.length();
            int kindStart = i;
            while (i < text.length() && i - kindStart < 32 && Character.isLetter(text.charAt(i))) {
                i++;
            }
            if (i - kindStart > FORWARDER.length() && text.startsWith(FORWARDER, i - FORWARDER.length())
                    && (at == 0 || text.charAt(at - 1) == ' ' || text.charAt(at - 1) == '>')) {
                String kind = text.substring(kindStart, i - FORWARDER.length());
                int end = i;
                if (end < text.length() && text.charAt(end) == ':') {
                    end++;
                } else if (end < text.length() && text.charAt(end) == '[') {
                    int close = text.indexOf("]:", end); // tag[pid]:
                    end = close > 0 ? close + 2 : end;
                } else if (end < text.length() && text.charAt(end) != ' ') {
                    from = at + 1;
                    continue;
                }
                while (end < text.length() && text.charAt(end) == ' ') {
                    end++;
                }
                return new Tag(kind, at, end);
            }
            from = at + 1;
        }
        return null;
    }
}
