package io.yagura.bench.plugins;

import io.yagura.plugin.testkit.CorpusCheck;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link PluginBenchmark} for some or all plugins and prints one row per plugin (what
 * tools/bench-plugins.sh calls). Arguments: plugin ids (default: all), {@code --long},
 * {@code --parse-only}, {@code --json FILE}.
 */
public final class BenchPlugins {

    /** Parse rate a plugin should reach on one core (docs/plugin-guide.md, checklist). */
    static final double TARGET_LINES_PER_S = 50_000;

    /** Read at start, with the classes they need, for the same reason as the corpora. */
    private static final int PLUGINS = Plugins.all().size();
    private static final int MIXED_LINES = Plugins.mixed().size();

    private record Run(int forks, int warmups, int iterations, int seconds) {
    }

    private BenchPlugins() {
    }

    public static void main(String[] args) throws RunnerException {
        Run run = new Run(2, 3, 5, 1);
        boolean probes = true;
        String json = "target/bench-plugins.json";
        List<String> vendors = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--long" -> run = new Run(3, 5, 10, 2);
                case "--short" -> run = new Run(2, 3, 5, 1);
                case "--parse-only" -> probes = false;
                case "--json" -> json = args[++i];
                default -> {
                    if (args[i].startsWith("-")) {
                        System.err.println("unknown option " + args[i]
                                + "; usage: [--short|--long] [--parse-only] [--json FILE] [plugin-id...]");
                        System.exit(2);
                    }
                    vendors.add(Plugins.byId(args[i]).vendorId());
                }
            }
        }
        if (vendors.isEmpty()) {
            vendors.addAll(Plugins.ids());
        }
        // How each plugin's samples end, read before the run: a broken corpus fails here, not after minutes.
        Map<String, CorpusCheck.Summary> corpora = new LinkedHashMap<>();
        vendors.forEach(v -> corpora.put(v, CorpusCheck.run(v, Plugins.byId(v).parser(), Plugins.samples(v))));
        String methods = probes ? "(parse|probe|probeAll)" : "parse";
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + PluginBenchmark.class.getName().replace(".", "\\.") + "\\." + methods + "$")
                .param("vendor", vendors.toArray(String[]::new))
                .forks(run.forks).threads(1)
                .warmupIterations(run.warmups).warmupTime(TimeValue.seconds(run.seconds))
                .measurementIterations(run.iterations).measurementTime(TimeValue.seconds(run.seconds))
                .result(json).resultFormat(ResultFormatType.JSON);
        Collection<RunResult> results = new Runner(options.build()).run();
        System.out.println();
        System.out.printf(Locale.ROOT, "Vendor plugins, 1 thread, %d forks x (%d warm-up + %d measured iterations of %d s), "
                        + "Java %s, %d CPUs; lines/s, +- JMH's 99.9%% interval; JSON in %s%n%n",
                run.forks, run.warmups, run.iterations, run.seconds, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors(), json);
        print(corpora, results, probes);
    }

    private static void print(Map<String, CorpusCheck.Summary> corpora, Collection<RunResult> results,
                              boolean probes) {
        Map<String, Result<?>> byKey = new HashMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            String method = name.substring(name.lastIndexOf('.') + 1);
            String vendor = r.getParams().getParam("vendor");
            byKey.put(method + "/" + (vendor == null ? "" : vendor), r.getPrimaryResult());
        }
        String format = "%-17s | %7s | %-23s | %-26s | %-19s" + (probes ? " | %s%n" : "%s%n");
        System.out.printf(Locale.ROOT, format, "plugin", "samples", "parsed/ignored/rejected", "parse (own samples)",
                "parse, iterations", probes ? "probe (all plugins' samples)" : "");
        System.out.println("-".repeat(17) + "-+-" + "-".repeat(7) + "-+-" + "-".repeat(23) + "-+-" + "-".repeat(26)
                + "-+-" + "-".repeat(19) + (probes ? "-+-" + "-".repeat(28) : ""));
        for (Map.Entry<String, CorpusCheck.Summary> corpus : corpora.entrySet()) {
            String vendor = corpus.getKey();
            CorpusCheck.Summary s = corpus.getValue();
            int ignored = s.ignored().values().stream().mapToInt(Integer::intValue).sum();
            Result<?> parse = byKey.get("parse/" + vendor);
            String parseCell = score(parse);
            if (parse != null && parse.getScore() < TARGET_LINES_PER_S) {
                parseCell += " (<50k)";
            }
            System.out.printf(Locale.ROOT, format, vendor, s.total(),
                    s.parsed().size() + " / " + ignored + " / " + (s.total() - s.parsed().size() - ignored),
                    parseCell, range(parse), probes ? score(byKey.get("probe/" + vendor)) : "");
        }
        if (probes) {
            System.out.printf(Locale.ROOT, "%nall %d probes asked about each line of the mixed corpus (%d lines): %s lines/s%n",
                    PLUGINS, MIXED_LINES, score(byKey.get("probeAll/")));
        }
    }

    /** Slowest to fastest measured iteration: on a shared machine the spread says as much as the mean. */
    private static String range(Result<?> r) {
        return r == null ? "-" : String.format(Locale.ROOT, "%,.0f-%,.0f", r.getStatistics().getMin(),
                r.getStatistics().getMax());
    }

    private static String score(Result<?> r) {
        if (r == null) {
            return "-";
        }
        double error = Double.isNaN(r.getScoreError()) ? 0 : r.getScoreError();
        return String.format(Locale.ROOT, "%,.0f +- %,.0f", r.getScore(), error);
    }
}
