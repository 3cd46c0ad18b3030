package io.yagura.notify.phone;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.incident.DeliveryAttempt;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Level;
import io.yagura.store.testing.ManualDuties;
import io.yagura.templates.freemarker.FreemarkerTemplates;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.karaf.scheduler.core.QuartzScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A phone notice left pending by an earlier run is called after start: the component as DS
 * makes it from its configuration, the route's one-shot sweep job on the real Karaf Scheduler,
 * a real SIPp callee that presses 1.
 */
class PhoneRestartTest {

    private final QuartzScheduler quartz = new QuartzScheduler(quartz());

    @AfterEach
    void stopTheScheduler() {
        quartz.deactivate();
    }

    @Test
    void aNoticePendingAtStartIsCalledByTheSweepAndTheJobLeavesTheScheduler() throws Exception {
        Platform p = new Platform();
        p.contact("Jane Smith", "0322222222", "en", "");
        Incident incident = p.incident(Level.EMERGENCY); // stored, its notice pending: the earlier run stopped here
        try (Sipp callee = Sipp.callee("answer-rfc4733")) {
            PhoneChannelComponent component = new PhoneChannelComponent(p.store, p.acks,
                    new FreemarkerTemplates(Path.of("target", "no-operator-templates")),
                    PhoneConfigTest.config(Map.of("trunk", "127.0.0.1:" + callee.port, "localAddress", "127.0.0.1",
                            "localPort", Sipp.freeUdpPort(), "rtpPorts", "41000-41998", "ringTimeoutSeconds", 5,
                            "digitWaitSeconds", 2, "rounds", 1)));
            try {
                PhoneQueueRoute route = new PhoneQueueRoute(component, p.store, quartz, new ManualDuties(),
                        Duration.ofSeconds(1));
                await().atMost(Duration.ofSeconds(60)).until(() -> "delivered".equals(p.notice(incident, 1).status()));
                List<DeliveryAttempt> calls = p.store.attempts(incident.id() + "-N1");
                assertEquals(1, calls.size(), calls.toString());
                assertTrue(calls.get(0).answer().contains("called 0322222222") && calls.get(0).answer().contains("200 OK")
                        && calls.get(0).answer().contains("digits 1"), calls.toString());
                callee.assertScenarioPassed();
                route.deactivate();
                assertFalse(quartz.getJobs().containsKey(PhoneQueueRoute.SWEEP_JOB), "no job left behind");
            } finally {
                component.deactivate();
            }
        }
    }

    private static Properties quartz() {
        Properties q = new Properties();
        q.put("org.quartz.threadPool.threadCount", "2");
        return q;
    }
}
