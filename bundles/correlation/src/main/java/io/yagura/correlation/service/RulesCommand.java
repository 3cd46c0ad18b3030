package io.yagura.correlation.service;

import io.yagura.correlation.engine.AssetCriticality;
import io.yagura.correlation.engine.AssetFile;
import io.yagura.correlation.engine.EngineStats;
import io.yagura.correlation.engine.ThreatIntel;
import io.yagura.correlation.rules.Rule;
import io.yagura.correlation.rules.RuleLoad;
import io.yagura.correlation.rules.RuleProblem;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;

@Command(scope = "yagura", name = "rules", description = "Shows the correlation rules loaded, the rule files' "
        + "problems (file and line), the assets and threat-intelligence lists, and the engine's counters.",
        detailedDescription = "Rules are the *.yml files in etc/yagura/rules (Sigma format, docs/rules.md); "
        + "asset criticality is etc/yagura/assets.yaml; changes are picked up within seconds.\n\nExamples:\n  yagura:rules\n  yagura:rules --reload\n  yagura:rules --list")
@Service
public class RulesCommand implements Action {

    @Option(name = "--reload", description = "Read the rule files now (and the asset and list files if changed)")
    boolean reload;

    @Option(name = "--list", description = "List every rule")
    boolean list;

    @Reference(optional = true)
    CorrelationService correlation;

    @Override
    public Object execute() throws CommandException {
        if (correlation == null) {
            // thrown, not printed to System.err: bin/client -b shows only what the shell prints
            throw new CommandException("Correlation is not running on this node (feature yagura-incidents)");
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
        if (reload) {
            correlation.assets().reloadIfChanged();
            correlation.threatIntel().reloadIfChanged();
        }
        AssetFile assets = correlation.assets();
        AssetCriticality table = assets.current();
        System.out.println("Assets: " + table.size() + " address(es)/network(s) for " + table.customers()
                + " customer(s) from " + assets.file());
        if (!assets.problems().isEmpty()) {
            System.out.println(assets.problems().size() + " problem(s) in the asset file; it was NOT loaded, "
                    + "the previous assets stay in force:");
            for (RuleProblem p : assets.problems()) {
                System.out.println("  " + p);
            }
        }
        ThreatIntel ti = correlation.threatIntel();
        System.out.println("Threat intelligence: " + ti.size() + " indicator(s)"
                + (ti.problems().isEmpty() ? "" : ", " + ti.problems().size() + " line(s) skipped:"));
        for (String p : ti.problems()) {
            System.out.println("  " + p);
        }
        EngineStats s = correlation.engine().stats();
        System.out.println("Engine: " + s);
        return null;
    }
}
