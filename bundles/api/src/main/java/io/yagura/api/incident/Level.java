package io.yagura.api.incident;

import java.time.Duration;
import java.util.Locale;

/**
 * Outcome-based incident levels, most severe first. The customer is told according to the
 * level: Emergency at once by phone and mail, Critical within 15 minutes, the others on
 * the portal only (and an optional mail digest).
 */
public enum Level {
    /** The attack succeeded. "At once": the notice must be accepted within a minute of detection. */
    EMERGENCY(Duration.ofMinutes(1)),
    /** Failure not confirmed, or success likely. */
    CRITICAL(Duration.ofMinutes(15)),
    /** A real attack that failed (blocked, dropped, reset). */
    WARNING(null),
    /** Reconnaissance, no harm intended yet. */
    INFORMATIONAL(null),
    /** Normal traffic or a false detection. */
    LOW(null);

    private final Duration defaultDeadline;

    Level(Duration defaultDeadline) {
        this.defaultDeadline = defaultDeadline;
    }

    /** Time from detection within which the customer must be notified, or null when no deadline applies. */
    public Duration defaultDeadline() {
        return defaultDeadline;
    }

    /**
     * When the customer must have been told, counted from {@code start}: the level's default
     * deadline, for Critical the customer's {@code criticalMinutes} when set; null when the
     * level has no deadline.
     */
    public java.time.Instant deadlineFrom(java.time.Instant start, io.yagura.api.registry.NotificationPolicy policy) {
        Duration d = defaultDeadline;
        if (d == null) {
            return null;
        }
        if (this == CRITICAL && policy != null && policy.criticalMinutes() > 0) {
            d = Duration.ofMinutes(policy.criticalMinutes());
        }
        return start.plus(d);
    }

    /** True when this level is more severe than {@code other}. */
    public boolean isMoreSevereThan(Level other) {
        return ordinal() < other.ordinal();
    }

    public static Level max(Level a, Level b) {
        return a.isMoreSevereThan(b) ? a : b;
    }

    /** Parses "emergency", "Critical", "warn", "info", "low", "false-positive". */
    public static Level parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "emergency", "emerg" -> EMERGENCY;
            case "critical", "crit" -> CRITICAL;
            case "warning", "warn" -> WARNING;
            case "informational", "info" -> INFORMATIONAL;
            case "low", "false-positive", "fp" -> LOW;
            default -> throw new IllegalArgumentException("unknown level '" + text
                    + "' (emergency, critical, warning, informational, low)");
        };
    }

    public String label() {
        String n = name().toLowerCase(Locale.ROOT);
        return Character.toUpperCase(n.charAt(0)) + n.substring(1);
    }
}
