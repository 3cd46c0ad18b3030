package io.yagura.portal;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentChanges;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import io.yagura.portal.account.Role;
import io.yagura.portal.live.PortalFeedRoute;
import io.yagura.triage.BrokerIncidentChanges;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.camel.CamelContext;
import org.apache.camel.component.amqp.AMQPComponent;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The feed route on a real broker (embedded Artemis over AMQP, as the platform's): an incident
 * announced by the platform's real announcer (triage's BrokerIncidentChanges) on the multicast
 * address yagura.incidents reaches the customer's open live stream within 2 s of being stored,
 * and the dispatcher's message on yagura.notify.portal marks the notice delivered.
 */
class PortalFeedRouteTest {

    static PortalFixture portal;
    static EmbeddedActiveMQ broker;
    static CamelContext camel;
    static String carolPassword;

    @BeforeAll
    static void start() throws Exception {
        portal = new PortalFixture();
        carolPassword = portal.user("carol", Role.CUSTOMER, "acme");
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
        camel = new DefaultCamelContext();
        // as the platform's camel-runtime makes it (no "topic://" prefix, which AMQPComponent.amqpComponent adds)
        camel.addComponent("amqp", new AMQPComponent((jakarta.jms.ConnectionFactory)
                new org.apache.qpid.jms.JmsConnectionFactory("amqp://127.0.0.1:" + port)));
        camel.addRoutes(new PortalFeedRoute(portal.hub));
        camel.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> camel.getRouteController().getRouteStatus("portal-live")
                .isStarted() && camel.getRouteController().getRouteStatus("notify-portal").isStarted());
    }

    @AfterAll
    static void stop() throws Exception {
        if (camel != null) {
            camel.stop();
        }
        if (broker != null) {
            broker.stop();
        }
        portal.close();
    }

    @Test
    void anAnnouncedIncidentReachesTheOpenStreamAndTheNoticeIsDelivered() throws Exception {
        WebClient carol = portal.client().login("carol", carolPassword);
        List<String> lines = carol.streamLines("/portal/api/stream");
        await().atMost(Duration.ofSeconds(5)).until(() -> portal.hub.openStreams() == 1);
        // the subscription of this node is there before the first announcement
        await().atMost(Duration.ofSeconds(10)).until(() -> broker.getActiveMQServer().getPostOffice()
                .getBindingsForAddress(org.apache.activemq.artemis.api.core.SimpleString.of("yagura.incidents"))
                .getBindings().size() == 1);

        Instant now = Instant.now();
        Incident i = portal.incidents.create(Incident.builder().id("INC-feed-0001").customerId("acme").key("feed")
                .proposedLevel(Level.EMERGENCY).status(IncidentStatus.NEW).title("Admin logon from abroad")
                .attackers(List.of("203.0.113.5")).detectedAt(now).firstSeen(now).lastSeen(now)
                .deadline(now.plusSeconds(60)).build());
        long stored = System.nanoTime();
        new BrokerIncidentChanges(camel).announce(i, IncidentChanges.Change.OPENED);
        await().atMost(Duration.ofSeconds(2)).until(() -> lines.stream().anyMatch(l -> l.contains(i.id())));
        System.out.printf("through the broker: on the stream %d ms after it was stored%n",
                (System.nanoTime() - stored) / 1_000_000);

        // the dispatcher's notice for the same incident, sent on yagura.notify.portal
        Notification n = portal.portalNotice(i);
        camel.createProducerTemplate().sendBodyAndHeader("amqp:queue:yagura.notify.portal", n.id(),
                IncidentChanges.INCIDENT_PROPERTY, i.id());
        await().atMost(Duration.ofSeconds(5)).until(() -> !portal.incidents.attempts(n.id()).isEmpty());
        assertEquals("delivered", portal.incidents.attempts(n.id()).get(0).outcome());
        assertTrue(portal.incidents.attempts(n.id()).get(0).answer().contains("carol"));
    }
}
