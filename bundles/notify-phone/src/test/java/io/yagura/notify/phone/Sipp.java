package io.yagura.notify.phone;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real SIPp process (Debian sip-tester) playing one scenario of src/test/resources/sipp as the
 * callee, on a free port of 127.0.0.1. A missing SIPp fails the test (CI installs it): a phone
 * test that is skipped proves nothing.
 */
final class Sipp implements AutoCloseable {

    static final String PROGRAM = System.getProperty("yagura.test.sipp", "/usr/bin/sipp");

    final String scenario;
    final int port;
    final int mediaPort;
    final Path messages;
    final Path screen;
    private final Process process;

    private Sipp(String scenario, int calls, String transport) throws IOException {
        if (!Files.isExecutable(Path.of(PROGRAM))) {
            fail("SIPp is not installed at " + PROGRAM + " (Debian package sip-tester; .ci/run installs it)");
        }
        this.scenario = scenario;
        this.port = "tcp".equals(transport) ? freeTcpPort() : freeUdpPort();
        this.mediaPort = freeUdpPort();
        Path dir = Files.createDirectories(Path.of("target", "sipp"));
        this.messages = dir.resolve(scenario + "-" + port + ".messages.log");
        this.screen = dir.resolve(scenario + "-" + port + ".out");
        List<String> cmd = new ArrayList<>(List.of(PROGRAM, "-sf", scenarioFile(scenario).toString(),
                "-i", "127.0.0.1", "-p", String.valueOf(port), "-mi", "127.0.0.1", "-mp", String.valueOf(mediaPort),
                "-m", String.valueOf(calls), "-t", "tcp".equals(transport) ? "t1" : "u1", "-nostdin", "-timeout", "90s", "-timeout_error",
                "-trace_msg", "-message_file", messages.toString(),
                "-trace_err", "-error_file", dir.resolve(scenario + "-" + port + ".errors.log").toString()));
        process = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(screen.toFile()).start();
    }

    /** Starts SIPp as the callee of {@code calls} calls with scenario {@code name} (without .xml). */
    static Sipp callee(String name, int calls) throws IOException {
        return new Sipp(name, calls, "udp");
    }

    /** SIPp over TCP (one connection), as the callee of one call. */
    static Sipp calleeOverTcp(String name) throws IOException {
        Sipp sipp = new Sipp(name, 1, "tcp");
        // TCP has no retransmission to cover SIPp's start: wait until it listens (the kernel's table, no probe
        // connection that SIPp would take for a call's).
        String port = String.format(":%04X ", sipp.port);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                Files.readAllLines(Path.of("/proc/net/tcp")).stream().anyMatch(l -> l.contains(port)
                        && l.trim().split("\\s+")[3].equals("0A")));
        return sipp;
    }

    static Sipp callee(String name) throws IOException {
        return callee(name, 1);
    }

    /** Waits for SIPp to end its calls and checks that each went as its scenario says. */
    void assertScenarioPassed() throws InterruptedException, IOException {
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "SIPp (" + scenario + ") still running after 60 s");
        assertTrue(process.exitValue() == 0, "SIPp scenario " + scenario + " failed (exit " + process.exitValue()
                + "); its messages: " + (Files.exists(messages) ? Files.readString(messages) : "none"));
    }

    /** How many INVITEs SIPp received so far (from its message log). */
    int invitesReceived() throws IOException {
        if (!Files.exists(messages)) {
            return 0;
        }
        return (int) Files.readAllLines(messages).stream().filter(l -> l.startsWith("INVITE sip:")).count();
    }

    private static Path scenarioFile(String name) {
        try {
            return Path.of(Sipp.class.getResource("/sipp/" + name + ".xml").toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalArgumentException("no scenario sipp/" + name + ".xml", e);
        }
    }

    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(0)) {
            return s.getLocalPort();
        }
    }

    static int freeTcpPort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
