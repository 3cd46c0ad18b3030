package io.yagura.notify.phone;

import io.yagura.api.Queues;
import io.yagura.api.incident.IncidentChanges;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Notification;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
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
 * Feeds the phone channel from its queue, yagura.notify.phone (body: the notice id, property
 * yaguraIncident). The first notice of an incident starts its escalation, which calls all of
 * the incident's pending phone notices in order; the next ones find it under way. Escalations
 * that were under way when the node stopped (their notices still pending in the store) are
 * started again shortly after start by the one-shot Karaf Scheduler job
 * "yagura-notify-phone-sweep".
 */
@Component(service = RoutesBuilder.class)
public class PhoneQueueRoute extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(PhoneQueueRoute.class);
    static final String SWEEP_JOB = "yagura-notify-phone-sweep";

    private final PhoneChannelComponent channel;
    private final IncidentStore store;
    private final Scheduler scheduler;

    @Activate
    public PhoneQueueRoute(@Reference PhoneChannelComponent channel, @Reference IncidentStore store,
                           @Reference Scheduler scheduler) {
        this(channel, store, scheduler, Duration.ofSeconds(15));
    }

    /** @param sweepAfter when the escalations an earlier run left pending are started again (once) */
    PhoneQueueRoute(PhoneChannelComponent channel, IncidentStore store, Scheduler scheduler, Duration sweepAfter) {
        this.channel = channel;
        this.store = store;
        this.scheduler = scheduler;
        Job sweep = context -> sweep();
        try {
            scheduler.schedule(sweep, scheduler.AT(new Date(System.currentTimeMillis() + sweepAfter.toMillis()))
                    .name(SWEEP_JOB).canRunConcurrently(false));
        } catch (SchedulerError e) {
            LOG.error("Cannot schedule {}: phone escalations left pending by an earlier run wait for the next start",
                    SWEEP_JOB, e);
        }
    }

    @Deactivate
    void deactivate() {
        scheduler.unschedule(SWEEP_JOB);
    }

    @Override
    public void configure() {
        from("amqp:queue:" + Queues.NOTIFY_PREFIX + PhoneChannel.CHANNEL
                + "?cacheLevelName=CACHE_CONSUMER&receiveTimeout=1000")
            .routeId("notify-phone")
            .process(e -> {
                String id = e.getMessage().getBody(String.class);
                String incidentId = e.getMessage().getHeader(IncidentChanges.INCIDENT_PROPERTY, String.class);
                boolean known = incidentId != null && store.notifications(incidentId).stream()
                        .anyMatch(n -> n.id().equals(id) && PhoneChannel.CHANNEL.equals(n.channel()));
                if (!known) {
                    LOG.error("Phone notice {} (incident {}) not found in the store; nobody called", id, incidentId);
                    return;
                }
                channel.escalate(incidentId);
            });
    }

    /** Starts again the escalations an earlier run left with pending notices. */
    int sweep() {
        try {
            Set<String> incidents = new LinkedHashSet<>();
            for (Notification n : store.pendingNotifications(PhoneChannel.CHANNEL, 1000)) {
                incidents.add(n.incidentId());
            }
            int started = 0;
            for (String incidentId : incidents) {
                if (channel.escalate(incidentId)) {
                    started++;
                }
            }
            if (started > 0) {
                LOG.info("{} phone escalation(s) left pending by an earlier run started again", started);
            }
            return started;
        } catch (RuntimeException e) {
            LOG.error("Phone escalations left pending by an earlier run not started again: {}", e.getMessage(), e);
            return 0;
        }
    }
}
