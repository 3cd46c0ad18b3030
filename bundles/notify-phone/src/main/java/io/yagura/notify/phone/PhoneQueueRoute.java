package io.yagura.notify.phone;

import io.yagura.api.cluster.ClusterDuties;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Notification;
import io.yagura.notify.channel.ChannelQueues;
import io.yagura.notify.channel.PendingSweep;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.builder.RouteBuilder;
import org.apache.karaf.scheduler.Scheduler;
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
 * that were under way when a node stopped (their notices still pending in the store) are
 * started again by the node that gains the cluster duty {@link ClusterDuties#NOTIFY_PHONE_SWEEP}:
 * shortly after start when it is alone, or when it takes the duty over from a node that died.
 * The Karaf Scheduler job "yagura-notify-phone-sweep" looks every {@code period} whether this
 * node gained the duty since it last looked.
 */
@Component(service = RoutesBuilder.class)
public class PhoneQueueRoute extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(PhoneQueueRoute.class);
    static final String SWEEP_JOB = "yagura-notify-phone-sweep";

    private final PhoneChannelComponent channel;
    private final IncidentStore store;
    private final PendingSweep pendingSweep;

    @Activate
    public PhoneQueueRoute(@Reference PhoneChannelComponent channel, @Reference IncidentStore store,
                           @Reference Scheduler scheduler, @Reference ClusterDuties duties) {
        this(channel, store, scheduler, duties, PendingSweep.PERIOD);
    }

    /** @param period how often the job looks whether this node gained the sweep duty (first look after it) */
    PhoneQueueRoute(PhoneChannelComponent channel, IncidentStore store, Scheduler scheduler, ClusterDuties duties,
                    Duration period) {
        this.channel = channel;
        this.store = store;
        this.pendingSweep = new PendingSweep(scheduler, duties, ClusterDuties.NOTIFY_PHONE_SWEEP, SWEEP_JOB, period,
                this::sweep, "phone escalations");
    }

    @Deactivate
    void deactivate() {
        pendingSweep.cancel();
    }

    @Override
    public void configure() {
        ChannelQueues.consume(this, PhoneChannel.CHANNEL, (id, incidentId) -> {
            boolean known = incidentId != null && store.notifications(incidentId).stream()
                    .anyMatch(n -> n.id().equals(id) && PhoneChannel.CHANNEL.equals(n.channel()));
            if (!known) {
                LOG.error("Phone notice {} (incident {}) not found in the store; nobody called", id, incidentId);
                return;
            }
            channel.escalate(incidentId);
        });
    }

    /** Starts again the escalations a stopped node (or an earlier run of this one) left with pending notices. */
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
                LOG.info("{} phone escalation(s) left pending by a stopped node started again", started);
            }
            return started;
        } catch (RuntimeException e) {
            LOG.error("Phone escalations left pending by a stopped node not started again: {}", e.getMessage(), e);
            return 0;
        }
    }
}
