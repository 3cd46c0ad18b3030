package io.yagura.api.houserule;

import java.time.Instant;

/**
 * The result of one validation replay of a house rule's text.
 *
 * @param at         when it ran
 * @param by         who ran it
 * @param textSha256 the SHA-256 (hex) of the text it replayed: a validation counts only for that text
 * @param passed     whether the rule caught every attack sample it claims and stayed quiet on the benign ones
 * @param report     what the replay showed, as printed to the operator
 */
public record HouseRuleTest(Instant at, String by, String textSha256, boolean passed, String report) {
}
