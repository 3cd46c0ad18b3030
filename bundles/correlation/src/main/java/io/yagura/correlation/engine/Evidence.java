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
 * @param hostStory a contributing rule judged the attacker host itself ({@code yagura.absorbs}: an inside
 *                  host spreading like a worm): a blocked attempt of that host proves only that this attempt
 *                  failed, not that the host is clean, so it neither lowers nor caps the level
 */
record Evidence(boolean success, boolean failure, boolean hostStory) {

    static Evidence of(RuleSet rules, List<String> ruleKeys) {
        boolean success = false;
        boolean failure = false;
        boolean hostStory = false;
        for (String key : ruleKeys) {
            var y = rules.find(key).map(Rule::meta).map(m -> m.yagura()).orElse(null);
            Outcome o = y == null ? null : y.outcome();
            success |= o == Outcome.SUCCESS;
            failure |= o == Outcome.BLOCKED;
            hostStory |= y != null && !y.absorbs().isEmpty();
        }
        return new Evidence(success, failure, hostStory);
    }
}
