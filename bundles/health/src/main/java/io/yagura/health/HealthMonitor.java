package io.yagura.health;

import io.yagura.api.health.DeviceHealth;
import io.yagura.api.health.HealthSettings;
import io.yagura.api.health.HealthState;
import io.yagura.api.health.HealthStore;
import io.yagura.api.health.HealthTransition;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.DeviceRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The health checks' logic, without OSGi. {@link #check} runs on the scheduler: it judges log
 * silence and hands the devices whose probe is due to the probe pool; {@link #apply} judges a
 * probe's outcome. A failed probe starts a run of failures: {@code retries} retries
 * {@code retryGap} apart, then probes at the normal interval, plus one at {@code faultAfter}
 * after the first failure, when a device that still does not answer is declared faulty.
 */
final class HealthMonitor {

    private static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

    private final DeviceRegistry registry;
    private final HealthStore store;
    private final FaultIncidents incidents;
    private final ProbeRunner probes;
    private final Executor pool;
    private final Clock clock;
    private final Timings timings;
    private final Map<String, DeviceWatch> watches = new ConcurrentHashMap<>();
    /** When each device's latest log arrived, at this node (told by ingestion) and at any node (the database). */
    private final LogArrivals arrivals;

    HealthMonitor(DeviceRegistry registry, HealthStore store, LogArrivals arrivals, FaultIncidents incidents,
                  ProbeRunner probes, Executor pool, Clock clock, Timings timings) {
        this.registry = registry;
        this.arrivals = arrivals;
        this.store = store;
        this.incidents = incidents;
        this.probes = probes;
        this.pool = pool;
        this.clock = clock;
        this.timings = timings;
    }

    void logReceived(String deviceId, Instant at) {
        arrivals.received(deviceId, at);
    }

    /**
     * Drops the devices' state kept in memory: each is restored from the store at the next check.
     * Log arrivals told by ingestion are kept: they are this node's own knowledge.
     */
    void forget() {
        watches.clear();
    }

    /** One run of the scheduler's job: silence judged, due probes handed out; never waits for a probe. */
    void check() {
        Instant now = clock.instant();
        Map<String, HealthSettings> settings = new HashMap<>();
        for (HealthSettings s : store.allSettings()) {
            settings.put(s.deviceId(), s);
        }
        // with several nodes each receives a share of a device's lines: the latest at any node counts
        Map<String, Instant> lastLogs = arrivals.newest();
        Set<String> present = new HashSet<>();
        for (Device d : registry.devices()) {
            present.add(d.id());
            try {
                check(d, Plan.of(d, settings.get(d.id()), timings), lastLogs.get(d.id()), now);
            } catch (RuntimeException e) {
                // one device's trouble (a store error) must not stop the watch of the others
                LOG.error("Health check of device {} failed, tried again at the next period: {}", d.id(), e.getMessage(), e);
            }
        }
        for (String gone : List.copyOf(watches.keySet())) {
            if (!present.contains(gone)) {
                watches.remove(gone);
                arrivals.forget(gone);
                store.remove(gone);
                LOG.info("Device {} left the registry: no longer watched", gone);
            }
        }
    }

    private void check(Device d, Plan plan, Instant arrived, Instant now) {
        DeviceWatch w = watch(d, now);
        boolean due;
        synchronized (w) {
            w.customerId = d.customer();
            if (arrived != null && (w.lastLog == null || arrived.isAfter(w.lastLog))) {
                if (w.lastLog != null && !w.silent) { // a silence reported is not a normal gap
                    w.learnedGap = Timings.learn(w.learnedGap, Duration.between(w.lastLog, arrived));
                }
                w.lastLog = arrived;
            }
            judgeSilence(d, w, plan, now);
            if (w.lastLog != null && (w.lastLogStored == null
                    || !w.lastLog.isBefore(w.lastLogStored.plus(plan.interval())))) {
                persist(w); // shown by yagura:health on every node, and restored after a restart
            }
            due = !w.probing && isDue(w, plan, now);
            w.probing |= due;
        }
        if (due) {
            submit(d, w, plan);
        }
    }

    DeviceWatch watch(Device d, Instant now) {
        return watches.computeIfAbsent(d.id(), id -> {
            DeviceWatch w = store.find(id).map(DeviceWatch::restore).orElseGet(() -> new DeviceWatch(id, d.customer(), now));
            w.faultIncident = incidents.findOpen(Fault.Kind.UNREACHABLE, d.customer(), id).orElse(null);
            w.silenceIncident = incidents.findOpen(Fault.Kind.SILENCE, d.customer(), id).orElse(null);
            if (w.faultIncident != null) {
                w.reach = DeviceWatch.Reach.FAULT; // the incident is the record: keep watching for the recovery
            }
            return w;
        });
    }

    private void submit(Device d, DeviceWatch w, Plan plan) {
        try {
            pool.execute(() -> {
                ProbeOutcome outcome;
                try {
                    outcome = probes.probe(plan);
                } catch (RuntimeException e) {
                    LOG.error("Probe of device {} failed unexpectedly", d.id(), e);
                    outcome = new ProbeOutcome(ProbeOutcome.Kind.UNAVAILABLE, "probe error: " + e.getMessage());
                }
                apply(d, w, plan, outcome, clock.instant());
            });
        } catch (RejectedExecutionException stopping) {
            synchronized (w) {
                w.probing = false;
            }
        }
    }

    /** When the device's next probe is due: now for a new one, else after the gap its state asks for. */
    boolean isDue(DeviceWatch w, Plan plan, Instant now) {
        if (!plan.probes()) {
            return false;
        }
        if (w.lastCheck == null) {
            return true;
        }
        Instant next;
        if (w.reach == DeviceWatch.Reach.RETRYING) {
            next = w.lastCheck.plus(w.failedProbes <= plan.retries() ? plan.retryGap() : plan.interval());
            Instant faultAt = w.firstFailure.plus(plan.faultAfter());
            if (w.lastCheck.isBefore(faultAt) && faultAt.isBefore(next)) {
                next = faultAt; // the fault is judged on time, not one interval late
            }
        } else {
            next = w.lastCheck.plus(plan.interval());
        }
        return !now.isBefore(next);
    }

    /** Judges one probe's outcome. */
    void apply(Device d, DeviceWatch w, Plan plan, ProbeOutcome outcome, Instant at) {
        synchronized (w) {
            try {
                w.lastCheck = at;
                w.detail = outcome.detail();
                switch (outcome.kind()) {
                    case ANSWERED -> answered(d, w, at);
                    case FAILED -> failed(d, w, plan, at);
                    case UNAVAILABLE -> {
                        w.reach = DeviceWatch.Reach.UNAVAILABLE;
                        w.firstFailure = null;
                        w.failedProbes = 0;
                    }
                }
                show(w, at, outcome.detail());
            } catch (RuntimeException e) {
                LOG.error("Health of device {} not recorded: {}", d.id(), e.getMessage(), e);
            } finally {
                w.probing = false;
            }
        }
    }

    private void answered(Device d, DeviceWatch w, Instant at) {
        w.lastAnswer = at;
        if (w.faultIncident != null) {
            incidents.recovered(w.faultIncident, "Device " + d.id() + " answers again since " + at + ", "
                    + FaultIncidents.minutes(Duration.between(w.firstFailure == null ? at : w.firstFailure, at))
                    + " after it stopped answering: all clear.");
            w.faultIncident = null;
        }
        w.coveredBy = null;
        w.reach = DeviceWatch.Reach.UP;
        w.firstFailure = null;
        w.failedProbes = 0;
    }

    private void failed(Device d, DeviceWatch w, Plan plan, Instant at) {
        if (w.reach != DeviceWatch.Reach.RETRYING && w.reach != DeviceWatch.Reach.FAULT) {
            w.reach = DeviceWatch.Reach.RETRYING;
            w.firstFailure = at;
            w.failedProbes = 0;
        }
        w.failedProbes++;
        if (w.firstFailure == null) {
            w.firstFailure = at; // a fault restored from an incident without a stored state
        }
        DeviceWatch upstream = plan.upstream() == null ? null : watches.get(plan.upstream());
        boolean upstreamRetrying = upstream != null && upstream.reach == DeviceWatch.Reach.RETRYING;
        boolean upstreamFaulty = upstream != null && upstream.reach == DeviceWatch.Reach.FAULT;
        if (w.reach == DeviceWatch.Reach.RETRYING) {
            if (at.isBefore(w.firstFailure.plus(plan.faultAfter()))) {
                w.detail += "; failed probe " + w.failedProbes + " since " + w.firstFailure;
                return;
            }
            if (upstreamRetrying) {
                w.detail += "; its upstream " + plan.upstream() + " does not answer either: waiting for its verdict";
                return;
            }
            w.reach = DeviceWatch.Reach.FAULT;
        }
        if (upstreamFaulty && w.faultIncident == null) {
            w.coveredBy = plan.upstream();
            w.detail += "; behind " + plan.upstream() + ", whose fault covers it";
        } else if (w.faultIncident == null && !upstreamRetrying) {
            w.coveredBy = null;
            w.faultIncident = incidents.open(new Fault(Fault.Kind.UNREACHABLE, d.id(), d.customer(), plan.address(),
                    w.firstFailure, w.lastAnswer, w.lastLog, w.detail, plan.silence()), at);
        }
    }

    /** Log silence: reported once the device's last log is older than its threshold; cleared when logs come back. */
    private void judgeSilence(Device d, DeviceWatch w, Plan plan, Instant now) {
        Duration threshold = timings.silenceAfter(plan.silence(), w.learnedGap);
        boolean silentNow = silent(w, threshold, now);
        boolean unreachable = w.reach == DeviceWatch.Reach.RETRYING || w.reach == DeviceWatch.Reach.FAULT;
        if (silentNow && w.silenceIncident == null && !unreachable) {
            w.silenceIncident = incidents.open(new Fault(Fault.Kind.SILENCE, d.id(), d.customer(), plan.address(),
                    w.lastLog, w.lastAnswer, w.lastLog, w.reach == DeviceWatch.Reach.UP ? "It answers its probes ("
                    + plan.describe() + "): the device runs but its logs do not arrive" : "It is not probed ("
                    + plan.describe() + ")", threshold), now);
        } else if (!silentNow && w.silenceIncident != null) {
            incidents.recovered(w.silenceIncident, "Logs of device " + d.id() + " arrive again (last at " + w.lastLog
                    + "): all clear.");
            w.silenceIncident = null;
        }
        if (silentNow != w.silent) {
            w.silent = silentNow;
            show(w, now, silentNow ? "no log since " + w.lastLog + " (silence threshold "
                    + FaultIncidents.minutes(threshold) + ")" : "logs arrive again (last at " + w.lastLog + ")");
        }
    }

    private static boolean silent(DeviceWatch w, Duration threshold, Instant now) {
        return w.lastLog != null && !threshold.isZero() && now.isAfter(w.lastLog.plus(threshold));
    }

    /** Stores the device's state, and a transition when the state shown changed. */
    private void show(DeviceWatch w, Instant at, String reason) {
        HealthState next = w.state();
        if (next != w.shown) {
            store.addTransition(new HealthTransition(w.deviceId, at, w.shown, next, reason));
            LOG.info("Device {}: {} -> {} ({})", w.deviceId, w.shown.label(), next.label(), reason);
            w.shown = next;
            w.since = at;
        }
        persist(w);
    }

    private void persist(DeviceWatch w) {
        store.save(w.toHealth(upstreamIncident(w)));
        w.lastLogStored = w.lastLog;
    }

    private String upstreamIncident(DeviceWatch w) {
        DeviceWatch up = w.coveredBy == null ? null : watches.get(w.coveredBy);
        return up == null ? null : up.faultIncident;
    }

    /** The device's health now: live when watched on this node, else as stored, else unknown. */
    DeviceHealth health(Device d) {
        DeviceWatch w = watches.get(d.id());
        if (w != null) {
            synchronized (w) {
                return w.toHealth(upstreamIncident(w));
            }
        }
        return store.find(d.id()).orElseGet(() -> DeviceHealth.unknown(d.id(), d.customer(), clock.instant()));
    }
}
