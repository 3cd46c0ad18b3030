package io.yagura.plugin.ciscoips;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.kv.KeyValues;
import io.yagura.format.parser.Events;
import io.yagura.format.parser.GuardedParser;
import io.yagura.format.parser.Line;
import io.yagura.format.parser.Observer;
import java.util.Map;

/**
 * Reads Cisco IPS lines. This generated example reads
 * {@code CISCOIPS: action=deny src=203.0.113.5 spt=4455 dst=192.0.2.10 dpt=22 proto=tcp sig=1001 msg="..."};
 * replace it with the vendor's documented format, field by field, and write the mapping table in
 * docs/vendors/cisco-ips.md. {@link GuardedParser} has already rejected empty, oversized and binary
 * lines, read the syslog header in the device's zone, and turns any exception into a rejection.
 */
final class CiscoIpsParser extends GuardedParser {

    static final Observer OBSERVER = new Observer("Cisco", "IPS", "ips");

    @Override
    protected ParseResult parseLine(Line line) {
        String body = line.body();
        int at = body.indexOf(CiscoIpsProbe.MARKER);
        if (at < 0) {
            return ParseResult.rejected("no '" + CiscoIpsProbe.MARKER.trim() + "' marker");
        }
        Map<String, String> kv = KeyValues.SPACED.parse(body.substring(at + CiscoIpsProbe.MARKER.length()));
        String action = kv.get("action");
        if (action == null) {
            return ParseResult.rejected("no action= field");
        }
        SecurityEvent e = line.newEvent(OBSERVER);
        switch (action) {
            case "accept" -> Events.verdict(e, Ecs.ACTION_ALLOWED, Ecs.OUTCOME_SUCCESS, Ecs.CATEGORY_NETWORK);
            case "deny" -> Events.verdict(e, Ecs.ACTION_DENIED, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_NETWORK);
            case "alert" -> Events.verdict(e, Ecs.ACTION_ALERT, Ecs.OUTCOME_UNKNOWN, Ecs.CATEGORY_IDS)
                    .set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
            case "stats" -> {
                return ParseResult.ignored("traffic statistics, no security event");
            }
            default -> {
                return ParseResult.rejected("unknown action '" + action + "'");
            }
        }
        Events.address(e, Ecs.SOURCE_IP, kv.get("src"));
        Events.port(e, Ecs.SOURCE_PORT, kv.get("spt"));
        Events.address(e, Ecs.DESTINATION_IP, kv.get("dst"));
        Events.port(e, Ecs.DESTINATION_PORT, kv.get("dpt"));
        Events.transport(e, kv.get("proto"));
        e.set(Ecs.RULE_ID, Events.value(kv.get("sig")));
        e.set(Ecs.RULE_NAME, Events.value(kv.get("msg")));
        Events.vulnerabilities(e, kv.get("msg"));
        return ParseResult.parsed(e);
    }
}
