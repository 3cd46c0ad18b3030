package io.yagura.correlation.service;

import io.yagura.correlation.engine.EngineStats;
import io.yagura.correlation.rules.Rule;
import io.yagura.correlation.rules.RuleLoad;
import io.yagura.correlation.rules.RuleProblem;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "yagura", name = "rules", description = "Shows the correlation rules loaded, the rule files' "
        + "problems (file and line), and the engine's counters.",
        detailedDescription = "Rules are the *.yml files in etc/yagura/rules (Sigma format, docs/rules.md); "
        + "changes are picked up within seconds.\n\nExamples:\n  yagura:rules\n  yagura:rules --reload\n  yagura:rules --list")
@Service
public class RulesCommand implements Action {

    @Option(name = "--reload", description = "Read the rule files now")
    boolean reload;

    @Option(name = "--list", description = "List every rule")
    boolean list;

    @Reference(optional = true)
    CorrelationService correlation;

    @Override
    public Object execute() {
        if (correlation == null) {
            System.err.println("Correlation is not running on this node (feature yagura-incidents)");
            return null;
        }
        RuleLoad load = reload ? correlation.rules().reload()
                : new RuleLoad(correlation.rules().current(), correlation.rules().problems());
        System.out.println(load.ruleSet().size() + " rule(s) loaded from " + correlation.rules().directory());
        if (list) {
            for (Rule r : load.ruleSet().all()) {
                System.out.println("  " + r);
            }
        }
        if (load.problems().isEmpty()) {
            System.out.println("No problems.");
        } else {
            System.out.println(load.problems().size() + " problem(s); these rules are NOT running:");
            for (RuleProblem p : load.problems()) {
                System.out.println("  " + p);
            }
        }
        EngineStats s = correlation.engine().stats();
        System.out.println("Engine: " + s);
        return null;
    }
}
