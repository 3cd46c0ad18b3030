package io.yagura.plugin.waf;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.kv.KeyValues;
import io.yagura.format.net.Numbers;
import io.yagura.format.parser.Events;
import io.yagura.format.parser.Line;
import io.yagura.format.parser.Observer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;

/**
 * Fortinet FortiWeb key=value logs (FortiWeb Log Reference: {@code log_id=} and {@code msg_id=} on
 * every line) and FortiWeb Cloud's ({@code cat=attack ... main_type= sub_type=}): attack logs are
 * detections (action Alert: alert; Alert_Deny, Block Period, Deny, Redirect, Send 403 Forbidden...:
 * blocked), traffic logs web access; event logs (system, admin, HA) are ignored.
 */
final class FortiWeb {

    static final Observer OBSERVER = new Observer("Fortinet", "FortiWeb", "waf");
    private static final Map<String, Long> LEVELS = Map.of("emergency", 0L, "alert", 1L, "critical", 2L, "error", 3L,
            "warning", 4L, "notice", 5L, "information", 6L, "debug", 7L);

    private FortiWeb() {
    }

    /** FortiWeb's lines carry log_id= and msg_id= (FortiGate writes logid=); FortiWeb Cloud cat= and main_type=. */
    static boolean isFortiWeb(String body) {
        return (key(body, "log_id=") && key(body, "msg_id=")) || (key(body, "cat=") && key(body, "main_type="));
    }

    /** A FortiWeb serial number ({@code FV...}: FV-1KE..., FVVM... for the virtual appliance) in device_id. */
    static boolean hasFortiWebSerial(String body) {
        int at = body.indexOf("device_id=");
        while (at >= 0) {
            int v = at + "device_id=".length();
            if (v < body.length() && body.charAt(v) == '"') {
                v++;
            }
            if ((at == 0 || body.charAt(at - 1) == ' ' || body.charAt(at - 1) == '\t' || body.charAt(at - 1) == '>')
                    && body.startsWith("FV", v)) {
                return true;
            }
            at = body.indexOf("device_id=", at + 1);
        }
        return false;
    }

    /** A FortiOS (FortiGate) line: logid= and devid=, which the fortinet plugin reads. */
    static boolean isFortiOs(String body) {
        return key(body, "logid=") && key(body, "devid=");
    }

