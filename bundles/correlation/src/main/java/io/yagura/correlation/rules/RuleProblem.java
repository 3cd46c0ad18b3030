package io.yagura.correlation.rules;

/**
 * A rule (or rule file) that could not be loaded, and why. The rule is left out of the
 * {@link RuleSet}; the other rules keep running.
 *
 * @param file    the rule file, relative to the rule directory (or the name given to the parser)
 * @param line    1-based line of the offending YAML node (0 when the whole file is concerned)
 * @param message what is wrong, in words an analyst can act on
 */
public record RuleProblem(String file, int line, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ": " + message;
    }
}
