package io.yagura.plugin.ciscofirepower;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.asa.AsaEngine;
import io.yagura.format.asa.AsaMarker;
import io.yagura.format.parser.GuardedParser;
import io.yagura.format.parser.Line;
import io.yagura.format.parser.Observer;
import java.util.Map;

/**
 * Reads Cisco Firepower lines: FTD's and NGIPS's own events (430001 intrusion, 430002/430003
 * connection, 430004 file, 430005 malware; {@link FirepowerEvents}), the ASA-engine messages FTD
 * sends as {@code %FTD-} lines (read by the shared engine in format-support, {@link AsaEngine}), and
 * the legacy Sourcefire {@code SFIMS:} syslog ({@link Sfims}). See docs/vendors/cisco-firepower.md.
 *
 * <p>{@link GuardedParser} has already rejected empty, oversized and binary lines, read the syslog
 * header in the device's zone, and turns any exception into a rejection. Thread-safe, stateless.
 */
final class CiscoFirepowerParser extends GuardedParser {

    /** Firepower Threat Defense: %FTD- lines, ASA engine and Firepower events. */
    static final Observer FTD = new Observer("Cisco", "FTD", "ngfw");
    /** Firepower 7000/8000 series and virtual NGIPS: %NGIPS- lines. */
    static final Observer NGIPS = new Observer("Cisco", "NGIPS", "ips");
    /** Sourcefire/FireSIGHT syslog of managed devices and the FMC: SFIMS: lines. */
    static final Observer SFIMS = new Observer("Cisco", "Firepower", "ips");

    /** Firepower event lines can be long (URLs, user agents); beyond this they are not log lines. */
    static final int MAX_LINE = 32 * 1024;

    CiscoFirepowerParser() {
        super(MAX_LINE, false);
    }

    @Override
    protected ParseResult parseLine(Line line) {
        String text = line.text();
        AsaMarker marker = AsaMarker.find(text, CiscoFirepowerProbe.TAGS, true);
        if (marker != null) {
            Observer observer = "NGIPS".equals(marker.product()) ? NGIPS : FTD;
            if (marker.id().startsWith("4300")) {
                return firepowerEvent(line, observer, marker);
            }
            return AsaEngine.parse(line, observer, marker);
        }
        int sfims = CiscoFirepowerProbe.sfims(text);
        if (sfims >= 0) {
            return Sfims.parse(line.newEvent(SFIMS), text, sfims, line.header().timestamp() != null);
        }
        if (text.contains("%ASA-") || text.contains("%PIX-")) {
            return ParseResult.rejected("%ASA-/%PIX- line: Cisco ASA and PIX messages are read by the cisco-asa plugin");
        }
        return ParseResult.rejected(text.contains("%FTD-") || text.contains("%NGIPS-")
                ? "malformed or truncated message tag: expected %FTD-<level 0-7>-<6-digit id> or %NGIPS-..."
                : "no %FTD-/%NGIPS- message tag or SFIMS: marker");
    }

    /** 4300nn: the Key: value list after the tag. */
    private static ParseResult firepowerEvent(Line line, Observer observer, AsaMarker marker) {
        String text = line.text();
        int start = Math.min(marker.textStart(), text.length());
        if (text.substring(start).isBlank()) {
            return ParseResult.rejected("truncated: no fields after %" + marker.product() + "-" + marker.level() + "-"
                    + marker.id());
        }
        String id = marker.id();
        String what = switch (id) {
            case "430001" -> "intrusion";
            case "430002", "430003" -> "connection";
            case "430004" -> "file";
            case "430005" -> "malware";
            default -> null;
        };
        if (what == null) {
            return ParseResult.ignored("firepower: " + id + " is not one of the documented security events"
                    + " 430001-430005");
        }
        Map<String, String> f = FirepowerFields.parse(text, start, text.length());
        if (f.isEmpty()) {
            return ParseResult.rejected(id + ": expected 'Key: value, ...' event fields after the tag");
        }
        if (FirepowerEvents.v(f, "SrcIP") == null && FirepowerEvents.v(f, "DstIP") == null) {
            return ParseResult.rejected(id + ": no SrcIP or DstIP: expected the " + what + " event fields");
        }
        SecurityEvent e = line.newEvent(observer);
        e.set(Ecs.MESSAGE, text.substring(start).trim());
        e.set(Ecs.EVENT_CODE, id);
        e.set(Ecs.EVENT_SEVERITY, (long) marker.level());
        e.set(Ecs.YAGURA_VENDOR_SEVERITY, AsaEngine.severityWord(marker.level()));
        e.set(Ecs.LOG_LEVEL, AsaEngine.severityWord(marker.level()));
        return switch (id) {
            case "430001" -> FirepowerEvents.intrusion(e, f);
            case "430002" -> FirepowerEvents.connection(e, f, Boolean.TRUE, id);
            case "430003" -> FirepowerEvents.connection(e, f, Boolean.FALSE, id);
            case "430004" -> FirepowerEvents.file(e, f, false, id);
            default -> FirepowerEvents.file(e, f, true, id);
        };
    }
}
