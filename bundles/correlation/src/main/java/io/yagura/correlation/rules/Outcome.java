package io.yagura.correlation.rules;

import java.util.Locale;

/**
 * What the device reported about an attack's result, the input of Yagura's outcome-based level.
 * A rule may state it ({@code yagura: {outcome: success}}); otherwise it is read from the
 * triggering event's {@code event.action} / {@code event.outcome} (see
 * {@code io.yagura.correlation.engine.OutcomePolicy}).
 */
public enum Outcome {
    /** The attack succeeded (confirmed by the rule's logic, e.g. a callback to the attacker). */
    SUCCESS,
    /** Success is likely (e.g. an exploit answered normally); no cap. */
    LIKELY,
    /** The device blocked, dropped, denied or reset it: at most Warning. */
    BLOCKED,
    /** The device only raised an alert and did not report blocking it: at most Critical. */
    ALERT_ONLY,
    /** The device let the traffic pass (allowed, connection started); no cap. */
    PASSED,
    /** Nothing known; no cap. */
    UNKNOWN;

    /** Parses the {@code yagura.outcome} attribute: success, likely, blocked|failed, alert-only, passed, unknown. */
    public static Outcome parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (t) {
            case "success", "succeeded" -> SUCCESS;
            case "likely", "likely-success" -> LIKELY;
            case "blocked", "failed", "failure" -> BLOCKED;
            case "alert-only", "alert" -> ALERT_ONLY;
            case "passed", "allowed" -> PASSED;
            case "unknown" -> UNKNOWN;
            default -> throw new IllegalArgumentException("unknown outcome '" + text
                    + "' (success, likely, blocked, alert-only, passed, unknown)");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
