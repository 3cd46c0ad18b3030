package io.yagura.plugin.testkit;

import io.yagura.api.plugin.LogParser;
import io.yagura.api.plugin.ParseContext;
import io.yagura.api.plugin.ParseResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs a parser over a whole file of lines (the shared corpus, the project's samples) and tells
 * how each line ended; {@link Summary#unexplained()} lists what a test should fail on.
 */
public final class CorpusCheck {

    private CorpusCheck() {
    }

    /**
     * @param parsed   lines that became events
     * @param ignored  reason → count
     * @param rejected reason → lines
     */
    public record Summary(int total, List<String> parsed, Map<String, Integer> ignored,
                          Map<String, List<String>> rejected) {

        /** Rejected lines, each with its reason: a real sample line should not be one. */
        public List<String> unexplained() {
            List<String> out = new ArrayList<>();
            rejected.forEach((reason, lines) -> lines.forEach(l -> out.add(reason + ": " + l)));
            return out;
        }

        public double parsedShare() {
            return total == 0 ? 0 : parsed.size() / (double) total;
        }

        @Override
        public String toString() {
            return total + " lines: " + parsed.size() + " parsed, " + ignored.values().stream().mapToInt(i -> i).sum()
                    + " ignored " + ignored + ", " + rejected.values().stream().mapToInt(List::size).sum()
                    + " rejected " + rejected.keySet();
        }
    }

    public static Summary run(String vendor, LogParser parser, List<String> lines) {
        List<String> parsed = new ArrayList<>();
        Map<String, Integer> ignored = new TreeMap<>();
        Map<String, List<String>> rejected = new TreeMap<>();
        for (String line : lines) {
            ParseResult r = parser.parse(Samples.envelope(vendor, line), ParseContext.DEFAULT);
            if (r instanceof ParseResult.Parsed) {
                parsed.add(line);
            } else if (r instanceof ParseResult.Ignored i) {
                ignored.merge(i.reason(), 1, Integer::sum);
            } else if (r instanceof ParseResult.Rejected j) {
                rejected.computeIfAbsent(j.reason(), k -> new ArrayList<>()).add(line);
            }
        }
        return new Summary(lines.size(), parsed, ignored, rejected);
    }
}
