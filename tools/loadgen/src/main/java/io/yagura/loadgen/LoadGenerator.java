package io.yagura.loadgen;

import jakarta.jms.Connection;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.qpid.jms.JmsConnectionFactory;

/**
 * Yagura's load generator: sends syslog lines to the ingest listener at a given rate over
 * TCP or UDP, while draining yagura.events and counting the normalized events in it (each
 * broker message carries its batch size in the property yaguraCount). It reports the send
 * rate, the end-to-end rate, and how many events are missing at the end.
 *
 * <pre>
 * java -jar tools/loadgen/target/yagura-loadgen.jar --lines 600000 --rate 25000 \
 *      --target tcp://127.0.0.1:5514 --broker amqp://127.0.0.1:5672
 * </pre>
 */
public final class LoadGenerator {

    private String target = "tcp://127.0.0.1:5514";
    private String broker = "amqp://127.0.0.1:5672";
    private String user = "yagura";
    private String password = "yagura";
    private long lines = 100_000;
    private long rate = 20_000;
    private int connections = 2;
    private Path file;
    private boolean count = true;
    private long drainSeconds = 60;
    private int attacks;
    private final long runOffset = new java.util.Random().nextInt(100_000);
    /** attacker address → nanoTime its IPS alert line was written to the socket. */
    private final java.util.concurrent.ConcurrentHashMap<String, Long> attackSent = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<String, Long> attackOpened = new java.util.concurrent.ConcurrentHashMap<>();

    public static void main(String[] args) throws Exception {
        LoadGenerator g = new LoadGenerator();
        g.parse(args);
        System.exit(g.run() ? 0 : 1);
    }

