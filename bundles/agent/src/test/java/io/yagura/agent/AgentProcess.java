package io.yagura.agent;

import io.yagura.agent.node.AgentLink;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;

/**
 * An agent in a JVM of its own (started in a network namespace by {@link AgentLinkCutTest}):
 * its broker and journal under a directory, its link to the centre, and numbered lines
 * written into its buffer at a steady rate. Prints {@code READY}, then {@code SENT <n>} after
 * every confirmed batch, and runs until its standard input closes (or it is killed).
 *
 * <p>Arguments: dir centreHost centrePort enrolPort caFingerprint token name run from to linesPerSecond
 */
public final class AgentProcess {

    private AgentProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        String token = "-".equals(args[5]) ? null : args[5];
        long from = Long.parseLong(args[8]);
        long to = Long.parseLong(args[9]);
        long rate = Long.parseLong(args[10]);
        EmbeddedActiveMQ broker = TestBrokers.agent(dir.resolve("broker"), 21, 64L * 1024 * 1024);
        AgentLink link = new AgentLink(broker.getActiveMQServer(), dir.resolve("keys"), new AgentLink.Settings(args[6],
                args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), args[4], token, TestBrokers.FORWARDED,
                true));
        link.start();
        System.out.println("READY");
        System.out.flush();
        NumberedTraffic traffic = new NumberedTraffic(args[7]);
        long step = 1_000;
        for (long n = from; n < to; n += step) {
            long end = Math.min(to, n + step);
            traffic.send("vm://21", TestBrokers.FORWARDED, n, end, rate);
            System.out.println("SENT " + end);
            System.out.flush();
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in))) {
            while (in.readLine() != null) {
                // the test closes our input when it is done
            }
        }
        link.close();
        broker.stop();
    }
}
