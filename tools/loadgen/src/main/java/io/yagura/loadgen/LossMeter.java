package io.yagura.loadgen;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The loss meter: sends numbered lines to a running platform and counts, by number, which of them
 * became events, reading the event archive (so correlation keeps every event). It reports lost
 * and duplicated numbers. Meant for runs with faults (the platform killed with {@code kill -9} and
 * restarted, the broker restarted, a plugin restarted): over TCP the sender reconnects and resends
 * the batch whose write failed, like a syslog sender with a disk queue would, so what is lost is
 * what the platform had accepted and then lost.
 *
 * <pre>
 * java -cp tools/loadgen/target/yagura-loadgen.jar io.yagura.loadgen.LossMeter \
 *      --target tcp://127.0.0.1:5514 --lines 600000 --rate 10000 \
 *      --archive run/yagura-0.1.0-SNAPSHOT/data/yagura/archive
 * </pre>
 *
 * With several nodes, give one {@code --archive} per node (tools/two-nodes.sh).
 */
public final class LossMeter {

    private String target = "tcp://127.0.0.1:5514";
    private long lines = 100_000;
    private long rate = 10_000;
    private String run = Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
    private final List<Path> archives = new ArrayList<>();
    private long settleSeconds = 30;
    private long maxWaitSeconds = 900;
    private long reconnectSeconds = 300;
    private long scanMillis = 2000;
    private boolean send = true;
    private long reconnects;
    private long resent;

    public static void main(String[] args) throws Exception {
        LossMeter meter = new LossMeter();
        meter.parse(args);
        System.exit(meter.run() ? 0 : 1);
    }

