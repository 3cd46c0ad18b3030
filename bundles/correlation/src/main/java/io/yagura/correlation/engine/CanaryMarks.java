package io.yagura.correlation.engine;

import io.yagura.api.houserule.CanaryHold;
import io.yagura.correlation.rules.Rule;
import io.yagura.correlation.rules.RuleSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The hold on incidents of canary house rules: an incident a canary opens carries the
 * {@link CanaryHold} marker, so the dispatcher tells nobody until an analyst releases it; once a
 * live rule (not a canary) matches the same incident, the live rule vouches for it and the hold goes.
 */
final class CanaryMarks {

    private CanaryMarks() {
    }

    static List<String> opened(RuleSet rules, Rule rule, List<String> references) {
        String canary = rules.canaryOf(rule);
        if (canary == null) {
            return references;
        }
        List<String> marked = new ArrayList<>(references);
        marked.add(CanaryHold.marker(canary));
        return marked;
    }

    static List<String> updated(RuleSet rules, Rule rule, List<String> references) {
        boolean held = references.stream().anyMatch(r -> r.startsWith(CanaryHold.PREFIX));
        return held && rules.canaryOf(rule) == null ? CanaryHold.released(references) : references;
    }
}
