package io.yagura.ingest.relp;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.metrics.Metric;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.ingest.LineDispatcher;
import io.yagura.metrics.CountersService;
import io.yagura.registry.DeviceRegistryService;
import io.yagura.registry.MemoryRegistryRepository;
import jakarta.jms.Connection;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real rsyslog sends numbered lines over RELP to the listener, which stores them in a real
 * Artemis; every number must arrive exactly once, also when the listener or the broker is
 * stopped mid-stream while rsyslog keeps sending.
 */
class RelpRsyslogTest {

    private static final AtomicInteger VENDORS = new AtomicInteger();

    @TempDir
    static Path dir;
    private static ArtemisProcess artemis;
    private static JmsConnectionFactory broker;

    private final CountersService counters = new CountersService();
    private final List<AutoCloseable> running = Collections.synchronizedList(new ArrayList<>());
    private LineDispatcher dispatcher;
    private String vendorQueue;
    private Path testDir;

    @BeforeAll
    static void startBroker() throws Exception {
        RsyslogSender.assumeInstalled();
        artemis = ArtemisProcess.create(dir);
        broker = new JmsConnectionFactory(ArtemisProcess.USER, ArtemisProcess.PASSWORD, artemis.url());
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (artemis != null) {
            artemis.close();
        }
    }

    @BeforeEach
    void registry() throws Exception {
        // each test gets its own vendor queue, so that tests do not count each other's lines
        String vendor = "relp-test-" + VENDORS.incrementAndGet();
        vendorQueue = "yagura.raw." + vendor;
        testDir = Files.createDirectories(dir.resolve(vendor));
        DeviceRegistryService registry = new DeviceRegistryService(new MemoryRegistryRepository());
        registry.putCustomer(new Customer("acme", "ACME", List.of("10.0.0.0/8")));
        registry.putDevice(new Device("acme-relay", "acme", vendor, "relay", List.of("127.0.0.1")));
        dispatcher = new LineDispatcher(registry, counters, new ArrayList<>());
    }

    @AfterEach
    void stopAll() throws Exception {
        for (int i = running.size() - 1; i >= 0; i--) {
            running.get(i).close();
        }
    }

    /** A listener on the given port (counters are named after it: tests pick a free port, never 0). */
    private RelpServer listener(int port) throws InterruptedException {
        RelpServer server = RelpServer.start(new RelpSettings("127.0.0.1", port, 131072, 128, 5, 1024, 2048, 1),
                "relp:" + port, dispatcher, counters, () -> new BrokerLines(broker));
        running.add(server);
        return server;
    }

    private <T extends AutoCloseable> T running(T resource) {
        running.add(resource);
        return resource;
    }

    private Path numberedLines(int count) throws IOException {
        Path file = testDir.resolve("input.log");
        try (BufferedWriter w = Files.newBufferedWriter(file)) {
            for (int n = 0; n < count; n++) {
                w.write("<134>Dec  5 10:00:00 fw1 test: %ASA-6-302013: Built outbound TCP connection n=" + n + "\n");
            }
        }
        return file;
    }

    private long counter(String listener, String metric) {
        return counters.counter(Metric.SCOPE_LISTENER, listener, metric).sum();
    }