    private void parse(String[] args) {
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--target" -> target = args[++i];
                case "--lines" -> lines = Long.parseLong(args[++i]);
                case "--rate" -> rate = Long.parseLong(args[++i]);
                case "--run" -> run = args[++i];
                case "--archive" -> archives.add(Path.of(args[++i]));
                case "--settle-seconds" -> settleSeconds = Long.parseLong(args[++i]);
                case "--max-wait-seconds" -> maxWaitSeconds = Long.parseLong(args[++i]);
                case "--reconnect-seconds" -> reconnectSeconds = Long.parseLong(args[++i]);
                case "--count-only" -> send = false;
                case "--scan-millis" -> scanMillis = Long.parseLong(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("""
                        usage: LossMeter [--target tcp://host:port | udp://host:port] [--lines N] [--rate LINES_PER_S]
                                         [--run ID] [--archive DIR]... [--settle-seconds S] [--max-wait-seconds S]
                                         [--reconnect-seconds S] [--count-only] [--scan-millis MS]
                        Sends N numbered ASA lines (number and run id in the syslog host name lg<run>n<number>),
                        then reads the event archive until no new line of the run has arrived for --settle-seconds,
                        and prints how many numbers arrived, were lost (with the first ranges) or came twice.
                        --archive may be given once per node (each node archives its share of the events): the
                        directories are counted as one archive and each one's share is printed.
                        Over TCP a failed write (the platform was killed) is retried on a new connection for up to
                        --reconnect-seconds, resending the batch that failed. --count-only counts run --run again.
                        The archive is read every --scan-millis (2000) after sending; the time of the scan that
                        saw the last new line gives the end-to-end rate (lines arrived per second since the first
                        was sent, at most one scan interval too low). Plain .log files in an --archive directory
                        are counted too (another receiver's output, e.g. syslog-ng's file).
                        Exit status 0 when nothing was lost.""");
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + args[i] + " (try --help)");
            }
        }
        if (archives.isEmpty()) {
            archives.add(Path.of("run/yagura-0.1.0-SNAPSHOT/data/yagura/archive"));
        }
        if (!target.startsWith("tcp://") && !target.startsWith("udp://")) {
            throw new IllegalArgumentException("--target must be tcp://host:port or udp://host:port");
        }
    }

    private boolean run() throws Exception {
        NumberedLines numbered = new NumberedLines(run);
        System.out.printf("run %s: %d lines to %s at %d lines/s; archive %s%n", run, lines, target, rate,
                archives.stream().map(Path::toString).collect(Collectors.joining(", ")));
        long start = System.nanoTime();
        if (send) {
            if (target.startsWith("udp://")) {
                sendUdp(numbered);
            } else {
                sendTcp(numbered);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "sent %d lines in %.1f s (%.0f lines/s); %d reconnect(s), %d line(s) resent%n",
                    lines, seconds, lines / seconds, reconnects, resent);
        }
        ArchiveCount counter = new ArchiveCount(archives, numbered, lines);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(maxWaitSeconds);
        ArchiveCount.Result result = counter.scan();
        long lastChange = System.nanoTime();  // after the scan: the arrival time is an upper bound
        while (result.arrived() < lines && System.nanoTime() < deadline
                && System.nanoTime() - lastChange < TimeUnit.SECONDS.toNanos(settleSeconds)) {
            TimeUnit.MILLISECONDS.sleep(scanMillis);
            ArchiveCount.Result next = counter.scan();
            if (next.arrived() != result.arrived() || next.duplicates() != result.duplicates()) {
                lastChange = System.nanoTime();
            }
            result = next;
        }
        System.out.printf("arrived %d of %d; lost %d%s; duplicated %d%n", result.arrived(), lines, result.lost(),
                result.lost() > 0 ? " (" + result.lostRanges(10) + ")" : "", result.duplicates());
        if (send && result.arrived() > 0) {
            double seconds = (lastChange - start) / 1e9;
            System.out.printf(Locale.ROOT, "last new line seen %.1f s after the first was sent: %.0f lines/s end to end%n",
                    seconds, result.arrived() / seconds);
        }
        if (archives.size() > 1) {
            printShares(result);
        }
        return result.lost() == 0;
    }

    /** Each archive directory's share of the run's events; a directory that does not exist is named as such. */
    private void printShares(ArchiveCount.Result result) {
        long events = result.arrived() + result.duplicates();
        for (int i = 0; i < archives.size(); i++) {
            long share = result.shares().get(i);
            System.out.printf(Locale.ROOT, "archive %s: %d events (%.1f%%)%s%n", archives.get(i), share,
                    events == 0 ? 0.0 : 100.0 * share / events,
                    Files.isDirectory(archives.get(i)) ? "" : " (no such directory: nothing archived there)");
        }
    }

    private InetSocketAddress address() {
        String hostPort = target.substring(6);
        int colon = hostPort.lastIndexOf(':');
        return new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1)));
    }

    private void sendUdp(NumberedLines numbered) throws IOException, InterruptedException {
        InetSocketAddress address = address();
        try (DatagramSocket socket = new DatagramSocket()) {
            Pacer pacer = new Pacer(rate);
            for (long n = 0; n < lines; n++) {
                byte[] line = numbered.line(n);
                socket.send(new DatagramPacket(line, line.length - 1, address));
                pacer.sent(n + 1);
            }
        }
    }

    /** Batches of up to 100 lines; a batch whose write fails is written again on a new connection. */
    private void sendTcp(NumberedLines numbered) throws IOException, InterruptedException {
        InetSocketAddress address = address();
        Pacer pacer = new Pacer(rate);
        ByteArrayOutputStream batch = new ByteArrayOutputStream(1 << 16);
        Socket socket = connect(address);
        try {
            long n = 0;
            while (n < lines) {
                batch.reset();
                long first = n;
                for (; n < lines && n - first < 100; n++) {
                    batch.write(numbered.line(n));
                }
                while (true) {
                    try {
                        OutputStream out = socket.getOutputStream();
                        batch.writeTo(out);
                        out.flush();
                        break;
                    } catch (IOException connectionLost) {
                        socket.close();
                        reconnects++;
                        resent += n - first;
                        System.out.printf("connection lost at line %d (%s); reconnecting%n", first,
                                connectionLost.getMessage());
                        socket = connect(address);
                    }
                }
                pacer.sent(n);
            }
        } finally {
            socket.close();
        }
    }

    private Socket connect(InetSocketAddress address) throws IOException, InterruptedException {
        long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(reconnectSeconds);
        while (true) {
            try {
                Socket s = new Socket();
                s.connect(address, 5000);
                return s;
            } catch (IOException refused) {
                if (System.nanoTime() > giveUp) {
                    throw new IOException("no connection to " + address + " for " + reconnectSeconds + " s", refused);
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        }
    }

    /** Keeps a send loop at its rate (0: as fast as possible). */
    private static final class Pacer {
        private final long linesPerSecond;
        private final long start = System.nanoTime();

        Pacer(long linesPerSecond) {
            this.linesPerSecond = linesPerSecond;
        }

        void sent(long total) throws InterruptedException {
            if (linesPerSecond > 0) {
                long wait = start + total * 1_000_000_000L / linesPerSecond - System.nanoTime();
                if (wait > 0) {
                    TimeUnit.NANOSECONDS.sleep(wait);
                }
            }
        }
    }
}
