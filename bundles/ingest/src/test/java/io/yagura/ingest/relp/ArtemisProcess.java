package io.yagura.ingest.relp;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Apache Artemis (the standalone distribution unpacked by the build) in its own
 * process, so that a test can kill it with SIGKILL and start it again on the same journal.
 */
final class ArtemisProcess implements AutoCloseable {

    static final String USER = "yagura";
    static final String PASSWORD = "yagura-test";

    final int port;
    private final Path instance;
    private Process process;

    private ArtemisProcess(Path instance, int port) {
        this.instance = instance;
        this.port = port;
    }

    /** Creates an instance under {@code dir} (loopback, one acceptor for all protocols) and starts it. */
    static ArtemisProcess create(Path dir) throws Exception {
        String home = System.getProperty("yagura.artemis.home", "");
        Assumptions.assumeTrue(Files.isExecutable(Path.of(home, "bin", "artemis")),
                "no Artemis distribution at yagura.artemis.home='" + home + "' (run through Maven)");
        int port = freePort();
        Path instance = dir.resolve("artemis");
        run(List.of(home + "/bin/artemis", "create", instance.toString(), "--user", USER, "--password", PASSWORD,
                "--require-login", "--host", "127.0.0.1", "--default-port", Integer.toString(port),
                "--no-amqp-acceptor", "--no-mqtt-acceptor", "--no-stomp-acceptor", "--no-hornetq-acceptor",
                "--no-web", "--silent", "--nio", "--no-autotune", "--force"));
        // The journal as etc/artemis.xml has it: synced on commit, group commits within 0.5 ms.
        Path brokerXml = instance.resolve("etc/broker.xml");
        Files.writeString(brokerXml, Files.readString(brokerXml).replace("<journal-datasync>true</journal-datasync>",
                "<journal-datasync>true</journal-datasync><journal-buffer-timeout>500000</journal-buffer-timeout>"));
        ArtemisProcess artemis = new ArtemisProcess(instance, port);
        artemis.start();
        return artemis;
    }

    String url() {
        return "amqp://127.0.0.1:" + port;
    }

    void start() throws IOException {
        process = new ProcessBuilder(instance.resolve("bin/artemis").toString(), "run")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(instance.resolve("console.log").toFile()))
                .start();
        await("Artemis listening (see " + instance.resolve("console.log") + ")")
                .atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("Artemis exited; see " + instance.resolve("console.log"));
                    }
                    return accepts();
                });
    }

    /** CPU time the broker used so far (its JVM is a child of the start script). */
    Duration cpu() {
        return RsyslogSender.cpuOf(process);
    }

    /** SIGKILL, as a crash: the broker keeps only what its journal had synced. */
    void kill() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        process.waitFor();
    }

    private boolean accepts() {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
    }
}
