package io.yagura.health;

import io.yagura.api.health.DeviceHealth;
import io.yagura.api.health.DeviceHealthView;
import io.yagura.api.health.HealthStore;
import io.yagura.api.health.HealthTransition;
import io.yagura.api.health.LastLogStore;
import io.yagura.api.agent.AgentDirectory;
import io.yagura.api.cluster.ClusterDuties;
import io.yagura.api.health.LogActivity;
import io.yagura.api.incident.IncidentChanges;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Triage;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.DeviceRegistry;
import io.yagura.health.probe.IcmpSetup;
import io.yagura.health.probe.Pinger;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.karaf.scheduler.Job;
import org.apache.karaf.scheduler.Scheduler;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches every registered device: the Karaf Scheduler job "yagura-health-check" runs
 * {@link HealthMonitor#check} every check.period.seconds (never two runs at once); the probes
 * themselves run on a pool of probe.threads threads, each bounded by its timeout. How ICMP is
 * sent is decided once at start ({@link IcmpSetup}) and logged. The check is a cluster duty
 * ({@link ClusterDuties#HEALTH_CHECK}): with several nodes one of them probes the devices and
 * judges their silence; when the duty comes or goes, this node forgets what it watched and
 * reads the devices' state from the store again (another node watched them meanwhile).
 *
 * <p>Log arrivals are every node's: each node records the arrivals its own ingestion saw in the
 * database (job "yagura-health-log-record", every log.record.seconds, on every node), and the
 * holder of the duty judges silence from the latest arrival at any node ({@link LogArrivals}).
 */
@Component(service = {DeviceHealthView.class, LogActivity.class}, immediate = true, configurationPid = "io.yagura.health")
@Designate(ocd = HealthConfig.class)
public class HealthService implements DeviceHealthView, LogActivity {

    static final String JOB = "yagura-health-check";
    static final String RECORD_JOB = "yagura-health-log-record";
    private static final Logger LOG = LoggerFactory.getLogger(HealthService.class);

    private final DeviceRegistry registry;
    private final HealthStore store;
    private final Scheduler scheduler;
    private final HealthMonitor monitor;
    private final LogArrivals arrivals;
    private final ExecutorService pool;
    private final Pinger pinger;
    private final AgentSilence agentSilence;
    private final Clock clock;
    private final ClusterDuties duties;
    /** The term of the duty the watches in memory belong to (0: not held). */
    private long watchedTerm;

    /** The agents' centre, when installed: a silent agent is a fault of its customer. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AgentDirectory agents;

    @Activate
    public HealthService(@Reference Scheduler scheduler, @Reference DeviceRegistry registry, @Reference HealthStore store,
                         @Reference IncidentStore incidents, @Reference IncidentChanges changes, @Reference Triage triage,
                         @Reference ClusterDuties duties, @Reference LastLogStore lastLogs, HealthConfig config) {
        this(scheduler, registry, store, lastLogs, new FaultIncidents(incidents, changes, triage, registry), duties, config,
                IcmpSetup.probeHost(), Clock.systemUTC());
    }

    HealthService(Scheduler scheduler, DeviceRegistry registry, HealthStore store, LastLogStore lastLogs,
                  FaultIncidents incidents, ClusterDuties duties, HealthConfig config, IcmpSetup.Host host, Clock clock) {
        this.duties = duties;
        this.registry = registry;
        this.store = store;
        this.scheduler = scheduler;
        this.clock = clock;
        this.agentSilence = new AgentSilence(incidents);
        Timings timings = Timings.of(config);
        this.pinger = IcmpSetup.verified(chosenPinger(config.icmp_method(), host), timings.pingTimeout());
        if (pinger instanceof Pinger.Unavailable) {
            LOG.error("Device health: {}. Devices probed by ICMP only show ICMP-UNAVAILABLE; give them a TCP port "
                    + "(yagura:health-set --tcp-port) or install fping", pinger.describe());
        } else {
            LOG.info("Device health: ICMP echo by {}", pinger.describe());
        }
        int threads = Math.max(1, config.probe_threads());
        AtomicInteger n = new AtomicInteger();
        // one probe per device at a time, so the queue never holds more than the registry's devices
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "yagura-health-probe-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.arrivals = new LogArrivals(lastLogs, duties.nodeId());
        this.monitor = new HealthMonitor(registry, store, arrivals, incidents, new ProbeRunner(pinger, timings), pool, clock,
                timings);
        if (!config.enabled()) {
            LOG.info("Device health checks are disabled (io.yagura.health enabled=false)");
            return;
        }
        schedule(RECORD_JOB, config.log_record_seconds(), context -> recordArrivals(),
                "the lines this node receives do not count against log silence");
        schedule(JOB, config.check_period_seconds(), context -> runCheck(), "devices are not watched");
    }

    /** A periodic job, never two runs at once; one that cannot be scheduled is said with what it costs. */
    private void schedule(String name, int periodSeconds, Job job, String withoutIt) {
        try {
            scheduler.schedule(job, scheduler.NOW(-1, Math.max(1, periodSeconds)).name(name).canRunConcurrently(false));
        } catch (Exception e) {
            LOG.error("Cannot schedule {}: {}", name, withoutIt, e);
        }
    }

    /** A wrong icmp.method stops ICMP only, said in the log: TCP probes and silence checks go on. */
    private static Pinger chosenPinger(String method, IcmpSetup.Host host) {
        try {
            return IcmpSetup.choose(method, host);
        } catch (IllegalArgumentException e) {
            return Pinger.unavailable(e.getMessage() + " (etc/io.yagura.health.cfg)");
        }
    }

    private synchronized void runCheck() {
        try {
            long term = duties.term(ClusterDuties.HEALTH_CHECK);
            if (term != watchedTerm) {
                monitor.forget();
                watchedTerm = term;
            }
            if (term == 0) {
                LOG.debug("{} skipped: another node holds the duty {}", JOB, ClusterDuties.HEALTH_CHECK);
                return;
            }
            monitor.check();
            agentSilence.check(AgentSilence.of(agents), clock.instant());
        } catch (RuntimeException e) {
            LOG.error("{} failed, tried again at the next period: {}", JOB, e.getMessage(), e);
        }
    }

    /** Every node, whether it holds the duty or not: its share of the lines counts wherever silence is judged. */
    private void recordArrivals() {
        try {
            arrivals.record();
        } catch (RuntimeException e) {
            LOG.error("{} failed, tried again at the next period: {}", RECORD_JOB, e.getMessage(), e);
        }
    }

    @Deactivate
    void deactivate() {
        scheduler.unschedule(JOB);
        scheduler.unschedule(RECORD_JOB);
        pool.shutdownNow();
        recordArrivals(); // what arrived since the last period, before this node goes
    }

    @Override
    public void received(String deviceId, Instant at) {
        if (deviceId != null && at != null) {
            monitor.logReceived(deviceId, at);
        }
    }

    @Override
    public List<DeviceHealth> states(String customerId) {
        return registry.devices().stream().filter(d -> customerId == null || customerId.equals(d.customer()))
                .sorted(Comparator.comparing(Device::id)).map(monitor::health).toList();
    }

    @Override
    public Optional<DeviceHealth> state(String deviceId) {
        return registry.device(deviceId).map(monitor::health);
    }

    @Override
    public List<HealthTransition> history(String deviceId, int limit) {
        return store.history(deviceId, limit);
    }

    @Override
    public String icmpMethod() {
        return pinger.describe();
    }

    /** For tests: one check now, as the scheduler's job does it. */
    void checkNow() {
        runCheck();
    }

    /** For tests: one recording of this node's log arrivals now, as the job "yagura-health-log-record" does it. */
    void recordNow() {
        recordArrivals();
    }
}
