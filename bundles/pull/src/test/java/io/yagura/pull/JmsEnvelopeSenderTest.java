package io.yagura.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.event.RawEnvelope;
import io.yagura.wire.Wire;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageProducer;
import jakarta.jms.Queue;
import jakarta.jms.Session;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What goes to the broker, seen through a JMS API that records every call. */
class JmsEnvelopeSenderTest {

    final List<String> calls = new ArrayList<>();
    final List<Map<String, Object>> sent = new ArrayList<>();

    @SuppressWarnings("unchecked")
    <T> T proxy(Class<T> type, java.util.function.BiFunction<String, Object[], Object> answer) {
        return (T) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {type}, (p, m, args) -> {
            if (m.getDeclaringClass() == Object.class) {
                return m.getName().equals("hashCode") ? System.identityHashCode(p) : m.getName().equals("equals") ? p == args[0] : type.getSimpleName();
            }
            calls.add(type.getSimpleName() + "." + m.getName() + (args == null ? "" : List.of(args).toString()
                    .replaceAll("\\[B@\\w+", "bytes")));
            return answer.apply(m.getName(), args);
        });
    }

    ConnectionFactory broker() {
        Queue queue = proxy(Queue.class, (m, a) -> m.equals("getQueueName") ? "yagura.raw.cisco-ips" : null);
        return proxy(ConnectionFactory.class, (m, a) -> proxy(Connection.class, (cm, ca) -> !cm.equals("createSession") ? null
                : proxy(Session.class, (sm, sa) -> switch (sm) {
                    case "createQueue" -> queue;
                    case "createProducer" -> proxy(MessageProducer.class, (pm, pa) -> {
                        if (pm.equals("send")) {
                            sent.add(((Recorded) Proxy.getInvocationHandler(pa[0])).fields);
                        }
                        return null;
                    });
                    case "createBytesMessage" -> {
                        Recorded r = new Recorded();
                        yield Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BytesMessage.class}, r);
                    }
                    default -> null;
                })));
    }

    /** A bytes message that keeps its body and properties. */
    static final class Recorded implements java.lang.reflect.InvocationHandler {
        final Map<String, Object> fields = new HashMap<>();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();

        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method m, Object[] args) {
            switch (m.getName()) {
                case "writeBytes" -> {
                    body.writeBytes((byte[]) args[0]);
                    fields.put("body", body.toByteArray());
                }
                case "setStringProperty", "setIntProperty" -> fields.put((String) args[0], args[1]);
                default -> {
                }
            }
            return null;
        }
    }

    @Test
    void eachRecordIsAPersistentMessageWithItsDuplicateIdOutsideAnyTransaction() throws Exception {
        RawEnvelope a = new RawEnvelope(1L, "192.0.2.20", "pull:ips-1", "ips-1", "acme", "cisco-ips", false, "<evIdsAlert eventId=\"7\"/>");
        RawEnvelope b = new RawEnvelope(1L, "192.0.2.20", "pull:ips-1", "ips-1", "acme", "cisco-ips", false, "<evIdsAlert eventId=\"8\"/>");
        new JmsEnvelopeSender(broker()).send("yagura.raw.cisco-ips",
                List.of(new EnvelopeSender.Item(a, "ips-1:7"), new EnvelopeSender.Item(b, "ips-1:8")));
        assertTrue(calls.contains("Connection.createSession[false, " + Session.AUTO_ACKNOWLEDGE + "]"), calls::toString);
        assertTrue(calls.contains("Session.createQueue[yagura.raw.cisco-ips]"), calls::toString);
        assertTrue(calls.contains("MessageProducer.setDeliveryMode[" + DeliveryMode.PERSISTENT + "]"), calls::toString);
        assertTrue(calls.contains("MessageProducer.close") && calls.contains("Session.close"), "session and producer closed: " + calls);
        assertTrue(calls.stream().noneMatch(c -> c.startsWith("Session.commit")), "not transacted");
        assertEquals(2, sent.size());
        assertEquals("ips-1:7", sent.get(0).get(JmsEnvelopeSender.DUPLICATE_ID));
        assertEquals("ips-1:8", sent.get(1).get("_AMQ_DUPL_ID"));
        assertEquals(1, sent.get(0).get(Wire.COUNT_PROPERTY));
        assertEquals(Wire.FORMAT_VERSION, sent.get(0).get(Wire.FORMAT_PROPERTY));
        assertEquals(List.of(a), Wire.readEnvelopes((byte[]) sent.get(0).get("body")));
        assertEquals(List.of(b), Wire.readEnvelopes((byte[]) sent.get(1).get("body")));
    }

    @Test
    void nothingToSendOpensNothing() throws Exception {
        new JmsEnvelopeSender(broker()).send("yagura.raw.cisco-ips", List.of());
        assertEquals(List.of(), calls);
    }
}
