package io.yagura.plugin.waf;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.format.parser.Events;
import java.util.Locale;
import java.util.Map;

/** What every WAF format sets the same way: verdicts, severities, request headers, the URL. */
final class WafEvents {

    static final String XFF = "http.request.x_forwarded_for";
    static final String REQUEST_ID = "http.request.id";

    /** Syslog severity words (ModSecurity, F5 ASM, FortiWeb pri) and their numbers. */
    private static final Map<String, Long> SYSLOG_LEVELS = Map.ofEntries(
            Map.entry("emergency", 0L), Map.entry("emerg", 0L), Map.entry("alert", 1L), Map.entry("critical", 2L),
            Map.entry("crit", 2L), Map.entry("error", 3L), Map.entry("err", 3L), Map.entry("warning", 4L),
            Map.entry("warn", 4L), Map.entry("notice", 5L), Map.entry("informational", 6L),
            Map.entry("information", 6L), Map.entry("info", 6L), Map.entry("debug", 7L));
    private static final String[] LEVEL_WORDS = {"emergency", "alert", "critical", "error", "warning", "notice",
        "info", "debug"};

    private WafEvents() {
    }

    /** A detection the WAF stopped: blocked, failure, kind alert, category intrusion_detection + web. */
    static void blocked(SecurityEvent e) {
        e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
        Events.verdict(e, Ecs.ACTION_BLOCKED, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_IDS, Ecs.CATEGORY_WEB);
    }

    /**
     * The WAF's verdict on a request whose detections were logged apart (anomaly scoring): not an attack
     * of its own but the refusal of that request, a plain event that correlation pairs with the request's
     * alerts (same http.request.id) as proof that they failed.
     */
    static void refused(SecurityEvent e) {
        e.set(Ecs.EVENT_KIND, Ecs.KIND_EVENT);
        Events.verdict(e, Ecs.ACTION_BLOCKED, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_WEB);
        Events.types(e, Ecs.TYPE_DENIED);
    }

    /**
     * A detection let through (detection-only, transparent, alarm): alert. The outcome is success when
     * the application answered the request normally (1xx-3xx), unknown otherwise.
     */
    static void alerted(SecurityEvent e, Long responseStatus) {
        e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
        boolean served = responseStatus != null && responseStatus >= 100 && responseStatus < 400;
        Events.verdict(e, Ecs.ACTION_ALERT, served ? Ecs.OUTCOME_SUCCESS : Ecs.OUTCOME_UNKNOWN, Ecs.CATEGORY_IDS,
                Ecs.CATEGORY_WEB);
    }

    /** A request the WAF passed without a detection: web access. */
    static void passed(SecurityEvent e) {
        e.set(Ecs.EVENT_KIND, Ecs.KIND_EVENT);
        Events.verdict(e, Ecs.ACTION_ALLOWED, Ecs.OUTCOME_SUCCESS, Ecs.CATEGORY_WEB);
        Events.types(e, Ecs.TYPE_ACCESS);
    }

    /**
     * A syslog-scale severity word (or its number, as libmodsecurity writes it): event.severity the
     * number, yagura.vendor_severity as written, log.level the word.
     */
    static void syslogSeverity(SecurityEvent e, String written) {
        String w = Events.value(written);
        if (w == null) {
            return;
        }
        e.set(Ecs.YAGURA_VENDOR_SEVERITY, w);
        String lower = w.toLowerCase(Locale.ROOT);
        Long n = SYSLOG_LEVELS.get(lower);
        if (n == null && lower.length() == 1 && lower.charAt(0) >= '0' && lower.charAt(0) <= '7') {
            n = (long) (lower.charAt(0) - '0');
        }
        if (n != null) {
            e.set(Ecs.EVENT_SEVERITY, n);
            e.set(Ecs.LOG_LEVEL, LEVEL_WORDS[n.intValue()]);
        }
    }

