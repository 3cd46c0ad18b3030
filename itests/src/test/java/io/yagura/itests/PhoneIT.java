package io.yagura.itests;

import static io.yagura.itests.Await.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.yagura.api.incident.DeliveryAttempt;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import io.yagura.api.notify.Acknowledgements;
import io.yagura.api.registry.Contact;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.DeviceRegistry;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.camel.CamelContext;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.KarafDistributionOption;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The phone story in the real distribution, with a real SIP peer: an Emergency made by two syslog
 * lines from a real client calls the demo customer's contacts through the configured trunk (SIPp,
 * Debian sip-tester); the first contact never answers, the second answers and presses 1 (RFC 4733),
 * which acknowledges the incident and stops the escalation: nobody is called again.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PhoneIT {

    private static final String ATTACKER = "203.0.113.61";
    private static final String FIRST = "0311111111";
    private static final String SECOND = "0322222222";

    @Inject
    CamelContext camel;

    @Inject
    DeviceRegistry registry;

    @Inject
    IncidentStore incidents;

    @Inject
    Acknowledgements acknowledgements;

    @Configuration
    public Option[] config() throws IOException {
        List<Option> options = YaguraKaraf.distribution();
        String[] trunk = Trunk.start();
        put(options, "trunk", "127.0.0.1:" + trunk[0]);
        put(options, "localAddress", "127.0.0.1");
        put(options, "localPort", Integer.toString(YaguraKaraf.freeTcpAndUdpPort()));
        int rtp = YaguraKaraf.freeTcpAndUdpPort() / 2 * 2;
        put(options, "rtpPorts", rtp + "-" + (rtp + 20));
        put(options, "ringTimeoutSeconds", "3");
        put(options, "digitWaitSeconds", "15");
        put(options, "rounds", "2");
        put(options, "roundPauseSeconds", "3");
        options.add(CoreOptions.systemProperty("yagura.itest.sippMessages").value(trunk[1]));
        return options.toArray(new Option[0]);
    }

    private static void put(List<Option> options, String key, String value) {
        options.add(KarafDistributionOption.editConfigurationFilePut("etc/io.yagura.notify.phone.cfg", key, value));
    }

    @Test
    public void anEmergencyCallsTheContactsInOrderUntilOnePressesOne() throws Exception {
        Await.platformReady(camel);
        Customer demo = registry.customer("demo").orElseThrow();
        registry.putCustomer(demo.withContacts(List.of(
                new Contact("Tanaka", null, FIRST, 1, List.of("phone"), List.of(), "ja", null),
                new Contact("Smith", null, SECOND, 2, List.of("phone"), List.of(), "en", null))));

        SyslogClient.logger("-T", "%ASA-4-400032: IPS:4051 UDP Snork attack from " + ATTACKER
                + " to 10.0.0.5 on interface outside");
        SyslogClient.logger("-T", "%ASA-6-302013: Built outbound TCP connection 881377 for outside:" + ATTACKER
                + "/4444 (" + ATTACKER + "/4444) to inside:10.0.0.5/50433 (198.51.100.5/50433)");
        await("the Emergency stored", () -> emergency().isPresent(), 30);
        String id = emergency().orElseThrow().id();

        await("the second contact's call delivered (digit 1)", () -> phoneNotice(id, SECOND)
                .map(n -> "delivered".equals(n.status())).orElse(false), 90, () -> calls(id));
        Acknowledgements.Acknowledgement ack = acknowledgements.find(id).orElseThrow();
        assertEquals("phone", ack.channel());
        assertEquals(SECOND, ack.by());

        Notification first = phoneNotice(id, FIRST).orElseThrow();
        List<DeliveryAttempt> firstCalls = incidents.attempts(first.id());
        assertEquals(calls(id), 1, firstCalls.size());
        assertTrue(calls(id), firstCalls.get(0).answer().contains("no answer"));
        assertEquals(calls(id), "cancelled", first.status());
        assertTrue(calls(id), incidents.attempts(phoneNotice(id, SECOND).orElseThrow().id()).get(0).answer()
                .contains("digits 1"));

        // Acknowledged: the next round (3 s after the first) calls nobody.
        Await.holds("two INVITEs at the trunk, no third", () -> invitesAtTheTrunk() == 2, 6, () -> calls(id));
    }

    private Optional<Incident> emergency() {
        return incidents.list(new IncidentStore.Filter("demo", Level.EMERGENCY, null, null, 50)).stream()
                .filter(i -> i.attackers().contains(ATTACKER)).findFirst();
    }

    private Optional<Notification> phoneNotice(String incidentId, String number) {
        return incidents.notifications(incidentId).stream()
                .filter(n -> "phone".equals(n.channel()) && number.equals(n.address())).findFirst();
    }

    private String calls(String incidentId) {
        return incidents.notifications(incidentId).stream().filter(n -> "phone".equals(n.channel()))
                .map(n -> n.address() + " " + n.status() + " " + incidents.attempts(n.id()).stream()
                        .map(DeliveryAttempt::answer).toList())
                .collect(Collectors.joining("\n"));
    }

    private static long invitesAtTheTrunk() {
        Path log = Path.of(System.getProperty("yagura.itest.sippMessages"));
        try {
            return Files.exists(log) ? Files.readAllLines(log).stream().filter(l -> l.startsWith("INVITE sip:")).count() : 0;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The SIP trunk: one SIPp process in the test's outer JVM, answering per number (sipp/escalation.xml). */
    static final class Trunk {
        private static String[] started;

        static synchronized String[] start() throws IOException {
            if (started == null) {
                String sipp = System.getProperty("yagura.test.sipp", "/usr/bin/sipp");
                if (!new File(sipp).canExecute()) {
                    throw new IllegalStateException("SIPp is not installed at " + sipp
                            + " (Debian package sip-tester; .ci/run installs it)");
                }
                int port = YaguraKaraf.freeTcpAndUdpPort();
                Path dir = Files.createDirectories(Path.of("target", "sipp"));
                Path messages = dir.resolve("escalation-" + port + ".messages.log").toAbsolutePath();
                List<String> cmd = new ArrayList<>(List.of(sipp, "-sf", Path.of("src/test/resources/sipp/escalation.xml")
                        .toAbsolutePath().toString(), "-i", "127.0.0.1", "-p", Integer.toString(port),
                        "-mi", "127.0.0.1", "-mp", Integer.toString(YaguraKaraf.freeTcpAndUdpPort()), "-m", "2", "-nostdin",
                        "-timeout", "600s", "-trace_msg", "-message_file", messages.toString()));
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                        .redirectOutput(dir.resolve("escalation-" + port + ".out").toFile()).start();
                Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
                started = new String[] {Integer.toString(port), messages.toString()};
            }
            return started;
        }
    }
}
