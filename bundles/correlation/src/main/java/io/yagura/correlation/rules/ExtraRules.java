package io.yagura.correlation.rules;

/**
 * Rule text that does not come from the rule directory (house rules kept in the store), loaded with
 * the directory's files.
 *
 * @param name  how problems name it (e.g. {@code jsig:jsig_outbound_smb@v4})
 * @param text  the Sigma text
 * @param scope where its rules run, or null for every customer
 */
public record ExtraRules(String name, String text, RuleScope scope) {
}
