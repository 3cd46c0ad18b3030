package io.yagura.correlation.rules;

/** A loaded rule: a Sigma detection rule or a Sigma correlation rule. */
public sealed interface Rule permits DetectionRule, CorrelationRule {

    RuleMeta meta();

    /** Position of the rule in its {@link RuleSet}: detection rules first, then correlations. */
    int ordinal();

    /**
     * True when a match of this rule is an incident candidate of its own: it is not referenced by any
     * correlation rule, or one referencing correlation says {@code generate: true} (Sigma semantics).
     */
    boolean generates();

    /** id, else name. */
    default String key() {
        return meta().key();
    }

    default String title() {
        return meta().title();
    }

    /**
     * Aggregation id used in the incident key: {@code yagura.aggregate} if stated, else the rule key.
     * Rules that tell one story (e.g. a dropped attack and its later success) share one aggregation id
     * so that a later rule raises the earlier incident instead of opening another one.
     */
    default String aggregationId() {
        String a = meta().yagura().aggregate();
        return a != null ? a : key();
    }
}
