package io.yagura.itests;

import static io.yagura.itests.Await.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.yagura.api.archive.EventArchive;
import io.yagura.api.event.DeadLetter;
import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.metrics.Counters;
import io.yagura.api.metrics.Metric;
import io.yagura.api.plugin.VendorPlugin;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.DeviceRegistry;
import io.yagura.api.registry.ManagementEndpoint;
import io.yagura.api.registry.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import javax.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.karaf.features.FeaturesService;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.KarafDistributionOption;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;

/**
 * Every vendor plugin in the distribution, in one boot: all thirteen start with the platform;
 * twelve are uninstalled and installed again as an operator would; then each family's sample
 * lines arrive over TCP syslog from a registered device of that vendor and every line is
 * accounted for (event, ignored, or a dead letter with its reason); one line per family from an
 * unregistered source is recognised by the right plugin's probe; and a Cisco IPS sensor
 * registered with a management endpoint is polled over SDEE (real HTTPS) by yagura-pull.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class VendorPluginsIT {

    /** The plugins the distribution ships, each with samples/<id>.log in its module. */
    static final List<String> VENDORS = List.of("cisco-asa", "cisco-firepower", "cisco-ips", "juniper-srx",
            "juniper-screenos", "checkpoint", "paloalto", "ibm-gx", "mcafee-nsp", "wins-sniper", "fortinet",
            "suricata", "waf");

    @Inject
    BundleContext context;

    @Inject
    CamelContext camel;

    @Inject
    EventArchive archive;

    private final Instant began = Instant.now();

    @Inject
    Counters counters;

    @Inject
    DeviceRegistry registry;

    @Inject
    FeaturesService features;

    @Inject
    SessionFactory sessions;

    @Configuration
    public Option[] config() throws Exception {
        List<Option> options = YaguraKaraf.distribution();
        for (String[] property : SdeeSensor.start()) {
            options.add(CoreOptions.systemProperty(property[0]).value(property[1]));
        }
        options.add(CoreOptions.systemProperty("yagura.itest.repo")
                .value(Path.of(System.getProperty("yagura.itest.repo", "..")).toAbsolutePath().normalize().toString()));
        // look at the registry every second, so the sensor is polled soon after it is registered
        options.add(KarafDistributionOption.editConfigurationFilePut("etc/io.yagura.pull.cfg", "refresh.interval.s", "1"));
        // the pull scheduler says at INFO which devices it polls and why a poll failed
        options.add(KarafDistributionOption.editConfigurationFilePut("etc/org.ops4j.pax.logging.cfg",
                "log4j2.logger.yagurapull.name", "io.yagura.pull"));
        options.add(KarafDistributionOption.editConfigurationFilePut("etc/org.ops4j.pax.logging.cfg",
                "log4j2.logger.yagurapull.level", "INFO"));
        // which bundles a feature change refreshes, and why (a platform-wide refresh broke this test once)
        options.add(KarafDistributionOption.editConfigurationFilePut("etc/org.ops4j.pax.logging.cfg",
                "log4j2.logger.features.name", "org.apache.karaf.features"));
        options.add(KarafDistributionOption.editConfigurationFilePut("etc/org.ops4j.pax.logging.cfg",
                "log4j2.logger.features.level", "INFO"));
        return options.toArray(new Option[0]);
    }

    @Test
    public void everyPluginInstallsReadsItsFamilyIsDetectedAndTheSensorIsPulled() throws Exception {
        Await.platformReady(camel);
        for (String vendor : VENDORS) {
            awaitPlugin(vendor, true);
        }

        // 1. Uninstalled and installed again, as an operator would, without touching the platform.
        Set<String> others = new LinkedHashSet<>();
        VENDORS.stream().filter(v -> !v.equals("cisco-asa")).forEach(v -> others.add("yagura-plugin-" + v));
        features.uninstallFeatures(others, EnumSet.noneOf(FeaturesService.Option.class));
        for (String vendor : VENDORS) {
            awaitPlugin(vendor, vendor.equals("cisco-asa"));
        }
        features.installFeatures(others, EnumSet.noneOf(FeaturesService.Option.class));
        for (String vendor : VENDORS) {
            awaitPlugin(vendor, true);
        }
        String listed = ShellConsole.run(sessions, "yagura:plugins");
        for (String vendor : VENDORS) {
            assertTrue("yagura:plugins lists " + vendor + ":\n" + listed, listed.contains(vendor));
        }

        try (QueueCapture capture = QueueCapture.deadLettersOnly(context, camel)) {
            // 2. Each family's samples from a registered device of its vendor: every line accounted for.
            Map<String, List<String>> samples = new LinkedHashMap<>();
            Map<String, long[]> before = new LinkedHashMap<>();
            int host = 10;
            for (String vendor : VENDORS) {
                String address = "127.0.1." + host++;
                registry.putDevice(new Device("it-" + vendor, "demo", vendor, vendor, List.of(address)));
                samples.put(vendor, sampleLines(vendor));
                before.put(vendor, pluginCounts(vendor));
                SyslogClient.sendTcpFrom(address, samples.get(vendor));
            }
            for (String vendor : VENDORS) {
                int sent = samples.get(vendor).size();
                await(vendor + ": " + sent + " lines received and accounted for", () -> {
                    long[] now = delta(vendor, before.get(vendor));
                    return now[0] == sent && now[1] + now[2] + now[3] == sent;
                }, 60, () -> counts(delta(vendor, before.get(vendor))) + "\n" + console("yagura:plugins")
                        + console("yagura:counters ingest"));
            }
            for (String vendor : VENDORS) {
                long[] d = delta(vendor, before.get(vendor));
                String device = "it-" + vendor;
                await(vendor + ": events through yagura.events into the archive", () -> eventsOf(device).size() == d[4], 30,
                        () -> eventsOf(device).size() + " of " + d[4] + " events archived, " + archived().size()
                                + " in all; " + counts(delta(vendor, before.get(vendor))) + "\n" + console("yagura:plugins"));
                await(vendor + ": dead letters", () -> deadLettersOf(capture, device).size() == d[3], 30);
                List<SecurityEvent> events = eventsOf(device);
                assertTrue(vendor + " parsed most of its samples: " + counts(d), d[1] * 2 > samples.get(vendor).size());
                for (SecurityEvent e : events) {
                    assertEquals("yagura.plugin", vendor, e.getString(Ecs.YAGURA_PLUGIN));
                    assertEquals("customer.id", "demo", e.getString(Ecs.CUSTOMER_ID));
                    assertTrue(vendor + " event keeps its line", e.has(Ecs.EVENT_ORIGINAL));
                    assertTrue(vendor + " event has a time", e.has(Ecs.TIMESTAMP));
                }
                assertTrue(vendor + " gives a verdict on some event", events.stream()
                        .anyMatch(e -> Ecs.VERDICTS.contains(e.getString(Ecs.EVENT_ACTION))));
                for (DeadLetter dead : deadLettersOf(capture, device)) {
                    assertTrue(vendor + " dead letter has a reason", dead.reason() != null && !dead.reason().isBlank());
                }
            }

            // 3. An unregistered source: one line of each family, recognised by the right probe.
            List<String> detectable = new ArrayList<>();
            Map<String, Long> detectedBefore = new LinkedHashMap<>();
            for (String vendor : VENDORS) {
                String line = eventsOf("it-" + vendor).get(0).getString(Ecs.EVENT_ORIGINAL);
                detectable.add(line);
                detectedBefore.put(vendor, counters.counter(Metric.SCOPE_INGEST, vendor, Metric.AUTO_DETECTED).sum());
            }
            SyslogClient.sendTcpFrom("127.0.2.1", detectable);
            for (String vendor : VENDORS) {
                await(vendor + " recognises its line from an unknown source", () -> counters.counter(
                        Metric.SCOPE_INGEST, vendor, Metric.AUTO_DETECTED).sum() == detectedBefore.get(vendor) + 1, 60);
            }
            await("the detected lines are events", () -> archived().stream()
                    .filter(e -> "127.0.2.1".equals(e.getString(Ecs.YAGURA_RECEIVED_FROM)))
                    .map(e -> e.getString(Ecs.YAGURA_PLUGIN)).distinct().count() == VENDORS.size(), 60);

            // 4. A Cisco IPS sensor that sends nothing: polled over SDEE by yagura-pull.
            registry.putDevice(new Device("it-sensor", "demo", "cisco-ips", "IPS 4345", List.of("127.0.1.200"),
                    null, null, new ManagementEndpoint(System.getProperty("yagura.itest.sdee.url"),
                            System.getProperty("yagura.itest.sdee.user"),
                            Secret.of(System.getProperty("yagura.itest.sdee.password")),
                            Duration.ofSeconds(5), System.getProperty("yagura.itest.sdee.cert"))));
            await("the sensor's alerts are events", () -> eventsOf("it-sensor").size() == SdeeSensor.ALERTS, 90,
                    () -> eventsOf("it-sensor") + "\n" + console("yagura:counters pull")
                            + console("yagura:plugins") + console("yagura:deadletters -n 5"));
            Set<String> signatures = new TreeSet<>();
            eventsOf("it-sensor").forEach(e -> signatures.add(e.getString(Ecs.RULE_ID)));
            assertEquals("signatures of the pulled alerts", Set.of("5081", "5082", "5083"), signatures);
            await("pull counters", () -> counters.counter("pull", "it-sensor", "records").sum() >= SdeeSensor.ALERTS
                    && counters.counter("pull", "it-sensor", "failures").sum() == 0, 30);
            // 5. Every event is also in the archive, searchable per customer; no search without one.
            await("the pulled alerts are in the event archive", () -> console(
                    "yagura:events --customer demo --ip 192.0.2.10 --rule 5081 --json").contains("\"it-sensor\""), 60);
            assertTrue("a search names a customer", console("yagura:events --ip 192.0.2.10").toLowerCase()
                    .contains("customer"));
            String shown = ShellConsole.run(sessions, "yagura:device it-sensor");
            assertTrue("the device shows its endpoint, the secret masked:\n" + shown,
                    shown.contains(System.getProperty("yagura.itest.sdee.url"))
                            && !shown.contains(System.getProperty("yagura.itest.sdee.password")));
        }
    }

    private String console(String command) {
        try {
            return ShellConsole.run(sessions, command);
        } catch (Exception e) {
            return command + " failed: " + e;
        }
    }

    private void awaitPlugin(String vendor, boolean present) throws InterruptedException {
        String route = "vendor-" + vendor;
        await(vendor + (present ? " plugin and route up" : " plugin and route gone"), () -> {
            boolean service = pluginService(vendor);
            boolean started = camel.getRoute(route) != null
                    && camel.getRouteController().getRouteStatus(route).isStarted();
            return present ? service && started : !service && camel.getRoute(route) == null;
        }, 90);
    }

    private boolean pluginService(String vendor) {
        try {
            for (var reference : context.getServiceReferences(VendorPlugin.class, null)) {
                VendorPlugin plugin = context.getService(reference);
                try {
                    if (plugin != null && vendor.equals(plugin.vendorId())) {
                        return true;
                    }
                } finally {
                    context.ungetService(reference);
                }
            }
            return false;
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The module's sample lines, comments and blank lines left out. */
    private static List<String> sampleLines(String vendor) throws IOException {
        Path file = Path.of(System.getProperty("yagura.itest.repo"), "vendor-plugins", vendor,
                "src/test/resources/samples", vendor + ".log");
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    /** received, parsed, ignored, rejected, events of a plugin. */
    private long[] pluginCounts(String vendor) {
        String[] metrics = {Metric.RECEIVED, Metric.PARSED, Metric.IGNORED, Metric.REJECTED, Metric.EVENTS};
        long[] values = new long[metrics.length];
        for (int i = 0; i < metrics.length; i++) {
            values[i] = counters.counter(Metric.SCOPE_PLUGIN, vendor, metrics[i]).sum();
        }
        return values;
    }

    private long[] delta(String vendor, long[] before) {
        long[] now = pluginCounts(vendor);
        for (int i = 0; i < now.length; i++) {
            now[i] -= before[i];
        }
        return now;
    }

    private static String counts(long[] d) {
        return "received " + d[0] + ", parsed " + d[1] + ", ignored " + d[2] + ", rejected " + d[3] + ", events " + d[4];
    }

    /**
     * The events archived since the test began: each went through yagura.events, whose divert
     * gives the archive its own copy, so reading them takes nothing from correlation. (A capture
     * consuming yagura.events beside a paused correlation route missed one vendor's whole batch
     * in 2 of 3 runs on 2026-12-06, a different vendor each time; where it went was not found.)
     */
    private List<SecurityEvent> archived() {
        List<SecurityEvent> out = new ArrayList<>();
        archive.replay(Optional.empty(), began.minusSeconds(60), Instant.now().plusSeconds(60), out::add);
        return out;
    }

    private List<SecurityEvent> eventsOf(String device) {
        return archived().stream().filter(e -> device.equals(e.getString(Ecs.DEVICE_ID))).toList();
    }

    private static List<DeadLetter> deadLettersOf(QueueCapture capture, String device) {
        return capture.deadLetters.stream().filter(d -> device.equals(d.envelope().deviceId())).toList();
    }
}
