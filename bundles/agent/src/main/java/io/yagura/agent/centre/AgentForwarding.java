package io.yagura.agent.centre;

import io.yagura.agent.forward.StoreAndForward;
import java.net.URI;
import java.util.List;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.uri.ConnectorTransportConfigurationParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agents' gateway on a platform whose queues live on an external broker: agents still connect
 * to this node's embedded broker (its mutual-TLS acceptor and certificate login are Yagura's own
 * code, which an external Artemis does not run), and a core bridge per agent forwards the agent's
 * queue to the same address on the external broker, where the lines are attributed as usual.
 * The bridges keep the lines on this node's disk while the external broker is unreachable, send
 * them in order, and mark each with a duplicate id so that a message sent again after a failure is
 * dropped by the external broker instead of counted twice — the agent's own link does the same.
 */
public final class AgentForwarding {

    private static final Logger LOG = LoggerFactory.getLogger(AgentForwarding.class);
    static final String CONNECTOR = "yagura-platform-broker";
    private static final String BRIDGE_PREFIX = "yagura-agent-forward.";

    private final ActiveMQServer broker;
    private final String user;
    private final String password;

    /**
     * @param url the external broker's core URL, e.g. tcp://mq.soc.example:61616?sslEnabled=true;trustStorePath=…
     */
    public AgentForwarding(ActiveMQServer broker, String url, String user, String password) throws Exception {
        this.broker = broker;
        this.user = user;
        this.password = password;
        List<TransportConfiguration> connectors = new ConnectorTransportConfigurationParser().newObject(new URI(url),
                CONNECTOR);
        if (connectors.isEmpty()) {
            throw new IllegalArgumentException("forward.url '" + url.replaceAll("(?i)password=[^;&]*", "password=***")
                    + "' names no broker");
        }
        broker.getConfiguration().addConnectorConfiguration(CONNECTOR, connectors.get(0));
    }

    static String bridgeOf(String agent) {
        return BRIDGE_PREFIX + agent;
    }

    /** True when agent {@code name}'s queue is forwarded (its bridge deployed, connected or not). */
    public boolean forwarded(String name) {
        return broker.getClusterManager().getBridges().containsKey(bridgeOf(name));
    }

    /** Forwards agent {@code name}'s queue from now on (nothing when it is forwarded already). */
    public synchronized void forward(String name) throws Exception {
        String bridge = bridgeOf(name);
        if (forwarded(name)) {
            return;
        }
        String address = AgentCentre.addressOf(name);
        broker.deployBridge(StoreAndForward.bridge(bridge, address, address, CONNECTOR, user, password));
        LOG.info("Agent {}: its lines are forwarded from this node's broker to the platform's broker ({})", name, address);
    }

    /** True while agent {@code name}'s bridge is connected to the external broker. */
    public boolean connected(String name) {
        var b = broker.getClusterManager().getBridges().get(bridgeOf(name));
        return b != null && b.isConnected();
    }

    public synchronized void close() throws Exception {
        for (String bridge : List.copyOf(broker.getClusterManager().getBridges().keySet())) {
            if (bridge.startsWith(BRIDGE_PREFIX) && broker.isStarted()) {
                broker.destroyBridge(bridge);
            }
        }
    }
}
