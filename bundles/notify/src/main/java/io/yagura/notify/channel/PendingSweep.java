package io.yagura.notify.channel;

import io.yagura.api.cluster.ClusterDuties;
import io.yagura.api.cluster.DutyGains;
import java.time.Duration;
import java.util.Date;
import java.util.Objects;
import org.apache.karaf.scheduler.Job;
import org.apache.karaf.scheduler.Scheduler;
import org.apache.karaf.scheduler.SchedulerError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A channel's Karaf Scheduler job that hands over again what a stopped node left pending: every
 * {@code period} (first look after it) it asks whether this node gained the channel's sweep duty
 * since it last looked ({@link DutyGains}: shortly after start when the node is alone, or when it
 * takes the duty over from a node that died) and runs the sweep when it did. The channel's queue
 * route owns one and {@link #cancel cancels} it when it goes.
 */
public final class PendingSweep {

    /** How often a channel looks whether this node gained its sweep duty. */
    public static final Duration PERIOD = Duration.ofSeconds(15);

    private static final Logger LOG = LoggerFactory.getLogger(PendingSweep.class);

    private final Scheduler scheduler;
    private final String job;

    /**
     * Schedules the job. A scheduler that refuses it is logged, not thrown: the channel still
     * delivers what reaches its queue, and what was left pending waits for the next start.
     *
     * @param job         the job's name in the scheduler, e.g. "yagura-notify-mail-sweep"
     * @param duty        the cluster duty whose gain starts a sweep, e.g. {@link ClusterDuties#NOTIFY_MAIL_SWEEP}
     * @param sweep       hands the pending notices to the channel; it logs its own failures
     * @param leftPending what waits when the job cannot be scheduled, for the log, e.g. "mail notices"
     */
    public PendingSweep(Scheduler scheduler, ClusterDuties duties, String duty, String job, Duration period,
                        Runnable sweep, String leftPending) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.job = Objects.requireNonNull(job, "job");
        Objects.requireNonNull(sweep, "sweep");
        DutyGains gains = new DutyGains(duties, duty);
        Job lookForGain = context -> {
            if (gains.gained()) {
                sweep.run();
            }
        };
        try {
            scheduler.schedule(lookForGain, scheduler.AT(new Date(System.currentTimeMillis() + period.toMillis()), -1,
                    Math.max(1, period.toSeconds())).name(job).canRunConcurrently(false));
        } catch (SchedulerError e) {
            LOG.error("Cannot schedule {}: {} a stopped node left pending wait for the next start", job, leftPending,
                    e);
        }
    }

    /** Removes the job from the scheduler (the route is going away). */
    public void cancel() {
        scheduler.unschedule(job);
    }
}
