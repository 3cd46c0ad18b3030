package io.yagura.plugin.ciscoips;

/**
 * Cisco IPS severities. The sensor states a word (informational, low, medium, high); Cisco's risk
 * rating gives each word a number, the attack severity rating (ASR): informational 25, low 50,
 * medium 75, high 100. Cisco IOS IPS writes a number on its syslog line: the ASR itself with 5.x
 * signatures ({@code Sev:100}), the 0-5 alarm level of the 4.x signature format ({@code Sev:4}).
 */
final class Severities {

    private Severities() {
    }

    /** The ASR of a severity word; null for a word Cisco does not use. */
    static Long rating(String word) {
        return switch (word) {
            case "informational", "info" -> 25L;
            case "low" -> 50L;
            case "medium" -> 75L;
            case "high" -> 100L;
            default -> null;
        };
    }

    /** The word of an IOS IPS {@code Sev:} number, on the 5.x ASR scale (25-100) or the 4.x 0-5 scale. */
    static String word(long sev) {
        if (sev > 5) {
            return sev >= 88 ? "high" : sev >= 63 ? "medium" : sev >= 38 ? "low" : "informational";
        }
        return sev >= 5 ? "high" : sev == 4 ? "medium" : sev >= 2 ? "low" : "informational";
    }
}
