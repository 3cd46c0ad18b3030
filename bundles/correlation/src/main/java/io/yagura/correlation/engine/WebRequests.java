package io.yagura.correlation.engine;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import java.util.List;
import java.util.Locale;

/** How the normalized fields of any web-capable plugin (WAF, IDS HTTP logs, NGFW) read as requests. */
final class WebRequests {

    private WebRequests() {
    }

    /**
     * A web attack alert: an IDS/IPS/WAF alert about a request (event.category web, or the alert
     * carries the request's URL or method), blocked or not. Scans are reconnaissance, not attacks.
     */
    static boolean attack(SecurityEvent e) {
        if (!Ecs.KIND_ALERT.equals(e.getString(Ecs.EVENT_KIND)) || !hasCategory(e, Ecs.CATEGORY_IDS)
                || "reconnaissance".equals(e.getString("yagura.signature_class"))) {
            return false;
        }
        return hasCategory(e, Ecs.CATEGORY_WEB) || e.has(Ecs.URL_ORIGINAL) || e.has(Ecs.HTTP_REQUEST_METHOD);
    }

    /** The device stopped it (blocked, denied, dropped, reset, or outcome failure). */
    static boolean blocked(SecurityEvent e) {
        return OutcomePolicy.observed(e) == io.yagura.correlation.rules.Outcome.BLOCKED;
    }

    /** The server answered the request normally: a 2xx or 3xx status the device let through. */
    static boolean answered(SecurityEvent e) {
        Long status = e.getLong(Ecs.HTTP_RESPONSE_STATUS_CODE);
        return status != null && status >= 200 && status < 400 && !blocked(e);
    }

    /** The URL path without its query: url.path, else url.original up to '?' (null when neither). */
    static String path(SecurityEvent e) {
        String path = e.getString(Ecs.URL_PATH);
        if (path != null) {
            return path;
        }
        String url = e.getString(Ecs.URL_ORIGINAL);
        if (url == null) {
            return null;
        }
        int q = url.indexOf('?');
        return q < 0 ? url : url.substring(0, q);
    }

    /** The alert names a webshell (WAF class "webshell", or a signature about a web shell). */
    static boolean webshell(SecurityEvent e) {
        return mentions(e, "webshell", "web shell");
    }

    /** The alert names SQL injection (class sql-injection, "SQL Injection", "SQL-INJ"...). */
    static boolean sqlInjection(SecurityEvent e) {
        return mentions(e, "sql-inj", "sql inj", "sql_inj", "sqli");
    }

    private static boolean mentions(SecurityEvent e, String... words) {
        for (String field : new String[] {Ecs.RULE_CATEGORY, Ecs.RULE_NAME}) {
            String v = e.getString(field);
            if (v == null) {
                continue;
            }
            String lower = v.toLowerCase(Locale.ROOT);
            for (String w : words) {
                if (lower.contains(w)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean hasCategory(SecurityEvent e, String category) {
        Object c = e.get(Ecs.EVENT_CATEGORY);
        return c instanceof List<?> l ? l.contains(category) : category.equals(c);
    }
}
