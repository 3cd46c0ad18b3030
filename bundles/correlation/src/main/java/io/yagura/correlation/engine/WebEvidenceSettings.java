package io.yagura.correlation.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * Thresholds of the evidence that a web attack succeeded ({@link WebAttackTracker}); see
 * docs/rules.md, "Web attacks: what proves success".
 *
 * @param window            how long after the attacker's last web attack alert its requests and
 *                          the server's transfers to it are still watched
 * @param inferenceRequests answered requests of the attacker to one path before their sizes are
 *                          judged (boolean inference), and before durations are judged bimodal
 * @param classTolerance    relative spread allowed inside one size or duration class
 * @param delayRepeats      responses at least as slow as the injected delay that prove it worked
 * @param dataOutBytes      bytes the attacked server sends to the attacker, summed over the window
 * @param webshellAnswers   answered requests to a path flagged as a webshell
 */
public record WebEvidenceSettings(Duration window, int inferenceRequests, double classTolerance, int delayRepeats,
                                  long dataOutBytes, int webshellAnswers) {

    public WebEvidenceSettings {
        Objects.requireNonNull(window, "window");
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("web evidence window must be positive");
        }
        if (inferenceRequests < 2 * TwoClasses.MIN_PER_CLASS) {
            throw new IllegalArgumentException("inferenceRequests must be at least " + 2 * TwoClasses.MIN_PER_CLASS
                    + " (two classes of two): " + inferenceRequests);
        }
        if (!(classTolerance >= 0 && classTolerance < 1)) {
            throw new IllegalArgumentException("classTolerance must be in [0, 1): " + classTolerance);
        }
        if (delayRepeats < 1 || webshellAnswers < 2 || dataOutBytes < 1) {
            throw new IllegalArgumentException("delayRepeats >= 1, webshellAnswers >= 2 (sizes must vary), "
                    + "dataOutBytes >= 1: " + delayRepeats + ", " + webshellAnswers + ", " + dataOutBytes);
        }
    }

    /**
     * 2 h (as the IDS exfiltration rule), 6 requests, 10 %, 3 slow answers, 20 MB, 3 answers.
     * Six requests: a boolean inference asks about seven requests per character it reads (a
     * bisection of the byte), so a working one passes six within its first character, while a
     * person who, right after attacking a path, gets exactly two page sizes from it, each at
     * least twice and nothing else, is rare. 20 MB: a web page with its assets is a few MB; a
     * table dump of some 100,000 rows is more.
     */
    public static WebEvidenceSettings defaults() {
        return new WebEvidenceSettings(Duration.ofHours(2), 6, 0.1, 3, 20_000_000L, 3);
    }
}
