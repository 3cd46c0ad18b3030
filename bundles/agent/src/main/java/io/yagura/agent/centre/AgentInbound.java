package io.yagura.agent.centre;

import io.yagura.api.Queues;
import io.yagura.api.event.DeadLetter;
import io.yagura.api.event.RawEnvelope;
import io.yagura.wire.Wire;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves one agent's forwarded lines from its address to the vendors' raw queues, one broker
 * message per local transaction: the message is acknowledged only together with the sends of
 * its lines, so a centre that dies midway neither loses nor doubles a line. Runs on its own
 * thread until closed; a broker failure is logged and retried.
 */
final class AgentInbound implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AgentInbound.class);

    private final ConnectionFactory broker;
    private final Supplier<AgentRecord> agent;
    private final String name;
    private final AgentAttribution attribution;
    private final AtomicLong lines = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;

    AgentInbound(ConnectionFactory broker, String name, Supplier<AgentRecord> agent, AgentAttribution attribution) {
        this.broker = broker;
        this.name = name;
        this.agent = agent;
        this.attribution = attribution;
        this.thread = new Thread(this::run, "yagura-agent-inbound-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    long lines() {
        return lines.get();
    }

    private void run() {
        while (running) {
            try {
                move();
            } catch (Exception e) {
                if (running) {
                    LOG.warn("Lines of agent {}: {}; retrying in 5 s", name, e.toString());
                    pause(5_000);
                }
            }
        }
    }

    private void move() throws JMSException {
        try (Connection connection = broker.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
             MessageConsumer consumer = session.createConsumer(session.createQueue(AgentCentre.addressOf(name)));
             MessageProducer producer = session.createProducer(null)) {
            connection.start();
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            while (running) {
                Message m = consumer.receive(1000);
                if (m == null) {
                    continue;
                }
                AgentRecord who = agent.get();
                // A revoked agent's lines that reached the centre before the revocation are still
                // its customer's lines: they are attributed like the others.
                if (!(m instanceof BytesMessage bytes)) {
                    producer.send(session.createQueue(Queues.DEAD_LETTER), m);
                    session.commit();
                    continue;
                }
                byte[] body = new byte[(int) bytes.getBodyLength()];
                bytes.readBytes(body);
                int count = send(session, producer, who, body);
                session.commit();
                lines.addAndGet(count);
            }
        }
    }

    private int send(Session session, MessageProducer producer, AgentRecord who, byte[] body) throws JMSException {
        List<RawEnvelope> in;
        try {
            in = Wire.readEnvelopes(body);
        } catch (RuntimeException unreadable) {
            BytesMessage dead = session.createBytesMessage();
            dead.writeBytes(Wire.writeDeadLetters(List.of(new DeadLetter("agent", "agent " + name
                    + " forwarded a message that is not a batch of lines: " + unreadable.getMessage(), null, null))));
            producer.send(session.createQueue(Queues.DEAD_LETTER), dead);
            return 0;
        }
        Map<String, List<AgentAttribution.Routed>> byQueue = new LinkedHashMap<>();
        for (RawEnvelope e : in) {
            AgentAttribution.Routed r = attribution.route(who, e);
            byQueue.computeIfAbsent(r.queue(), q -> new ArrayList<>()).add(r);
        }
        for (Map.Entry<String, List<AgentAttribution.Routed>> q : byQueue.entrySet()) {
            List<AgentAttribution.Routed> routed = q.getValue();
            boolean dead = Queues.DEAD_LETTER.equals(q.getKey());
            List<Wire.Batch> parts = dead
                    ? Wire.deadLetterBatches(routed.stream().map(AgentAttribution.Routed::deadLetter).toList())
                    : Wire.envelopeBatches(routed.stream().map(AgentAttribution.Routed::envelope).toList());
            for (Wire.Batch part : parts) {
                BytesMessage out = session.createBytesMessage();
                out.writeBytes(part.body());
                if (!dead) {
                    out.setStringProperty(Wire.FORMAT_PROPERTY, Wire.FORMAT_VERSION);
                }
                out.setIntProperty(Wire.COUNT_PROPERTY, part.count());
                producer.send(session.createQueue(q.getKey()), out);
            }
        }
        return in.size();
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
