package io.yagura.itests;

import io.yagura.plugin.ciscoips.SdeeTestServer;
import io.yagura.plugin.ciscoips.TestTls;
import java.io.IOException;

/**
 * A Cisco IPS sensor beside the platform: the cisco-ips plugin's SDEE test server (real HTTPS,
 * basic authentication, subscriptions) started in the test JVM, outside Karaf. Like a real
 * sensor, a new subscription sees only what happens after it opens: once the platform has
 * subscribed, the sensor raises a few alerts and a status event. Only {@code @Configuration}
 * code, which runs outside Karaf, may touch this class; the test inside Karaf learns the address
 * from system properties.
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
            SdeeTestServer sensor = server;
            Thread traffic = new Thread(() -> {
                try {
                    while (sensor.count("open") == 0) {
                        Thread.sleep(200); // the platform has not subscribed yet
                    }
                    for (int i = 0; i < ALERTS; i++) {
                        sensor.alert(5081 + i);
                    }
                    sensor.status();
                } catch (InterruptedException stopped) {
                    Thread.currentThread().interrupt();
                }
            }, "sdee-sensor-traffic");
            traffic.setDaemon(true);
            traffic.start();
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
