package io.yagura.plugin.checkpoint;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.cef.Cef;
import io.yagura.format.cef.CefRecord;
import io.yagura.format.parser.GuardedParser;
import io.yagura.format.parser.Line;
import io.yagura.format.parser.Observer;
import java.time.Instant;
import java.util.Optional;

/**
 * Reads Check Point Security Gateway logs: the Log Exporter in its "syslog" format
 * ({@code [action:"Drop"; src:"..."; ...]}) and its "cef" format, and the legacy fw1-loggrabber/LEA
 * syslog and quoted LEA export. {@link GuardedParser} has already rejected empty, oversized and binary
 * lines and read the syslog header; readers are in {@link CpReaders}, the mapping in {@link CpEvents}
 * and docs/vendors/checkpoint.md.
 */
final class CheckpointParser extends GuardedParser {

    static final Observer OBSERVER = new Observer("Check Point", "FireWall-1", "firewall");

    @Override
    protected ParseResult parseLine(Line line) {
        String text = line.text();
        if (text.endsWith("#013") || text.endsWith("#015")) {
            text = text.substring(0, text.length() - 4); // CR written as octal by rsyslog
        }
        CpRecord r;
        int cef = CheckpointProbe.cefStart(text);
        int exporter = cef >= 0 ? -1 : CpReaders.exporterStart(text);
        int legacy = cef >= 0 || exporter >= 0 ? -1 : CheckpointProbe.legacyStart(text);
        if (cef >= 0) {
            String record = text.substring(cef);
            Optional<CefRecord> parsed = record.startsWith("CEF:") ? Cef.findTolerant(record) : Cef.parse("CEF:" + record);
            if (parsed.isEmpty()) {
                return ParseResult.rejected("truncated CEF header: expected CEF:0|Check Point|product|version|event|name|severity|");
            }
            r = CpReaders.cef(parsed.get());
        } else if (exporter >= 0) {
            r = CpReaders.exporter(text, exporter);
            headerlessRfc5424(text, r);
        } else if (legacy >= 0) {
            r = CpReaders.legacy(text, legacy, line.context().zone());
            if (r == null) {
                return ParseResult.rejected("truncated legacy Check Point line: expected 'Checkpoint: <date> <time> "
                        + "<action> <origin> <interface> key: value; ...'");
            }
        } else if (CpReaders.isLeaExport(text)) {
            r = CpReaders.leaExport(text, line.context().zone());
        } else {
            return ParseResult.rejected("not a Check Point log: expected Log Exporter [key:\"value\"; ...], "
                    + "CEF with vendor Check Point, or the legacy 'Checkpoint:' / LEA export line");
        }
        SecurityEvent e = line.newEvent(OBSERVER);
        if (r.host != null && line.header().hostname() == null) {
            e.set(Ecs.OBSERVER_HOSTNAME, r.host);
            e.set(Ecs.LOG_SYSLOG_HOSTNAME, r.host);
        }
        Instant t = r.time;
        e.timestamp(t != null ? t : line.deviceTime());
        return CpEvents.map(r, e);
    }

    /**
     * "1 2019-05-15T16:25:50Z HOSTNAME CheckPoint 19710 - [..." without its PRI, as relays forward it:
     * the syslog reader does not take it for RFC 5424, so its host and time are read here.
     */
    private static void headerlessRfc5424(String text, CpRecord r) {
        int i = 0;
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        if (!text.startsWith("1 ", i)) {
            return;
        }
        int tsEnd = text.indexOf(' ', i + 2);
        if (tsEnd < 0) {
            return;
        }
        Instant ts = CpReaders.iso(text.substring(i + 2, tsEnd));
        if (ts == null) {
            return;
        }
        int hostEnd = text.indexOf(' ', tsEnd + 1);
        if (hostEnd > tsEnd + 1) {
            String host = text.substring(tsEnd + 1, hostEnd);
            r.host = host.equals("-") ? null : host;
        }
        if (r.time == null) {
            r.time = ts;
        }
    }
}
