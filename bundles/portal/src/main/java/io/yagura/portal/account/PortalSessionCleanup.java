package io.yagura.portal.account;

import java.util.Date;
import org.apache.karaf.scheduler.Job;
import org.apache.karaf.scheduler.Scheduler;
import org.apache.karaf.scheduler.SchedulerError;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the rows of portal sessions that expired without a logout, as job {@value #JOB} on the
 * Karaf Scheduler every {@value #PERIOD_SECONDS} s. It runs on every node: the DELETE is the same
 * whichever node runs it, and an expired row is refused at lookup anyway; this only keeps the table small.
 */
@Component(immediate = true)
public class PortalSessionCleanup {

    static final String JOB = "yagura-portal-session-cleanup";
    static final int PERIOD_SECONDS = 300;
    private static final Logger LOG = LoggerFactory.getLogger(PortalSessionCleanup.class);

    private final PortalSessions sessions;
    private final Scheduler scheduler;

    @Activate
    public PortalSessionCleanup(@Reference PortalSessions sessions, @Reference Scheduler scheduler) {
        this.sessions = sessions;
        this.scheduler = scheduler;
        Job job = context -> run();
        try {
            scheduler.schedule(job, scheduler.AT(new Date(System.currentTimeMillis() + PERIOD_SECONDS * 1000L), -1,
                    PERIOD_SECONDS).name(JOB).canRunConcurrently(false));
        } catch (SchedulerError e) {
            LOG.error("Cannot schedule {}: expired portal sessions stay in the table (they are refused all the same)",
                    JOB, e);
        }
    }

    void run() {
        try {
            int deleted = sessions.deleteExpired();
            if (deleted > 0) {
                LOG.debug("Deleted {} expired portal sessions", deleted);
            }
        } catch (RuntimeException e) {
            LOG.error("Deleting expired portal sessions failed: {}", e.getMessage(), e);
        }
    }

    @Deactivate
    void deactivate() {
        scheduler.unschedule(JOB);
    }
}
