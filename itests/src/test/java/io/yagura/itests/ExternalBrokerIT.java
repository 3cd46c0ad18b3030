package io.yagura.itests;

import static io.yagura.itests.Await.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import java.io.OutputStream;
import java.io.Reader;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.camel.CamelContext;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.KarafDistributionOption;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/**
 * Yagura against the standalone Artemis 2.40 distribution instead of the embedded broker,
 * changed by configuration only: yagura-broker left out of featuresBoot, broker.url
 * pointed at the external broker. Lines must flow exactly as with the embedded one.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class ExternalBrokerIT {

    private static final int LINES = 500;

    @Inject
    BundleContext context;

    @Inject
    CamelContext camel;

    @Inject
    org.apache.karaf.shell.api.console.SessionFactory sessions;

    @Configuration
    public Option[] config() throws Exception {
        StandaloneArtemis broker = StandaloneArtemis.start("yagura", "yagura");
        List<Option> options = YaguraKaraf.distribution();
        options.add(KarafDistributionOption.editConfigurationFilePut("etc/org.apache.karaf.features.cfg",
                "featuresBoot", bootFeaturesWithoutEmbeddedBroker()));
        options.add(KarafDistributionOption.editConfigurationFilePut("etc/io.yagura.camel.cfg", "broker.url",
                "amqp://127.0.0.1:" + broker.port));
        return options.toArray(new Option[0]);
    }

    /**
     * The distribution's own featuresBoot, less yagura-broker and yagura-agent-centre (the agents'
     * acceptor lives on the embedded broker): what an operator edits (docs/operations.md).
     */
    private static String bootFeaturesWithoutEmbeddedBroker() throws Exception {
        Path cfg = Path.of(System.getProperty("yagura.assembly.etc"), "org.apache.karaf.features.cfg");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(cfg)) {
            p.load(r);
        }
        return Arrays.stream(p.getProperty("featuresBoot").split(","))
                .map(String::trim)
                .filter(f -> !f.startsWith("yagura-broker") && !f.startsWith("yagura-agent-centre"))
                .collect(Collectors.joining(", "));
    }

    @Test
    public void linesFlowThroughAnExternalArtemis() throws Exception {
        Await.platformReady(camel);
        for (Bundle b : context.getBundles()) {
            assertNull("embedded broker must not run: " + b.getSymbolicName(),
                    "org.apache.activemq.artemis-server-osgi".equals(b.getSymbolicName()) ? b : null);
        }
        try (QueueCapture capture = new QueueCapture(context, camel)) {
            try (Socket s = new Socket("127.0.0.1", Integer.getInteger("yagura.itest.syslogPort"))) {
                OutputStream out = s.getOutputStream();
                for (int i = 1; i <= LINES; i++) {
                    out.write(("%ASA-4-106023: Deny udp src outside:198.51.100.7/" + (30000 + i)
                            + " dst inside:10.0.0.9/53 by access-group \"outside_in\" [0x0, 0x0]\n")
                            .getBytes(StandardCharsets.US_ASCII));
                }
                out.flush();
            }
            await(LINES + " events through the external broker", () -> capture.events.size() >= LINES, 90);
            Thread.sleep(1000);
            assertEquals("events", LINES, capture.events.size());
            SecurityEvent first = capture.eventWithSourcePort(30001);
            assertEquals("udp", first.getString(Ecs.NETWORK_TRANSPORT));
            assertEquals(0, capture.deadLetters.size());
        }
        // The external broker's divert (docs/operations.md) gives the event archive its copy.
        await("the archive holds the 500 events", () -> archived() == LINES, 60);
    }

    private long archived() {
        try {
            return ShellConsole.run(sessions, "yagura:events --customer demo --ip 198.51.100.7 -n 1000 --json")
                    .lines().filter(l -> l.startsWith("{")).count();
        } catch (Exception notYet) {
            return -1;
        }
    }
}
