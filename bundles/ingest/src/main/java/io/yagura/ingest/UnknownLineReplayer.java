package io.yagura.ingest;

import io.yagura.api.Queues;
import io.yagura.api.event.RawEnvelope;
import io.yagura.api.ingest.UnknownLineReplay;
import io.yagura.api.wire.Wire;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.Message;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Moves lines out of yagura.raw.unknown again, one broker message at a time, in a local
 * transaction: the message is acknowledged only together with the sends of its lines.
 * Lines still unknown are put back marked with this run's id, and a selector keeps the
 * run from reading them again; the run ends when no other message comes within a second.
 */
@Component(service = UnknownLineReplay.class)
public class UnknownLineReplayer implements UnknownLineReplay {

    private static final String RUN_PROPERTY = "yaguraReplayRun";

    @Reference
    private SyslogIngest ingest;

    @Reference
    private ConnectionFactory broker;

    @Override
    public Result replay() throws Exception {
        Map<String, Long> routed = new TreeMap<>();
        long lines = 0;
        try (Connection connection = broker.createConnection()) {
            connection.start();
            Session session = connection.createSession(true, Session.SESSION_TRANSACTED);
            String run = UUID.randomUUID().toString();
            MessageConsumer consumer = session.createConsumer(session.createQueue(Queues.RAW_UNKNOWN),
                    RUN_PROPERTY + " IS NULL OR " + RUN_PROPERTY + " <> '" + run + "'");
            MessageProducer producer = session.createProducer(null);
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            while (true) {
                Message m = consumer.receive(1000);
                if (m == null) {
                    break;
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
                    routed.merge(q.getKey(), (long) q.getValue().size(), Long::sum);
                    lines += q.getValue().size();
                }
                session.commit();
            }
        }
        return new Result(lines, new HashMap<>(routed));
    }

}
