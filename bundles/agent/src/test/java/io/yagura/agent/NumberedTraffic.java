package io.yagura.agent;

import io.yagura.api.event.RawEnvelope;
import io.yagura.wire.Wire;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.activemq.artemis.api.core.Message;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientProducer;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;

/**
 * Numbered syslog lines as the agent's listeners store them (batches of raw envelopes in the
 * wire format, as ingest writes them), and their count at the centre. The number sits in the
 * header's host name, {@code lg<run>n<number>}, as tools/loadgen's NumberedLines writes it, so
 * the long run (tools/agent-cut.sh, real syslog through the agent's listeners) is counted alike.
 */
public final class NumberedTraffic {

    public static final int LINES_PER_MESSAGE = 10;
    private final String run;
    private final Pattern number;

    public NumberedTraffic(String run) {
        this.run = run;
        this.number = Pattern.compile("\\blg" + run + "n(\\d{1,18})\\b");
    }

    public String line(long n) {
        return "<164>Nov 27 2026 10:00:00 lg" + run + "n" + n + " : %ASA-4-106023: Deny tcp src outside:203.0.113."
                + (n % 250 + 1) + "/" + (1024 + n % 60000) + " dst inside:10.0.0.5/443 by access-group \"outside_in\"";
    }

    /** Sends lines [from, to) to {@code queue} of the broker at {@code url}, in order, durable. */
    public void send(String url, String queue, long from, long to, long linesPerSecond) throws Exception {
        try (ServerLocator locator = ActiveMQClient.createServerLocator(url);
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession();
             ClientProducer producer = session.createProducer(queue)) {
            long started = System.nanoTime();
            for (long n = from; n < to; n += LINES_PER_MESSAGE) {
                List<RawEnvelope> batch = new ArrayList<>(LINES_PER_MESSAGE);
                for (long k = n; k < Math.min(to, n + LINES_PER_MESSAGE); k++) {
                    batch.add(new RawEnvelope(System.currentTimeMillis(), "192.0.2.10", "udp:5514", null, null, null,
                            false, line(k)));
                }
                ClientMessage m = session.createMessage(Message.BYTES_TYPE, true);
                m.getBodyBuffer().writeBytes(Wire.writeEnvelopes(batch));
                m.putIntProperty(Wire.COUNT_PROPERTY, batch.size());
                m.putStringProperty(Wire.FORMAT_PROPERTY, Wire.FORMAT_VERSION);
                producer.send(m);
                if (linesPerSecond > 0) {
                    pace(started, n + batch.size() - from, linesPerSecond);
                }
            }
        }
    }

    private static void pace(long started, long sent, long linesPerSecond) throws InterruptedException {
        long due = started + sent * 1_000_000_000L / linesPerSecond;
        long wait = due - System.nanoTime();
        if (wait > 0) {
            Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
        }
    }

    /** Numbers of this run in one broker message body. */
    public List<Long> numbers(byte[] body) {
        List<Long> out = new ArrayList<>();
        for (RawEnvelope e : Wire.readEnvelopes(body)) {
            Matcher m = number.matcher(e.raw());
            if (m.find()) {
                out.add(Long.parseLong(m.group(1)));
            }
        }
        return out;
    }

    /** Reads everything that arrives on {@code queue}, in arrival order, until closed. */
    public static final class Receiver implements AutoCloseable {

        private final List<Long> received = java.util.Collections.synchronizedList(new ArrayList<>());
        private final ServerLocator locator;
        private final ClientSessionFactory factory;
        private final ClientSession session;
        private final ClientConsumer consumer;

        public Receiver(NumberedTraffic traffic, String url, String queue) throws Exception {
            // Acknowledge each message at once: a paged queue stops dispatching while too many wait unacknowledged.
            locator = ActiveMQClient.createServerLocator(url).setAckBatchSize(0);
            factory = locator.createSessionFactory();
            session = factory.createSession(true, true);
            consumer = session.createConsumer(queue);
            consumer.setMessageHandler(m -> {
                byte[] body = new byte[m.getBodyBuffer().readableBytes()];
                m.getBodyBuffer().readBytes(body);
                received.addAll(traffic.numbers(body));
                try {
                    m.acknowledge();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            session.start();
        }

        public int count() {
            return received.size();
        }

        public List<Long> received() {
            synchronized (received) {
                return new ArrayList<>(received);
            }
        }

        @Override
        public void close() throws Exception {
            session.close();
            factory.close();
            locator.close();
        }
    }

}
