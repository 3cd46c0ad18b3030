package io.yagura.correlation.rules;

import java.util.List;

/**
 * Result of loading rules: the rules that are valid and the problems of those that are not.
 *
 * @param ruleSet  the compiled, valid rules (possibly empty)
 * @param problems one entry per broken rule or file, in file order
 */
public record RuleLoad(RuleSet ruleSet, List<RuleProblem> problems) {
    public RuleLoad {
        problems = List.copyOf(problems);
    }
}
