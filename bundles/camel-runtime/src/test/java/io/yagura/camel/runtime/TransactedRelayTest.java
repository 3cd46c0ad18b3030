package io.yagura.camel.runtime;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.jms.Connection;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.amqp.AMQPComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jms.connection.CachingConnectionFactory;

/**
 * A transacted route as the plugin routes are (receive a raw batch, send its events, commit), on
 * a real broker, whose commit fails once after the route sent: as when the broker dies during the
 * commit and discards the transaction. The message must come back and be relayed once; nothing
 * may be acknowledged while what was made of it is not. With Camel's default Spring transaction
 * manager the receive was committed on its own first, and the message was lost.
 */
class TransactedRelayTest {

    EmbeddedActiveMQ broker;
    String url;
    CamelContext camel;
    /** Commits that fail (after a rollback on the broker) before the next ones succeed. */
    final AtomicInteger commitFailures = new AtomicInteger();
    final List<String> failedCommits = new ArrayList<>();

    @BeforeEach
    void startBroker() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        ConfigurationImpl config = new ConfigurationImpl();
        config.setPersistenceEnabled(false);
        config.setSecurityEnabled(false);
        config.addAcceptorConfiguration("amqp", "tcp://127.0.0.1:" + port + "?protocols=AMQP");
        broker = new EmbeddedActiveMQ().setConfiguration(config);
        broker.start();
        url = "amqp://127.0.0.1:" + port;
    }

    @AfterEach
    void stop() throws Exception {
        if (camel != null) {
            camel.stop();
        }
        broker.stop();
    }

    /** Route failures: the first attempt of each message fails after it sent, when set. */
    final AtomicInteger attempts = new AtomicInteger();
    volatile boolean failFirstAttempt;

    private void relay(AMQPComponent component) throws Exception {
        camel = new DefaultCamelContext();
        camel.addComponent("amqp", component);
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                // as PluginRoute: a cached consumer, the received message's results sent in its transaction
                from("amqp:queue:relay.in?transacted=true&cacheLevelName=CACHE_CONSUMER&receiveTimeout=1000")
                        .routeId("relay")
                        .setBody(simple("made of ${body}"))
                        .to("amqp:queue:relay.out?transacted=true")
                        .process(e -> {
                            if (attempts.incrementAndGet() == 1 && failFirstAttempt) {
                                throw new IllegalStateException("a parser bug after the events were sent");
                            }
                        });
            }
        });
        camel.start();
    }

    @Test
    void aCommitThatFailsAfterTheRouteSentLeavesTheMessageToBeRelayedAgainOnce() throws Exception {
        relay(CamelRuntime.brokerComponent(connections()));
        commitFailures.set(1);
        send("raw batch 1");

        await().atMost(Duration.ofSeconds(30)).until(() -> browse("relay.out").size() == 1);
        assertEquals(1, failedCommits.size(), "the injected failure happened: " + failedCommits);
        assertEquals(List.of("made of raw batch 1"), receiveAll("relay.out"), "relayed once, after the failed commit");
        assertEquals(List.of(), browse("relay.in"), "acknowledged only with its result");
    }

    @Test
    void aRouteThatFailsAfterItSentRollsTheSendBackAndTheMessageComesAgain() throws Exception {
        relay(CamelRuntime.brokerComponent(connections()));
        failFirstAttempt = true;
        send("raw batch 3");

        await().atMost(Duration.ofSeconds(30)).until(() -> attempts.get() == 2 && browse("relay.in").isEmpty());
        assertEquals(List.of("made of raw batch 3"), receiveAll("relay.out"), "the failed attempt's send rolled back");
    }

    @Test
    void withASpringTransactionManagerTheSameFailureLosesTheMessage() throws Exception {
        AMQPComponent camelDefault = new AMQPComponent(connections()); // lazyCreateTransactionManager=true
        relay(camelDefault);
        commitFailures.set(1);
        send("raw batch 2");

        await().atMost(Duration.ofSeconds(30)).until(() -> failedCommits.size() == 1);
        // the receive was committed by the listener before the manager's commit of the send failed
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(
                () -> browse("relay.in").isEmpty() && browse("relay.out").isEmpty());
    }

    /** The platform's set-up: Spring's session cache over Qpid JMS, here with commits that can be made to fail. */
    private ConnectionFactory connections() {
        CachingConnectionFactory cached = new CachingConnectionFactory(failingCommits(new JmsConnectionFactory(url)));
        cached.setSessionCacheSize(10);
        cached.setReconnectOnException(true);
        cached.setCacheConsumers(false);
        return cached;
    }

    private void send(String text) throws JMSException {
        try (JMSContext c = new JmsConnectionFactory(url).createContext()) {
            c.createProducer().send(c.createQueue("relay.in"), text);
        }
    }

    private List<String> browse(String queue) throws JMSException {
        List<String> out = new ArrayList<>();
        try (JMSContext c = new JmsConnectionFactory(url).createContext()) {
            var e = c.createBrowser(c.createQueue(queue)).getEnumeration();
            while (e.hasMoreElements()) {
                out.add(((TextMessage) e.nextElement()).getText());
            }
        }
        return out;
    }

    private List<String> receiveAll(String queue) throws JMSException {
        List<String> out = new ArrayList<>();
        try (JMSContext c = new JmsConnectionFactory(url).createContext()) {
            var consumer = c.createConsumer(c.createQueue(queue));
            Message m;
            while ((m = consumer.receive(1000)) != null) {
                out.add(((TextMessage) m).getText());
            }
        }
        return out;
    }

    // --- a connection factory whose sessions' commit fails once they sent ---------------------------

    private ConnectionFactory failingCommits(ConnectionFactory real) {
        return proxy(ConnectionFactory.class, real, (target, method, args) -> {
            Object result = method.invoke(target, args);
            return result instanceof Connection c ? failingCommits(c) : result;
        });
    }

    private Connection failingCommits(Connection real) {
        return proxy(Connection.class, real, (target, method, args) -> {
            Object result = method.invoke(target, args);
            return result instanceof Session s ? failingCommits(s) : result;
        });
    }

    private Session failingCommits(Session real) {
        boolean[] sent = {false};
        return proxy(Session.class, real, (target, method, args) -> {
            if (method.getName().equals("commit") && sent[0] && commitFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                // the broker discards the transaction: nothing sent, nothing acknowledged
                real.rollback();
                sent[0] = false;
                failedCommits.add("commit after a send");
                throw new JMSException("injected: the broker went away during the commit");
            }
            if (method.getName().equals("commit") || method.getName().equals("rollback")) {
                sent[0] = false;
            }
            Object result = method.invoke(target, args);
            if (result instanceof MessageProducer p) {
                return proxy(MessageProducer.class, p, (t, m, a) -> {
                    if (m.getName().equals("send")) {
                        sent[0] = true;
                    }
                    return m.invoke(t, a);
                });
            }
            return result;
        });
    }

    interface Call {
        Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable;
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, T target, Call call) {
        InvocationHandler h = (p, method, args) -> {
            try {
                return call.invoke(target, method, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (T) Proxy.newProxyInstance(TransactedRelayTest.class.getClassLoader(), new Class<?>[] {type}, h);
    }
}
