package io.yagura.pull;

import io.yagura.api.cluster.ClusterDuties;
import io.yagura.api.ingest.PullCursors;
import io.yagura.api.plugin.VendorPlugin;
import io.yagura.api.registry.DeviceRegistry;
import jakarta.jms.ConnectionFactory;
import java.time.Clock;
import org.apache.karaf.scheduler.Scheduler;

/**
 * yagura-pull's scheduler as its component runtime would start it, for the agent's tests (which
 * reuse it as it is): its real JMS sender on the given broker ({@link PullTesting} for its
 * configuration and the Karaf Scheduler).
 */
public final class PullSchedulers {

    private PullSchedulers() {
    }

    /** A started scheduler with these plugins: the refresh job is on {@code scheduler}; stop it with {@link #stop}. */
    public static PullScheduler start(Scheduler scheduler, DeviceRegistry registry, PullCursors cursors,
                                      ConnectionFactory broker, ClusterDuties duties, PullConfig config,
                                      VendorPlugin... plugins) {
        PullScheduler pull = new PullScheduler(scheduler, registry, cursors, new Fakes.FakeCounters(), new JmsEnvelopeSender(broker), duties,
                Clock.systemUTC());
        for (VendorPlugin p : plugins) {
            pull.bindPlugin(p);
        }
        pull.activate(config);
        return pull;
    }

    public static void stop(PullScheduler pull) {
        pull.deactivate();
    }
}
