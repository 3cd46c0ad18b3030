package io.yagura.bench.plugins;

import io.yagura.api.event.RawEnvelope;
import io.yagura.api.plugin.LogParser;
import io.yagura.api.plugin.ParseContext;
import io.yagura.api.plugin.ParseResult;
import io.yagura.api.plugin.VendorPlugin;
import io.yagura.plugin.testkit.Samples;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Vendor plugins on one thread, one operation = one line, so scores are lines/s:
 * <ul>
 *   <li>{@link #parse}: the plugin's parser over its own sample lines, round robin; the
 *       envelopes are built beforehand (ingest builds them, not the plugin);</li>
 *   <li>{@link #probe}: the plugin's probe over every plugin's sample lines, shuffled (what
 *       ingest asks each plugin about lines from unregistered sources);</li>
 *   <li>{@link #probeAll}: all plugins' probes asked about each line of that mixed corpus:
 *       the most ingest spends recognising one line, when no plugin claims it.</li>
 * </ul>
 * Run with {@code tools/bench-plugins.sh}, which sets forks and iterations; the annotations
 * below are the short run's.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@Threads(1)
public class PluginBenchmark {

    /** One plugin and its samples; the cursor is per thread, so the state is too. */
    @State(Scope.Thread)
    public static class Vendor {

        /** Every plugin of Plugins.all(), in its order (PluginsTest checks). */
        @Param({"checkpoint", "cisco-asa", "cisco-firepower", "cisco-ips", "fortinet", "ibm-gx", "juniper-screenos",
                "juniper-srx", "mcafee-nsp", "paloalto", "suricata", "waf", "wins-sniper"})
        public String vendor;

        VendorPlugin plugin;
        LogParser parser;
        RawEnvelope[] envelopes;
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            plugin = Plugins.byId(vendor);
            parser = plugin.parser();
            envelopes = Plugins.samples(vendor).stream().map(l -> Samples.envelope(vendor, l))
                    .toArray(RawEnvelope[]::new);
        }

        RawEnvelope nextEnvelope() {
            RawEnvelope e = envelopes[next];
            next = next + 1 == envelopes.length ? 0 : next + 1;
            return e;
        }
    }

    /** Every plugin's sample lines, shuffled, with every plugin to ask. */
    @State(Scope.Thread)
    public static class Mixed {

        String[] lines;
        VendorPlugin[] plugins;
        int next;

        @Setup(Level.Trial)
        public void setUp() {
            lines = Plugins.mixed().toArray(String[]::new);
            plugins = Plugins.all().toArray(VendorPlugin[]::new);
        }

        String nextLine() {
            String l = lines[next];
            next = next + 1 == lines.length ? 0 : next + 1;
            return l;
        }
    }

    @Benchmark
    public ParseResult parse(Vendor v) {
        return v.parser.parse(v.nextEnvelope(), ParseContext.DEFAULT);
    }

    @Benchmark
    public boolean probe(Vendor v, Mixed m) {
        return v.plugin.probe(m.nextLine());
    }

    /** Returns how many plugins claimed the line, so no probe call can be dropped as dead code. */
    @Benchmark
    public int probeAll(Mixed m) {
        String line = m.nextLine();
        int claims = 0;
        for (VendorPlugin p : m.plugins) {
            if (p.probe(line)) {
                claims++;
            }
        }
        return claims;
    }
}
