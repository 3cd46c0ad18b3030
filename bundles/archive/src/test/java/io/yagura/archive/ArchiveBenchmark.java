package io.yagura.archive;

import io.yagura.api.archive.ArchiveQuery;
import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Appending (events/s on one thread, batches of 500 as the plugin routes send them, with and without the
 * force to disk) and searching (events read per second by an address search that matches few). Run:
 * <pre>
 * mvn -B -o -q -pl bundles/archive test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * cd bundles/archive && java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" org.openjdk.jmh.Main ArchiveBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
public class ArchiveBenchmark {

    static final int BATCH = 500;
    static final int SEARCHED = 200_000;

    @Param({"true", "false"})
    boolean syncWrites;

    Path dir;
    FileArchive archive;
    List<SecurityEvent> batch;
    Path searchDir;
    FileArchive searchArchive;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = Files.createTempDirectory("archive-bench");
        archive = new FileArchive(dir, new FileArchive.Settings(Duration.ofDays(30), Long.MAX_VALUE, syncWrites, 256),
                InstantSource.system());
        batch = events(BATCH, Instant.now());
        searchDir = Files.createTempDirectory("archive-bench-search");
        Instant start = Instant.parse("2026-11-27T00:00:00Z");
        try (FileArchive fill = new FileArchive(searchDir, new FileArchive.Settings(Duration.ofDays(3650), Long.MAX_VALUE,
                false, 256), () -> start)) {
            for (int i = 0; i < SEARCHED; i += BATCH) {
                fill.append(events(BATCH, start.plusMillis(i * 18L))); // one hour holds 200,000 events
            }
        }
        searchArchive = new FileArchive(searchDir, new FileArchive.Settings(Duration.ofDays(3650), Long.MAX_VALUE,
                false, 256), () -> start);
    }

    /** Realistic deny lines of one customer: 250 sources, the original line kept. */
    static List<SecurityEvent> events(int n, Instant t) {
        List<SecurityEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String src = "203.0.113." + (i % 250);
            events.add(ArchiveFixtures.deny("acme", t.plusMillis(i), src, "10.0.0." + (i % 200))
                    .set(Ecs.OBSERVER_VENDOR, "Cisco").set(Ecs.OBSERVER_PRODUCT, "ASA")
                    .set(Ecs.YAGURA_PLUGIN, "cisco-asa").set(Ecs.YAGURA_LISTENER, "tcp:5514")
                    .set(Ecs.YAGURA_RECEIVED_FROM, "192.0.2.10"));
        }
        return events;
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void append() throws IOException {
        archive.append(batch);
    }

    /** Events read per second: one address search over an hour of 200,000 events (800 match). */
    @Benchmark
    @OperationsPerInvocation(SEARCHED)
    public int searchOneAddress() {
        return searchArchive.search(ArchiveQuery.customer("acme").address("203.0.113.7"), 100_000).events().size();
    }

    /** Events read per second when every line must be parsed (a network). */
    @Benchmark
    @OperationsPerInvocation(SEARCHED)
    public int searchNetwork() {
        return searchArchive.search(ArchiveQuery.customer("acme").address("198.51.100.0/24"), 100_000).events().size();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        archive.close();
        searchArchive.close();
        for (Path d : List.of(dir, searchDir)) {
            try (Stream<Path> s = Files.walk(d)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
