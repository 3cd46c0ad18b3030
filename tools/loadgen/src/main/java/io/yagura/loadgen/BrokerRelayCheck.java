package io.yagura.loadgen;

import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.jms.Session;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Does a bare JMS client lose messages when the broker is killed (kill -9) under a transacted
 * relay? The relay is what a Yagura plugin route does (tools/broker-relay-kill.sh runs it around
 * broker kills): in one local transaction, receive a message from queue A, send a message with the
 * same number to queue B, commit. Every message of A should end up in B exactly once, or still be
 * in A, or be in the dead-letter address after too many deliveries; one that is in none of them
 * is lost.
 *
 * <pre>
 * java -cp tools/loadgen/target/yagura-loadgen.jar io.yagura.loadgen.BrokerRelayCheck fill \
 *      --url amqp://127.0.0.1:61816 --queue yagura.check.a --count 20000
 * ... relay --from yagura.check.a --to yagura.check.b --threads 4 --until-empty-seconds 20
 * ... count --queue yagura.check.b --from yagura.check.a --expect 20000
 * </pre>
 *
 * {@code --protocol amqp} (default) uses the Qpid JMS client (amqp://127.0.0.1:PORT), {@code
 * --protocol core} Artemis's own JMS client (tcp://127.0.0.1:PORT); either follows from the URL's
 * scheme when not given. Login yagura/yagura ({@code --user}, {@code --password}).
 */
public final class BrokerRelayCheck {

    static final int SMALL_BYTES = 7 * 1024;
    /** Above Artemis's minimum large message size (100 KiB, AMQP and core): stored as a large message. */
    static final int LARGE_BYTES = 260 * 1024;
    static final String NUMBER = "n";
    /** On B: the JMSXDeliveryCount the relay saw on the message of A it came from. */
    static final String IN_DELIVERY_COUNT = "inDeliveryCount";
    static final String DEAD_LETTER = "yagura.deadletter";

    private String mode;
    private String protocol;
    private String url;
    private String user = "yagura";
    private String password = "yagura";
    private String queue = "yagura.check.a";
    private String from = "yagura.check.a";
    private String to = "yagura.check.b";
    private int count = 20_000;
    private int batch = 50;
    private int threads = 4;
    private long untilEmptySeconds = 20;
    private long maxSeconds = 1800;
    private int expect = -1;
    /** count: a queue that should hold a copy of every message of --queue (a divert's forwarding queue). */
    private String copy;
    private long drainSeconds = 5;

    public static void main(String[] args) throws Exception {
        BrokerRelayCheck check = new BrokerRelayCheck();
        check.parse(args);
        int status = switch (check.mode) {
            case "fill" -> check.fill();
            case "relay" -> check.relay();
            case "count" -> check.count();
            default -> throw new IllegalArgumentException("mode fill, relay or count, not " + check.mode);
        };
        System.exit(status);
    }

