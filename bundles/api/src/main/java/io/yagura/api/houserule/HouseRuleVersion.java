package io.yagura.api.houserule;

import java.time.Instant;
import java.util.List;

/**
 * One version of a house rule. Every change (new text, new state) is a new version; old versions
 * stay readable.
 *
 * @param ruleId     the rule's id (its Sigma {@code name}, else its {@code id})
 * @param version    1 for the first text, then +1 per change
 * @param state      the lifecycle state this version put the rule in
 * @param text       the Sigma text (one rule, with the rules it refers to)
 * @param textSha256 SHA-256 (hex) of the text
 * @param customers  for {@link HouseRuleState#CANARY}: the customers it is live for; else empty
 * @param author     who made the change
 * @param at         when
 * @param reason     why (e.g. the retirement reason)
 * @param test       the last validation replay run on this version, or null
 */
public record HouseRuleVersion(String ruleId, int version, HouseRuleState state, String text, String textSha256,
                               List<String> customers, String author, Instant at, String reason,
                               HouseRuleTest test) {

    public HouseRuleVersion {
        customers = customers == null ? List.of() : List.copyOf(customers);
    }

    /** The same rule and text at the next version, in another state (the test result is not carried). */
    public HouseRuleVersion next(HouseRuleState newState, List<String> newCustomers, String newAuthor,
                                 Instant newAt, String newReason) {
        return new HouseRuleVersion(ruleId, version + 1, newState, text, textSha256, newCustomers, newAuthor, newAt,
                newReason, null);
    }

    @Override
    public String toString() {
        return "HouseRuleVersion[" + ruleId + " v" + version + " " + state.label() + "]";
    }
}
