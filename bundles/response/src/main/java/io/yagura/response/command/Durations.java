package io.yagura.response.command;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Durations as operators type them: 90m, 24h, 7d, 3600s, or ISO-8601 (PT2H). */
final class Durations {

    private Durations() {
    }

    static Duration parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        try {
            if (t.startsWith("p")) {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            }
            if (t.length() >= 2 && t.substring(0, t.length() - 1).chars().allMatch(Character::isDigit)) {
                long n = Long.parseLong(t.substring(0, t.length() - 1));
                switch (t.charAt(t.length() - 1)) {
                    case 's': return Duration.ofSeconds(n);
                    case 'm': return Duration.ofMinutes(n);
                    case 'h': return Duration.ofHours(n);
                    case 'd': return Duration.ofDays(n);
                    default: break;
                }
            }
        } catch (DateTimeParseException | NumberFormatException | ArithmeticException e) {
            // falls through to the explanation below
        }
        throw new IllegalArgumentException("'" + text + "' is not a duration (e.g. 90m, 24h, 7d)");
    }
}