    private void parse(String[] args) throws IOException {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--target" -> target = args[++i];
                case "--broker" -> broker = args[++i];
                case "--user" -> user = args[++i];
                case "--password" -> password = args[++i];
                case "--lines" -> lines = Long.parseLong(args[++i]);
                case "--rate" -> rate = Long.parseLong(args[++i]);
                case "--connections" -> connections = Integer.parseInt(args[++i]);
                case "--file" -> file = Path.of(args[++i]);
                case "--no-count" -> count = false;
                case "--drain-seconds" -> drainSeconds = Long.parseLong(args[++i]);
                case "--attacks" -> attacks = Integer.parseInt(args[++i]);
                case "-h", "--help" -> {
                    System.out.println("""
                        usage: yagura-loadgen [--target tcp://host:port | udp://host:port] [--lines N]
                                              [--rate LINES_PER_SECOND (0: as fast as possible)] [--connections N]
                                              [--file LINES_FILE] [--broker amqp://host:port --user U --password P]
                                              [--no-count] [--drain-seconds S] [--attacks N]
                        Sends ASA deny lines (or the lines of --file, '#' lines skipped, repeated) and counts the
                        normalized events arriving on yagura.events. Drain yagura.events only on a test platform:
                        the events are consumed. With --attacks N, N of the lines are IPS alerts from distinct
                        attackers (198.18.0.0/15) and the time from sending each to its incident being stored
                        and announced on yagura.incidents is measured (p50/p99); then correlation consumes
                        yagura.events, so use --no-count.""");
                    System.exit(0);
                }
                default -> throw new IllegalArgumentException("unknown option " + a + " (try --help)");
            }
        }
        if (!target.startsWith("tcp://") && !target.startsWith("udp://")) {
            throw new IllegalArgumentException("--target must be tcp://host:port or udp://host:port");
        }
    }

    private List<byte[]> templates() throws IOException {
        List<byte[]> out = new ArrayList<>();
        if (file != null) {
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!l.isBlank() && !l.startsWith("#")) {
                    out.add((l + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            return out;
        }
        return null;
    }

    private static byte[] syntheticLine(long seq) {
        // Composed from the ASA message guide's 106023 format; ports carry the sequence.
        return ("<164>Nov 27 2026 10:00:00 loadgen-asa : %ASA-4-106023: Deny tcp src outside:203.0.113."
                + (seq % 250 + 1) + "/" + (1024 + seq % 60000) + " dst inside:10.0." + (seq / 250 % 250) + "."
                + (seq % 200 + 1) + "/443 by access-group \"outside_in\" [0x0, 0x0]\n").getBytes(StandardCharsets.US_ASCII);
    }

    private boolean run() throws Exception {
        List<byte[]> fromFile = templates();
        AtomicLong events = new AtomicLong();
        AtomicLong firstEventNanos = new AtomicLong();
        AtomicLong lastEventNanos = new AtomicLong();
        Connection jms = null;
        if (count) {
            jms = new JmsConnectionFactory(user, password, broker).createConnection();
            Session session = jms.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue("yagura.events"));
            consumer.setMessageListener(m -> {
                long n = batchSize(m);
                firstEventNanos.compareAndSet(0, System.nanoTime());
                events.addAndGet(n);
                lastEventNanos.set(System.nanoTime());
            });
            jms.start();
            // Drain what earlier runs left, until the queue has been quiet for 2 seconds.
            long drained = 0;
            do {
                drained += events.getAndSet(0);
                Thread.sleep(2000);
            } while (events.get() > 0);
            if (drained > 0) {
                System.out.printf("drained %d events left from earlier runs%n", drained);
            }
            firstEventNanos.set(0);
        }
        Connection incidentsConnection = null;
        if (attacks > 0) {
            incidentsConnection = new JmsConnectionFactory(user, password, broker).createConnection();
            Session s = incidentsConnection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            // A non-durable subscription of the multicast address: gone when the generator exits.
            MessageConsumer c = s.createConsumer(s.createTopic("yagura.incidents"));
            c.setMessageListener(m -> {
                try {
                    long now = System.nanoTime();
                    String attackers = m.getStringProperty("yaguraAttackers");
                    if (attackers != null) {
                        for (String a : attackers.split(",")) {
                            attackOpened.putIfAbsent(a, now);
                        }
                    }
                } catch (JMSException e) {
                    // a malformed announcement does not stop the measurement
                }
            });
            incidentsConnection.start();
            Thread.sleep(1000);
        }
        long perConnection = lines / connections;
        List<Thread> senders = new ArrayList<>();
        AtomicLong sent = new AtomicLong();
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            long first = c * perConnection;
            long n = c == connections - 1 ? lines - first : perConnection;
            Thread t = new Thread(() -> send(first, n, rate / connections, fromFile, sent), "sender-" + c);
            t.start();
            senders.add(t);
        }
        for (Thread t : senders) {
            t.join();
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "sent %d lines in %.2f s: %.0f lines/s over %s (%d connection(s))%n",
                sent.get(), sendSeconds, sent.get() / sendSeconds, target, connections);
        if (attacks > 0) {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainSeconds);
            while (attackOpened.keySet().containsAll(attackSent.keySet()) == false && System.nanoTime() < until) {
                Thread.sleep(200);
            }
            incidentsConnection.close();
            reportLatencies();
        }
        if (!count) {
            return true;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainSeconds);
        long expected = fromFile == null ? lines : -1;
        while (System.nanoTime() < deadline && (expected < 0 || events.get() < expected)) {
            long before = events.get();
            Thread.sleep(2000);
            if (expected < 0 && events.get() == before) {
                break;
            }
        }
        jms.close();
        double seconds = (lastEventNanos.get() - start) / 1e9;
        System.out.printf(Locale.ROOT, "received %d normalized events; last one %.2f s after the first line: "
                + "%.0f events/s end to end%n", events.get(), seconds, events.get() / seconds);
        if (expected >= 0) {
            long missing = expected - events.get();
            System.out.printf("missing events: %d%n", missing);
            return missing == 0;
        }
        return true;
    }

    private void reportLatencies() {
        List<Long> millis = new ArrayList<>();
        for (var e : attackSent.entrySet()) {
            Long opened = attackOpened.get(e.getKey());
            if (opened != null) {
                millis.add((opened - e.getValue()) / 1_000_000);
            }
        }
        millis.sort(null);
        System.out.printf("attack lines sent: %d; incidents announced: %d; missing: %d%n", attackSent.size(),
                millis.size(), attackSent.size() - millis.size());
        if (!millis.isEmpty()) {
            System.out.printf("line sent -> incident stored and announced: p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n",
                    pct(millis, 50), pct(millis, 95), pct(millis, 99), millis.get(millis.size() - 1));
        }
    }

    private static long pct(List<Long> sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, i)));
    }

    private static long batchSize(Message m) {
        try {
            return m.propertyExists("yaguraCount") ? m.getLongProperty("yaguraCount") : 1;
        } catch (JMSException e) {
            return 1;
        }
    }

    private void send(long first, long n, long linesPerSecond, List<byte[]> fromFile, AtomicLong sent) {
        String hostPort = target.substring(6);
        int colon = hostPort.lastIndexOf(':');
        InetSocketAddress address = new InetSocketAddress(hostPort.substring(0, colon),
                Integer.parseInt(hostPort.substring(colon + 1)));
        boolean udp = target.startsWith("udp://");
        try (Socket tcp = udp ? null : new Socket(address.getAddress(), address.getPort());
             DatagramSocket datagrams = udp ? new DatagramSocket() : null) {
            OutputStream out = udp ? null : new BufferedOutputStream(tcp.getOutputStream(), 1 << 16);
            long start = System.nanoTime();
            for (long i = 0; i < n; i++) {
                long seq = first + i;
                byte[] line = fromFile == null ? syntheticLine(seq) : fromFile.get((int) (seq % fromFile.size()));
                if (attacks > 0 && seq % Math.max(1, lines / attacks) == 0) {
                    // distinct attackers in 198.18.0.0/15, different on each run (a repeat would only
                    // update the incident of an earlier run)
                    long k = runOffset + seq / Math.max(1, lines / attacks);
                    String attacker = "198." + (18 + k / 62500) + "." + (k / 250 % 250) + "." + (k % 250 + 1);
                    line = ("<164>%ASA-4-400032: IPS:4051 UDP Snork attack from " + attacker
                            + " to 10.0.0.5 on interface outside\n").getBytes(StandardCharsets.US_ASCII);
                    if (out != null) {
                        out.write(line);
                        out.flush();
                        attackSent.put(attacker, System.nanoTime());
                        sent.incrementAndGet();
                        continue;
                    }
                    attackSent.put(attacker, System.nanoTime());
                }
                if (udp) {
                    datagrams.send(new DatagramPacket(line, line.length, address));
                } else {
                    out.write(line);
                }
                sent.incrementAndGet();
                if (linesPerSecond > 0 && i % 100 == 99) {
                    // Pace in steps of 100 lines: sleep until this line is due.
                    long due = start + (i + 1) * 1_000_000_000L / linesPerSecond;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        if (out != null) {
                            out.flush();
                        }
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                }
            }
            if (out != null) {
                out.flush();
            }
        } catch (Exception e) {
            throw new IllegalStateException("sending to " + target + " failed: " + e.getMessage(), e);
        }
    }
}
