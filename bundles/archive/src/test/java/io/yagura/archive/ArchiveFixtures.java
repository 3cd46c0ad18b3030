package io.yagura.archive;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import java.time.InstantSource;
import java.time.Duration;
import java.time.Instant;

/** Events as the plugin route stamps them, and a clock the tests move. */
final class ArchiveFixtures {

    static final Instant T0 = Instant.parse("2026-11-27T10:15:00Z");

    private ArchiveFixtures() {
    }

    /** A firewall deny of {@code customer}'s device, received at {@code received}. */
    static SecurityEvent deny(String customer, Instant received, String source, String destination) {
        return new SecurityEvent()
                .timestamp(received)
                .set(Ecs.EVENT_INGESTED, received.toString())
                .set(Ecs.CUSTOMER_ID, customer)
                .set(Ecs.DEVICE_ID, customer == null ? null : customer + "-fw1")
                .set(Ecs.EVENT_ACTION, Ecs.ACTION_DENIED)
                .set(Ecs.EVENT_CODE, "106023")
                .set(Ecs.SOURCE_IP, source)
                .set(Ecs.SOURCE_PORT, 4455L)
                .set(Ecs.DESTINATION_IP, destination)
                .set(Ecs.DESTINATION_PORT, 22L)
                .set(Ecs.NETWORK_TRANSPORT, "tcp")
                .set(Ecs.YAGURA_POLICY, "outside_in")
                .set(Ecs.EVENT_ORIGINAL, "%ASA-4-106023: Deny tcp src outside:" + source + "/4455 dst inside:"
                        + destination + "/22 by access-group \"outside_in\"");
    }

    /** An IPS alert with a signature. */
    static SecurityEvent alert(String customer, Instant received, String source, String destination, String ruleId,
                               String ruleName) {
        return deny(customer, received, source, destination)
                .set(Ecs.EVENT_KIND, Ecs.KIND_ALERT)
                .set(Ecs.EVENT_ACTION, Ecs.ACTION_ALERT)
                .set(Ecs.RULE_ID, ruleId)
                .set(Ecs.RULE_NAME, ruleName);
    }

    /** The time as the tests set it: an {@link InstantSource} is one method, so no Clock subclass is needed. */
    static final class TestClock implements InstantSource {
        private volatile Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        void set(Instant t) {
            now = t;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
