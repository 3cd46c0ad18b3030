package io.yagura.store;

import io.yagura.api.cluster.ClusterDuties;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import javax.sql.DataSource;
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
 * {@link ClusterDuties} on the lease table ({@link Leases}). The Karaf Scheduler job
 * "yagura-cluster-leases" renews the lease of every duty this node has been asked about, every
 * third of the time to live; this node counts a lease as its own for two thirds of the time to
 * live from the moment it sent the renewal, measured on its own monotonic clock, so it stops
 * claiming a duty before the database lets another node take it, and a job that started just
 * before has a third of the time to live to finish its item. Released when the component stops.
 */
@Component(service = ClusterDuties.class, immediate = true, configurationPid = "io.yagura.cluster")
@Designate(ocd = JdbcClusterDuties.Config.class)
public class JdbcClusterDuties implements ClusterDuties {

    @ObjectClassDefinition(name = "Yagura cluster duties")
    public @interface Config {
        @AttributeDefinition(description = "This node's id among the nodes sharing the database "
                + "(empty: the Karaf instance name @ the host name)")
        String node_id() default "";

        @AttributeDefinition(description = "Seconds a lease lasts without renewal (at least 3): a duty is idle "
                + "for at most this long after its node dies; renewed every third of it")
        int ttl_seconds() default 30;
    }

    private static final Logger LOG = LoggerFactory.getLogger(JdbcClusterDuties.class);
    static final String JOB = "yagura-cluster-leases";

    /** This node's hold of one duty: its term (0: not held) and until when, on the monotonic clock. */
    private record Hold(long term, long untilNanos) {
        static final Hold NONE = new Hold(0, 0);
    }

    private final Leases leases;
    private final String nodeId;
    private final Duration ttl;
    private final LongSupplier nanoTime;
    private final Map<String, Hold> holds = new ConcurrentHashMap<>();
    private final AtomicLong terms = new AtomicLong();
    private final AtomicBoolean failing = new AtomicBoolean();
    /** Set when the component stops: a job still running then must not take a lease again. */
    private volatile boolean stopped;
    private Scheduler scheduler;

    @Activate
    public JdbcClusterDuties(@Reference(target = "(dataSourceName=yagura)") DataSource dataSource,
                             @Reference Scheduler scheduler, Config config) throws Exception {
        this(dataSource, nodeId(config.node_id()), ttl(config.ttl_seconds()), System::nanoTime);
        this.scheduler = scheduler;
        long period = Math.max(1, ttl.toSeconds() / 3);
        try {
            scheduler.schedule((Job) context -> renewAll(), scheduler.AT(new Date(), -1, period).name(JOB)
                    .canRunConcurrently(false));
        } catch (SchedulerError e) {
            throw new IllegalStateException("Cannot schedule " + JOB + ": this node would hold no duty", e);
        }
        LOG.info("Cluster duties: this node is {}, leases of {} s renewed every {} s", nodeId, ttl.toSeconds(), period);
    }

    /** For the tests: renewals are called by the test, time is the given monotonic clock. */
    JdbcClusterDuties(DataSource dataSource, String nodeId, Duration ttl, LongSupplier nanoTime) throws Exception {
        Schema.migrate(dataSource);
        this.leases = new Leases(dataSource);
        this.nodeId = nodeId;
        this.ttl = ttl;
        this.nanoTime = nanoTime;
    }

    static String nodeId(String configured) throws UnknownHostException {
        if (configured != null && !configured.isBlank()) {
            if (configured.strip().length() > 256) {
                throw new IllegalArgumentException("io.yagura.cluster node.id is longer than 256 characters");
            }
            return configured.strip();
        }
        return System.getProperty("karaf.name", "yagura") + "@" + InetAddress.getLocalHost().getHostName();
    }

    static Duration ttl(int seconds) {
        if (seconds < 3) {
            throw new IllegalArgumentException("io.yagura.cluster ttl.seconds must be at least 3, not " + seconds);
        }
        return Duration.ofSeconds(seconds);
    }

    @Deactivate
    void deactivate() {
        stopped = true;
        if (scheduler != null) {
            scheduler.unschedule(JOB);
        }
        holds.clear();
        try {
            int released = leases.release(nodeId);
            LOG.info("Cluster duties: this node ({}) released {} lease(s)", nodeId, released);
        } catch (SQLException | RuntimeException e) {
            LOG.warn("Cluster duties: leases of {} not released ({}); other nodes take them when they run out",
                    nodeId, e.getMessage());
        }
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public boolean holds(String duty) {
        return term(duty) != 0;
    }

    @Override
    public long term(String duty) {
        if (stopped) {
            return 0;
        }
        Hold hold = holds.get(duty);
        if (hold == null) {
            hold = renew(duty); // the first question about a duty: compete for it now
        }
        return hold.term() != 0 && nanoTime.getAsLong() - hold.untilNanos() < 0 ? hold.term() : 0;
    }

    @Override
    public List<Lease> leases() {
        try {
            return leases.list();
        } catch (SQLException e) {
            throw new JdbcIncidentStore.StoreException("SELECT cluster_lease", e);
        }
    }

    /** Renews (or takes) the lease of every duty this node has been asked about. */
    void renewAll() {
        for (String duty : holds.keySet()) {
            if (stopped) {
                return;
            }
            renew(duty);
        }
    }

    private Hold renew(String duty) {
        long sent = nanoTime.getAsLong();
        boolean held;
        try {
            held = leases.acquire(duty, nodeId, ttl);
            if (failing.compareAndSet(true, false)) {
                LOG.info("Cluster duties: the database answers again, leases renewed");
            }
        } catch (SQLException | RuntimeException e) {
            held = false; // unknown is not held: never two holders
            if (failing.compareAndSet(false, true)) {
                LOG.error("Cluster duties: the database could not be asked ({}); this node holds no duty until "
                        + "it answers", e.getMessage());
            }
        }
        long until = sent + ttl.toNanos() / 3 * 2;
        boolean nowHeld = held;
        return holds.compute(duty, (d, old) -> {
            boolean continued = old != null && old.term() != 0 && sent - old.untilNanos() < 0;
            if (!nowHeld) {
                if (continued) {
                    LOG.info("Cluster duties: this node ({}) no longer holds {}", nodeId, duty);
                }
                return Hold.NONE;
            }
            if (!continued) {
                LOG.info("Cluster duties: this node ({}) now holds {}", nodeId, duty);
            }
            return new Hold(continued ? old.term() : terms.incrementAndGet(), until);
        });
    }
}
