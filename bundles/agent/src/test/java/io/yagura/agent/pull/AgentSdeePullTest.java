package io.yagura.agent.pull;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.agent.TestBrokers;
import io.yagura.agent.node.AgentDevices;
import io.yagura.agent.node.AgentDuties;
import io.yagura.api.event.RawEnvelope;
import io.yagura.plugin.ciscoips.CiscoIpsPlugin;
import io.yagura.plugin.ciscoips.SdeeTestServer;
import io.yagura.plugin.ciscoips.TestTls;
import io.yagura.pull.PullScheduler;
import io.yagura.pull.PullSchedulers;
import io.yagura.pull.PullTesting;
import io.yagura.wire.Wire;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.MessageConsumer;
import jakarta.jms.Session;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.karaf.scheduler.core.QuartzScheduler;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent polls a Cisco IPS over real HTTPS SDEE ({@link SdeeTestServer} of the plugin's tests)
 * through the device configured in its etc/, with yagura-pull's scheduler and the plugin's
 * connector as Karaf runs them, into its real embedded broker's forward queue, as AMQP messages
 * the link carries to the centre; then a restarted agent (new instances on the same cursor file,
 * the broker restarted on its journal) reads on without adding anything twice.
 */
class AgentSdeePullTest {

    static final String ADDRESS = "192.0.2.20"; // the IPS as registered at the centre (not the URL's host)
    static final String FORWARD = TestBrokers.FORWARDED;

    @TempDir
    Path tmp;
    SdeeTestServer sensor;
    EmbeddedActiveMQ broker;
    QuartzScheduler quartz;
    int amqpPort;
    PullScheduler pull;
    CiscoIpsPlugin plugin;

    @BeforeEach
    void start() throws Exception {
        sensor = new SdeeTestServer();
        amqpPort = freePort();
        broker = TestBrokers.agent(tmp.resolve("broker"), 61, 8 * 1024 * 1024, amqpPort);
        quartz = PullTesting.quartz("yagura-agent-pull-test");
    }

    @AfterEach
    void stop() throws Exception {
        stopAgent();
        quartz.deactivate();
        broker.stop();
        sensor.close();
    }

    /** The agent's pull as Karaf wires it: its registry from the device's .cfg, its cursor file, one node's duties. */
    void startAgent() {
        AgentDevices devices = new AgentDevices();
        devices.bindPulled(new PulledDevice(Map.of(
                "felix.fileinstall.filename", tmp.resolve("etc/io.yagura.agent.pull-ips1.cfg").toUri().toString(),
                "id", "acme-ips1",
                "vendor", "cisco-ips",
                "address", ADDRESS,
                "url", sensor.url(),
                "username", SdeeTestServer.USER,
                "password", SdeeTestServer.PASSWORD,
                "truststore", TestTls.CERT_PEM.toString()), tmp.resolve("etc")));
        plugin = new CiscoIpsPlugin();
        pull = PullSchedulers.start(quartz, devices, new CursorFile(cursorFile()),
                new JmsConnectionFactory("amqp://127.0.0.1:" + amqpPort), new AgentDuties("acme-tokyo"),
                PullTesting.config(1, true, "", FORWARD), plugin);
    }

    void stopAgent() {
        if (pull != null) {
            PullSchedulers.stop(pull);
            pull = null;
        }
    }

    Path cursorFile() {
        return tmp.resolve("data/yagura").resolve(CursorFile.FILE_NAME);
    }

    long forwardQueue() {
        return broker.getActiveMQServer().locateQueue(SimpleString.of(FORWARD)).getMessageCount();
    }

    @Test
    void alertsArePulledIntoTheForwardQueueAndARestartedAgentReadsOnWithoutDuplicates() throws Exception {
        startAgent();
        await("the agent's first poll opens a subscription").atMost(Duration.ofSeconds(20))
                .until(() -> sensor.count("open") >= 1);
        long a = sensor.alert(3250);
        await("alert a forwarded").atMost(Duration.ofSeconds(20)).until(() -> forwardQueue() == 1);
        Path storedAfterA = tmp.resolve("cursor-after-a.json");
        await("the cursor of a stored").atMost(Duration.ofSeconds(5)).until(() -> Files.readString(cursorFile()).contains(a + ";"));
        Files.copy(cursorFile(), storedAfterA);
        long b = sensor.alert(5081);
        await("alert b forwarded").atMost(Duration.ofSeconds(20)).until(() -> forwardQueue() == 2);
        await("the cursor of b stored").atMost(Duration.ofSeconds(5)).until(() -> Files.readString(cursorFile()).contains(b + ";"));

        // The agent dies after queuing b but before storing b's cursor: it restarts on a's cursor, with its broker.
        stopAgent();
        Files.copy(storedAfterA, cursorFile(), StandardCopyOption.REPLACE_EXISTING);
        broker.stop();
        broker = TestBrokers.agent(tmp.resolve("broker"), 61, 8 * 1024 * 1024, amqpPort);
        long c = sensor.alert(2000);
        long opensBefore = sensor.count("open");
        startAgent();

        await("the restarted agent reads on from a: b again (dropped by the broker) and c").atMost(Duration.ofSeconds(20))
                .until(() -> forwardQueue() == 3 && Files.readString(cursorFile()).contains(c + ";"));
        assertTrue(sensor.count("open") > opensBefore, "a new subscription after the restart");
        await("nothing twice over several polls").during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> forwardQueue() == 3);
        long d = sensor.alert(4000);
        await("new alerts keep coming").atMost(Duration.ofSeconds(20)).until(() -> forwardQueue() == 4);
        stopAgent();

        List<Forwarded> forwarded = drain();
        assertEquals(List.of("acme-ips1:" + a, "acme-ips1:" + b, "acme-ips1:" + c, "acme-ips1:" + d),
                forwarded.stream().map(Forwarded::duplicateId).toList(), "each alert once, in order, with its duplicate id");
        for (int i = 0; i < forwarded.size(); i++) {
            RawEnvelope e = forwarded.get(i).envelope();
            assertEquals(ADDRESS, e.source(), "the source is the configured address, by which the centre attributes");
            assertEquals("pull:acme-ips1", e.listener());
            assertEquals(null, e.customerId(), "the agent attributes nothing");
            long id = List.of(a, b, c, d).get(i);
            assertTrue(e.raw().contains("evIdsAlert") && e.raw().contains("eventId=\"" + id + "\""), e.raw());
        }
        assertTrue(forwarded.get(0).envelope().raw().contains("Test signature 3250"), forwarded.get(0).envelope().raw());
    }

    /** One forward-queue message as the link carries it to the centre. */
    record Forwarded(RawEnvelope envelope, String duplicateId) {
    }

    List<Forwarded> drain() throws Exception {
        List<Forwarded> out = new ArrayList<>();
        try (Connection connection = new JmsConnectionFactory("amqp://127.0.0.1:" + amqpPort).createConnection()) {
            connection.start();
            Session session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = session.createConsumer(session.createQueue(FORWARD));
            for (BytesMessage m = (BytesMessage) consumer.receive(5000); m != null; m = (BytesMessage) consumer.receive(500)) {
                byte[] body = new byte[(int) m.getBodyLength()];
                m.readBytes(body);
                List<RawEnvelope> envelopes = Wire.readEnvelopes(body);
                assertEquals(1, envelopes.size(), "one record per message");
                out.add(new Forwarded(envelopes.get(0), m.getStringProperty("_AMQ_DUPL_ID")));
            }
        }
        return out;
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
