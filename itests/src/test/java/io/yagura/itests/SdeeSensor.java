package io.yagura.itests;

import io.yagura.plugin.ciscoips.SdeeTestServer;
import io.yagura.plugin.ciscoips.TestTls;
import java.io.IOException;

/**
 * A Cisco IPS sensor beside the platform: the cisco-ips plugin's SDEE test server (real HTTPS,
 * basic authentication, subscriptions) started in the test JVM, outside Karaf, holding a few
 * alerts and a status event. Only {@code @Configuration} code, which runs outside Karaf, may
 * touch this class; the test inside Karaf learns the address from system properties.
 */
final class SdeeSensor {

    /** Alerts the sensor holds; the status event it also holds is no alert. */
    static final int ALERTS = 3;

    private static SdeeTestServer server;

    private SdeeSensor() {
    }

    /** Starts the sensor once per test JVM and returns the system properties naming it. */
    static synchronized String[][] start() throws IOException {
        if (server == null) {
            server = new SdeeTestServer();
            for (int i = 0; i < ALERTS; i++) {
                server.alert(5081 + i);
            }
            server.status();
            Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        }
        return new String[][] {
            {"yagura.itest.sdee.url", server.url()},
            {"yagura.itest.sdee.user", SdeeTestServer.USER},
            {"yagura.itest.sdee.password", SdeeTestServer.PASSWORD},
            {"yagura.itest.sdee.cert", TestTls.CERT_PEM.toAbsolutePath().toString()},
        };
    }
}