    private static void awaitAll(LineCollector lines, int count) {
        await("all " + count + " lines in the vendor queue").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> lines.distinct() == count);
        // and nothing more comes: no number twice
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertEquals(count, lines.total(),
                        "lines delivered (" + lines.twice() + " numbers twice)"));
    }

    /** Also the throughput measurement of docs/relp.md: -Dyagura.relp.lines=200000 for a longer run. */
    @Test
    void everyLineRsyslogSendsArrivesExactlyOnce() throws Exception {
        int count = Integer.getInteger("yagura.relp.lines", 20_000);
        RelpServer server = listener(ArtemisProcess.freePort());
        LineCollector lines = running(new LineCollector(broker, vendorQueue));
        Path input = numberedLines(count);
        Duration brokerCpu = artemis.cpu();
        Duration ownCpu = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO);
        RsyslogSender rsyslog = running(RsyslogSender.start(testDir, input, server.port()));

        awaitAll(lines, count);
        assertEquals(0, lines.twice());
        assertEquals(0, lines.unnumbered(), "the yagura-id prefix is removed");
        Duration listenerCpu = ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).minus(ownCpu);
        System.out.printf("RELP from rsyslog: %d lines, %.0f lines/s between first and last arrival; CPU: "
                + "listener JVM (with the test's consumer) %d ms, broker %d ms, rsyslogd %d ms%n",
                count, lines.linesPerSecond(), listenerCpu.toMillis(), artemis.cpu().minus(brokerCpu).toMillis(),
                rsyslog.cpu().toMillis());
        assertTrue(idRecordsOnTheBroker() <= 3, "older id records are taken off the broker: " + idRecordsOnTheBroker());
    }

    @Test
    void aListenerStoppedMidStreamAndStartedAgainLosesNothingAndDeliversNothingTwice() throws Exception {
        int count = 60_000;
        RelpServer first = listener(ArtemisProcess.freePort());
        int port = first.port();
        LineCollector lines = running(new LineCollector(broker, vendorQueue));
        running(RsyslogSender.start(testDir, numberedLines(count), port));

        await().atMost(Duration.ofMinutes(1)).until(() -> lines.distinct() >= count / 4);
        first.close(); // while rsyslog keeps sending: its window in flight is answered by nobody
        int atStop = lines.distinct();
        listener(port);

        awaitAll(lines, count);
        assertEquals(0, lines.twice(), "lines sent again after the reconnect are not delivered twice");
        long duplicates = counter("relp:" + port, RelpCounters.DUPLICATE);
        System.out.printf("listener restart at %d of %d lines: %d duplicates recognised, %d received%n",
                atStop, count, duplicates, counter("relp:" + port, Metric.RECEIVED));
        assertTrue(atStop < count, "the stop happened mid-stream");
    }

    @Test
    void aListenerJvmKilledWithSigkillMidStreamLosesNothingAndDeliversNothingTwice() throws Exception {
        int count = 60_000;
        int port = ArtemisProcess.freePort();
        LineCollector lines = running(new LineCollector(broker, vendorQueue));
        Process first = listenerProcess(port, "first");
        running(RsyslogSender.start(testDir, numberedLines(count), port));

        await().atMost(Duration.ofMinutes(1)).until(() -> lines.distinct() >= count / 4);
        first.destroyForcibly().waitFor(); // SIGKILL: no goodbye to rsyslog, none to the broker
        int atKill = lines.distinct();
        listenerProcess(port, "second");

        awaitAll(lines, count);
        assertEquals(0, lines.twice(), "lines sent again after the crash are not delivered twice");
        System.out.printf("listener JVM killed (SIGKILL) at %d of %d lines: 0 lost, 0 twice%n", atKill, count);
    }

    /** The listener in a JVM of its own (the test's class path), ready when it says so. */
    private Process listenerProcess(int port, String name) throws Exception {
        Path log = testDir.resolve("listener-" + name + ".log");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), RelpListenerMain.class.getName(),
                Integer.toString(port), artemis.url(), vendorQueue.substring("yagura.raw.".length()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        running(p::destroyForcibly);
        await("listener process " + name + " (see " + log + ")").atMost(Duration.ofSeconds(60))
                .until(() -> Files.readString(log).contains("listening") || !p.isAlive());
        assertTrue(p.isAlive(), Files.readString(log));
        return p;
    }

    @Test
    void aBrokerKilledMidStreamAndStartedAgainLosesNothingAndDeliversNothingTwice() throws Exception {
        int count = 60_000;
        RelpServer server = listener(ArtemisProcess.freePort());
        String listenerName = "relp:" + server.port();
        running(RsyslogSender.start(testDir, numberedLines(count), server.port()));

        await().atMost(Duration.ofMinutes(1)).until(() -> counter(listenerName, Metric.RECEIVED) >= count / 4);
        artemis.kill();
        await("commits fail while the broker is down").atMost(Duration.ofSeconds(30))
                .until(() -> counter(listenerName, Metric.FAILED) > 0);
        artemis.start();

        LineCollector lines = running(new LineCollector(broker, vendorQueue));
        awaitAll(lines, count);
        assertEquals(0, lines.twice(), "lines sent again after the broker came back are not delivered twice");
        System.out.printf("broker kill -9 after %d of %d lines received: %d failed commits, %d duplicates%n",
                count / 4, count, counter(listenerName, Metric.FAILED), counter(listenerName, RelpCounters.DUPLICATE));
    }

    private int idRecordsOnTheBroker() throws Exception {
        try (Connection c = broker.createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            QueueBrowser browser = s.createBrowser(s.createQueue(BrokerLines.IDS_QUEUE));
            c.start();
            return Collections.list(browser.getEnumeration()).size();
        }
    }
}
