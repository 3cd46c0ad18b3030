package io.yagura.agent.centre;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.yagura.agent.AgentAuthorityRef;
import io.yagura.agent.NumberedTraffic;
import io.yagura.agent.TestBrokers;
import io.yagura.agent.node.AgentDevices;
import io.yagura.api.registry.Device;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.qpid.jms.JmsConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An agent's lines moved from its address to its customer's device's vendor queue, over AMQP as in Karaf. */
class AgentInboundTest {

    @TempDir
    Path tmp;

    @Test
    void linesOfAnAgentReachTheVendorQueueOfItsCustomersDeviceOnceAndInOrder() throws Exception {
        TestBrokers.jaas(new AgentAuthorityRef());
        EmbeddedActiveMQ centre = TestBrokers.centre(tmp, 60);
        ActiveMQServer server = centre.getActiveMQServer();
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        server.getRemotingService().createAcceptor("amqp", "tcp://127.0.0.1:" + port + "?protocols=AMQP").start();
        for (String q : List.of(AgentCentre.addressOf("site1"), "yagura.raw.cisco-asa")) {
            server.createQueue(QueueConfiguration.of(q).setAddress(q).setRoutingType(RoutingType.ANYCAST).setDurable(true));
        }
        Device fw = new Device("acme-fw1", "acme", "cisco-asa", "ASA", List.of("192.0.2.10"), "9.16", ZoneId.of("UTC"), null);
        AgentAttribution attribution = new AgentAttribution(new AgentDevices() {
            @Override
            public Optional<Device> deviceBySource(String source) {
                return "192.0.2.10".equals(source) ? Optional.of(fw) : Optional.empty();
            }
        });
        AgentRecord agent = new AgentRecord("site1", "acme", AgentRecord.State.ENROLLED, null, null, "SHA256:00",
                Instant.now(), null);
        NumberedTraffic traffic = new NumberedTraffic("in1");
        try (AgentInbound inbound = new AgentInbound(new JmsConnectionFactory("amqp://127.0.0.1:" + port), "site1",
                () -> agent, attribution);
             NumberedTraffic.Receiver plugin = new NumberedTraffic.Receiver(traffic, "vm://60", "yagura.raw.cisco-asa")) {
            traffic.send("vm://60", AgentCentre.addressOf("site1"), 0, 2_000, 0);
            await().atMost(Duration.ofSeconds(60)).until(() -> plugin.count() >= 2_000);
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> plugin.count() == 2_000);
            assertEquals(LongStream.range(0, 2_000).boxed().toList(), plugin.received());
            assertEquals(2_000, inbound.lines());
            assertEquals(0, server.locateQueue(AgentCentre.addressOf("site1")).getMessageCount(), "nothing left behind");
        } finally {
            centre.stop();
        }
    }
}
