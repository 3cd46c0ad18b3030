package io.yagura.notify.mail;

import io.yagura.api.cluster.ClusterDuties;
import io.yagura.api.incident.DeliveryAttempt;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Notification;
import io.yagura.notify.channel.ChannelQueues;
import io.yagura.notify.channel.PendingSweep;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
 * Feeds the mail channel from its queue, yagura.notify.mail (body: the notice id; incident
 * notices, all-clears and daily digests alike). The channel retries on its own schedule and
 * records every attempt in the store. Notices that were still pending when a node stopped (a
 * retry was scheduled in memory) are handed to the channel again by the node that gains the
 * cluster duty {@link ClusterDuties#NOTIFY_MAIL_SWEEP}: shortly after start when it is alone, or
 * when it takes the duty over from a node that died. The Karaf Scheduler job
 * "yagura-notify-mail-sweep" looks every {@code period} whether this node gained the duty since it
 * last looked; a notice is handed over once per run of the platform.
 */
@Component(service = RoutesBuilder.class)
public class MailQueueRoute extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(MailQueueRoute.class);

    static final String SWEEP_JOB = "yagura-notify-mail-sweep";

    private final MailChannelComponent channel;
    private final IncidentStore store;
    private final java.util.Set<String> handedOver = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final PendingSweep pendingSweep;

    @Activate
    public MailQueueRoute(@Reference MailChannelComponent channel, @Reference IncidentStore store,
                          @Reference Scheduler scheduler, @Reference ClusterDuties duties) {
        this(channel, store, scheduler, duties, PendingSweep.PERIOD);
    }

    /** @param period how often the job looks whether this node gained the sweep duty (first look after it) */
    MailQueueRoute(MailChannelComponent channel, IncidentStore store, Scheduler scheduler, ClusterDuties duties,
                   Duration period) {
        this.channel = channel;
        this.store = store;
        this.pendingSweep = new PendingSweep(scheduler, duties, ClusterDuties.NOTIFY_MAIL_SWEEP, SWEEP_JOB, period,
                this::sweep, "mail notices");
    }

    @Deactivate
    void deactivate() {
        pendingSweep.cancel();
    }

    @Override
    public void configure() {
        ChannelQueues.consume(this, "mail", (id, incidentId) -> {
            Optional<Incident> incident = incidentId == null ? Optional.empty() : store.find(incidentId);
            Optional<Notification> notice = incident.flatMap(i -> store.notifications(i.id()).stream()
                    .filter(n -> n.id().equals(id)).findFirst());
            if (notice.isEmpty()) {
                LOG.error("Notice {} not found in the store; nothing sent", id);
                return;
            }
            handOver(notice.get(), incident.get());
        });
    }

    /** Hands the notices a stopped node (or an earlier run of this one) left pending to the channel again. */
    void sweep() {
        try {
            int n = 0;
            for (Notification pending : store.pendingNotifications("mail", 1000)) {
                Optional<Incident> incident = store.find(pending.incidentId());
                if (incident.isPresent() && handOver(pending, incident.get())) {
                    n++;
                }
            }
            if (n > 0) {
                LOG.info("{} mail notice(s) left pending by a stopped node handed to the mail channel again", n);
            }
        } catch (RuntimeException e) {
            LOG.error("Mail notices left pending by a stopped node not handed over: {}", e.getMessage(), e);
        }
    }

    /** @return false when this notice was already handed over in this run, or is no longer pending */
    private boolean handOver(Notification n, Incident i) {
        if (!"pending".equals(n.status()) || !handedOver.add(n.id())) {
            return false;
        }
        if ("digest".equals(n.kind())) {
            handOverDigest(n);
        } else {
            channel.deliver(n, i);
        }
        return true;
    }

    /**
     * A digest lists what the dispatcher stored with it (the notice's incident is only the
     * first of the list). The incidents are read on the channel's digest thread: a burst of
     * digests must not hold up this consumer, and the Emergency notices queued behind them.
     */
    private void handOverDigest(Notification n) {
        Optional<IncidentStore.Digest> contents = store.digest(n.id());
        if (contents.isEmpty()) {
            String reason = "the store has no list of incidents for this digest";
            LOG.error("Digest notice {} to {} not sent: {}", n.id(), n.address(), reason);
            store.addAttempt(new DeliveryAttempt(n.id(), 1, Instant.now(), "failed", reason));
            store.updateNotification(n.withOutcome("failed", null, null));
            return;
        }
        List<String> ids = contents.get().incidentIds();
        channel.deliverDigest(n, contents.get().day(),
                () -> ids.stream().map(store::find).flatMap(Optional::stream).toList());
    }
}
