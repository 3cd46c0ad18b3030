/**
 * The correlation engine: enrichment, rule evaluation, Sigma correlations, outcome-based levels,
 * aggregation and suppressions, as plain Java without OSGi. See docs/rules.md.
 */
package io.yagura.correlation.engine;
