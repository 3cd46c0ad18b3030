package io.yagura.itests;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The standalone Apache Artemis distribution (the one operators run in production),
 * created and started for a test: loopback only, one acceptor on a free port, login
 * required. Runs in the test driver JVM, outside Karaf.
 */
final class StandaloneArtemis {

    final int port;
    private final Process process;

    private StandaloneArtemis(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    static StandaloneArtemis start(String user, String password) throws Exception {
        Path home = Path.of(System.getProperty("yagura.artemis.home"));
        Path instance = Path.of(System.getProperty("yagura.itest.dir", "target/exam")).resolveSibling("artemis-instance");
        deleteTree(instance);
        int port = YaguraKaraf.freeTcpPort();
        String artemis = home.resolve("bin/artemis").toString();
        run(List.of(artemis, "create", instance.toString(), "--user", user, "--password", password,
                "--require-login", "--host", "127.0.0.1", "--default-port", Integer.toString(port),
                "--no-amqp-acceptor", "--no-mqtt-acceptor", "--no-stomp-acceptor", "--no-hornetq-acceptor",
                "--no-web", "--silent", "--nio", "--no-autotune", "--force"));
        archiveDivert(instance.resolve("etc/broker.xml"));
        Process broker = new ProcessBuilder(instance.resolve("bin/artemis").toString(), "run")
                .redirectErrorStream(true)
                .redirectOutput(instance.resolve("artemis-console.log").toFile())
                .start();
        StandaloneArtemis a = new StandaloneArtemis(port, broker);
        Runtime.getRuntime().addShutdownHook(new Thread(a::stop));
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return a;
            } catch (IOException notYet) {
                if (!broker.isAlive() || System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("standalone Artemis did not start; see "
                            + instance.resolve("artemis-console.log"));
                }
                Thread.sleep(250);
            }
        }
    }

    /**
     * The operator's step of docs/operations.md "External broker": the event archive's divert
     * (yagura.events copied to yagura.archive) and the two addresses, as etc/artemis.xml has them.
     */
    private static void archiveDivert(Path brokerXml) throws IOException {
        String xml = java.nio.file.Files.readString(brokerXml);
        xml = xml.replaceFirst("<addresses>", "<addresses>\n"
                + "      <address name=\"yagura.events\"><anycast><queue name=\"yagura.events\"/></anycast></address>\n"
                + "      <address name=\"yagura.archive\"><anycast><queue name=\"yagura.archive\"/></anycast></address>");
        xml = xml.replaceFirst("</core>", "  <diverts>\n"
                + "        <divert name=\"yagura-archive\"><address>yagura.events</address>"
                + "<forwarding-address>yagura.archive</forwarding-address><exclusive>false</exclusive>"
                + "<routing-type>ANYCAST</routing-type></divert>\n"
                + "      </diverts>\n   </core>");
        java.nio.file.Files.writeString(brokerXml, xml);
    }

    void stop() {
        // bin/artemis is a script that starts java as its child: stop the whole tree.
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + out);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }
}
