package io.yagura.pull;

import java.lang.annotation.Annotation;
import java.util.Properties;
import org.apache.karaf.scheduler.core.QuartzScheduler;

/**
 * What tests of the pull scheduling need, here and in the modules that reuse yagura-pull (the
 * agent's tests, through this module's test jar): its configuration, and the real Karaf Scheduler.
 */
public final class PullTesting {

    private PullTesting() {
    }

    /** The Karaf Scheduler as feature "scheduler" runs it (Quartz in memory); deactivate it after the test. */
    public static QuartzScheduler quartz(String name) {
        Properties p = new Properties();
        p.put("org.quartz.scheduler.instanceName", name);
        p.put("org.quartz.scheduler.skipUpdateCheck", "true");
        p.put("org.quartz.threadPool.class", "org.quartz.simpl.SimpleThreadPool");
        p.put("org.quartz.threadPool.threadCount", "4");
        p.put("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
        return new QuartzScheduler(p);
    }

    /** io.yagura.pull as configured: refresh every 30 s, 20 batches a run, silent after 3 failures or 120 minutes. */
    public static PullConfig config(int defaultInterval, boolean enabled, String cursorFile, String queue) {
        return new PullConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return PullConfig.class;
            }

            @Override
            public boolean enabled() {
                return enabled;
            }

            @Override
            public int default_poll_interval_s() {
                return defaultInterval;
            }

            @Override
            public int refresh_interval_s() {
                return 30;
            }

            @Override
            public int max_batches_per_run() {
                return 20;
            }

            @Override
            public int silent_after_failures() {
                return 3;
            }

            @Override
            public int silent_after_minutes() {
                return 120;
            }

            @Override
            public String cursor_file() {
                return cursorFile;
            }

            @Override
            public String queue() {
                return queue;
            }
        };
    }
}
