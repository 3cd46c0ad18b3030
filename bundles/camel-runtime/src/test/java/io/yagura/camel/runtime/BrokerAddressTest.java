package io.yagura.camel.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BrokerAddressTest {

    @Test
    void plainAmqpUrlsAreProbedOthersAreNot() {
        assertEquals(Optional.of(InetSocketAddress.createUnresolved("127.0.0.1", 5672)),
                BrokerAddress.of("amqp://127.0.0.1:5672"));
        assertEquals(Optional.of(InetSocketAddress.createUnresolved("broker.soc.example", 5671)),
                BrokerAddress.of("amqps://broker.soc.example?transport.trustStoreLocation=/etc/ts.p12"));
        assertEquals(Optional.of(InetSocketAddress.createUnresolved("mq", 5672)), BrokerAddress.of("amqp://mq"));
        assertEquals(Optional.empty(), BrokerAddress.of("failover:(amqp://a:5672,amqp://b:5672)"));
        assertEquals(Optional.empty(), BrokerAddress.of("amqpws://a:80"));
        assertEquals(Optional.empty(), BrokerAddress.of("not a url"));
    }

    @Test
    void acceptsTellsWhetherSomethingListens() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
            assertTrue(BrokerAddress.accepts(InetSocketAddress.createUnresolved("127.0.0.1", port), 500));
        }
        assertFalse(BrokerAddress.accepts(InetSocketAddress.createUnresolved("127.0.0.1", port), 500));
    }
}
