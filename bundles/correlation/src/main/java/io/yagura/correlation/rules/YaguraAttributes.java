package io.yagura.correlation.rules;

import io.yagura.api.incident.Level;
import java.util.List;

/**
 * Yagura's own rule attributes, written as the custom top-level key {@code yagura:} (Sigma allows
 * extra keys). Every attribute is optional; null means "not stated".
 *
 * <pre>
 * yagura:
 *   level: emergency        # Yagura level instead of the mapped Sigma level
 *   category: intrusion     # incident category (intrusion, malware, reconnaissance, brute-force, ...)
 *   outcome: success        # stated outcome; disables the outcome cap (see OutcomePolicy)
 *   attacker: source.ip     # field (or, in a correlation, group-by name) holding the attacker address
 *   target: destination.ip  # field (or group-by name) holding the target address
 *   aggregate: intrusion    # aggregation id used in the incident key instead of the rule id
 *   explain: "..."          # a sentence added to the rationale when the rule fires
 *   per: attacker           # one incident per attacker, every target joining it (a sweep); default:
 *                           # one per attacker and target
 *   absorbs: [intrusion]    # the finding is about the attacker host itself (an infected inside host):
 *                           # its incident takes in the attacker's open incidents of these aggregation
 *                           # ids, and their later matches join it (one story per host)
 * </pre>
 */
public record YaguraAttributes(Level level, String category, Outcome outcome, String attacker, String target,
                               String aggregate, String explain, String per, List<String> absorbs) {

    /** {@code per} value: one incident per attacker, whatever the target. */
    public static final String PER_ATTACKER = "attacker";

    public static final YaguraAttributes NONE = new YaguraAttributes(null, null, null, null, null, null, null, null,
            List.of());

    public YaguraAttributes {
        absorbs = absorbs == null ? List.of() : List.copyOf(absorbs);
    }

    /** Whether targets share the attacker's incident instead of each opening its own. */
    public boolean perAttacker() {
        return PER_ATTACKER.equals(per);
    }
}
