package io.yagura.pull;

import io.yagura.wire.Wire;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import java.util.List;

/**
 * Sends each record as one broker message in the wire format (a batch of one envelope, with
 * {@link Wire#COUNT_PROPERTY} and {@link Wire#FORMAT_PROPERTY}, as ingest sends lines), persistent,
 * carrying Artemis' duplicate-detection property {@value #DUPLICATE_ID} = deviceId:recordId. The
 * session is not transacted on purpose: the broker drops a duplicate sent outside a transaction
 * and keeps the others, whereas a duplicate inside a transaction rolls the whole transaction back,
 * so a batch repeated after a crash with new records at its end would never get through. A
 * persistent send returns once the broker has stored the message.
 */
final class JmsEnvelopeSender implements EnvelopeSender {

    /** Artemis' duplicate-detection message property (also read from AMQP application properties). */
    static final String DUPLICATE_ID = "_AMQ_DUPL_ID";

    private final ConnectionFactory broker;

    JmsEnvelopeSender(ConnectionFactory broker) {
        this.broker = broker;
    }

    @Override
    public void send(String queue, List<Item> items) throws Exception {
        if (items.isEmpty()) {
            return;
        }
        // The runtime's connection is shared (closing it does nothing); session and producer must be closed.
        try (Connection connection = broker.createConnection();
             Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
             MessageProducer producer = session.createProducer(session.createQueue(queue))) {
            producer.setDeliveryMode(DeliveryMode.PERSISTENT);
            for (Item item : items) {
                BytesMessage m = session.createBytesMessage();
                m.writeBytes(Wire.writeEnvelopes(List.of(item.envelope())));
                m.setIntProperty(Wire.COUNT_PROPERTY, 1);
                m.setStringProperty(Wire.FORMAT_PROPERTY, Wire.FORMAT_VERSION);
                m.setStringProperty(DUPLICATE_ID, item.duplicateId());
                producer.send(m);
            }
        }
    }
}
