package io.yagura.ingest.relp;

import io.yagura.api.event.RawEnvelope;
import io.yagura.wire.Wire;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSException;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Consumes a vendor queue and counts the numbered lines ("n=123") that arrived, by number. */
final class LineCollector implements AutoCloseable {

    private static final Pattern NUMBER = Pattern.compile(" n=(\\d+)$");

    private final Connection connection;
    private final Map<Integer, AtomicInteger> arrivals = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final AtomicInteger unnumbered = new AtomicInteger();
    final AtomicLong firstAt = new AtomicLong();
    final AtomicLong lastAt = new AtomicLong();

    LineCollector(ConnectionFactory broker, String queue) throws JMSException {
        connection = broker.createConnection();
        Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
        MessageConsumer consumer = session.createConsumer(session.createQueue(queue));
        consumer.setMessageListener(message -> {
            try {
                BytesMessage bytes = (BytesMessage) message;
                byte[] body = new byte[(int) bytes.getBodyLength()];
                bytes.readBytes(body);
                for (RawEnvelope e : Wire.readEnvelopes(body)) {
                    count(e.raw());
                }
            } catch (JMSException e) {
                throw new IllegalStateException(e);
            }
        });
        connection.start();
    }

    private void count(String raw) {
        Matcher m = NUMBER.matcher(raw);
        if (!m.find()) {
            unnumbered.incrementAndGet();
            return;
        }
        arrivals.computeIfAbsent(Integer.parseInt(m.group(1)), n -> new AtomicInteger()).incrementAndGet();
        long now = System.nanoTime();
        firstAt.compareAndSet(0, now);
        lastAt.set(now);
        total.incrementAndGet();
    }

    int distinct() {
        return arrivals.size();
    }

    int total() {
        return total.get();
    }

    int unnumbered() {
        return unnumbered.get();
    }

    /** Numbers that arrived more than once. */
    long twice() {
        return arrivals.values().stream().filter(c -> c.get() > 1).count();
    }

    double linesPerSecond() {
        double seconds = (lastAt.get() - firstAt.get()) / 1e9;
        return seconds > 0 ? total.get() / seconds : 0;
    }

    @Override
    public void close() throws JMSException {
        connection.close();
    }
}
