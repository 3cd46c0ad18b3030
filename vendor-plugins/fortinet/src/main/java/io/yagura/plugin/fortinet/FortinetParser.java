package io.yagura.plugin.fortinet;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.cef.Cef;
import io.yagura.format.cef.CefRecord;
import io.yagura.format.kv.KeyValues;
import io.yagura.format.parser.GuardedParser;
import io.yagura.format.parser.Line;
import io.yagura.format.parser.Observer;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Reads FortiGate logs (FortiOS 4.x-7.x) in both syslog formats the device offers: the default
 * {@code key=value} list ({@code date=... time=... devname="fw1" devid="FG..." logid="0000000013"
 * type="traffic" subtype="forward" ...}, space or comma separated, with or without a syslog header)
 * and CEF ({@code CEF:0|Fortinet|Fortigate|v6.0.3|00013|traffic:forward close|3|...}). Both are
 * brought to FortiOS field names, then {@link FortinetEvents} maps each log type. See
 * docs/vendors/fortinet.md for the mapping table.
 */
final class FortinetParser extends GuardedParser {

    static final Observer OBSERVER = new Observer("Fortinet", "FortiGate", "utm");
    /** FortiAuthenticator writes FortiOS-style event logs too (recognised by faclogindex). */
    static final Observer AUTHENTICATOR = OBSERVER.withProduct("FortiAuthenticator");

    /** FortiOS "set format csv" and some collectors: {@code date=...,time=...,logid="..."}. */
    private static final KeyValues COMMAS = KeyValues.syntax().separators(",\t ").build();

    /** FortiOS 4.x field names and their FortiOS 5+ names. */
    private static final String[][] V4_NAMES = {
        {"device_id", "devid"}, {"log_id", "logid"}, {"pri", "level"}, {"src", "srcip"}, {"dst", "dstip"},
        {"src_port", "srcport"}, {"dst_port", "dstport"}, {"src_int", "srcintf"}, {"dst_int", "dstintf"},
        {"sent", "sentbyte"}, {"rcvd", "rcvdbyte"}, {"attack_name", "attack"}, {"attack_id", "attackid"},
        {"file", "filename"}, {"vir", "virus"}};

    @Override
    protected ParseResult parseLine(Line line) {
        String text = line.text();
        Map<String, String> f;
        String version = null;
        int cefAt = Cef.indexOf(text);
        String body = line.body();
        if (cefAt < 0 && isHeaderlessCef(body)) {
            text = "CEF:" + body;
            cefAt = 0;
        }
        if (cefAt >= 0) {
            Optional<CefRecord> record = Cef.parse(text.substring(cefAt));
            if (record.isEmpty()) {
                return ParseResult.rejected("truncated CEF record: expected CEF:0|Fortinet|Fortigate|version|id|name|severity|extension");
            }
            CefRecord r = record.get();
            if (!"Fortinet".equalsIgnoreCase(r.vendor().trim())
                    || !r.product().trim().toLowerCase(Locale.ROOT).startsWith("fortigate")) {
                return ParseResult.rejected("CEF record of another device (" + clip(r.vendor()) + " " + clip(r.product())
                        + "): expected Fortinet FortiGate");
            }
            f = FortinetCef.fields(r);
            version = r.deviceVersion();
        } else {
            String kv = keyValueText(line);
            f = (isCommaSeparated(kv) ? COMMAS : KeyValues.SPACED).parse(kv);
            if (f.containsKey("log_id") || f.containsKey("device_id")) {
                v4Names(f);
            }
        }
        String type = FortinetEvents.lower(FortinetEvents.v(f, "type"));
        if (type == null) {
            return ParseResult.rejected(f.isEmpty()
                    ? "no key=value fields: expected a FortiGate log (devid=... logid=... type=... subtype=...)"
                    : "no type= field: expected a FortiGate log (devid=... logid=... type=... subtype=...)");
        }
        SecurityEvent e = line.newEvent(f.containsKey("faclogindex") ? AUTHENTICATOR : OBSERVER);
        String host = line.header().hostname();
        if (host != null && host.indexOf('=') >= 0) {
            // no host in the header: the reader took the first field for one
            e.set(Ecs.OBSERVER_HOSTNAME, null);
            e.set(Ecs.LOG_SYSLOG_HOSTNAME, null);
        }
        Instant t = FortinetTime.of(f, line.context().zone());
        if (t != null) {
            e.timestamp(t);
        }
        e.set(Ecs.OBSERVER_VERSION, version == null ? null : version.trim());
        return FortinetEvents.map(e, f, type);
    }

    /** The key=value part: after the syslog header, or the whole text when the header reader took a field for the host. */
    private static String keyValueText(Line line) {
        String host = line.header().hostname();
        if (host != null && host.indexOf('=') >= 0) {
            int at = line.text().indexOf(host);
            if (at >= 0) {
                return line.text().substring(at);
            }
        }
        return line.body();
    }

    /** {@code 0|Fortinet|Fortigate|...}: a relay took "CEF:" for the syslog tag. */
    private static boolean isHeaderlessCef(String body) {
        return body.length() > 12 && (body.startsWith("0|") || body.startsWith("1|"))
                && body.regionMatches(true, 1, "|Fortinet|", 0, 10);
    }

    /** The first value ends at a comma, not a space: {@code date=2018-12-27,time=...}. */
    static boolean isCommaSeparated(String s) {
        int eq = s.indexOf('=');
        if (eq < 0) {
            return false;
        }
        int i = eq + 1;
        if (i < s.length() && s.charAt(i) == '"') {
            int close = s.indexOf('"', i + 1);
            return close > 0 && close + 1 < s.length() && s.charAt(close + 1) == ',';
        }
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == ',') {
                return true;
            }
            if (c == ' ' || c == '\t') {
                return false;
            }
        }
        return false;
    }

    private static void v4Names(Map<String, String> f) {
        for (String[] n : V4_NAMES) {
            String v = f.get(n[0]);
            if (v != null) {
                f.putIfAbsent(n[1], v);
            }
        }
        // FortiOS 4.x: status= is the traffic verdict, tran_ip the address of tran_disp's translation
        String type = f.get("type");
        if (!"event".equals(type) && f.get("status") != null) {
            f.putIfAbsent("action", f.get("status"));
        }
        String disp = f.get("tran_disp");
        if ("snat".equals(disp)) {
            f.putIfAbsent("transip", f.get("tran_ip"));
            f.putIfAbsent("transport", f.get("tran_port"));
        } else if ("dnat".equals(disp)) {
            f.putIfAbsent("tranip", f.get("tran_ip"));
            f.putIfAbsent("tranport", f.get("tran_port"));
        }
        f.values().removeIf(v -> v == null);
    }

    static String clip(String s) {
        if (s == null) {
            return "";
        }
        String t = s.trim();
        return t.length() > 40 ? t.substring(0, 40) + "..." : t;
    }
}
