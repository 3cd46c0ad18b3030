package io.yagura.correlation.rules;

import io.yagura.api.event.SecurityEvent;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable, compiled set of rules: detection rules with their index, correlation rules with
 * their references resolved, and for each rule the correlation stages that consume its matches.
 * Built by {@link RuleRepository} or {@link #parse}; swapped as a whole on reload.
 */
public final class RuleSet {

    /** Correlation rule {@code correlation} consumes matches of its referenced rule number {@code index}. */
    public record Stage(CorrelationRule correlation, int index) {
    }

    private static final RuleSet EMPTY = new RuleSet(List.of(), List.of(), List.of());

    private final List<DetectionRule> detections;
    private final List<CorrelationRule> correlations;
    private final RuleIndex index;
    private final List<List<Stage>> consumers;
    private final Map<String, Rule> byKey;
    /** By ordinal: where each rule runs; null when every rule runs for every customer. */
    private final RuleScope[] scopes;

    RuleSet(List<DetectionRule> detections, List<CorrelationRule> correlations, List<List<Stage>> consumers) {
        this(detections, correlations, consumers, null);
    }

    private RuleSet(List<DetectionRule> detections, List<CorrelationRule> correlations, List<List<Stage>> consumers,
                    RuleScope[] scopes) {
        this.scopes = scopes;
        this.detections = List.copyOf(detections);
        this.correlations = List.copyOf(correlations);
        this.index = new RuleIndex(this.detections);
        this.consumers = consumers;
        Map<String, Rule> keys = new LinkedHashMap<>();
        for (Rule r : all()) {
            if (r.meta().id() != null) {
                keys.putIfAbsent(r.meta().id(), r);
            }
            if (r.meta().name() != null) {
                keys.putIfAbsent(r.meta().name(), r);
            }
        }
        this.byKey = Collections.unmodifiableMap(keys);
    }

    public static RuleSet empty() {
        return EMPTY;
    }

    /** Parses one rule file's text (tests, tools); {@code file} names it in problems. */
    public static RuleLoad parse(String file, String text) {
        Map<String, String> one = new LinkedHashMap<>();
        one.put(file, text);
        return parse(one);
    }

    /** Parses several files (name → text) into one set; references may cross files. */
    public static RuleLoad parse(Map<String, String> files) {
        List<RuleProblem> problems = new ArrayList<>();
        List<SigmaParser.Def> defs = new ArrayList<>();
        files.forEach((name, text) -> defs.addAll(new SigmaParser(name, problems).parseFile(text)));
        RuleSet set = RuleSetBuilder.build(defs, problems);
        return new RuleLoad(set, problems);
    }

    /**
     * Parses files (name → text) and extra sources with a scope into one set: the rules of a scoped
     * source run only for its customers ({@link #appliesTo}) and carry its canary mark ({@link #canaryOf}).
     */
    public static RuleLoad parse(Map<String, String> files, List<ExtraRules> extra) {
        Map<String, String> all = new LinkedHashMap<>(files);
        Map<String, RuleScope> byFile = new LinkedHashMap<>();
        for (ExtraRules x : extra) {
            all.put(x.name(), x.text());
            if (x.scope() != null) {
                byFile.put(x.name(), x.scope());
            }
        }
        RuleLoad load = parse(all);
        return byFile.isEmpty() ? load : new RuleLoad(load.ruleSet().withScopes(byFile), load.problems());
    }

    private RuleSet withScopes(Map<String, RuleScope> byFile) {
        List<Rule> rules = all();
        RuleScope[] byOrdinal = new RuleScope[rules.size()];
        for (Rule r : rules) {
            byOrdinal[r.ordinal()] = byFile.get(r.meta().file());
        }
        return new RuleSet(detections, correlations, consumers, byOrdinal);
    }

    /** Whether the rule runs for this customer's events (a canary runs for its chosen customers only). */
    public boolean appliesTo(Rule rule, String customerId) {
        RuleScope s = scopes == null ? null : scopes[rule.ordinal()];
        return s == null || s.appliesTo(customerId);
    }

    /** The canary house rule id the rule belongs to, or null when it is not a canary. */
    public String canaryOf(Rule rule) {
        RuleScope s = scopes == null ? null : scopes[rule.ordinal()];
        return s == null ? null : s.canaryOf();
    }

    /** Whether some rule runs for chosen customers only (the engine then checks each match). */
    public boolean scoped() {
        return scopes != null;
    }

    public List<DetectionRule> detectionRules() {
        return detections;
    }

    public List<CorrelationRule> correlationRules() {
        return correlations;
    }

    /** All rules, detection rules first, in ordinal order. */
    public List<Rule> all() {
        List<Rule> out = new ArrayList<>(detections);
        out.addAll(correlations);
        return out;
    }

    public int size() {
        return detections.size() + correlations.size();
    }

    /** A rule by id or name. */
    public Optional<Rule> find(String idOrName) {
        return Optional.ofNullable(byKey.get(idOrName));
    }

    /** The detection rules that match the event, in ordinal order (index first, then evaluation). */
    public List<DetectionRule> match(SecurityEvent event) {
        return index.match(event);
    }

    /** The correlation stages that consume matches of {@code rule}. */
    public List<Stage> consumers(Rule rule) {
        return rule.ordinal() < consumers.size() ? consumers.get(rule.ordinal()) : List.of();
    }

    /** Detection rules without an index constraint (evaluated for every event). */
    public int unindexedRules() {
        return index.unindexedCount();
    }

    /** Indexed fields and how many distinct values each holds. */
    public Map<String, Integer> indexedFields() {
        return index.indexedFields();
    }

    @Override
    public String toString() {
        return "RuleSet[" + detections.size() + " detection, " + correlations.size() + " correlation, "
                + index.unindexedCount() + " unindexed]";
    }
}
