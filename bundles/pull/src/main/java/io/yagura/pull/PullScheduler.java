package io.yagura.pull;

import io.yagura.api.cluster.ClusterDuties;
import io.yagura.api.ingest.PullCursors;
import io.yagura.api.metrics.Counters;
import io.yagura.api.plugin.PullConnector;
import io.yagura.api.plugin.VendorPlugin;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.DeviceRegistry;
import io.yagura.api.registry.ManagementEndpoint;
import jakarta.jms.ConnectionFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.karaf.scheduler.Job;
import org.apache.karaf.scheduler.Scheduler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Schedules the polling of pulled devices on the Karaf Scheduler, the one scheduling mechanism:
 * every device of the registry whose management endpoint is set and whose vendor's plugin offers
 * a {@link PullConnector} gets a job "yagura-pull-&lt;deviceId&gt;" that runs its
 * {@link DevicePoller} at the endpoint's poll interval (the configured default when it sets none),
 * never two runs of one device at a time. A job "yagura-pull-refresh" looks at the registry
 * periodically (the registry has no change events) and starts, reschedules or stops device jobs;
 * a plugin that comes or goes triggers the same at once. When a device stops being polled its
 * connector is told to release what it holds (an SDEE subscription).
 *
 * <p>Polling is one cluster duty for all devices ({@link ClusterDuties#PULL}), not one per
 * device: a device polled by two nodes gives every event twice, one duty is one lease to renew
 * and to watch, and the pulled devices are few and light next to the syslog senders. A node
 * without the duty schedules no device job and releases the devices it polled; each poll checks
 * the duty again, so a node that lost it stops at once. The cursors are the database's
 * ({@link PullCursors} of the store), so the node that takes the duty over reads each device on
 * from where the previous holder stopped.
 */
@Component(service = {}, immediate = true, configurationPid = "io.yagura.pull")
@Designate(ocd = PullConfig.class)
public class PullScheduler {

    static final String JOB_PREFIX = "yagura-pull-";
    static final String REFRESH_JOB = "yagura-pull-refresh";
    private static final Logger LOG = LoggerFactory.getLogger(PullScheduler.class);

    @Reference
    private Scheduler scheduler;
    @Reference
    private DeviceRegistry registry;
    @Reference
    private PullCursors cursors;
    @Reference
    private Counters counters;
    @Reference
    private ConnectionFactory broker;
    @Reference
    private ClusterDuties duties;

    private final Map<String, VendorPlugin> plugins = new ConcurrentHashMap<>();
    /** deviceId → its poller (kept across reschedules: its health state lives there). */
    private final Map<String, DevicePoller> pollers = new HashMap<>();
    /** deviceId → the period (seconds) its job runs at. */
    private final Map<String, Long> scheduled = new HashMap<>();
    private EnvelopeSender sender;
    private Clock clock = Clock.systemUTC();
    private volatile PullConfig config;
    private volatile boolean active;

    /** For the component runtime. */
    public PullScheduler() {
    }

    PullScheduler(Scheduler scheduler, DeviceRegistry registry, PullCursors cursors, Counters counters, EnvelopeSender sender,
                  ClusterDuties duties, Clock clock) {
        this.scheduler = scheduler;
        this.duties = duties;
        this.registry = registry;
        this.cursors = cursors;
        this.counters = counters;
        this.sender = sender;
        this.clock = clock;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindPlugin(VendorPlugin plugin) {
        plugins.put(plugin.vendorId(), plugin);
        if (active) {
            reconcile();
        }
    }

    void unbindPlugin(VendorPlugin plugin) {
        plugins.remove(plugin.vendorId(), plugin);
        if (active) {
            reconcile();
        }
    }

    @Activate
    void activate(PullConfig configuration) {
        if (sender == null) {
            sender = new JmsEnvelopeSender(broker);
        }
        config = configuration;
        active = true;
        migrateCursorFile(CursorFileMigration.file(configuration.cursor_file()));
        if (!configuration.enabled()) {
            LOG.info("Polling of pulled devices is disabled (io.yagura.pull enabled=false)");
            return;
        }
        if (!configuration.queue().isBlank()) {
            LOG.info("Pulled records of every device go to the queue {} (io.yagura.pull queue)", configuration.queue().trim());
        }
        Job refresh = context -> reconcile();
        try {
            scheduler.schedule(refresh, scheduler.NOW(-1, Math.max(1, configuration.refresh_interval_s()))
                    .name(REFRESH_JOB).canRunConcurrently(false));
        } catch (Exception e) {
            LOG.error("Cannot schedule {}: pulled devices are polled only when plugins change", REFRESH_JOB, e);
            reconcile();
        }
    }

    /** The cursors an earlier version kept in a file on this node go to the database, once. */
    void migrateCursorFile(Path file) {
        try {
            CursorFileMigration.Moved m = CursorFileMigration.migrate(file, cursors);
            if (m != null) {
                LOG.info("Pull cursors: {} device(s) moved from {} into the database ({} kept the cursor the database had); "
                        + "the file is now {}", m.moved(), m.file(), m.kept(), m.renamedTo().getFileName());
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("Pull cursors in {} not moved into the database, tried again at the next start: {}", file,
                    e.getMessage(), e);
        }
    }

    @Modified
    void modified(PullConfig configuration) {
        deactivate();
        activate(configuration);
    }

    @Deactivate
    synchronized void deactivate() {
        active = false;
        scheduler.unschedule(REFRESH_JOB);
        for (String deviceId : List.copyOf(scheduled.keySet())) {
            stop(deviceId, true);
        }
        pollers.clear();
    }

    /** Brings the scheduled jobs in line with the registry and the plugins. */
    synchronized void reconcile() {
        PullConfig c = config;
        if (!active || c == null || !c.enabled()) {
            return;
        }
        if (!duties.holds(ClusterDuties.PULL)) {
            if (!scheduled.isEmpty()) {
                LOG.info("Another node holds the duty {}: this node stops polling {} device(s)", ClusterDuties.PULL,
                        scheduled.size());
            }
            for (String deviceId : List.copyOf(scheduled.keySet())) {
                stop(deviceId, true);
            }
            return;
        }
        Map<String, Long> wanted = new HashMap<>();
        for (Device d : registry.devices()) {
            ManagementEndpoint m = d.management();
            VendorPlugin plugin = d.vendor() == null ? null : plugins.get(d.vendor());
            if (m != null && m.url() != null && !m.url().isBlank() && plugin != null && plugin.pullConnector().isPresent()) {
                wanted.put(d.id(), periodSeconds(m.pollInterval(), c));
            }
        }
        for (String deviceId : List.copyOf(scheduled.keySet())) {
            Long period = wanted.get(deviceId);
            if (period == null) {
                stop(deviceId, true);
                pollers.remove(deviceId);
                LOG.info("Stopped polling device {}", deviceId);
            } else if (!period.equals(scheduled.get(deviceId))) {
                stop(deviceId, false);
            }
        }
        DevicePoller.Settings settings = settings(c);
        for (Map.Entry<String, Long> w : wanted.entrySet()) {
            String deviceId = w.getKey();
            DevicePoller poller = pollers.computeIfAbsent(deviceId, id -> new DevicePoller(id, registry::device, this::connector,
                    sender, cursors, counters, clock, settings));
            poller.settings(settings);
            if (scheduled.containsKey(deviceId)) {
                continue;
            }
            try {
                Job job = context -> {
                    if (duties.holds(ClusterDuties.PULL)) {
                        poller.run();
                    } else {
                        LOG.debug("Device {} not polled: another node holds the duty {}", deviceId, ClusterDuties.PULL);
                    }
                };
                scheduler.schedule(job, scheduler.NOW(-1, w.getValue()).name(JOB_PREFIX + deviceId).canRunConcurrently(false));
                scheduled.put(deviceId, w.getValue());
                LOG.info("Polling device {} every {} s", deviceId, w.getValue());
            } catch (Exception e) {
                LOG.error("Cannot schedule the polling of device {}", deviceId, e);
            }
        }
    }

    private void stop(String deviceId, boolean release) {
        scheduler.unschedule(JOB_PREFIX + deviceId);
        scheduled.remove(deviceId);
        DevicePoller poller = pollers.get(deviceId);
        if (release && poller != null && poller.lastTarget() != null) {
            VendorPlugin plugin = plugins.get(poller.lastVendor());
            if (plugin != null) {
                try {
                    plugin.pullConnector().ifPresent(pc -> pc.close(poller.lastTarget()));
                } catch (RuntimeException e) {
                    LOG.debug("Releasing device {} at its connector failed", deviceId, e);
                }
            }
        }
    }

    Optional<PullConnector> connector(String vendor) {
        VendorPlugin plugin = vendor == null ? null : plugins.get(vendor);
        return plugin == null ? Optional.empty() : plugin.pullConnector();
    }

    static long periodSeconds(Duration interval, PullConfig c) {
        long seconds = interval == null || interval.isZero() || interval.isNegative() ? c.default_poll_interval_s()
                : (interval.toMillis() + 999) / 1000;
        return Math.max(1, Math.min(seconds, 24 * 3600));
    }

    static DevicePoller.Settings settings(PullConfig c) {
        return new DevicePoller.Settings(Math.max(1, c.max_batches_per_run()), c.silent_after_failures(),
                Duration.ofMinutes(Math.max(0, c.silent_after_minutes())), c.queue());
    }

    /** Scheduled devices and their periods, for tests and diagnostics. */
    synchronized Map<String, Long> scheduled() {
        return Map.copyOf(scheduled);
    }

    synchronized DevicePoller poller(String deviceId) {
        return pollers.get(deviceId);
    }
}