    static ParseResult parse(Line line, String body) {
        Map<String, String> f = KeyValues.SPACED.parse(body);
        String type = lower(first(f, "type", "cat"));
        if (type == null) {
            return ParseResult.rejected("FortiWeb log without type= (attack, traffic, event)");
        }
        if (type.equals("event")) {
            return ParseResult.ignored("FortiWeb event log (system, administration, HA), no security event");
        }
        if (!type.equals("attack") && !type.equals("traffic")) {
            return ParseResult.ignored("FortiWeb " + (type.length() > 16 ? type.substring(0, 16) : type)
                    + " log, no security event");
        }
        SecurityEvent e = line.newEvent(OBSERVER);
        Instant t = time(f, line);
        if (t != null) {
            e.timestamp(t);
        }
        e.set(Ecs.EVENT_CODE, first(f, "log_id"));
        e.set(Ecs.OBSERVER_NAME, first(f, "devname"));
        e.set("observer.serial_number", first(f, "device_id"));
        String pri = lower(first(f, "pri"));
        if (pri != null && LEVELS.containsKey(pri)) {
            e.set(Ecs.LOG_LEVEL, pri);
            e.set(Ecs.EVENT_SEVERITY, LEVELS.get(pri));
        }
        e.set(Ecs.YAGURA_VENDOR_SEVERITY, first(f, "severity_level", "severity", "threat_level"));
        Events.address(e, Ecs.SOURCE_IP, first(f, "src", "src_ip"));
        Events.port(e, Ecs.SOURCE_PORT, first(f, "src_port"));
        Events.address(e, Ecs.DESTINATION_IP, first(f, "dst", "dst_ip"));
        Events.port(e, Ecs.DESTINATION_PORT, first(f, "dst_port"));
        Events.transport(e, first(f, "proto"));
        String service = lower(first(f, "service"));
        if (service != null) {
            int slash = service.indexOf('/');
            e.set(Ecs.NETWORK_PROTOCOL, slash > 0 ? service.substring(0, slash) : service);
        }
        e.set(Ecs.YAGURA_POLICY, first(f, "policy"));
        String method = first(f, "http_method");
        e.set(Ecs.HTTP_REQUEST_METHOD, method == null ? null : method.toUpperCase(Locale.ROOT));
        e.set(Ecs.URL_ORIGINAL, first(f, "http_url"));
        e.set(Ecs.URL_DOMAIN, first(f, "http_host"));
        e.set(Ecs.USER_AGENT_ORIGINAL, first(f, "http_agent", "user_agent"));
        e.set(Ecs.HTTP_REQUEST_REFERRER, first(f, "http_refer", "http_referer"));
        Long status = Numbers.number(first(f, "http_retcode"));
        e.set(Ecs.HTTP_RESPONSE_STATUS_CODE, status);
        // traffic logs: the transaction's sizes (headers included); the times stay vendor fields, their
        // unit is not stated in the log reference
        e.set(Ecs.HTTP_REQUEST_BYTES, Numbers.number(first(f, "http_request_bytes")));
        e.set(Ecs.HTTP_RESPONSE_BYTES, Numbers.number(first(f, "http_response_bytes")));
        e.set("fortiweb.http_request_time", Numbers.number(first(f, "http_request_time")));
        e.set("fortiweb.http_response_time", Numbers.number(first(f, "http_response_time")));
        String user = first(f, "user_name", "user");
        e.set(Ecs.USER_NAME, user == null || user.equalsIgnoreCase("unknown") ? null : user);
        String country = first(f, "srccountry");
        e.set("source.geo.country_name", country == null || country.equalsIgnoreCase("reserved") ? null : country);
        String action = lower(first(f, "action"));
        if (type.equals("traffic")) {
            WafEvents.passed(e);
            return ParseResult.parsed(e);
        }
        String msg = first(f, "msg");
        e.set(Ecs.RULE_ID, first(f, "signature_id", "sigid"));
        e.set(Ecs.RULE_NAME, msg);
        String main = first(f, "main_type");
        String cls = AttackClass.of(first(f, "sub_type"), main, first(f, "signature_subclass"), first(f, "subcat"), msg);
        e.set(Ecs.RULE_CATEGORY, cls != null ? cls : main);
        Events.vulnerabilities(e, first(f, "signature_cve_id"), msg);
        if (action == null || action.equals("alert") || action.equals("none") || action.equals("pass")
                || action.equals("accept")) {
            WafEvents.alerted(e, status);
        } else {
            WafEvents.blocked(e);
        }
        return ParseResult.parsed(e);
    }

    /**
     * date= and time= in the zone of timezone= ("(GMT+1:00)Brussels,...") or the device's; date_time=
     * with its offset (FortiWeb Cloud); time= alone on the receive date; timestamp= (epoch seconds).
     */
    private static Instant time(Map<String, String> f, Line line) {
        String dateTime = first(f, "date_time");
        if (dateTime != null) {
            return Times.dateTime(dateTime, line.context().zone());
        }
        ZoneId zone = line.context().zone();
        String tz = first(f, "timezone");
        if (tz != null && tz.startsWith("(") && tz.indexOf(')') > 0) {
            ZoneOffset o = Times.offset(tz.substring(1, tz.indexOf(')')));
            if (o != null) {
                zone = o;
            }
        }
        String time = first(f, "time");
        String date = first(f, "date");
        if (time != null && date != null) {
            return Times.dateTime(date + " " + time, zone);
        }
        Long epoch = Numbers.number(first(f, "timestamp"));
        if (epoch != null && epoch > 1_000_000_000L && epoch < 100_000_000_000L) {
            return Instant.ofEpochSecond(epoch);
        }
        if (time != null) {
            LocalDate day = Instant.ofEpochMilli(line.envelope().receivedAt()).atZone(zone).toLocalDate();
            Instant t = Times.dateTime(day + " " + time, zone);
            if (t != null && t.isAfter(Instant.ofEpochMilli(line.envelope().receivedAt()).plusSeconds(3_600))) {
                t = Times.dateTime(day.minusDays(1) + " " + time, zone);
            }
            return t;
        }
        return null;
    }

    private static boolean key(String s, String key) {
        int from = 0;
        while (true) {
            int at = s.indexOf(key, from);
            if (at < 0) {
                return false;
            }
            if (at == 0 || s.charAt(at - 1) == ' ' || s.charAt(at - 1) == '\t' || s.charAt(at - 1) == '>') {
                return true;
            }
            from = at + 1;
        }
    }

    private static String first(Map<String, String> f, String... keys) {
        for (String k : keys) {
            String v = Events.value(f.get(k));
            if (v != null && !v.equalsIgnoreCase("none")) {
                return v;
            }
        }
        return null;
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }
}
