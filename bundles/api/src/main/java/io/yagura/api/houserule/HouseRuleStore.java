package io.yagura.api.houserule;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/** Persistence of house rules: append-only versions, each with its audit (who, when, why) and test result. */
@ProviderType
public interface HouseRuleStore {

    /** The newest version of every rule, by rule id. */
    List<HouseRuleVersion> latest();

    /** The newest version of one rule. */
    Optional<HouseRuleVersion> latest(String ruleId);

    Optional<HouseRuleVersion> version(String ruleId, int version);

    /** Every version of a rule, oldest first. */
    List<HouseRuleVersion> history(String ruleId);

    /**
     * Stores a new version; it must be the rule's newest plus one (1 for a new rule).
     *
     * @throws ConcurrentChangeException when another change stored that version first
     */
    HouseRuleVersion append(HouseRuleVersion version);

    /** Records the result of a validation replay on a stored version. */
    void recordTest(String ruleId, int version, HouseRuleTest test);

    /** A number that changes whenever a version is appended: nodes poll it to reload the live rules. */
    long changeCount();

    /** Another change took the version number first: read the rule again and retry. */
    final class ConcurrentChangeException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ConcurrentChangeException(String message) {
            super(message);
        }
    }
}
