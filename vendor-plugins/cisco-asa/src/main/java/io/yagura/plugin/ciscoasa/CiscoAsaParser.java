package io.yagura.plugin.ciscoasa;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.RawEnvelope;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.LogParser;
import io.yagura.api.plugin.ParseContext;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.syslog.SyslogHeaderParser;
import io.yagura.format.syslog.SyslogLine;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Parser for Cisco ASA, PIX and FTD (ASA engine) syslog lines.
 *
 * <p>Order of work, cheapest first: size and control-character checks, the {@code %ASA-l-nnnnnn}
 * tag (hand-written scan, {@link AsaMarker}), a table lookup by message id, and only then the one
 * anchored regex of that id. Ids without an entry are {@link ParseResult.Ignored} with a reason
 * ({@link IgnoreReasons}); a known id whose text does not have the documented form is
 * {@link ParseResult.Rejected} with the expected form.
 *
 * <p>Thread-safe: the table and the header parser are immutable; matchers are per call. Never
 * throws: anything unexpected becomes a rejection naming the exception.
 */
public final class CiscoAsaParser implements LogParser {

    /** ASA messages are at most about 1 KB; anything far beyond is not a syslog line from an ASA. */
    static final int MAX_LINE = 16 * 1024;

    static final String PLUGIN_ID = "cisco-asa";

    private static final String[] SEVERITY_WORDS = {"emergencies", "alerts", "critical", "errors",
        "warnings", "notifications", "informational", "debugging"};

    /** Time-zone abbreviations ASA can print after the date ("... 09:34:34 EDT: %ASA-..."). */
    private static final Map<String, Rules.Handler> TABLE;

    static {
        Map<String, Rules.Handler> t = new HashMap<>();
        FirewallFamilies.register(t);
        ThreatFamilies.register(t);
        VpnFamilies.register(t);
        TABLE = Collections.unmodifiableMap(t);
    }

    private final SyslogHeaderParser headers = new SyslogHeaderParser();

    @Override
    public ParseResult parse(RawEnvelope envelope, ParseContext context) {
        try {
            return parseChecked(envelope);
        } catch (RuntimeException | StackOverflowError unexpected) {
            return ParseResult.rejected("parser failure: " + unexpected.getClass().getSimpleName()
                    + (unexpected.getMessage() == null ? "" : ": " + truncate(unexpected.getMessage(), 120)));
        }
    }

    /** Message ids that have a parsing rule (the others are ignored with a reason). */
    public static Set<String> parsedMessageIds() {
        return TABLE.keySet();
    }

    private ParseResult parseChecked(RawEnvelope envelope) {
        if (envelope == null || envelope.raw() == null) {
            return ParseResult.rejected("empty line: no raw text");
        }
        String raw = envelope.raw();
        if (raw.length() > MAX_LINE) {
            return ParseResult.rejected("oversized line: " + raw.length() + " chars, limit " + MAX_LINE);
        }
        String line = stripLineEnd(raw);
        if (line.isBlank()) {
            return ParseResult.rejected("empty line");
        }
        int control = firstControlChar(line);
        if (control >= 0) {
            return ParseResult.rejected(String.format("control character U+%04X at offset %d", (int) line.charAt(control),
                    control));
        }
        AsaMarker marker = AsaMarker.find(line);
        if (marker == null) {
            return ParseResult.rejected(AsaMarker.mentionsProduct(line)
                    ? "malformed or truncated message tag: expected %ASA-<level 0-7>-<6-digit id>"
                    : "no %ASA-/%PIX- message marker");
        }
        String text = line.substring(marker.textStart()).trim();
        if (text.isEmpty()) {
            return ParseResult.rejected("truncated: no message text after %" + marker.product() + "-"
                    + marker.level() + "-" + marker.id());
        }
        Rules.Handler handler = TABLE.get(marker.id());
        if (handler == null) {
            return ParseResult.ignored(IgnoreReasons.reason(marker));
        }
        SecurityEvent event = base(envelope, raw, line, marker, text);
        return handler.handle(new Rules.Msg(marker.id(), marker.level(), marker.product(), text), event);
    }

    /** Fields every ASA event has, before the message-specific part. */
    private SecurityEvent base(RawEnvelope env, String raw, String line, AsaMarker marker, String text) {
        SyslogLine header = headers.parse(line);
        SecurityEvent e = new SecurityEvent();
        Instant deviceTime = header.timestamp();
        e.timestamp(deviceTime != null ? deviceTime : Instant.ofEpochMilli(env.receivedAt()));
        e.set(Ecs.MESSAGE, text);
        e.set(Ecs.EVENT_KIND, Ecs.KIND_EVENT);
        e.set(Ecs.EVENT_CODE, marker.id());
        e.set(Ecs.EVENT_SEVERITY, (long) marker.level());
        e.set(Ecs.YAGURA_VENDOR_SEVERITY, SEVERITY_WORDS[marker.level()]);
        e.set(Ecs.LOG_LEVEL, SEVERITY_WORDS[marker.level()]);
        if (header.priority() >= 0) {
            e.set(Ecs.LOG_SYSLOG_PRIORITY, (long) header.priority());
        }
        String host = header.hostname();
        if (host != null) {
            e.set(Ecs.OBSERVER_HOSTNAME, host);
            e.set(Ecs.LOG_SYSLOG_HOSTNAME, host);
        }
        e.set(Ecs.OBSERVER_VENDOR, "Cisco");
        e.set(Ecs.OBSERVER_PRODUCT, marker.product());
        e.set(Ecs.OBSERVER_TYPE, "firewall");
        e.set("cisco.asa.facility", marker.facility());
        return e;
    }

    private static String stripLineEnd(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return end == s.length() ? s : s.substring(0, end);
    }

    /** Offset of the first C0 control character other than TAB, or DEL; -1 if none. */
    private static int firstControlChar(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                return i;
            }
        }
        return -1;
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "...";
    }
}
