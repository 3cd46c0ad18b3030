package io.yagura.agent;

import io.yagura.agent.centre.AgentCentre;
import io.yagura.agent.centre.AgentRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientConsumer;
import org.apache.activemq.artemis.api.core.client.ClientMessage;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.api.core.client.ClientSessionFactory;
import org.apache.activemq.artemis.api.core.client.ServerLocator;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * A stand-in centre for runs against the agent distribution (tools/agent-cut.sh): the centre's
 * agent code on an embedded broker, which issues one enrolment token, then counts the numbered
 * lines arriving from the agent by number. Prints {@code TOKEN}, {@code FINGERPRINT}, then every
 * few seconds {@code COUNT <distinct> DUPLICATES <n> MAX <highest>} and, on request (a line
 * {@code missing} on standard input), the numbers not received below the highest.
 *
 * <p>Arguments: dir bindHost brokerPort enrolPort agentName customer run
 */
public final class CentreProcess {

    private CentreProcess() {
    }

    public static void main(String[] args) throws Exception {
        AgentAuthorityRef authority = new AgentAuthorityRef();
        TestBrokers.jaas(authority);
        Path dir = Path.of(args[0]);
        EmbeddedActiveMQ broker = TestBrokers.centre(dir.resolve("broker"), 40);
        AgentCentre centre = new AgentCentre(broker.getActiveMQServer(), dir.resolve("agents"), new AgentCentre.Settings(
                args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), List.of(args[1]), Duration.ofHours(2),
                Duration.ofDays(30), Duration.ofMinutes(10)), Clock.systemUTC());
        centre.start();
        authority.set(centre);
        AgentRegistry.Token token = centre.enrol(args[4], args[5]);
        System.out.println("TOKEN " + token.value());
        System.out.println("FINGERPRINT " + centre.caFingerprint());
        System.out.flush();

        NumberedTraffic traffic = new NumberedTraffic(args[6]);
        BitSet seen = new BitSet();
        long[] duplicates = {0};
        long[] max = {-1};
        try (ServerLocator locator = ActiveMQClient.createServerLocator("vm://40").setAckBatchSize(0);
             ClientSessionFactory factory = locator.createSessionFactory();
             ClientSession session = factory.createSession(true, true);
             ClientConsumer consumer = session.createConsumer(AgentCentre.addressOf(args[4]))) {
            session.start();
            long lastPrint = 0;
            java.io.BufferedReader stdin = new java.io.BufferedReader(new java.io.InputStreamReader(System.in));
            while (true) {
                ClientMessage m = consumer.receive(500);
                if (m != null) {
                    byte[] body = new byte[m.getBodyBuffer().readableBytes()];
                    m.getBodyBuffer().readBytes(body);
                    List<Long> numbers;
                    try {
                        numbers = traffic.numbers(body);
                    } catch (RuntimeException unreadable) {
                        System.out.println("UNREADABLE " + unreadable.getMessage());
                        numbers = List.of();
                    }
                    for (long n : numbers) {
                        if (seen.get((int) n)) {
                            duplicates[0]++;
                        }
                        seen.set((int) n);
                        max[0] = Math.max(max[0], n);
                    }
                    m.acknowledge();
                }
                if (System.currentTimeMillis() - lastPrint > 2_000) {
                    lastPrint = System.currentTimeMillis();
                    System.out.println("COUNT " + seen.cardinality() + " DUPLICATES " + duplicates[0] + " MAX " + max[0]
                            + " CONNECTED " + centre.status().get(0).connected());
                    System.out.flush();
                }
                if (stdin.ready() && "missing".equals(stdin.readLine())) {
                    StringBuilder gaps = new StringBuilder("MISSING");
                    for (int n = seen.nextClearBit(0); n < max[0]; n = seen.nextClearBit(n + 1)) {
                        gaps.append(' ').append(n);
                    }
                    System.out.println(gaps);
                    System.out.flush();
                }
            }
        }
    }
}
