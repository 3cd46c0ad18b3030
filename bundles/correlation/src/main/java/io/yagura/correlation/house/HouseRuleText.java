package io.yagura.correlation.house;

import io.yagura.correlation.rules.Rule;
import io.yagura.correlation.rules.RuleLoad;
import io.yagura.correlation.rules.RuleProblem;
import io.yagura.correlation.rules.RuleSet;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The Sigma text of a house rule, checked: it must load on its own (a correlation brings the rules
 * it refers to, so that the rule can be replayed alone) and hold exactly one rule that opens
 * incidents; that rule's {@code name} (else its {@code id}) is the house rule's id.
 *
 * @param id     the house rule id
 * @param text   the text as given
 * @param sha256 its SHA-256, hex: what a validation is tied to
 * @param rules  the text's rules, compiled
 */
public record HouseRuleText(String id, String text, String sha256, RuleSet rules) {

    /** @throws HouseRuleException listing every problem (file:line: message) when the text is not a loadable rule */
    public static HouseRuleText parse(String source, String text) {
        if (text == null || text.isBlank()) {
            throw new HouseRuleException(source + ": the file is empty");
        }
        RuleLoad load = RuleSet.parse(source, text);
        if (!load.problems().isEmpty()) {
            throw new HouseRuleException("invalid Sigma, nothing stored:\n" + load.problems().stream()
                    .map(RuleProblem::toString).map(p -> "  " + p).collect(Collectors.joining("\n")));
        }
        List<Rule> generating = load.ruleSet().all().stream().filter(Rule::generates).toList();
        if (generating.size() != 1) {
            throw new HouseRuleException(source + ": a house rule is one rule that opens incidents (a correlation may "
                    + "bring the rules it refers to), found " + generating.size() + ": " + generating.stream()
                    .map(Rule::key).collect(Collectors.joining(", ")) + "; add them as separate house rules");
        }
        Rule top = generating.get(0);
        String id = top.meta().name() != null ? top.meta().name() : top.meta().id();
        return new HouseRuleText(id, text, sha256(text), load.ruleSet());
    }

    /**
     * The story files the rule claims as its attack samples: {@code yagura: {stories: [a.yaml, b.yaml]}}
     * in any of its documents.
     */
    @SuppressWarnings("unchecked")
    public List<String> claimedStories() {
        List<String> out = new java.util.ArrayList<>();
        for (Object doc : new org.yaml.snakeyaml.Yaml().loadAll(text)) {
            if (doc instanceof java.util.Map<?, ?> m && m.get("yagura") instanceof java.util.Map<?, ?> y
                    && y.get("stories") instanceof List<?> stories) {
                stories.forEach(s -> out.add(String.valueOf(s)));
            }
        }
        return out;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK always has SHA-256", e);
        }
    }
}
