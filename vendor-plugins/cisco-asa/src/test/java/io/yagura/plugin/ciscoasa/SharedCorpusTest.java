package io.yagura.plugin.ciscoasa;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.asa.AsaMarker;
import io.yagura.format.net.Addresses;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Runs the parser over whole sample files: the shared corpus when CI provides it
 * ({@code -Dyagura.shared.samples=<dir with cisco-asa.log>}) and, always, the project's own
 * Apache-2.0 / composed sample file. Prints a per-message-id summary.
 */
class SharedCorpusTest {

    /** Families that must come out Parsed with event.action and a source address. */
    static final Set<String> WITH_ADDRESSES = new HashSet<>(Set.of(
            "106001", "106002", "106006", "106007", "106010", "106011", "106012", "106014", "106015", "106016",
            "106017", "106020", "106021", "106022", "106023", "106100",
            "302013", "302014", "302015", "302016", "302017", "302018", "302020", "302021", "302022", "302023",
            "302025", "302026", "302027", "302303", "302304",
            "305005", "305011", "305012", "305013", "313001", "313004", "313005", "313008", "313009",
            "420002", "420003", "434002", "434004", "419002", "710001", "710002", "710003", "710004", "710005",
            "338001", "338002", "338003", "338004", "338005", "338006", "338007", "338008",
            "338201", "338202", "338203", "338204", "338301",
            "113005", "113015", "113019", "113039", "605004", "605005", "611101", "611102",
            "716001", "716002", "716039", "722051", "725006", "713167", "713061", "713902", "713904", "713905",
            "713049", "713120", "713050", "713259", "750002", "750003", "751025",
            "402116", "402119", "602303", "602304", "304001", "304002", "111010"));

    /** Families that must come out Parsed with event.action but have no address to report. */
    static final Set<String> WITHOUT_ADDRESSES = Set.of("733100", "113004", "113012", "113021", "611103", "502103",
            "338302", "338303",
            "752010", "752012", "752015", "111008");

    static {
        for (int id = 400000; id <= 400051; id++) {
            WITH_ADDRESSES.add(Integer.toString(id));
        }
    }

    @Test
    void sharedCorpus() {
        Path corpus = TestSupport.sharedCorpus();
        assumeTrue(corpus != null, "yagura.shared.samples/cisco-asa.log not present; skipping the shared corpus");
        check("shared corpus " + corpus, TestSupport.read(corpus));
    }

    @Test
    void projectSamples() {
        check("project samples src/test/resources/samples/cisco-asa.log", TestSupport.projectSamples());
    }

    static void check(String name, List<String> lines) {
        Map<String, int[]> perId = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        int[] totals = new int[3];
        for (String line : lines) {
            ParseResult r = TestSupport.parse(line);
            AsaMarker marker = AsaMarker.find(line);
            String id = marker == null ? "(no marker)" : marker.id();
            int slot = r instanceof ParseResult.Parsed ? 0 : r instanceof ParseResult.Ignored ? 1 : 2;
            perId.computeIfAbsent(id, k -> new int[3])[slot]++;
            totals[slot]++;

            if (r instanceof ParseResult.Rejected rej) {
                if (rej.reason().isBlank()) {
                    problems.add("blank reject reason: " + line);
                }
                if (marker != null && CiscoAsaParser.parsedMessageIds().contains(id)) {
                    problems.add("rejected (" + rej.reason() + "): " + line);
                }
                continue;
            }
            if (r instanceof ParseResult.Ignored ign) {
                if (ign.reason().isBlank()) {
                    problems.add("blank ignore reason: " + line);
                }
                if (WITH_ADDRESSES.contains(id) || WITHOUT_ADDRESSES.contains(id)) {
                    problems.add("required family ignored (" + ign.reason() + "): " + line);
                }
                continue;
            }
            SecurityEvent e = ((ParseResult.Parsed) r).events().get(0);
            if (!id.equals(e.get("event.code"))) {
                problems.add("event.code " + e.get("event.code") + " != " + id + ": " + line);
            }
            if (!Ecs.VERDICTS.contains(e.getString("event.action"))) {
                problems.add("event.action " + e.get("event.action") + " not one of " + Ecs.VERDICTS + ": " + line);
            }
            if (e.has("yagura.policy") && (e.has("rule.name") || e.has("rule.id"))) {
                problems.add("an ACL (yagura.policy) beside rule.*: " + e.get("rule.name") + " " + e.get("rule.id")
                        + ": " + line);
            }
            if (!e.has("event.category") || !e.has("event.kind") || !e.has("event.outcome")) {
                problems.add("no event.kind/category/outcome: " + line);
            }
            if (WITH_ADDRESSES.contains(id)) {
                String address = e.getString("source.address");
                if (address == null) {
                    problems.add("no source.address: " + line);
                } else if (Addresses.isAddress(address) && !Addresses.normalize(address).equals(e.get("source.ip"))) {
                    problems.add("source.ip not set for IP address " + address + ": " + line);
                }
            }
        }
        printSummary(name, perId, totals);
        assertTrue(problems.isEmpty(), () -> name + ": " + problems.size() + " problem line(s):\n  "
                + String.join("\n  ", problems));
    }

    private static void printSummary(String name, Map<String, int[]> perId, int[] totals) {
        StringBuilder b = new StringBuilder();
        b.append("== cisco-asa ").append(name).append('\n');
        b.append(String.format("   total: %d parsed, %d ignored, %d rejected%n", totals[0], totals[1], totals[2]));
        b.append("   message id   parsed ignored rejected\n");
        for (Map.Entry<String, int[]> en : perId.entrySet()) {
            int[] c = en.getValue();
            b.append(String.format("   %-12s %6d %7d %8d%n", en.getKey(), c[0], c[1], c[2]));
        }
        System.out.print(b);
    }
}
