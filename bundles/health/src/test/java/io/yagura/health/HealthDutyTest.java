package io.yagura.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.cluster.ClusterDuties;
import io.yagura.api.health.DeviceHealth;
import io.yagura.api.health.HealthSettings;
import io.yagura.api.health.HealthState;
import io.yagura.store.testing.ManualDuties;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Properties;
import org.apache.karaf.scheduler.core.QuartzScheduler;
import org.junit.jupiter.api.Test;

/** The health check is a cluster duty: only its holder judges devices, and it rereads the store when it comes back. */
class HealthDutyTest {

    @Test
    void onlyTheHolderJudgesDevicesAndATakeoverRereadsTheirStateFromTheStore() throws Exception {
        Platform platform = new Platform();
        platform.device("acme-fw1", "198.18.0.2");
        platform.settings(new HealthSettings("acme-fw1", null, false, null, null, null, null)); // not probed
        Properties p = new Properties();
        p.put("org.quartz.threadPool.threadCount", "1");
        QuartzScheduler quartz = new QuartzScheduler(p);
        ManualDuties duties = new ManualDuties().lose(ClusterDuties.HEALTH_CHECK);
        HealthService service = platform.service(quartz, duties, Platform.config(Map.of("enabled", false)));
        try {
            Instant logged = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            service.received("acme-fw1", logged);
            service.checkNow();
            assertTrue(platform.health.find("acme-fw1").isEmpty(), "another node holds the duty: nothing judged here");

            duties.gain(ClusterDuties.HEALTH_CHECK);
            service.checkNow();
            assertEquals(logged, platform.health.find("acme-fw1").orElseThrow().lastLog(), "the holder stores the last log");

            duties.lose(ClusterDuties.HEALTH_CHECK);
            service.checkNow();
            Instant later = logged.plus(Duration.ofMinutes(1)); // the new holder saw a later line
            platform.health.save(new DeviceHealth("acme-fw1", "acme", HealthState.UP, later, later, null, later, null,
                    null, "logs arrive", null));
            assertEquals(later, service.state("acme-fw1").orElseThrow().lastLog(), "shown as the holder stored it");

            duties.gain(ClusterDuties.HEALTH_CHECK);
            service.checkNow();
            assertEquals(later, service.state("acme-fw1").orElseThrow().lastLog(),
                    "taken back: watched from the stored state, not from what this node held before");
        } finally {
            service.deactivate();
            quartz.deactivate();
        }
    }
}
