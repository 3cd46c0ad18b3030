package io.yagura.correlation.engine;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The delay a time-based SQL injection asks the database for, read from the request's URL:
 * {@code SLEEP(5)} (MySQL), {@code pg_sleep(5)} (PostgreSQL), {@code WAITFOR DELAY '0:0:5'}
 * (SQL Server), {@code DBMS_LOCK.SLEEP(5)} / {@code DBMS_SESSION.SLEEP(5)} (Oracle). The answer
 * to such a request comes that much later when the injection works: the attacker reads one bit
 * per request from the response time.
 */
final class InjectedDelay {

    /** Delays beyond this are not inference (nobody waits minutes per bit) and are ignored. */
    static final long MAX_SECONDS = 120;

    private static final Pattern SLEEP = Pattern.compile("(?:pg_sleep|sleep)\\s*\\(\\s*(\\d{1,3}(?:\\.\\d+)?)\\s*\\)");
    private static final Pattern WAITFOR = Pattern.compile(
            "waitfor\\s+delay\\s*'\\s*(\\d{1,2}):(\\d{1,2}):(\\d{1,2})(?:\\.\\d+)?\\s*'");

    private InjectedDelay() {
    }

    /** The asked delay in milliseconds, or 0 when the text asks for none. */
    static long millis(String url) {
        if (url == null || url.isEmpty()) {
            return 0;
        }
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.contains("sleep") && !lower.contains("waitfor")) {
            return 0; // the cheap test first: most URLs never get decoded
        }
        String text = decode(lower);
        Matcher s = SLEEP.matcher(text);
        if (s.find()) {
            return bounded(Math.round(Double.parseDouble(s.group(1)) * 1000));
        }
        Matcher w = WAITFOR.matcher(text);
        if (w.find()) {
            long seconds = Long.parseLong(w.group(1)) * 3600 + Long.parseLong(w.group(2)) * 60
                    + Long.parseLong(w.group(3));
            return bounded(seconds * 1000);
        }
        return 0;
    }

    private static long bounded(long millis) {
        return millis > 0 && millis <= MAX_SECONDS * 1000 ? millis : 0;
    }

    /** Percent-decoded text; a malformed escape (common in attacks) leaves the text as it is. */
    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8); // '+' is a space in a query
        } catch (IllegalArgumentException malformed) {
            return s;
        }
    }
}
