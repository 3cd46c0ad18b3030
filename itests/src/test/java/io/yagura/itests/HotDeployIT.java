package io.yagura.itests;

import static io.yagura.itests.Await.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.metrics.Counters;
import io.yagura.api.metrics.Metric;
import io.yagura.wire.Wire;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The plugin lifecycle promise, in a real Karaf booted from the distribution: lines for a
 * vendor whose plugin is absent wait in its queue; installing the plugin processes the
 * backlog; stopping, starting and updating the plugin while lines stream in loses and
 * duplicates nothing; the broker and the other bundles are not restarted meanwhile.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HotDeployIT {

    private static final String PLUGIN_FEATURE = "yagura-plugin-cisco-asa";
    private static final String PLUGIN_BUNDLE = "io.yagura.yagura-plugin-cisco-asa";
    private static final String PLUGIN_ROUTE = "vendor-cisco-asa";
    private static final int BACKLOG = 1000;
    private static final int STREAM = 1000;

    @Inject
    BundleContext context;

    @Inject
    FeaturesService features;

    @Inject
    CamelContext camel;

    @Inject
    Counters counters;

    @Inject
    SessionFactory sessions;

    /** source.port of each normalized event seen on yagura.events → how many times. */
    private final Map<Long, AtomicInteger> seen = new ConcurrentHashMap<>();
    private final AtomicInteger events = new AtomicInteger();

    @Configuration
    public Option[] config() {
        return YaguraKaraf.distribution().toArray(new Option[0]);
    }

    @Test
    public void backlogWaitsForThePluginAndNothingIsLostOrDuplicatedAcrossStopStartAndUpdate() throws Exception {
        Await.platformReady(camel);
        Bundle ingest = bundle("io.yagura.yagura-ingest");
        Bundle broker = bundle("org.apache.activemq.artemis-server-osgi");
        long ingestModified = ingest.getLastModified();
        long brokerModified = broker.getLastModified();
        long camelUptimeBefore = camel.getUptime().toMillis();

        Events.pauseCorrelation(camel); // this test counts every event itself
        ServiceRegistration<RoutesBuilder> counter = context.registerService(RoutesBuilder.class, eventCounter(), null);
        try {
            // 1. Plugin absent: lines wait in yagura.raw.cisco-asa.
            features.uninstallFeature(PLUGIN_FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
            await("plugin route removed", () -> camel.getRoute(PLUGIN_ROUTE) == null, 60);
            assertNull("plugin bundle uninstalled", findBundle(PLUGIN_BUNDLE));

            long routedBefore = routed();
            send(1, BACKLOG, 0);
            await("backlog routed to the vendor queue", () -> routed() - routedBefore == BACKLOG, 60);
            Thread.sleep(1000);
            assertEquals("no event while the plugin is absent", 0, events.get());

            // 2. Plugin installed at runtime: the backlog is processed.
            features.installFeature(PLUGIN_FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
            await("backlog normalized", () -> events.get() >= BACKLOG, 120);

            // 3. Stop, start and update the plugin while lines stream in.
            Thread sender = new Thread(() -> send(BACKLOG + 1, STREAM, 4), "itest-sender");
            sender.start();
            Thread.sleep(800);
            Bundle plugin = bundle(PLUGIN_BUNDLE);
            plugin.stop();
            Thread.sleep(800);
            plugin.start();
            Thread.sleep(800);
            plugin.update();
            sender.join(60_000);
            await("every line normalized", () -> events.get() >= BACKLOG + STREAM, 120);
            Thread.sleep(2000); // a late duplicate would show up now

            List<Long> missing = new ArrayList<>();
            List<Long> duplicated = new ArrayList<>();
            for (long seq = 1; seq <= BACKLOG + STREAM; seq++) {
                AtomicInteger n = seen.get(seq);
                if (n == null) {
                    missing.add(seq);
                } else if (n.get() > 1) {
                    duplicated.add(seq);
                }
            }
            assertEquals("lines lost: " + missing, 0, missing.size());
            assertEquals("lines duplicated: " + duplicated, 0, duplicated.size());
            assertEquals("events on yagura.events", BACKLOG + STREAM, events.get());

            // 4. Nothing else was restarted.
            assertEquals("ingest bundle not reinstalled", ingestModified, ingest.getLastModified());
            assertEquals("ingest bundle active", Bundle.ACTIVE, ingest.getState());
            assertEquals("broker bundle not reinstalled", brokerModified, broker.getLastModified());
            assertEquals("broker bundle active", Bundle.ACTIVE, broker.getState());
            assertSame("same CamelContext", camel, context.getService(context.getServiceReference(CamelContext.class)));
            assertTrue("CamelContext not restarted", camel.getUptime().toMillis() > camelUptimeBefore);

            // 5. The console shows the plugin and the events.
            String plugins = ShellConsole.run(sessions, "yagura:plugins");
            assertTrue("yagura:plugins lists cisco-asa:\n" + plugins, plugins.contains("cisco-asa"));
            String tail = ShellConsole.run(sessions, "yagura:tail -n 5");
            assertTrue("yagura:tail shows the rule of the last events:\n" + tail, tail.contains("outside_in"));
        } finally {
            counter.unregister();
        }
    }

    private RouteBuilder eventCounter() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("amqp:queue:yagura.events").routeId("itest-event-counter").process(exchange -> {
                    for (SecurityEvent e : Wire.readEvents(exchange.getMessage().getBody(byte[].class))) {
                        events.incrementAndGet();
                        Long port = e.getLong(Ecs.SOURCE_PORT);
                        seen.computeIfAbsent(port == null ? -1L : port, k -> new AtomicInteger()).incrementAndGet();
                    }
                });
            }
        };
    }

    /** Sends ASA deny lines whose source port is their sequence number. */
    private static void send(int first, int count, int pauseEvery100Ms) {
        int port = Integer.getInteger("yagura.itest.syslogPort");
        try (Socket socket = new Socket("127.0.0.1", port);
             OutputStream out = new BufferedOutputStream(socket.getOutputStream())) {
            for (int seq = first; seq < first + count; seq++) {
                String line = "<164>Nov 27 2026 10:00:00 asa-itest : %ASA-4-106023: Deny tcp src outside:203.0.113.7/"
                        + seq + " dst inside:10.0.0.1/22 by access-group \"outside_in\" [0x0, 0x0]\n";
                out.write(line.getBytes(StandardCharsets.US_ASCII));
                if (pauseEvery100Ms > 0 && seq % 100 == 0) {
                    out.flush();
                    Thread.sleep(pauseEvery100Ms * 100L);
                }
            }
            out.flush();
        } catch (Exception e) {
            throw new IllegalStateException("sending failed", e);
        }
    }

    private long routed() {
        return counters.counter(Metric.SCOPE_INGEST, "yagura.raw.cisco-asa", Metric.ROUTED).sum();
    }

    private Bundle bundle(String symbolicName) {
        Bundle b = findBundle(symbolicName);
        assertNotNull("bundle " + symbolicName, b);
        return b;
    }

    private Bundle findBundle(String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                return b;
            }
        }
        return null;
    }
}
