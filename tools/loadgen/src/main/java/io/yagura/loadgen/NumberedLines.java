package io.yagura.loadgen;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Syslog lines that carry a run id and a line number in their header's host name
 * ({@code lg<run>n<number>}), so that the number survives normalization in the event's
 * {@code event.original} and can be counted wherever events end up (the event archive) without
 * taking events away from correlation.
 */
final class NumberedLines {

    private final String run;
    private final Pattern number;

    NumberedLines(String run) {
        if (!run.matches("[a-z0-9]{1,16}")) {
            throw new IllegalArgumentException("a run id is 1 to 16 lower-case letters or digits: " + run);
        }
        this.run = run;
        this.number = Pattern.compile("\\blg" + run + "n(\\d{1,18})\\b");
    }

    String run() {
        return run;
    }

    /** Line {@code n}: an ASA 106023 deny (the message guide's format), newline-terminated. */
    byte[] line(long n) {
        return ("<164>Nov 27 2026 10:00:00 lg" + run + "n" + n + " : %ASA-4-106023: Deny tcp src outside:203.0.113."
                + (n % 250 + 1) + "/" + (1024 + n % 60000) + " dst inside:10.0." + (n / 250 % 250) + "."
                + (n % 200 + 1) + "/443 by access-group \"outside_in\" [0x0, 0x0]\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** The line number this run wrote into {@code text}, or -1 when the text carries none of this run. */
    long numberIn(CharSequence text) {
        Matcher m = number.matcher(text);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
