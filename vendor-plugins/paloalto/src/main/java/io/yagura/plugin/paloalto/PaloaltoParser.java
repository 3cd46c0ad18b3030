package io.yagura.plugin.paloalto;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.cef.Cef;
import io.yagura.format.cef.CefRecord;
import io.yagura.format.parser.GuardedParser;
import io.yagura.format.parser.Line;
import io.yagura.format.parser.Observer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * Reads Palo Alto Networks PAN-OS logs: the syslog CSV of every log type (by the documented column
 * positions, PAN-OS 6.1 to 11.x), Palo Alto's CEF custom formats (PAN-OS and Cortex Data Lake) and
 * the LEEF format of QRadar's PAN-OS integration. {@link GuardedParser} has already rejected empty,
 * oversized and binary lines and read the syslog header; the mapping is in {@link PanEvents} and
 * docs/vendors/paloalto.md.
 */
final class PaloaltoParser extends GuardedParser {

    static final Observer OBSERVER = new Observer("Palo Alto Networks", "PAN-OS", "ngfw");

    @Override
    protected ParseResult parseLine(Line line) {
        String text = line.text();
        PanRecord record;
        int leef = PaloaltoProbe.keyedStart(text, "LEEF:");
        int cef = leef >= 0 ? -1 : PaloaltoProbe.keyedStart(text, "CEF:");
        if (leef >= 0) {
            record = PanKeyed.fromLeef(text.substring(leef));
            if (record == null) {
                return ParseResult.rejected("truncated LEEF header: expected LEEF:1.0|Palo Alto Networks|product|version|event|");
            }
        } else if (cef >= 0) {
            Optional<CefRecord> parsed = Cef.findTolerant(text.substring(cef));
            if (parsed.isEmpty()) {
                return ParseResult.rejected("truncated CEF header: expected CEF:0|Palo Alto Networks|product|version|id|name|severity|");
            }
            record = PanKeyed.fromCef(parsed.get());
        } else {
            int start = PanCsv.locate(text);
            if (start < 0) {
                return ParseResult.rejected("not a PAN-OS log: expected the syslog CSV '<receive time>,<serial>,<TYPE>,"
                        + "<subtype>,...' or a Palo Alto Networks CEF/LEEF record");
            }
            record = PanCsv.read(text, start);
            String type = record.type();
            Integer minimum = PanCsv.MINIMUM_COLUMNS.get(type.equals("AUTHENTICATION") ? "AUTH" : type);
            if (minimum != null && record.columns < minimum) {
                return ParseResult.rejected("truncated " + type + " log: " + record.columns + " columns, at least "
                        + minimum + " expected");
            }
        }
        if (record.type().isEmpty()) {
            return ParseResult.rejected("no PAN-OS log type (TRAFFIC, THREAT, SYSTEM...) in the record");
        }
        SecurityEvent e = line.newEvent(OBSERVER);
        String host = line.header().hostname();
        if (host != null && (host.indexOf(',') >= 0 || host.indexOf('|') >= 0)) {
            // "<190>Oct 30 09:46:17 1,2012/10/30 ...": no host in the header, the CSV follows the date
            e.set(Ecs.OBSERVER_HOSTNAME, null);
            e.set(Ecs.LOG_SYSLOG_HOSTNAME, null);
        }
        e.timestamp(eventTime(record, line));
        e.set(Ecs.OBSERVER_NAME, record.get(PanField.DEVICE_NAME));
        String version = record.softwareVersion != null ? record.softwareVersion : line.context().productVersion();
        e.set(Ecs.OBSERVER_VERSION, version);
        return PanEvents.map(record, e);
    }

    /**
     * The high-resolution timestamp (with its zone offset, PAN-OS 9.1+), else the Generated Time
     * in the device's zone, else the CEF/LEEF receive time, else the syslog header's time.
     */
    static Instant eventTime(PanRecord r, Line line) {
        Instant t = PanTime.highResolution(r.get(PanField.HIGH_RES_TIME));
        if (t != null) {
            return t;
        }
        ZoneId zone = r.zone != null ? r.zone : line.context().zone();
        if (r.format == PanRecord.Format.CSV) {
            t = PanTime.slashed(r.get(PanField.GENERATED_TIME), zone);
            if (t == null) {
                t = PanTime.slashed(r.get(PanField.RECEIVE_TIME), zone);
            }
        } else {
            t = PanTime.cefFormatted(r.get(PanField.GENERATED_TIME), zone);
            if (t == null) {
                t = PanTime.cefFormatted(r.get(PanField.RECEIVE_TIME), zone);
            }
        }
        return t != null ? t : line.deviceTime();
    }
}
