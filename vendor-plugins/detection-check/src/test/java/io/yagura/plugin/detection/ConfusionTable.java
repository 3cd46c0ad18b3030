package io.yagura.plugin.detection;

import io.yagura.plugin.testkit.SharedCorpus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/** Counts of true vendor x claimed vendor ('none', 'several'), with the lines that went wrong. */
final class ConfusionTable {

    static final String NONE = "none";
    static final String SEVERAL = "several";

    private final List<String> vendors;
    private final List<String> columns;
    /** true vendor → column → count */
    private final Map<String, Map<String, Integer>> counts = new LinkedHashMap<>();
    /** true vendor → lines explained as unrecognisable */
    private final Map<String, Integer> explained = new LinkedHashMap<>();
    private final List<String> misses = new ArrayList<>();
    private final List<String> several = new ArrayList<>();
    private final List<String> explanations = new ArrayList<>();
    private final Set<SharedCorpus.Exception> used = new HashSet<>();
    private final List<String> stale = new ArrayList<>();

    ConfusionTable(List<String> vendors) {
        this.vendors = vendors;
        this.columns = new ArrayList<>(vendors);
        columns.add(NONE);
        columns.add(SEVERAL);
        for (String v : vendors) {
            counts.put(v, new LinkedHashMap<>());
            explained.put(v, 0);
        }
    }

    /** {@code ownParser} tells what the true vendor's parser makes of the line, shown for lines that went wrong. */
    void add(SharedCorpus.Line line, String trueVendor, List<String> claimants, Supplier<String> ownParser) {
        if (!counts.containsKey(trueVendor)) {
            throw new IllegalArgumentException("no plugin " + trueVendor + " for " + line);
        }
        String column = claimants.isEmpty() ? NONE : claimants.size() > 1 ? SEVERAL : claimants.get(0);
        counts.get(trueVendor).merge(column, 1, Integer::sum);
        SharedCorpus.exceptionFor(line).ifPresent(used::add);
        String reason = SharedCorpus.unrecognisable(line).orElse(null);
        if (reason != null) {
            if (column.equals(NONE)) {
                explained.merge(trueVendor, 1, Integer::sum);
                explanations.add(trueVendor + " " + line + "\n      " + reason);
            } else {
                stale.add("explained as unrecognisable but claimed by " + claimants + ": " + line);
            }
        }
        if (column.equals(SEVERAL)) {
            several.add(claimants + " " + line);
        }
        if (!column.equals(trueVendor) && !(reason != null && column.equals(NONE))) {
            misses.add(trueVendor + " -> " + column + (column.equals(SEVERAL) ? " " + claimants : "") + ": " + line
                    + "\n      its parser: " + ownParser.get());
        }
    }

    List<String> several() {
        return several;
    }

    List<String> misses() {
        return misses;
    }

    /** Lines of the family less the explained ones, of which its own probe alone claims the share. */
    double share(String vendor) {
        int total = total(vendor) - explained.get(vendor);
        return total == 0 ? 1.0 : counts.get(vendor).getOrDefault(vendor, 0) / (double) total;
    }

    double overallShare() {
        int total = 0;
        int right = 0;
        for (String v : vendors) {
            total += total(v) - explained.get(v);
            right += counts.get(v).getOrDefault(v, 0);
        }
        return total == 0 ? 1.0 : right / (double) total;
    }

    List<String> familiesBelow(double floor) {
        return vendors.stream().filter(v -> share(v) < floor).map(v -> v + " " + percent(share(v))).toList();
    }

    List<String> staleExceptions(boolean corpusPresent) {
        List<String> out = new ArrayList<>(stale);
        for (SharedCorpus.Exception e : SharedCorpus.exceptions()) {
            boolean checkable = corpusPresent || e.file().startsWith("samples/");
            if (checkable && !used.contains(e)) {
                out.add("matches no line: " + e);
            }
        }
        return out;
    }

    private int total(String vendor) {
        return counts.get(vendor).values().stream().mapToInt(Integer::intValue).sum();
    }

    private static String percent(double share) {
        return String.format("%.1f%%", share * 100);
    }

    String render(String corpus) {
        StringBuilder b = new StringBuilder();
        b.append("Auto-detection confusion table: rows are the true vendor of a line, columns the plugin whose probe\n")
                .append("claimed it ('none': no probe, 'several': more than one). Lines: every plugin's samples/<id>.log")
                .append(corpus == null ? " (shared corpus absent)" : " and the shared corpus " + corpus).append(".\n\n");
        int width = vendors.stream().mapToInt(String::length).max().orElse(0) + 6;
        b.append(String.format("%-" + width + "s", "true \\ claimed"));
        for (int i = 0; i < columns.size(); i++) {
            b.append(String.format(i < vendors.size() ? "%6s" : "%9s", i < vendors.size() ? "#" + (i + 1) : columns.get(i)));
        }
        b.append(String.format("%8s%10s%9s%n", "lines", "explained", "right"));
        int grandTotal = 0;
        int grandExplained = 0;
        for (int r = 0; r < vendors.size(); r++) {
            String v = vendors.get(r);
            b.append(String.format("%-" + width + "s", "#" + (r + 1) + " " + v));
            for (int i = 0; i < columns.size(); i++) {
                int n = counts.get(v).getOrDefault(columns.get(i), 0);
                b.append(String.format(i < vendors.size() ? "%6s" : "%9s", n == 0 ? "." : Integer.toString(n)));
            }
            grandTotal += total(v);
            grandExplained += explained.get(v);
            b.append(String.format("%8d%10d%9s%n", total(v), explained.get(v), percent(share(v))));
        }
        b.append(String.format("%nall: %d lines, %d explained as unrecognisable, %d claimed by several plugins, "
                + "%s claimed by the right plugin alone (of the lines not explained)%n",
                grandTotal, grandExplained, several.size(), percent(overallShare())));
        if (!explanations.isEmpty()) {
            b.append("\nexplained (plugin-testkit detection-exceptions.yaml):\n");
            explanations.forEach(e -> b.append("  ").append(e).append('\n'));
        }
        if (!misses.isEmpty()) {
            b.append("\nwrong or unclaimed:\n");
            misses.forEach(m -> b.append("  ").append(m).append('\n'));
        }
        return b.toString();
    }
}
