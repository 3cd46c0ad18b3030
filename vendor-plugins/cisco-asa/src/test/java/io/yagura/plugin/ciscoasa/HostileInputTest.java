package io.yagura.plugin.ciscoasa;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.yagura.api.event.RawEnvelope;
import io.yagura.api.plugin.ParseResult;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Inputs an attacker or a broken relay can send. Every one must end as Rejected or Ignored with a
 * reason, nothing may throw, and the whole set must finish quickly (a catastrophic-backtracking
 * regex would take minutes on these).
 */
class HostileInputTest {

    private static final Duration BUDGET = Duration.ofSeconds(10);

    static List<String> hostileLines() {
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add(" ");
        lines.add("   \t  ");
        lines.add("\r\n");
        lines.add("%");
        lines.add("%ASA");
        lines.add("%ASA-");
        lines.add("%ASA-4");
        lines.add("%ASA-4-");
        lines.add("%ASA-4-1060");
        lines.add("%ASA-4-106023");
        lines.add("%ASA-4-106023:");
        lines.add("%ASA-4-106023:    ");
        lines.add("%ASA-9-106023: Deny tcp src a:1.1.1.1/1 dst b:2.2.2.2/2 by access-group \"x\"");
        lines.add("%ASA-4-1060234: Deny");
        lines.add("%ASA-session-");
        lines.add("%ASA-" + "s".repeat(40) + "-4-106023: Deny");
        lines.add("%PIX-");
        lines.add("%FTD-x-");
        lines.add("<999>%ASA-");
        lines.add("<14>1 - - - - - -");
        lines.add("\u0000".repeat(64));
        lines.add("%ASA-4-106023: Deny tcp\u0000 src outside:192.0.2.1/1 dst inside:198.51.100.1/2 by access-group \"a\"");
        lines.add("%ASA-6-302013: Built inbound TCP connection 1\u0007 for a:1.1.1.1/1 (1.1.1.1/1) to b:2.2.2.2/2 (2.2.2.2/2)");
        lines.add("\u001b[31m%ASA-4-106023: Deny\u001b[0m");
        lines.add("%ASA-".repeat(200_000));
        lines.add("A".repeat(1 << 20));
        lines.add("%ASA-4-106023: " + "Deny tcp src ".repeat(80_000));
        lines.add("x".repeat(100 * 1024) + " %ASA-4-106023: Deny");
        lines.add("%ASA-4-106023: Deny tcp src outside:" + "9".repeat(15_000));
        lines.add("%ASA-4-733100: [" + " ".repeat(16_000));
        lines.add("%ASA-6-113005: AAA user authentication Rejected : reason = " + ": server = a ".repeat(1_100));
        lines.add("%ASA-4-106100: access-list " + "a ".repeat(8_000));
        lines.add("%ASA-4-400013 IPS:1 " + "from to ".repeat(1_900));
        lines.add("%ASA-6-302013: Built inbound TCP connection 1 for " + "a b c d:".repeat(1_800));
        lines.add("%ASA-6-302014: Teardown TCP connection 1 for " + "a:1.1.1.1/1(".repeat(1_200));
        lines.add("%ASA-4-338008: Dynamic Filter dropped blacklisted TCP traffic from " + "i:1.1.1.1/1 (2.2.2.2/2) ".repeat(600));
        Random random = new Random(20_240_312L);
        for (int i = 0; i < 200; i++) {
            byte[] bytes = new byte[random.nextInt(4_096)];
            random.nextBytes(bytes);
            lines.add(new String(bytes, StandardCharsets.ISO_8859_1));
            lines.add(new String(bytes, StandardCharsets.UTF_8));
        }
        return lines;
    }

    @Test
    void everyHostileLineIsRejectedOrIgnoredWithAReasonAndFast() {
        List<String> lines = hostileLines();
        List<ParseResult> results = assertTimeoutPreemptively(BUDGET, () -> {
            List<ParseResult> out = new ArrayList<>();
            for (String line : lines) {
                out.add(TestSupport.PARSER.parse(TestSupport.envelope(line)));
            }
            return out;
        }, "hostile set took longer than " + BUDGET + " (catastrophic backtracking?)");
        List<Runnable> checks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            ParseResult r = results.get(i);
            String shown = preview(lines.get(i));
            checks.add(() -> {
                assertNotNull(r, () -> "result for " + shown);
                String reason;
                if (r instanceof ParseResult.Rejected rej) {
                    reason = rej.reason();
                } else if (r instanceof ParseResult.Ignored ign) {
                    reason = ign.reason();
                } else {
                    fail("expected Rejected or Ignored for " + shown + " but got " + r);
                    return;
                }
                assertFalse(reason.isBlank(), () -> "reason for " + shown);
            });
        }
        assertAll(checks.stream().map(c -> (org.junit.jupiter.api.function.Executable) c::run));
    }

    @Test
    void nullEnvelopeAndNullRawAreRejected() {
        assertTrue(TestSupport.PARSER.parse(null) instanceof ParseResult.Rejected, "null envelope");
        RawEnvelope noRaw = new RawEnvelope(0, null, null, null, null, null, false, null);
        assertTrue(TestSupport.PARSER.parse(noRaw) instanceof ParseResult.Rejected, "null raw");
    }

    /**
     * Mutations of every sample line (repeated tails, cut-offs, doubled separators) up to the size
     * limit: anything may come out, but nothing may throw or hang.
     */
    @Test
    void mutatedSampleLinesNeverThrowOrHang() {
        List<String> seeds = TestSupport.projectSamples();
        List<String> mutants = new ArrayList<>();
        for (String s : seeds) {
            int cut = s.length() / 2;
            mutants.add(s.substring(0, cut));
            mutants.add(s.substring(0, cut) + s.substring(cut).repeat(Math.max(1, 15_000 / Math.max(1, s.length() - cut))));
            mutants.add(s.replace(" ", "  ").replace(":", "::"));
            mutants.add(s.replace("/", "/ /"));
            mutants.add(s + " " + s.substring(s.indexOf('%') + 1).repeat(40));
        }
        assertTimeoutPreemptively(BUDGET, () -> {
            for (String m : mutants) {
                String line = m.length() > CiscoAsaParser.MAX_LINE ? m.substring(0, CiscoAsaParser.MAX_LINE) : m;
                ParseResult r = TestSupport.PARSER.parse(TestSupport.envelope(line));
                assertNotNull(r, () -> "result for " + preview(line));
                if (r instanceof ParseResult.Rejected rej) {
                    assertFalse(rej.reason().isBlank(), () -> "reason for " + preview(line));
                } else if (r instanceof ParseResult.Ignored ign) {
                    assertFalse(ign.reason().isBlank(), () -> "reason for " + preview(line));
                }
            }
        }, "mutated samples took longer than " + BUDGET);
    }

    @Test
    void probeNeverThrowsOnHostileInput() {
        assertTimeoutPreemptively(BUDGET, () -> {
            for (String line : hostileLines()) {
                CiscoAsaProbe.probe(line);
            }
            CiscoAsaProbe.probe(null);
        });
        assertFalse(CiscoAsaProbe.probe("%ASA-".repeat(200_000)), "repeated bare markers");
    }

    private static String preview(String line) {
        String p = line.length() > 80 ? line.substring(0, 80) + "...(" + line.length() + " chars)" : line;
        StringBuilder b = new StringBuilder();
        for (char c : p.toCharArray()) {
            b.append(c < 0x20 || c == 0x7F ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return "<" + b + ">";
    }
}
