package io.yagura.correlation.engine;

import io.yagura.api.event.SecurityEvent;
import io.yagura.api.registry.Customer;
import io.yagura.correlation.rules.RuleSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Correlation engine throughput on one thread (issue target: 25,000 events/s on one core
 * with 200 rules). The rules are the shipped defaults plus generated variants; the events
 * are the parsed ASA sample corpus with varied addresses, ports and times ({@link BenchmarkMaterial});
 * with {@code webAttackers} above 0, web attack alerts seen first make the web tracker
 * ({@link WebAttackTracker}) look every event up.
 * Run: {@code tools/bench-correlation.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(1)
@Threads(1)
public class CorrelationBenchmark {

    static final int BATCH = 10_000;

    @Param({"200"})
    int rules;

    /** Web attackers seen before the batches: with some, the web tracker looks up every event's pair. */
    @Param({"0", "100"})
    int webAttackers;

    private CorrelationEngine engine;
    private List<SecurityEvent> templates;
    private List<SecurityEvent> batch;
    private long t0 = Instant.parse("2024-03-12T08:00:00Z").toEpochMilli();
    private int offset;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        RuleSet ruleSet = BenchmarkMaterial.generatedRules(rules);
        templates = BenchmarkMaterial.templates();
        TestContext ctx = new TestContext().customer(new Customer("acme", "ACME",
                List.of("10.0.0.0/8", "192.168.0.0/16", "198.51.100.0/24", "2001:db8:100::/48")));
        StringBuilder ti = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            ti.append("198.18.").append(i / 250).append('.').append(i % 250).append(",c2\n");
        }
        ctx.threatIntel = ThreatIntel.of(Map.of("feed", ti.toString()));
        engine = new CorrelationEngine(ruleSet, ctx, Fixtures.clock(), EngineSettings.defaults());
        for (int i = 0; i < webAttackers; i++) {
            engine.process(WebTraffic.alert("203.0.113." + (i % 250), "/item.php?id=1 UNION SELECT 1", "sql-injection",
                    200, 0).set("destination.ip", "198.51.100." + (i % 250)));
        }
    }

    @Setup(Level.Iteration)
    public void nextEvents() {
        // Fresh events each iteration (new times, addresses and ports), prepared outside the measurement.
        batch = BenchmarkMaterial.chunk(templates, offset, BATCH, t0);
        offset += BATCH;
        engine.expire();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int processBatch() {
        int changes = 0;
        for (SecurityEvent e : batch) {
            changes += engine.process(e).size();
        }
        return changes;
    }
}
