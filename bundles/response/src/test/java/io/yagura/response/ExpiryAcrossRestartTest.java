package io.yagura.response;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.cluster.ClusterDuties;
import io.yagura.api.response.Block;
import io.yagura.api.response.BlockAudit;
import io.yagura.api.response.BlockState;
import io.yagura.store.testing.ManualDuties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.karaf.scheduler.core.QuartzScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The expiry lives in the store: a platform started after a block's expiry (a new service over the
 * same database, its clock later) removes it at the first run of its Karaf Scheduler job, and
 * finishes what a stopped node left half done.
 */
class ExpiryAcrossRestartTest {

    Platform platform;
    QuartzScheduler quartz;

    @BeforeEach
    void setUp() throws Exception {
        platform = new Platform();
        Properties p = new Properties();
        p.put("org.quartz.scheduler.instanceName", "yagura-response-expiry-test");
        p.put("org.quartz.scheduler.skipUpdateCheck", "true");
        p.put("org.quartz.threadPool.threadCount", "1");
        quartz = new QuartzScheduler(p);
    }

    @AfterEach
    void tearDown() {
        quartz.deactivate();
    }

    @Test
    void aBlockOverdueWhenThePlatformStartsIsRemovedByTheFirstRunOfTheExpiryJob() {
        Block b = platform.service().request(new BlockRequest("acme", null, "203.0.113.7", List.of(), Duration.ofHours(1),
                "alice", "scanner", false)).get(0);
        assertEquals(BlockState.ACTIVE, b.state());

        // the platform was down past the expiry; the new one starts its job
        BlockService restarted = platform.service(Map.of(), b.expiresAt().plus(Duration.ofHours(5)));
        restarted.start(quartz, new ManualDuties());
        await().atMost(Duration.ofSeconds(20)).until(() -> platform.blocks.find(b.id()).orElseThrow().state() == BlockState.EXPIRED);
        assertTrue(platform.firewall.holds("acme-fw1").isEmpty(), "removed from the device");
        List<BlockAudit> trail = platform.blocks.audit(b.id());
        assertEquals("expired", trail.get(trail.size() - 1).action());
        restarted.deactivate();
    }

    @Test
    void aBlockNotDueStaysWhileTheJobRuns() {
        Block b = platform.service().request(new BlockRequest("acme", null, "203.0.113.7", List.of(), Duration.ofHours(1),
                "alice", "scanner", false)).get(0);
        BlockService running = platform.service(Map.of("expiry_check_seconds", 1), b.expiresAt().minusSeconds(1));
        int before = platform.firewall.calls.size();
        running.start(quartz, new ManualDuties());
        // the job runs (it lists the due blocks every second) and touches nothing
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> platform.blocks.find(b.id()).orElseThrow().state() == BlockState.ACTIVE);
        assertEquals(before, platform.firewall.calls.size(), "no device call");
        running.deactivate();
    }

    @Test
    void onlyTheNodeHoldingTheDutyRemovesDueBlocks() {
        Block b = platform.service().request(new BlockRequest("acme", null, "203.0.113.7", List.of(), Duration.ofHours(1),
                "alice", "scanner", false)).get(0);
        ManualDuties duties = new ManualDuties().lose(ClusterDuties.RESPONSE_EXPIRY);
        BlockService other = platform.service(Map.of("expiry_check_seconds", 1), b.expiresAt().plusSeconds(1));
        other.start(quartz, duties);
        await().atMost(Duration.ofSeconds(10)).until(() -> duties.asked(ClusterDuties.RESPONSE_EXPIRY) >= 2);
        assertEquals(BlockState.ACTIVE, platform.blocks.find(b.id()).orElseThrow().state(),
                "another node holds the duty: the due block is its to remove");

        duties.gain(ClusterDuties.RESPONSE_EXPIRY);
        await().atMost(Duration.ofSeconds(10)).until(() -> platform.blocks.find(b.id()).orElseThrow().state()
                == BlockState.EXPIRED);
        other.deactivate();
    }

    @Test
    void changesAStoppedNodeLeftHalfDoneAreFinishedAfterTheQuietPeriod() {
        BlockService before = platform.service();
        Block placing = before.request(new BlockRequest("acme", null, "203.0.113.7", List.of(), Duration.ofHours(1),
                "alice", "r", false)).get(0);
        Block removing = before.request(new BlockRequest("acme", null, "203.0.113.8", List.of(), Duration.ofHours(1),
                "alice", "r", false)).get(0);
        // the node stopped between the store's update and the device's answer
        platform.blocks.update(placing.withState(BlockState.PLACING, null, Platform.T0));
        platform.blocks.update(removing.withState(BlockState.REMOVING, null, Platform.T0));

        assertEquals(0, platform.service(Map.of(), Platform.T0.plusSeconds(30)).expireDue(), "within the quiet period");
        assertEquals(2, platform.service(Map.of(), Platform.T0.plusSeconds(61)).expireDue());
        Block failed = platform.blocks.find(placing.id()).orElseThrow();
        assertEquals(BlockState.FAILED, failed.state());
        assertTrue(failed.deviceAnswer().startsWith("interrupted while placing"), failed.deviceAnswer());
        assertEquals(BlockState.REMOVED, platform.blocks.find(removing.id()).orElseThrow().state());
        assertTrue(platform.firewall.holds("acme-fw1").isEmpty(), "neither is left on the device");
    }
}
