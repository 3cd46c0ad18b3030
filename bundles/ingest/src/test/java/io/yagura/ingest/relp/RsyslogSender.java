package io.yagura.ingest.relp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real rsyslogd (Debian rsyslog + rsyslog-relp) with its own configuration, work
 * directory and pid file: it reads the lines of a file (imfile) and forwards them with
 * omrelp, each prefixed with {@code yagura-id=%uuid%} as docs/relp.md tells operators. Its
 * action queue keeps what the listener has not acknowledged and retries for ever.
 */
final class RsyslogSender implements AutoCloseable {

    private static final Path RSYSLOGD = Path.of("/usr/sbin/rsyslogd");
    private static final Path OMRELP = Path.of("/usr/lib/x86_64-linux-gnu/rsyslog/omrelp.so");

    final Path input;
    private final Path dir;
    private final Process process;

    private RsyslogSender(Path dir, Path input, Process process) {
        this.dir = dir;
        this.input = input;
        this.process = process;
    }

    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(RSYSLOGD) && Files.exists(OMRELP),
                "rsyslogd or its omrelp module is missing: apt-get install rsyslog rsyslog-relp");
    }

    /** Starts rsyslogd forwarding the lines appended to {@code input} to the RELP port. */
    static RsyslogSender start(Path dir, Path input, int relpPort) throws IOException {
        assumeInstalled();
        Path work = Files.createDirectories(dir.resolve("rsyslog-work"));
        Path conf = dir.resolve("rsyslog.conf");
        Files.writeString(conf, """
                global(workDirectory="%s" maxMessageSize="64k")
                module(load="imfile" mode="inotify")
                module(load="omrelp")
                template(name="YaguraRelp" type="string" string="yagura-id=%%uuid%% %%rawmsg%%")
                input(type="imfile" file="%s" tag="test" ruleset="toYagura")
                ruleset(name="toYagura") {
                  action(type="omrelp" target="127.0.0.1" port="%d" template="YaguraRelp"
                         action.resumeRetryCount="-1" action.resumeInterval="1"
                         queue.type="LinkedList" queue.size="2000000" queue.dequeueBatchSize="1024" windowSize="1024")
                }
                """.formatted(work, input, relpPort));
        Process p = new ProcessBuilder(RSYSLOGD.toString(), "-n", "-f", conf.toString(),
                "-i", dir.resolve("rsyslogd.pid").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("rsyslogd.log").toFile())
                .start();
        return new RsyslogSender(dir, input, p);
    }

    Duration cpu() {
        return cpuOf(process);
    }

    /** CPU time of a process and its descendants. */
    static Duration cpuOf(Process process) {
        Duration total = process.info().totalCpuDuration().orElse(Duration.ZERO);
        for (ProcessHandle child : process.descendants().toList()) {
            total = total.plus(child.info().totalCpuDuration().orElse(Duration.ZERO));
        }
        return total;
    }

    boolean alive() {
        return process.isAlive();
    }

    String log() throws IOException {
        return Files.readString(dir.resolve("rsyslogd.log"));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
