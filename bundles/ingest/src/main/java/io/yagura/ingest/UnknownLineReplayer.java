package io.yagura.ingest;

import io.yagura.api.Queues;
import io.yagura.api.event.RawEnvelope;
import io.yagura.api.ingest.UnknownLineReplay;
import io.yagura.wire.Wire;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TransactionRolledBackException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves lines out of yagura.raw.unknown again, one broker message at a time, in a local
 * transaction: the message is acknowledged only together with the sends of its lines.
 * Lines still unknown are put back marked with this run's id, and a selector keeps the
 * run from reading them again; the run ends when no other message comes within a second.
 */
@Component(service = UnknownLineReplay.class)
public class UnknownLineReplayer implements UnknownLineReplay {

    private static final String RUN_PROPERTY = "yaguraReplayRun";
    private static final Logger LOG = LoggerFactory.getLogger(UnknownLineReplayer.class);

    @Reference
    private SyslogIngest ingest;

    @Reference
    private ConnectionFactory broker;

    /** Attempts after a transaction the broker rolled back (a broker restart, a dropped connection). */
    private static final int ATTEMPTS = 3;

    @Override
    public Result replay() throws Exception {
        Map<String, Long> routed = new TreeMap<>();
        String run = UUID.randomUUID().toString();
        for (int attempt = 1; ; attempt++) {
            try {
                moveAll(run, routed);
                break;
            } catch (TransactionRolledBackException e) {
                // The batch in flight went back to yagura.raw.unknown with nothing sent: safe to go on.
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                LOG.warn("Replay of yagura.raw.unknown: the broker rolled a batch back ({}); continuing", e.getMessage());
            }
        }
        long lines = routed.values().stream().mapToLong(Long::longValue).sum();
        return new Result(lines, new HashMap<>(routed));
    }

    /** Moves the messages of the queue, one committed transaction each, counting what was committed. */
    private void moveAll(String run, Map<String, Long> routed) throws Exception {
        // The broker's connection is shared (closing it does nothing): the session, consumer
        // and producer must be closed, or a forgotten consumer would keep prefetching
        // yagura.raw.unknown and hide those lines from the next replay until a restart.
        try (Connection connection = broker.createConnection();
             Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
             MessageConsumer consumer = session.createConsumer(session.createQueue(Queues.RAW_UNKNOWN),
                     RUN_PROPERTY + " IS NULL OR " + RUN_PROPERTY + " <> '" + run + "'");
             MessageProducer producer = session.createProducer(null)) {
            connection.start();
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            while (true) {
                Message m = consumer.receive(1000);
                if (m == null) {
                    return;
                }
                if (!(m instanceof BytesMessage bytes)) {
                    // not a batch of ours: keep it where operators look for what could not be processed
                    producer.send(session.createQueue(Queues.DEAD_LETTER), m);
                    session.commit();
                    continue;
                }
                byte[] body = new byte[(int) bytes.getBodyLength()];
                bytes.readBytes(body);
                Map<String, List<RawEnvelope>> byQueue = new LinkedHashMap<>();
                for (RawEnvelope e : Wire.readEnvelopes(body)) {
                    LineDispatcher.Routed r = ingest.dispatcher().redispatch(e);
                    byQueue.computeIfAbsent(r.queue(), q -> new ArrayList<>()).add(r.envelope());
                }
                for (Map.Entry<String, List<RawEnvelope>> q : byQueue.entrySet()) {
                    BytesMessage out = session.createBytesMessage();
                    out.writeBytes(Wire.writeEnvelopes(q.getValue()));
                    out.setIntProperty(Wire.COUNT_PROPERTY, q.getValue().size());
                    out.setStringProperty(Wire.FORMAT_PROPERTY, Wire.FORMAT_VERSION);
                    out.setStringProperty(RUN_PROPERTY, run);
                    producer.send(session.createQueue(q.getKey()), out);
                }
                session.commit();
                byQueue.forEach((queue, envelopes) -> routed.merge(queue, (long) envelopes.size(), Long::sum));
            }
        }
    }
}