    private void parse(String[] args) {
        if (args.length == 0 || args[0].startsWith("-")) {
            usage();
            System.exit(2);
        }
        mode = args[0];
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--protocol" -> protocol = args[++i];
                case "--url" -> url = args[++i];
                case "--user" -> user = args[++i];
                case "--password" -> password = args[++i];
                case "--queue" -> queue = args[++i];
                case "--from" -> from = args[++i];
                case "--to" -> to = args[++i];
                case "--count" -> count = Integer.parseInt(args[++i]);
                case "--batch" -> batch = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--until-empty-seconds" -> untilEmptySeconds = Long.parseLong(args[++i]);
                case "--max-seconds" -> maxSeconds = Long.parseLong(args[++i]);
                case "--expect" -> expect = Integer.parseInt(args[++i]);
                case "--copy" -> copy = args[++i];
                case "--drain-seconds" -> drainSeconds = Long.parseLong(args[++i]);
                case "-h", "--help" -> {
                    usage();
                    System.exit(0);
                }
                default -> {
                    System.err.println("unknown option " + args[i]);
                    usage();
                    System.exit(2);
                }
            }
        }
        if (protocol == null) {
            protocol = url != null && url.startsWith("tcp:") ? "core" : "amqp";
        }
        if (!protocol.equals("amqp") && !protocol.equals("core")) {
            throw new IllegalArgumentException("--protocol amqp or core, not " + protocol);
        }
        if (url == null) {
            url = (protocol.equals("core") ? "tcp" : "amqp") + "://127.0.0.1:61816";
        }
    }

    private static void usage() {
        System.out.println("""
            usage: BrokerRelayCheck fill  [--url U] [--protocol amqp|core] [--queue A] [--count N] [--batch 50]
                   BrokerRelayCheck relay [--url U] [--protocol amqp|core] [--from A] [--to B] [--threads 4]
                                          [--until-empty-seconds S] [--max-seconds 1800]
                   BrokerRelayCheck count [--url U] [--protocol amqp|core] [--queue B] [--from A] --expect N
                                          [--copy C] [--drain-seconds 5]
            fill:  N persistent BytesMessages numbered 0..N-1 (int property n) to A, in transactions of --batch;
                   every 4th (n % 4 == 3) is 260 KiB (an Artemis large message), the others 7 KiB of ASA lines.
            relay: per thread a connection and a transacted session: receive(1000) from A, send the same number
                   and body to B (persistent), commit. On a JMSException: one log line, close, sleep 1 s,
                   reconnect. A thread stops once it relayed a message since its last reconnect and then got
                   nothing for S s (or, once one thread stopped so, it is connected and idle for S s).
            count: drains B (auto-acknowledge, until --drain-seconds of nothing), browses A and the dead-letter
                   queue yagura.deadletter; lost = numbers in none of them. Exit 1 when any is lost.
                   --copy C: C should hold a copy of every message of B too (B = yagura.events, whose divert
                   copies to C = yagura.archive); drained and counted the same way.
            --protocol amqp: Qpid JMS (amqp://127.0.0.1:61816); core: Artemis JMS (tcp://127.0.0.1:61816).""");
    }

    // ------------------------------------------------------------------------------------------

    private ConnectionFactory factory() {
        if (protocol.equals("core")) {
            return new org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory(url, user, password);
        }
        return new org.apache.qpid.jms.JmsConnectionFactory(user, password, url);
    }

    static boolean large(int n) {
        return n % 4 == 3;
    }

    /** The body of message n: ASA lines carrying the number, up to its size. */
    static byte[] body(int n) {
        int size = large(n) ? LARGE_BYTES : SMALL_BYTES;
        StringBuilder text = new StringBuilder(size + 200);
        for (int line = 0; text.length() < size; line++) {
            text.append("<166>Dec 06 2026 07:00:00 fw01 : %ASA-6-302013: Built outbound TCP connection ")
                    .append(n).append('.').append(line)
                    .append(" for outside:198.51.100.7/443 (198.51.100.7/443) to inside:10.1.2.3/51515 ")
                    .append("(203.0.113.9/51515) n=").append(n).append('\n');
        }
        byte[] bytes = text.toString().getBytes(StandardCharsets.US_ASCII);
        return java.util.Arrays.copyOf(bytes, size);
    }

    static void log(String text) {
        System.out.println(Instant.now() + " " + text);
    }

    // ------------------------------------------------------------------------------------------

    private int fill() throws JMSException {
        try (Connection connection = factory().createConnection()) {
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            MessageProducer producer = session.createProducer(session.createQueue(queue));
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            long started = System.nanoTime();
            for (int n = 0; n < count; n++) {
                BytesMessage message = session.createBytesMessage();
                message.writeBytes(body(n));
                message.setIntProperty(NUMBER, n);
                producer.send(message);
                if ((n + 1) % batch == 0 || n == count - 1) {
                    session.commit();
                }
            }
            log(String.format("filled %s with %d messages (%d large) over %s in %.1f s", queue, count, count / 4,
                    protocol, (System.nanoTime() - started) / 1e9));
        }
        return 0;
    }

    // ------------------------------------------------------------------------------------------

    private final AtomicLong relayed = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong redelivered = new AtomicLong();
    private final AtomicBoolean oneDone = new AtomicBoolean();

    private int relay() throws InterruptedException {
        ConnectionFactory factory = factory();
        long deadline = System.nanoTime() + maxSeconds * 1_000_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread worker = new Thread(() -> relayLoop(factory, deadline), "relay-" + t);
            workers.add(worker);
            worker.start();
        }
        for (Thread worker : workers) {
            worker.join();
        }
        log(String.format("relay done: %d committed, %d failures (reconnects), %d messages received with "
                + "JMSXDeliveryCount > 1", relayed.get(), failures.get(), redelivered.get()));
        return 0;
    }

    /** One thread of the relay: what Spring's listener container does with a transacted session. */
    private void relayLoop(ConnectionFactory factory, long deadline) {
        String name = Thread.currentThread().getName();
        long idleLimit = untilEmptySeconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            Connection connection = null;
            String stage = "connect";
            int current = -1;
            try {
                connection = factory.createConnection();
                AtomicBoolean broken = new AtomicBoolean();
                Connection watched = connection;
                connection.setExceptionListener(e -> {
                    broken.set(true);
                    log(name + " exception listener: " + describe(e) + " (" + watched + ")");
                });
                Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
                MessageConsumer consumer = session.createConsumer(session.createQueue(from));
                MessageProducer producer = session.createProducer(session.createQueue(to));
                producer.setDeliveryMode(DeliveryMode.PERSISTENT);
                connection.start();
                if (failures.get() > 0) {
                    log(name + " connected again");
                }
                long lastActivity = System.nanoTime();
                boolean relayedSinceConnect = false;
                while (true) {
                    stage = "receive";
                    current = -1;
                    Message in = consumer.receive(1000);
                    if (in == null) {
                        if (broken.get()) {
                            throw new JMSException("connection failed (exception listener)");
                        }
                        long idle = System.nanoTime() - lastActivity;
                        if (idle >= idleLimit && (relayedSinceConnect || oneDone.get())) {
                            oneDone.set(true);
                            log(name + " stops: nothing from " + from + " for " + untilEmptySeconds + " s");
                            return;
                        }
                        if (System.nanoTime() > deadline) {
                            log(name + " stops: --max-seconds " + maxSeconds + " reached");
                            return;
                        }
                        continue;
                    }
                    lastActivity = System.nanoTime();
                    current = in.getIntProperty(NUMBER);
                    int deliveries = in.propertyExists("JMSXDeliveryCount") ? in.getIntProperty("JMSXDeliveryCount") : 1;
                    if (deliveries > 1) {
                        redelivered.incrementAndGet();
                    }
                    byte[] bytes = new byte[(int) ((BytesMessage) in).getBodyLength()];
                    ((BytesMessage) in).readBytes(bytes);
                    stage = "send";
                    BytesMessage out = session.createBytesMessage();
                    out.writeBytes(bytes);
                    out.setIntProperty(NUMBER, current);
                    out.setIntProperty(IN_DELIVERY_COUNT, deliveries);
                    producer.send(out);
                    stage = "commit";
                    session.commit();
                    relayed.incrementAndGet();
                    relayedSinceConnect = true;
                }
            } catch (JMSException | RuntimeException e) {
                failures.incrementAndGet();
                log(name + " " + stage + (current >= 0 ? " of n=" + current + (large(current) ? " (large)" : "") : "")
                        + " failed: " + describe(e));
            }
            closeQuietly(connection, name);
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        log(name + " stops: --max-seconds " + maxSeconds + " reached");
    }

    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder(e.getClass().getSimpleName() + ": " + e.getMessage());
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" <- ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return text.toString().replace('\n', ' ');
    }

    /** Closes in a helper thread: a close against a dead broker must not stop the relay for long. */
    private static void closeQuietly(Connection connection, String name) {
        if (connection == null) {
            return;
        }
        Thread closer = new Thread(() -> {
            try {
                connection.close();
            } catch (JMSException | RuntimeException e) {
                // the connection failed already
            }
        }, name + "-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            log(name + " close did not return in 10 s; going on without it");
        }
    }

    // ------------------------------------------------------------------------------------------

    /** What one output queue held, drained. */
    private static final class Drained {
        final BitSet received = new BitSet();
        final BitSet corrupt = new BitSet();
        final BitSet redeliveredNumbers = new BitSet();
        final Map<Integer, Integer> deliveryCounts = new TreeMap<>();
        long duplicated;
        long outside;
    }

    private int count() throws JMSException {
        if (expect < 0) {
            throw new IllegalArgumentException("count needs --expect N");
        }
        List<String> outputs = new ArrayList<>(List.of(queue));
        if (copy != null) {
            outputs.add(copy);
        }
        Map<String, Drained> drained = new java.util.LinkedHashMap<>();
        Map<String, BitSet> elsewhere = new TreeMap<>();
        try (Connection connection = factory().createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            for (String output : outputs) {
                drained.put(output, drain(session, output));
            }
            for (String other : List.of(from, DEAD_LETTER)) {
                elsewhere.put(other, browse(session, other));
            }
        }
        boolean anyLost = false;
        for (Map.Entry<String, Drained> output : drained.entrySet()) {
            Drained d = output.getValue();
            BitSet lost = new BitSet(expect);
            lost.set(0, expect);
            lost.andNot(d.received);
            elsewhere.values().forEach(lost::andNot);
            int lostLarge = 0;
            for (int n = lost.nextSetBit(0); n >= 0; n = lost.nextSetBit(n + 1)) {
                lostLarge += large(n) ? 1 : 0;
            }
            System.out.printf("received %d of %d from %s; lost %d %s; duplicated %d%n", d.received.cardinality(),
                    expect, output.getKey(), lost.cardinality(), ranges(lost), d.duplicated);
            if (!lost.isEmpty()) {
                System.out.printf("  lost: %d large (260 KiB), %d small (7 KiB)%n", lostLarge,
                        lost.cardinality() - lostLarge);
                anyLost = true;
            }
            System.out.printf("  JMSXDeliveryCount the relay saw (count: messages): %s; redelivered numbers %s%n",
                    d.deliveryCounts, ranges(d.redeliveredNumbers));
            if (!d.corrupt.isEmpty() || d.outside > 0) {
                System.out.printf("  bodies not as sent: %d %s; numbers outside 0..%d: %d%n", d.corrupt.cardinality(),
                        ranges(d.corrupt), expect - 1, d.outside);
            }
        }
        for (Map.Entry<String, BitSet> other : elsewhere.entrySet()) {
            BitSet of = other.getValue();
            System.out.printf("left in %s: %d %s%n", other.getKey(), of.cardinality(), ranges(of));
        }
        return anyLost ? 1 : 0;
    }

    /** Takes every message of QUEUE (auto-acknowledge) until none came for --drain-seconds. */
    private Drained drain(Session session, String name) throws JMSException {
        Drained d = new Drained();
        try (MessageConsumer consumer = session.createConsumer(session.createQueue(name))) {
            Message message;
            while ((message = consumer.receive(drainSeconds * 1000)) != null) {
                int n = message.getIntProperty(NUMBER);
                if (n < 0 || n >= expect) {
                    d.outside++;
                    continue;
                }
                if (d.received.get(n)) {
                    d.duplicated++;
                }
                d.received.set(n);
                int in = message.propertyExists(IN_DELIVERY_COUNT) ? message.getIntProperty(IN_DELIVERY_COUNT) : 0;
                d.deliveryCounts.merge(in, 1, Integer::sum);
                if (in > 1) {
                    d.redeliveredNumbers.set(n);
                }
                byte[] bytes = new byte[(int) ((BytesMessage) message).getBodyLength()];
                ((BytesMessage) message).readBytes(bytes);
                if (!java.util.Arrays.equals(bytes, body(n))) {
                    d.corrupt.set(n);
                }
            }
        }
        return d;
    }

    /** The numbers of the messages in QUEUE, browsed (those of our run: with the property n). */
    private static BitSet browse(Session session, String name) throws JMSException {
        BitSet numbers = new BitSet();
        try (QueueBrowser browser = session.createBrowser(session.createQueue(name))) {
            Enumeration<?> messages = browser.getEnumeration();
            while (messages.hasMoreElements()) {
                Message message = (Message) messages.nextElement();
                if (message.propertyExists(NUMBER)) {
                    numbers.set(message.getIntProperty(NUMBER));
                }
            }
        }
        return numbers;
    }

    /** The first ranges of NUMBERS, as (a-b, c, ...). */
    static String ranges(BitSet numbers) {
        if (numbers.isEmpty()) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        int shown = 0;
        for (int start = numbers.nextSetBit(0); start >= 0; start = numbers.nextSetBit(start + 1)) {
            int end = numbers.nextClearBit(start) - 1;
            if (shown++ == 20) {
                parts.add("...");
                break;
            }
            parts.add(start == end ? Integer.toString(start) : start + "-" + end);
            start = end;
        }
        return "(" + String.join(", ", parts) + ")";
    }
}