    /** A header's value in raw request text (CRLF, LF or the literal "\r\n" F5 writes), or null. */
    static String header(String request, String name) {
        if (request == null) {
            return null;
        }
        int from = 0;
        while (true) {
            int at = indexOfIgnoreCase(request, name + ":", from);
            if (at < 0) {
                return null;
            }
            boolean lineStart = at == 0 || request.charAt(at - 1) == '\n' || request.charAt(at - 1) == '\r'
                    || (at >= 2 && request.charAt(at - 2) == '\\' && request.charAt(at - 1) == 'n');
            if (lineStart) {
                int start = at + name.length() + 1;
                int end = start;
                while (end < request.length() && request.charAt(end) != '\r' && request.charAt(end) != '\n'
                        && !(request.charAt(end) == '\\' && end + 1 < request.length()
                        && (request.charAt(end + 1) == 'r' || request.charAt(end + 1) == 'n'))) {
                    end++;
                }
                String v = request.substring(start, end);
                while (v.endsWith("\\")) {
                    v = v.substring(0, v.length() - 1); // "\\r\\n" written with its backslash doubled
                }
                return Events.value(v);
            }
            from = at + 1;
        }
    }

    private static int indexOfIgnoreCase(String s, String what, int from) {
        int max = s.length() - what.length();
        char first = Character.toLowerCase(what.charAt(0));
        for (int i = from; i <= max; i++) {
            if (Character.toLowerCase(s.charAt(i)) == first && s.regionMatches(true, i, what, 0, what.length())) {
                return i;
            }
        }
        return -1;
    }

    /** The request line of raw request text: {@code [method, target, version]} or null. */
    static String[] requestLine(String request) {
        if (request == null) {
            return null;
        }
        String r = request.startsWith("<") ? request.substring(1) : request;
        int end = r.length();
        for (int i = 0; i < r.length(); i++) {
            char c = r.charAt(i);
            if (c == '\r' || c == '\n' || (c == '\\' && i + 1 < r.length() && (r.charAt(i + 1) == 'r' || r.charAt(i + 1) == 'n'))) {
                end = i;
                break;
            }
        }
        String first = r.substring(0, end).trim();
        int a = first.indexOf(' ');
        int b = first.lastIndexOf(' ');
        if (a <= 0) {
            return null;
        }
        String method = first.substring(0, a);
        for (int i = 0; i < method.length(); i++) {
            char c = method.charAt(i);
            if (c < 'A' || c > 'Z') {
                return null;
            }
        }
        if (b > a && first.regionMatches(b + 1, "HTTP/", 0, 5)) {
            return new String[] {method, first.substring(a + 1, b), first.substring(b + 6)};
        }
        return new String[] {method, first.substring(a + 1), null};
    }

    /** Method, URL, version, Host, User-Agent, Referer and X-Forwarded-For of raw request text. */
    static void request(SecurityEvent e, String request) {
        String[] line = requestLine(request);
        if (line != null) {
            setIfAbsent(e, Ecs.HTTP_REQUEST_METHOD, line[0]);
            setIfAbsent(e, Ecs.URL_ORIGINAL, Events.value(line[1]));
            setIfAbsent(e, Ecs.HTTP_VERSION, line[2]);
        }
        setIfAbsent(e, Ecs.URL_DOMAIN, header(request, "Host"));
        setIfAbsent(e, Ecs.USER_AGENT_ORIGINAL, header(request, "User-Agent"));
        setIfAbsent(e, Ecs.HTTP_REQUEST_REFERRER, header(request, "Referer"));
        setIfAbsent(e, XFF, header(request, "X-Forwarded-For"));
    }

    static void setIfAbsent(SecurityEvent e, String field, Object value) {
        if (value != null && !e.has(field)) {
            e.set(field, value);
        }
    }

    /** The protected server: an address goes to destination.ip, a name to destination.domain. */
    static void server(SecurityEvent e, String hostOrIp) {
        String v = Events.value(hostOrIp);
        if (v == null) {
            return;
        }
        if (!Events.address(e, Ecs.DESTINATION_IP, v) && io.yagura.format.net.Addresses.isHostName(v)) {
            e.set(Ecs.DESTINATION_DOMAIN, v);
        }
    }
}
