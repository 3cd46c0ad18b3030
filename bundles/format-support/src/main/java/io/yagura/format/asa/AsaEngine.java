package io.yagura.format.asa;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.parser.Line;
import io.yagura.format.parser.Observer;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The ASA message engine: turns one ASA-engine message ({@code %ASA-}, {@code %PIX-} or
 * {@code %FTD-}) into a {@link ParseResult}. Plugins find the tag with {@link AsaMarker#find} (and
 * decide which products they claim), then hand the line here.
 *
 * <p>Order of work, cheapest first: a table lookup by message id, and only then the one anchored
 * regex of that id. Ids without an entry are {@link ParseResult.Ignored} with a reason naming the
 * id and its class; a known id whose text does not have the documented form is
 * {@link ParseResult.Rejected} with the expected form.
 *
 * <p>Every event carries the message text ({@code message}), the id ({@code event.code}), the
 * level as {@code event.severity} and its Cisco name as {@code yagura.vendor_severity} and
 * {@code log.level}, the facility of the {@code %ASA-session-6-} form as
 * {@code cisco.asa.facility}, and what {@link Line#newEvent} sets. Vendor fields keep the
 * {@code cisco.asa.} prefix whichever product sent the message, so one rule reads ASA and FTD.
 *
 * <p>Thread-safe and allocation-light: the table is immutable, matchers are per call. May throw on
 * a programming error only; plugins call it from {@code GuardedParser.parseLine}, which turns an
 * exception into a rejection.
 */
public final class AsaEngine {

    /** Cisco's names of the levels 0-7 ("logging trap informational"). */
    private static final String[] SEVERITY_WORDS = {"emergencies", "alerts", "critical", "errors",
        "warnings", "notifications", "informational", "debugging"};

    private static final Map<String, Rules.Handler> TABLE;

    static {
        Map<String, Rules.Handler> t = new HashMap<>();
        FirewallFamilies.register(t);
        ThreatFamilies.register(t);
        VpnFamilies.register(t);
        TABLE = Collections.unmodifiableMap(t);
    }

    private AsaEngine() {
    }

    /**
     * Reads the message the marker starts.
     *
     * @param line     the line, as {@code GuardedParser} passes it
     * @param observer observer.vendor/product/type of the events (the plugin's product, e.g. ASA, FTD)
     * @param marker   the tag found in {@code line.text()} by {@link AsaMarker#find}
     */
    public static ParseResult parse(Line line, Observer observer, AsaMarker marker) {
        String text = line.text().substring(Math.min(marker.textStart(), line.text().length())).trim();
        if (text.isEmpty()) {
            return ParseResult.rejected("truncated: no message text after %" + marker.product() + "-"
                    + marker.level() + "-" + marker.id());
        }
        Rules.Handler handler = TABLE.get(marker.id());
        if (handler == null) {
            return ParseResult.ignored(IgnoreReasons.reason(marker));
        }
        SecurityEvent event = line.newEvent(observer);
        event.set(Ecs.MESSAGE, text);
        event.set(Ecs.EVENT_CODE, marker.id());
        event.set(Ecs.EVENT_SEVERITY, (long) marker.level());
        event.set(Ecs.YAGURA_VENDOR_SEVERITY, SEVERITY_WORDS[marker.level()]);
        event.set(Ecs.LOG_LEVEL, SEVERITY_WORDS[marker.level()]);
        event.set("cisco.asa.facility", marker.facility());
        return handler.handle(new Rules.Msg(marker.id(), marker.level(), marker.product(), text), event);
    }

    /** Message ids that have a rule (the others are ignored with a reason). */
    public static Set<String> parsedMessageIds() {
        return TABLE.keySet();
    }

    /** Why a message id without a rule is ignored: its id, its class, or "unclassified". */
    public static String ignoreReason(AsaMarker marker) {
        return IgnoreReasons.reason(marker);
    }

    /** Cisco's name of a level 0-7 ("informational"), or null outside that range. */
    public static String severityWord(int level) {
        return level >= 0 && level < SEVERITY_WORDS.length ? SEVERITY_WORDS[level] : null;
    }
}
