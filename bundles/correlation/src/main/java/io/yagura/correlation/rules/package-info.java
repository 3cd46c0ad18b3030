/**
 * Rule loading: Sigma detection rules and Sigma correlation rules in YAML files, validated on load
 * (every problem with file and line), compiled into an immutable, indexed {@link
 * io.yagura.correlation.rules.RuleSet}. See docs/rules.md for the supported Sigma subset.
 */
package io.yagura.correlation.rules;
