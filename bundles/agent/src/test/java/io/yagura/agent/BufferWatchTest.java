package io.yagura.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.agent.node.BufferWatch;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The buffer alarm against a real agent broker whose buffer is 4 MB. */
class BufferWatchTest {

    @TempDir
    Path tmp;

    @Test
    void theAlarmIsRaisedOnceAtItsLevelAndClearedWhenTheBacklogDrains() throws Exception {
        EmbeddedActiveMQ agent = TestBrokers.agent(tmp, 50, 4 * 1024 * 1024);
        try {
            BufferWatch.Gauges gauges = new BufferWatch.Gauges(new LongAdder(), new LongAdder(), new LongAdder());
            BufferWatch watch = new BufferWatch(agent.getActiveMQServer(), TestBrokers.FORWARDED, 50, gauges);
            NumberedTraffic traffic = new NumberedTraffic("bw");
            assertEquals(0, watch.check(), "empty buffer");

            long sent = 0;
            int level = 0;
            while (level < 50) {
                traffic.send("vm://50", TestBrokers.FORWARDED, sent, sent + 500, 0);
                sent += 500;
                level = watch.check();
                assertTrue(level < 50 || watch.alarmed(), "alarm at " + level + "%");
            }
            watch.check();
            assertEquals(1, gauges.alarms().sum(), "one alarm per crossing, not one per check");
            assertEquals(level, gauges.percent().sum());

            // Full: the broker refuses further lines (the sender learns it), it does not drop them silently.
            long full = sent;
            org.apache.activemq.artemis.api.core.ActiveMQAddressFullException refused = null;
            while (refused == null && full < sent * 4) {
                try {
                    traffic.send("vm://50", TestBrokers.FORWARDED, full, full + 100, 0);
                    full += 100;
                } catch (org.apache.activemq.artemis.api.core.ActiveMQAddressFullException e) {
                    refused = e;
                }
            }
            assertTrue(refused != null, "a full buffer refuses lines");
            System.out.printf("4 MB buffer full after %d lines (%d bytes a line)%n", full, 4L * 1024 * 1024 / full);
            sent = full;
            long accepted = agent.getActiveMQServer().locateQueue(TestBrokers.FORWARDED).getMessageCount()
                    * NumberedTraffic.LINES_PER_MESSAGE;

            try (NumberedTraffic.Receiver drain = new NumberedTraffic.Receiver(traffic, "vm://50", TestBrokers.FORWARDED)) {
                org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                        .alias("drained of " + accepted + " lines accepted")
                        .until(() -> drain.count(), c -> c >= accepted);
            }
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> watch.check() < 50);
            assertFalse(watch.alarmed());
        } finally {
            agent.stop();
        }
    }
}
