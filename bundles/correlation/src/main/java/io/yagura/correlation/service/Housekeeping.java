package io.yagura.correlation.service;

import io.yagura.correlation.engine.AssetFile;
import io.yagura.correlation.engine.ThreatIntel;
import io.yagura.correlation.rules.RuleLoad;
import io.yagura.correlation.rules.RuleRepository;
import java.util.Date;
import java.util.function.Consumer;
import org.apache.karaf.scheduler.Job;
import org.apache.karaf.scheduler.Scheduler;
import org.apache.karaf.scheduler.SchedulerError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The correlation bundle's periodic work, a job "yagura-correlation-housekeeping" on the Karaf
 * Scheduler (the platform's one scheduling mechanism): every {@code reload.seconds} it reloads
 * the rules, threat-intelligence lists and asset file that changed on disk and lets the engine
 * expire old state. Never two runs at once: a slow reload makes the next run wait, not overlap.
 */
final class Housekeeping {

    static final String JOB = "yagura-correlation-housekeeping";
    private static final Logger LOG = LoggerFactory.getLogger(Housekeeping.class);

    private final Scheduler scheduler;
    private final RuleRepository rules;
    private final Consumer<RuleLoad> report;
    private final ThreatIntel threatIntel;
    private final AssetFile assets;
    private final Runnable expire;

    Housekeeping(Scheduler scheduler, RuleRepository rules, Consumer<RuleLoad> report, ThreatIntel threatIntel,
                 AssetFile assets, Runnable expire) {
        this.scheduler = scheduler;
        this.rules = rules;
        this.report = report;
        this.threatIntel = threatIntel;
        this.assets = assets;
        this.expire = expire;
    }

    /** First run one period from now, as the files were read at start. */
    void start(int periodSeconds) {
        long period = Math.max(1, periodSeconds);
        Job job = context -> run();
        try {
            scheduler.schedule(job, scheduler.AT(new Date(System.currentTimeMillis() + period * 1000), -1, period)
                    .name(JOB).canRunConcurrently(false));
        } catch (SchedulerError e) {
            LOG.error("Cannot schedule {}: rule, threat-intelligence and asset files are read again only at restart",
                    JOB, e);
        }
    }

    void stop() {
        scheduler.unschedule(JOB);
    }

    void run() {
        try {
            rules.reloadIfChanged().ifPresent(report);
            threatIntel.reloadIfChanged();
            assets.reloadIfChanged();
            expire.run();
        } catch (RuntimeException e) {
            LOG.error("Correlation housekeeping failed: {}", e.getMessage(), e);
        }
    }
}
