package io.yagura.notify;

import io.yagura.api.Queues;
import io.yagura.api.cluster.ClusterDuties;
import io.yagura.api.incident.AuditEntry;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentChanges;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.DeviceRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.Date;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.ServiceStatus;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;
import org.apache.karaf.scheduler.Job;
import org.apache.karaf.scheduler.Scheduler;
import org.apache.karaf.scheduler.SchedulerError;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns incident changes into notices: reads each announcement from its queue on
 * yagura.incidents, asks {@link DispatchPolicy} who must be told, stores the notices and
 * hands each to its channel's queue (yagura.notify.mail …). The Karaf Scheduler job
 * "yagura-notify-deadlines" checks deadlines: Critical incidents due for automatic sending, and
 * breaches (a deadline passed without a delivered notice), which raise an alarm in the log, the
 * audit log and on the broker. The job "yagura-notify-digest" makes the daily digests
 * ({@link DigestScheduler}) every minute; they travel on the same channel queue. Two jobs, each
 * never running twice at once, on the scheduler's pool: a long digest run never holds up the
 * deadline watch. Both hand their notices to the route "notify-channels", and run only while it
 * is started, so that no notice is stored without being sent. Each is a cluster duty
 * ({@link ClusterDuties#NOTIFY_DEADLINES}, {@link ClusterDuties#NOTIFY_DIGEST}): with several
 * nodes, only the node holding it runs it, so that a Critical is sent and a digest made once.
 */
@Component(service = RoutesBuilder.class, configurationPid = "io.yagura.notify")
@Designate(ocd = NotificationDispatcher.Config.class)
public class NotificationDispatcher extends RouteBuilder {

    @ObjectClassDefinition(name = "Yagura notification dispatcher")
    public @interface Config {
        @AttributeDefinition(description = "Seconds between deadline checks")
        int deadlineCheckSeconds() default 10;

        @AttributeDefinition(description = "Local time (HH:mm) at which the daily digest of the previous day is sent")
        String digest_time() default "08:00";

        @AttributeDefinition(description = "Time zone of the digest: its days and its time")
        String digest_zone() default "Asia/Tokyo";

        @AttributeDefinition(description = "Days a node looks back after start for digests not sent yet (1: the latest)")
        int digest_catchUpDays() default 1;
    }

    private static final Logger LOG = LoggerFactory.getLogger(NotificationDispatcher.class);
    static final String DEADLINES_JOB = "yagura-notify-deadlines";
    static final String DIGEST_JOB = "yagura-notify-digest";
    static final String CHANNELS_ROUTE = "notify-channels";
    private static final String CHANNELS = "direct:yagura-notify-channels";

    /** When the jobs first run and how often digests are looked at. */
    record Timing(Duration deadlinesDelay, Duration digestDelay, long digestPeriodSeconds) {
        static final Timing DEFAULT = new Timing(Duration.ofSeconds(5), Duration.ofSeconds(30), 60);
    }

    /** Where the jobs' notices go: the channels route once Camel has started it. */
    interface Outbox {
        /** False until the route is there: a job then makes no notice, rather than one left unsent. */
        boolean ready();

        void send(List<Notification> notices);
    }

    private final IncidentStore store;
    private final DeviceRegistry registry;
    private final IncidentChanges changes;
    private final DispatchPolicy policy = new DispatchPolicy();
    private final int checkSeconds;
    static final Duration AUTO_SEND_LEAD_MAX = Duration.ofMinutes(1);
    static final String BREACH_ACTION = "deadline-breached";
    private final Clock clock;
    private final DigestScheduler digests;
    /**
     * Incidents whose deadline question is answered (a notice was delivered, or the breach was
     * reported): later checks skip them instead of reading their notices every period.
     */
    private final Set<String> deadlineSettled = ConcurrentHashMap.newKeySet();
    private Scheduler scheduler;
    private ClusterDuties duties;
    private ProducerTemplate producer;

    @Activate
    public NotificationDispatcher(@Reference IncidentStore store, @Reference DeviceRegistry registry,
                                  @Reference IncidentChanges changes, @Reference Scheduler scheduler,
                                  @Reference ClusterDuties duties, Config config) {
        this(store, registry, changes, config, Clock.systemUTC());
        startJobs(scheduler, duties, new CamelOutbox(), Timing.DEFAULT);
    }

    /** With the clock the tests set. */
    NotificationDispatcher(IncidentStore store, DeviceRegistry registry, IncidentChanges changes, Config config,
                           Clock clock) {
        this.store = store;
        this.registry = registry;
        this.changes = changes;
        this.checkSeconds = config.deadlineCheckSeconds();
        this.clock = clock;
        DigestSchedule schedule = DigestSchedule.parse(config.digest_time(), config.digest_zone(),
                config.digest_catchUpDays());
        this.digests = new DigestScheduler(registry, new DigestNotices(store, clock), schedule, clock);
    }

    /** Schedules the deadline watch (every deadlineCheckSeconds) and the digest maker on the Karaf Scheduler. */
    void startJobs(Scheduler jobs, ClusterDuties clusterDuties, Outbox outbox, Timing timing) {
        this.scheduler = jobs;
        this.duties = clusterDuties;
        schedule(DEADLINES_JOB, ClusterDuties.NOTIFY_DEADLINES, this::checkDeadlines, outbox, timing.deadlinesDelay(),
                Math.max(1, checkSeconds));
        schedule(DIGEST_JOB, ClusterDuties.NOTIFY_DIGEST, digests::tick, outbox, timing.digestDelay(),
                timing.digestPeriodSeconds());
    }

    private void schedule(String name, String duty, Supplier<List<Notification>> work, Outbox outbox, Duration delay,
                          long period) {
        Job job = context -> {
            if (!duties.holds(duty)) {
                LOG.debug("{} skipped: another node holds the duty {}", name, duty);
                return;
            }
            if (!outbox.ready()) {
                return;
            }
            try {
                outbox.send(work.get());
            } catch (RuntimeException e) {
                LOG.error("{} failed, tried again in {} s: {}", name, period, e.getMessage(), e);
            }
        };
        try {
            scheduler.schedule(job, scheduler.AT(new Date(System.currentTimeMillis() + delay.toMillis()), -1, period)
                    .name(name).canRunConcurrently(false));
        } catch (SchedulerError e) {
            LOG.error("Cannot schedule {}: deadlines and digests are not watched", name, e);
        }
    }

    @Deactivate
    void deactivate() {
        if (scheduler != null) {
            scheduler.unschedule(DEADLINES_JOB);
            scheduler.unschedule(DIGEST_JOB);
        }
        synchronized (this) {
            if (producer != null) {
                producer.stop();
                producer = null;
            }
        }
    }

    /** Notices go to the channels route of the CamelContext this builder was added to. */
    private final class CamelOutbox implements Outbox {
        @Override
        public boolean ready() {
            CamelContext c = getCamelContext();
            return c != null && c.getRouteController().getRouteStatus(CHANNELS_ROUTE) == ServiceStatus.Started;
        }

        @Override
        public void send(List<Notification> notices) {
            if (!notices.isEmpty()) {
                producer().sendBody(CHANNELS, notices);
            }
        }
    }

    private synchronized ProducerTemplate producer() {
        CamelContext c = getCamelContext();
        if (producer == null || producer.getCamelContext() != c) {
            if (producer != null) {
                producer.stop();
            }
            producer = c.createProducerTemplate(); // the runtime may have started a new context since
        }
        return producer;
    }

    @Override
    public void configure() {
        toChannels(from("amqp:queue:" + Queues.INCIDENTS + "::" + Queues.INCIDENTS_FOR_NOTIFY + "?transacted=true"
                + "&cacheLevelName=CACHE_CONSUMER&receiveTimeout=1000")
            .routeId("notify-dispatch")
            .process(e -> {
                String id = e.getMessage().getBody(String.class);
                String change = e.getMessage().getHeader(IncidentChanges.CHANGE_PROPERTY, String.class);
                // Our own alarm needs no notice; an empty list, as the split would take the id for a notice.
                boolean ownAlarm = IncidentChanges.Change.DEADLINE_BREACHED.name().equals(change);
                e.getMessage().setBody(ownAlarm ? List.of() : dispatch(id, false));
            }));

        // the notices of the deadline and digest jobs (a list each run)
        toChannels(from(CHANNELS).routeId(CHANNELS_ROUTE));
    }

    /** Sends each notice of the body (a list) to its channel's queue. */
    private void toChannels(RouteDefinition route) {
        route.split(body())
            .process(NotificationDispatcher::toChannelMessage)
            .toD("amqp:queue:" + Queues.NOTIFY_PREFIX + "${header.yaguraChannel}");
    }

    /** A channel's queue carries the notice id; the channel reads the rest from the store. */
    private static void toChannelMessage(org.apache.camel.Exchange e) {
        Notification n = e.getMessage().getBody(Notification.class);
        e.getMessage().removeHeaders("*");
        e.getMessage().setHeader("yaguraChannel", n.channel());
        e.getMessage().setHeader("yaguraNotification", n.id());
        e.getMessage().setHeader(IncidentChanges.INCIDENT_PROPERTY, n.incidentId());
        e.getMessage().setBody(n.id());
    }

    /** Decides and stores the notices for one incident; returns them for sending. */
    List<Notification> dispatch(String incidentId, boolean atDeadline) {
        Optional<Incident> found = store.find(incidentId);
        if (found.isEmpty()) {
            LOG.warn("Announcement for unknown incident {} ignored", incidentId);
            return List.of();
        }
        Incident i = found.get();
        Customer customer = registry.customer(i.customerId()).orElse(null);
        Instant now = clock.instant();
        DispatchPolicy.Decision d = policy.decide(i, customer, store.notifications(i.id()), now, atDeadline);
        for (Notification n : d.notices()) {
            store.createNotification(n);
        }
        if (!d.notices().isEmpty()) {
            store.audit(new AuditEntry(now, "dispatcher", "notify", i.id(), d.why() + ": " + d.notices().size()
                    + " notice(s) to " + d.notices().stream().map(Notification::address).distinct().toList()));
            if (i.status() == IncidentStatus.NEW || i.status() == IncidentStatus.TRIAGED) {
                try {
                    store.update(i.withStatus(IncidentStatus.NOTIFIED));
                } catch (IncidentStore.ConcurrentChangeException raced) {
                    // an analyst changed it meanwhile; the notice stands, the status stays theirs
                }
            }
            LOG.info("Incident {} ({}): {} -> {} notice(s)", i.id(), i.level().label(), d.why(), d.notices().size());
        }
        return d.notices();
    }

    /** An earlier run (or another node) already raised the alarm: once per incident, not once per start. */
    private boolean breachRecorded(String incidentId) {
        return store.auditLog(incidentId, 100).stream().anyMatch(a -> BREACH_ACTION.equals(a.action()));
    }

    /**
     * When an unconfirmed Critical is sent automatically: ahead of its deadline, so that the
     * notice can be delivered by it. A quarter of the Critical window, at most a minute; at
     * least two deadline checks (within half the window), so that a check falls in between.
     */
    Instant autoSendAt(Incident i) {
        Duration window = Duration.between(i.detectedAt(), i.deadline());
        Duration lead = window.dividedBy(4);
        if (lead.compareTo(AUTO_SEND_LEAD_MAX) > 0) {
            lead = AUTO_SEND_LEAD_MAX;
        }
        Duration twoChecks = Duration.ofSeconds(2L * checkSeconds);
        if (lead.compareTo(twoChecks) < 0) {
            lead = twoChecks.compareTo(window.dividedBy(2)) < 0 ? twoChecks : window.dividedBy(2);
        }
        return i.deadline().minus(lead);
    }

    /** Critical incidents due for automatic sending, and deadline breaches. */
    List<Notification> checkDeadlines() {
        Instant now = clock.instant();
        List<Notification> toSend = new java.util.ArrayList<>();
        for (IncidentStatus status : List.of(IncidentStatus.NEW, IncidentStatus.TRIAGED, IncidentStatus.NOTIFIED)) {
            for (Incident i : store.list(new IncidentStore.Filter(null, null, status, null, 500))) {
                if (i.deadline() == null || deadlineSettled.contains(i.id())) {
                    continue;
                }
                if (i.level() == Level.CRITICAL && status != IncidentStatus.NOTIFIED && !now.isBefore(autoSendAt(i))) {
                    toSend.addAll(dispatch(i.id(), true));
                }
                if (i.deadline().isAfter(now)) {
                    continue;
                }
                if (i.level() != Level.EMERGENCY && i.level() != Level.CRITICAL) {
                    continue; // nobody must be told (the level may still be raised: not settled)
                }
                boolean delivered = store.notifications(i.id()).stream()
                        .anyMatch(n -> "incident".equals(n.kind()) && "delivered".equals(n.status()));
                if (deadlineSettled.add(i.id()) && !delivered && !breachRecorded(i.id())) {
                    LOG.error("DEADLINE BREACHED: incident {} ({}, customer {}) had to be notified by {} and no notice "
                            + "was delivered", i.id(), i.level().label(), i.customerId(), i.deadline());
                    store.audit(new AuditEntry(now, "dispatcher", BREACH_ACTION, i.id(),
                            "deadline " + i.deadline() + ", level " + i.level().label()));
                    changes.announce(i, IncidentChanges.Change.DEADLINE_BREACHED);
                }
            }
        }
        return toSend;
    }
}
