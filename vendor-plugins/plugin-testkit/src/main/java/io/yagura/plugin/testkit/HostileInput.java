package io.yagura.plugin.testkit;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import io.yagura.api.plugin.LogParser;
import io.yagura.api.plugin.ParseContext;
import io.yagura.api.plugin.ParseResult;
import io.yagura.api.plugin.VendorPlugin;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The hostile-input property every plugin must have: for every sample line cut at every offset,
 * the line with bytes flipped, a 1 MiB line, binary noise and control characters, the parser
 * returns a result (parsed, ignored with a reason, or rejected with a reason), never throws and
 * never hangs; the probe never throws either. Seeds are fixed, so a failure repeats.
 */
public final class HostileInput {

    /** Whole property run, per plugin; a backtracking regex would blow it. */
    private static final Duration BUDGET = Duration.ofSeconds(60);

    private HostileInput() {
    }

    /** The inputs derived from {@code samples}, for plugins that want to look at them. */
    public static List<String> inputs(List<String> samples) {
        List<String> out = new ArrayList<>();
        Random random = new Random(20_261_205L);
        for (String s : samples) {
            String line = s.length() > 4_096 ? s.substring(0, 4_096) : s;
            for (int cut = 0; cut < line.length(); cut++) {
                out.add(line.substring(0, cut));
            }
            out.add(line + line);
            out.add(line.replace('"', '\''));
            out.add(line.replace("=", ""));
            out.add(line.replace("|", ""));
            out.add(line.replace(",", ",,"));
            char[] flipped = line.toCharArray();
            for (int i = 0; i < Math.min(8, flipped.length); i++) {
                int at = random.nextInt(flipped.length);
                flipped[at] = (char) (random.nextInt(0x7F - 0x20) + 0x20);
            }
            out.add(new String(flipped));
            out.add(line.replace(' ', '\u0000'));
        }
        out.add("");
        out.add(" ");
        out.add("\t\t");
        out.add("\r\n");
        out.add("\u0000".repeat(64));
        out.add("\u001b[31mred\u001b[0m");
        out.add("A".repeat(1 << 20));
        out.add("key=" + "\"".repeat(100_000));
        out.add("[".repeat(50_000));
        out.add("{".repeat(50_000));
        out.add("<".repeat(50_000));
        out.add("|".repeat(50_000));
        out.add("CEF:0|" + "\\|".repeat(20_000));
        out.add("LEEF:2.0|a|b|c|d|x09|" + "k=v\t".repeat(20_000));
        for (String s : samples.subList(0, Math.min(3, samples.size()))) {
            out.add(s + " " + "x=y ".repeat(250_000)); // > 1 MiB with a valid start
        }
        for (int i = 0; i < 100; i++) {
            byte[] bytes = new byte[random.nextInt(4_096)];
            random.nextBytes(bytes);
            out.add(new String(bytes, StandardCharsets.ISO_8859_1));
            out.add(new String(bytes, StandardCharsets.UTF_8));
        }
        return out;
    }

    /** Runs the property over a plugin's parser and probe; fails naming the first offending input. */
    public static void check(VendorPlugin plugin, List<String> samples) {
        List<String> inputs = inputs(samples);
        LogParser parser = plugin.parser();
        List<String> problems = assertTimeoutPreemptively(BUDGET, () -> {
            List<String> found = new ArrayList<>();
            for (String input : inputs) {
                String shown = input.length() > 160 ? input.substring(0, 160) + "... (" + input.length() + " chars)" : input;
                try {
                    plugin.probe(input);
                } catch (Throwable t) {
                    found.add("probe threw " + t + " on <" + shown + ">");
                }
                ParseResult r;
                try {
                    r = parser.parse(Samples.envelope(plugin.vendorId(), input), ParseContext.DEFAULT);
                } catch (Throwable t) {
                    found.add("parser threw " + t + " on <" + shown + ">");
                    continue;
                }
                if (r == null) {
                    found.add("no result for <" + shown + ">");
                } else if (r instanceof ParseResult.Ignored i && i.reason().isBlank()) {
                    found.add("ignored without a reason: <" + shown + ">");
                } else if (r instanceof ParseResult.Rejected j && j.reason().isBlank()) {
                    found.add("rejected without a reason: <" + shown + ">");
                } else if (input.length() >= (1 << 20) && r instanceof ParseResult.Parsed) {
                    found.add("a 1 MiB line was parsed instead of rejected as oversized: <" + shown + ">");
                }
                if (found.size() > 20) {
                    break;
                }
            }
            return found;
        }, () -> "hostile inputs took longer than " + BUDGET + " (catastrophic regex backtracking?)");
        if (!problems.isEmpty()) {
            fail(problems.size() + " hostile input problem(s), first ones:\n  " + String.join("\n  ", problems));
        }
    }
}
