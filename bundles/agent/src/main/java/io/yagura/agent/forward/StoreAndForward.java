package io.yagura.agent.forward;

import java.util.List;
import org.apache.activemq.artemis.core.config.BridgeConfiguration;
import org.apache.activemq.artemis.core.server.ComponentConfigurationRoutingType;

/**
 * The core bridge both hops of an agent's lines use (agent → centre, and gateway node → external
 * broker): one connection, in order, duplicate ids so a message sent again after a failure is
 * dropped by the receiving broker, retried for ever with a backoff up to 30 s, and a cut link
 * noticed within a connection TTL rather than a TCP timeout.
 */
public final class StoreAndForward {

    private StoreAndForward() {
    }

    public static BridgeConfiguration bridge(String name, String queue, String forwardingAddress, String connector,
                                             String user, String password) {
        return new BridgeConfiguration(name)
                .setQueueName(queue)
                .setForwardingAddress(forwardingAddress)
                .setRoutingType(ComponentConfigurationRoutingType.ANYCAST)
                .setStaticConnectors(List.of(connector))
                .setHA(false)
                .setConcurrency(1)
                .setUseDuplicateDetection(true)
                .setConfirmationWindowSize(1024 * 1024)
                .setReconnectAttempts(-1)
                .setInitialConnectAttempts(-1)
                .setRetryInterval(1000)
                .setRetryIntervalMultiplier(2.0)
                .setMaxRetryInterval(30_000)
                .setClientFailureCheckPeriod(5_000)
                .setConnectionTTL(15_000)
                .setCallTimeout(15_000)
                .setUser(user)
                .setPassword(password);
    }
}
