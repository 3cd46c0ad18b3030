package io.yagura.correlation.engine;

import io.yagura.correlation.rules.Outcome;
import io.yagura.correlation.rules.Rule;
import io.yagura.correlation.rules.RuleSet;
import java.util.List;

/**
 * What the rules that contributed to an incident established about the attack's outcome: a rule
 * stating {@code yagura.outcome: success} proved it succeeded (a callback to the attacker, an
 * account taken over), one stating {@code blocked} proved it failed (a firewall denied the flow
 * of the alert). Derived from the incident's rule list, so it holds for an incident read back
 * from the store as well.
 *
 * @param success a contributing rule proved the attack succeeded: evidence of failure no longer lowers it
 * @param failure a contributing rule proved the attack failed: only proof of success raises it above Warning
 */
record Evidence(boolean success, boolean failure) {

    static Evidence of(RuleSet rules, List<String> ruleKeys) {
        boolean success = false;
        boolean failure = false;
        for (String key : ruleKeys) {
            Outcome o = rules.find(key).map(Rule::meta).map(m -> m.yagura().outcome()).orElse(null);
            success |= o == Outcome.SUCCESS;
            failure |= o == Outcome.BLOCKED;
        }
        return new Evidence(success, failure);
    }
}
