package io.yagura.correlation.rules;

import java.util.List;
import java.util.Map;

/**
 * A compiled Sigma correlation rule (event_count, value_count, temporal, temporal_ordered) with its
 * referenced rules resolved and its group-by fields resolved per referenced rule (aliases applied).
 */
public final class CorrelationRule implements Rule {

    private final RuleMeta meta;
    private final CorrelationType type;
    private final List<Rule> rules;
    private final List<String> groupBy;
    private final Map<String, Map<String, String>> aliases;
    /**
     * Prefix of a yagura attacker/target field read from the correlation's first event instead of the
     * triggering one ({@code attacker: first:source.ip}).
     */
    public static final String FIRST_EVENT = "first:";
    private final long timespanMillis;
    private final String timespanText;
    private final CountCondition condition;
    private final String valueField;
    private final boolean generateReferenced;
    private final int ordinal;
    private final boolean generates;
    private final String stateKey;
    private final String[][] groupFields;
    private final String[] valueFields;
    private final int attackerGroup;
    private final String attackerField;
    private final int targetGroup;
    private final String targetField;

    CorrelationRule(RuleMeta meta, CorrelationType type, List<Rule> rules, List<String> groupBy,
                    Map<String, Map<String, String>> aliases, long timespanMillis, String timespanText,
                    CountCondition condition, String valueField, boolean generateReferenced, int ordinal,
                    boolean generates, String stateKey, String[][] groupFields, String[] valueFields,
                    int attackerGroup, String attackerField, int targetGroup, String targetField) {
        this.meta = meta;
        this.type = type;
        this.rules = List.copyOf(rules);
        this.groupBy = List.copyOf(groupBy);
        this.aliases = aliases;
        this.timespanMillis = timespanMillis;
        this.timespanText = timespanText;
        this.condition = condition;
        this.valueField = valueField;
        this.generateReferenced = generateReferenced;
        this.ordinal = ordinal;
        this.generates = generates;
        this.stateKey = stateKey;
        this.groupFields = groupFields;
        this.valueFields = valueFields;
        this.attackerGroup = attackerGroup;
        this.attackerField = attackerField;
        this.targetGroup = targetGroup;
        this.targetField = targetField;
    }

    @Override
    public RuleMeta meta() {
        return meta;
    }

    @Override
    public int ordinal() {
        return ordinal;
    }

    @Override
    public boolean generates() {
        return generates;
    }

    public CorrelationType type() {
        return type;
    }

    /** Referenced rules in the written order (the order matters for temporal_ordered). */
    public List<Rule> rules() {
        return rules;
    }

    public List<String> groupBy() {
        return groupBy;
    }

    /** alias name → (referenced rule name or id → field). */
    public Map<String, Map<String, String>> aliases() {
        return aliases;
    }

    public long timespanMillis() {
        return timespanMillis;
    }

    /** The timespan as written ("10m"). */
    public String timespan() {
        return timespanText;
    }

    /** The condition; for temporal rules defaults to "all referenced rules". */
    public CountCondition condition() {
        return condition;
    }

    /** value_count: the field whose distinct values are counted (as written); else null. */
    public String valueField() {
        return valueField;
    }

    /** The {@code generate} attribute: referenced rules also produce stand-alone matches. */
    public boolean generateReferenced() {
        return generateReferenced;
    }

    /**
     * Identity of this rule's window state: equal for an unchanged rule across reloads, so that a
     * reload keeps the windows of rules that did not change and drops those of rules that did.
     */
    public String stateKey() {
        return stateKey;
    }

    /** Event field holding group-by value {@code g} in events of referenced rule {@code stage}. */
    public String groupField(int stage, int g) {
        return groupFields[stage][g];
    }

    /** value_count: event field to count in events of referenced rule {@code stage}. */
    public String valueField(int stage) {
        return valueFields[stage];
    }

    /** Index into {@link #groupBy()} of the attacker address, or -1 (then see {@link #attackerField()}). */
    public int attackerGroup() {
        return attackerGroup;
    }

    /** Field of the triggering event holding the attacker when {@link #attackerGroup()} is -1, or null. */
    public String attackerField() {
        return attackerField;
    }

    public int targetGroup() {
        return targetGroup;
    }

    public String targetField() {
        return targetField;
    }

    /** Index of {@code rule} among the referenced rules, or -1. */
    public int stageOf(Rule rule) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i) == rule) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String toString() {
        return "CorrelationRule[" + key() + " " + type.label() + " \"" + title() + "\"]";
    }
}
