package io.yagura.agent;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.yagura.agent.centre.AgentCentre;
import io.yagura.agent.centre.AgentRegistry;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.LongStream;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent in a network namespace of its own (a JVM of its own), the centre in this JVM on
 * the host side of a veth pair; the link cut with iptables while numbered lines arrive, then
 * restored; and the agent killed with SIGKILL and started again. Counted by number at the
 * centre: 0 lost, 0 twice, in order. Skipped (with the reason) where the test cannot be root.
 */
class AgentLinkCutTest {

    private static final AgentAuthorityRef AUTHORITY = new AgentAuthorityRef();
    private static final int LINES = 20_000;
    private static final int RATE = 1_000;
    /** What the bridge can have sent unconfirmed: its confirmation window (1 MiB) of ~1 KB messages of 10 lines. */
    private static final int IN_FLIGHT_LINES = 10_000;

    @TempDir
    Path tmp;
    private Netns net;
    private EmbeddedActiveMQ centreBroker;
    private AgentCentre centre;
    private final List<Process> agents = new ArrayList<>();
    private final NumberedTraffic traffic = new NumberedTraffic("cut1");

    @BeforeAll
    static void jaas() {
        TestBrokers.jaas(AUTHORITY);
    }

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Netns.available(), "needs root, iproute2 and iptables (network namespaces)");
        net = new Netns();
        centreBroker = TestBrokers.centre(tmp.resolve("centre-broker"), 30);
        centre = new AgentCentre(centreBroker.getActiveMQServer(), tmp.resolve("centre-agents"), new AgentCentre.Settings(
                net.hostAddress, AgentLinkTest.freePort(), 0, List.of(net.hostAddress), Duration.ofHours(1),
                Duration.ofDays(30), Duration.ofMinutes(10)), Clock.systemUTC());
        centre.start();
        AUTHORITY.set(centre);
    }

    @AfterEach
    void stop() throws Exception {
        for (Process p : agents) {
            p.destroyForcibly().waitFor();
        }
        if (centre != null) {
            centre.close();
            centreBroker.stop();
        }
        if (net != null) {
            net.close();
        }
    }

    @Test
    void aLinkCutWhileLinesArriveLosesNothingAndDeliversNothingTwice() throws Exception {
        AgentRegistry.Token token = centre.enrol("site1", "acme");
        AtomicLong sent = new AtomicLong();
        try (NumberedTraffic.Receiver at = new NumberedTraffic.Receiver(traffic, "vm://30", AgentCentre.addressOf("site1"))) {
            Process agent = startAgent(token.value(), 0, LINES, sent);
            await().atMost(Duration.ofSeconds(60)).until(() -> at.count() >= 3_000);

            net.cut();
            int atCut = at.count();
            // Nothing crosses a cut link, while the agent keeps taking lines into its buffer.
            long sentAtCut = sent.get();
            await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(15))
                    .until(() -> at.count() <= atCut + NumberedTraffic.LINES_PER_MESSAGE * 100);
            int duringCut = at.count();
            assertTrue(sent.get() > sentAtCut, "the agent kept accepting lines while the link was cut");
            net.restore();

            await().atMost(Duration.ofSeconds(90)).until(() -> at.count() >= LINES);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> at.count() == LINES);
            assertEquals(LongStream.range(0, LINES).boxed().toList(), at.received(),
                    "every line once and in order (" + atCut + " before the cut, " + (duringCut - atCut)
                    + " in flight at the cut)");
            agent.getOutputStream().close();
        }
    }

    @Test
    void anAgentKilledMidStreamAndStartedAgainLosesNothingItAccepted() throws Exception {
        AgentRegistry.Token token = centre.enrol("site1", "acme");
        AtomicLong sent = new AtomicLong();
        try (NumberedTraffic.Receiver at = new NumberedTraffic.Receiver(traffic, "vm://30", AgentCentre.addressOf("site1"))) {
            // The link is cut first, so that the agent holds a backlog on disk when it dies.
            Process agent = startAgent(token.value(), 0, 10_000, sent);
            await().atMost(Duration.ofSeconds(60)).until(() -> at.count() >= 1_000);
            net.cut();
            await().atMost(Duration.ofSeconds(30)).until(() -> sent.get() >= 6_000);
            agent.destroyForcibly().waitFor();
            long accepted = sent.get();
            net.restore();

            startAgent(null, 0, 0, new AtomicLong());
            await().atMost(Duration.ofSeconds(90)).until(() -> at.count() >= accepted);
            await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> at.count() == at.count());
            List<Long> got = at.received();
            assertEquals(LongStream.range(0, got.size()).boxed().toList(), got.stream().sorted().toList(),
                    "every accepted line once after the restart (" + accepted + " confirmed to the sender)");
            assertTrue(got.size() >= accepted, got.size() + " delivered, " + accepted + " accepted");
            // Order: the messages the bridge had in flight when the link was cut can come back out of
            // order after a kill -9 (seen once in CI: two adjacent messages swapped; docs/agent.md);
            // everything else arrives in order, and nothing moves further than what can be in flight.
            long displaced = 0;
            long furthest = 0;
            for (int i = 0; i < got.size(); i++) {
                long moved = Math.abs(got.get(i) - i);
                displaced += moved == 0 ? 0 : 1;
                furthest = Math.max(furthest, moved);
            }
            System.out.printf("agent killed with a backlog: %d of %d lines out of place, at most %d places%n",
                    displaced, got.size(), furthest);
            assertTrue(furthest <= IN_FLIGHT_LINES, "a line moved " + furthest + " places: more than what can be in flight");
        }
    }

    private Process startAgent(String token, long from, long to, AtomicLong sent) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = net.in(List.of(java.toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                AgentProcess.class.getName(), tmp.resolve("agent").toString(), net.hostAddress,
                Integer.toString(centre.brokerPort()), Integer.toString(centre.enrolPort()), centre.caFingerprint(),
                token == null ? "-" : token, "site1", "cut1", Long.toString(from), Long.toString(to),
                Integer.toString(RATE)));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        agents.add(p);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    if (line.startsWith("SENT ")) {
                        sent.set(Long.parseLong(line.substring(5)));
                    } else if (line.contains("ERROR") || line.contains("Exception")) {
                        System.err.println("agent: " + line);
                    }
                }
            } catch (IOException ended) {
                // the process is gone
            }
        }, "agent-output");
        reader.setDaemon(true);
        reader.start();
        return p;
    }

}
