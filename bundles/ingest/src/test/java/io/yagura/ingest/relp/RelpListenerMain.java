package io.yagura.ingest.relp;

import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.ingest.LineDispatcher;
import io.yagura.metrics.CountersService;
import io.yagura.registry.DeviceRegistryService;
import io.yagura.registry.MemoryRegistryRepository;
import java.util.ArrayList;
import java.util.List;
import org.apache.qpid.jms.JmsConnectionFactory;

/**
 * The RELP listener alone in a JVM of its own, so that a test can kill it with SIGKILL:
 * {@code RelpListenerMain <port> <broker url> <vendor>}; lines from 127.0.0.1 go to that
 * vendor's queue. Prints "listening" once bound.
 */
public final class RelpListenerMain {

    private RelpListenerMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        DeviceRegistryService registry = new DeviceRegistryService(new MemoryRegistryRepository());
        registry.putCustomer(new Customer("acme", "ACME", List.of("10.0.0.0/8")));
        registry.putDevice(new Device("acme-relay", "acme", args[2], "relay", List.of("127.0.0.1")));
        CountersService counters = new CountersService();
        JmsConnectionFactory broker = new JmsConnectionFactory(ArtemisProcess.USER, ArtemisProcess.PASSWORD, args[1]);
        RelpServer.start(new RelpSettings("127.0.0.1", port, 131072, 128, 5, 1024, 2048, 1), "relp:" + port,
                new LineDispatcher(registry, counters, new ArrayList<>()), counters, () -> new BrokerLines(broker));
        System.out.println("listening");
        Thread.currentThread().join(); // until killed
    }
}
