package io.yagura.plugin.mcafeensp;

import java.util.Set;

/**
 * The values NSP writes for $IV_ATTACK_SEVERITY$, $IV_RESULT_STATUS$, $IV_DIRECTION$ and
 * $IV_CATEGORY$ (Network Security Manager product guide, alert details), lower case.
 */
final class NspValues {

    /** Informational, Low, Medium, High (NSM severity bands; "Critical" in some releases' wording). */
    private static final Set<String> SEVERITIES = Set.of("informational", "info", "low", "medium", "high", "critical");

    private static final Set<String> DIRECTIONS = Set.of("inbound", "outbound", "unknown", "both", "internal");

    /** Attack categories as the Manager writes them, with and without blanks. */
    private static final Set<String> CATEGORIES = Set.of("exploit", "reconnaissance", "policyviolation",
            "policy violation", "dos", "volumedos", "volume dos", "malware", "bot", "botnet", "statistical anomaly",
            "statisticalanomaly", "protocol anomaly", "suspicious", "audit", "compromise");

    private NspValues() {
    }

    static boolean isSeverity(String lower) {
        return SEVERITIES.contains(lower);
    }

    static boolean isDirection(String lower) {
        return DIRECTIONS.contains(lower);
    }

    static boolean isCategory(String lower) {
        return CATEGORIES.contains(lower);
    }

    /** Attack Successful, Attack Blocked, Blocked, Attack Failed, Inconclusive, Not Applicable... */
    static boolean isResult(String lower) {
        return lower.startsWith("attack ") || lower.equals("blocked") || lower.equals("inconclusive")
                || lower.equals("not applicable") || lower.startsWith("blocked ") || lower.equals("successful")
                || lower.equals("failed");
    }

    /** The result as an outcome word: success, failure, blocked, or unknown. */
    static Result result(String value) {
        if (value == null) {
            return Result.UNKNOWN;
        }
        String r = value.toLowerCase(java.util.Locale.ROOT);
        if (r.contains("simulat") || r.contains("would be")) {
            return Result.UNKNOWN; // simulated blocking: the sensor only reports what it would have done
        }
        if (r.contains("block") || r.contains("drop")) {
            return Result.BLOCKED;
        }
        if (r.contains("success")) {
            return Result.SUCCESS;
        }
        if (r.contains("fail")) {
            return Result.FAILED;
        }
        return Result.UNKNOWN; // Inconclusive, Not Applicable, Unknown, n/a
    }

    enum Result { SUCCESS, FAILED, BLOCKED, UNKNOWN }
}
