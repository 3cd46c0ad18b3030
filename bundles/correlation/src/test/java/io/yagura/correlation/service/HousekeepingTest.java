package io.yagura.correlation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.correlation.engine.AssetFile;
import io.yagura.correlation.engine.ThreatIntel;
import io.yagura.correlation.rules.RuleRepository;
import io.yagura.correlation.rules.RuleSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.apache.karaf.scheduler.core.QuartzScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The housekeeping job on the real Karaf Scheduler (Quartz, as feature "scheduler" runs it), without OSGi. */
class HousekeepingTest {

    @TempDir
    Path etc;
    /** Jobs in memory, as Karaf's scheduler feature keeps them. */
    final QuartzScheduler quartz = new QuartzScheduler(quartz(2));

    @AfterEach
    void stopTheScheduler() {
        quartz.deactivate();
    }

    @Test
    void rulesWrittenWhileRunningAreLoadedAtEachPeriodUntilTheJobIsRemoved() throws Exception {
        Path rulesDir = Files.createDirectories(etc.resolve("rules"));
        RuleRepository rules = new RuleRepository(rulesDir);
        rules.load();
        LinkedBlockingQueue<RuleSet> loads = new LinkedBlockingQueue<>();
        rules.addListener(loads::add);
        Semaphore runs = new Semaphore(0);
        Housekeeping housekeeping = new Housekeeping(quartz, rules, load -> { }, ThreatIntel.empty(),
                AssetFile.load(etc.resolve("assets.yaml")), runs::release);

        housekeeping.start(1);
        assertTrue(quartz.getJobs().containsKey("yagura-correlation-housekeeping"), quartz.getJobs().keySet()::toString);
        assertTrue(runs.tryAcquire(10, TimeUnit.SECONDS), "the job ran and let the engine expire old state");

        Files.writeString(rulesDir.resolve("a.yml"), rule("one", "420002"));
        assertEquals(1, loads.poll(10, TimeUnit.SECONDS).size(), "a rule written after start is loaded by a later run");
        Files.writeString(rulesDir.resolve("b.yml"), rule("two", "434002"));
        assertEquals(2, loads.poll(10, TimeUnit.SECONDS).size(), "and the next one by the run after");

        housekeeping.stop();
        assertFalse(quartz.getJobs().containsKey("yagura-correlation-housekeeping"), "removed on deactivate");
    }

    private static Properties quartz(int threads) {
        Properties p = new Properties();
        p.put("org.quartz.threadPool.threadCount", Integer.toString(threads));
        return p;
    }

    private static String rule(String id, String code) {
        return "title: Rule " + id + "\nid: " + id + "\ndetection:\n  sel:\n    event.code: '" + code
                + "'\n  condition: sel\nlevel: high\n";
    }
}
