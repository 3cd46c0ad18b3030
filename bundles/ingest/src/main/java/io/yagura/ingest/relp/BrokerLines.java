package io.yagura.ingest.relp;

import io.yagura.ingest.LineDispatcher;
import io.yagura.ingest.WireBatch;
import io.yagura.wire.Wire;
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
import jakarta.jms.TextMessage;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stores a RELP connection's lines on the broker in one local JMS transaction per commit:
 * the batches for the vendor queues (the same wire format as the syslog listeners) and a
 * record of the new lines' ids on {@value #IDS_QUEUE}. The records are what lets a restarted
 * platform recognise the lines rsyslog sends again; since they are written in the same
 * transaction, the broker holds a line exactly when it holds its id. Every
 * {@value #PRUNE_EVERY} commits the source's older records are taken off the queue and
 * replaced by one with the source's whole tail of ids, so the queue stays small.
 */
final class BrokerLines implements DurableLines {

    static final String IDS_QUEUE = "yagura.relp.ids";
    static final String SOURCE_PROPERTY = "yaguraRelpSource";
    /** Taking records costs a round trip to the broker: done every so many commits, not each time. */
    private static final int PRUNE_EVERY = 64;
    private static final Logger LOG = LoggerFactory.getLogger(BrokerLines.class);

    private final Connection connection;
    private final Session session;
    private final MessageProducer producer;
    private final Queue idsQueue;
    private MessageConsumer olderRecords;
    private long commits;
    private String recordsSource;

    BrokerLines(ConnectionFactory broker) throws JMSException {
        connection = broker.createConnection();
        connection.start();
        session = connection.createSession(true, Session.SESSION_TRANSACTED);
        producer = session.createProducer(null);
        producer.setDeliveryMode(DeliveryMode.PERSISTENT);
        idsQueue = session.createQueue(IDS_QUEUE);
    }

    @Override
    public void commit(List<LineDispatcher.Routed> lines, String source, List<String> newIds, List<String> idTail)
            throws JMSException {
        try {
            for (Map.Entry<String, List<LineDispatcher.Routed>> group : WireBatch.byQueueAndCustomer(lines).entrySet()) {
                List<LineDispatcher.Routed> batch = group.getValue();
                for (Wire.Batch part : WireBatch.bodies(batch)) {
                    BytesMessage message = session.createBytesMessage();
                    message.writeBytes(part.body());
                    message.setIntProperty(Wire.COUNT_PROPERTY, part.count());
                    message.setStringProperty(Wire.FORMAT_PROPERTY, Wire.FORMAT_VERSION);
                    producer.send(session.createQueue(batch.get(0).queue()), message);
                }
            }
            if (!newIds.isEmpty()) {
                // Most commits record only their own ids; every PRUNE_EVERY commits the source's
                // older records are taken and replaced by one holding its whole tail.
                boolean prune = commits++ % PRUNE_EVERY == 0;
                if (prune) {
                    takeOlderRecords(source);
                }
                TextMessage record = session.createTextMessage(String.join("\n", prune ? idTail : newIds));
                record.setStringProperty(SOURCE_PROPERTY, source);
                producer.send(idsQueue, record);
            }
            session.commit();
        } catch (JMSException | RuntimeException e) {
            rollbackQuietly();
            throw e;
        }
    }

    /** Records of this source that reached this session are acknowledged in the transaction. */
    private void takeOlderRecords(String source) throws JMSException {
        if (olderRecords == null || !source.equals(recordsSource)) {
            if (olderRecords != null) {
                olderRecords.close();
            }
            olderRecords = session.createConsumer(idsQueue, selectorFor(source));
            recordsSource = source;
        }
        while (olderRecords.receiveNoWait() != null) {
            // taken: the record sent below carries the whole tail
        }
    }

    @Override
    public List<String> storedIds(String source) throws JMSException {
        Set<String> ids = new LinkedHashSet<>();
        try (Session browsing = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             QueueBrowser browser = browsing.createBrowser(browsing.createQueue(IDS_QUEUE), selectorFor(source))) {
            Enumeration<?> records = browser.getEnumeration();
            while (records.hasMoreElements()) {
                Message record = (Message) records.nextElement();
                if (record instanceof TextMessage text && text.getText() != null) {
                    for (String id : text.getText().split("\n")) {
                        if (!id.isEmpty()) {
                            ids.add(id);
                        }
                    }
                }
            }
        }
        return new ArrayList<>(ids);
    }

    static String selectorFor(String source) {
        return SOURCE_PROPERTY + " = '" + source.replace("'", "''") + "'";
    }

    private void rollbackQuietly() {
        try {
            session.rollback();
        } catch (JMSException | RuntimeException e) {
            LOG.debug("Rollback after a failed RELP commit failed too: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            if (olderRecords != null) {
                olderRecords.close();
            }
            session.close();
            connection.close();
        } catch (JMSException | RuntimeException e) {
            LOG.debug("Closing a RELP connection's broker session: {}", e.getMessage());
        }
    }
}
