package io.yagura.store.testing;

import io.yagura.api.cluster.ClusterDuties;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cluster duties as a test sets them, for the tests of the bundles whose jobs are duties. Starts
 * as a node alone (it holds every duty); {@link #lose} and {@link #gain} move a duty away and
 * back, each gain a new term as on a real takeover.
 */
public final class ManualDuties implements ClusterDuties {

    private final AtomicLong terms = new AtomicLong();
    /** Terms of the duties set by the test; a duty not in it is held (term 1). */
    private final Map<String, Long> set = new ConcurrentHashMap<>();
    private final Map<String, Integer> asked = new ConcurrentHashMap<>();

    public ManualDuties() {
        terms.set(1);
    }

    /** This node no longer holds the duty (another node took it over). */
    public ManualDuties lose(String duty) {
        set.put(duty, 0L);
        return this;
    }

    /** This node gains the duty: a new term. */
    public ManualDuties gain(String duty) {
        set.put(duty, terms.incrementAndGet());
        return this;
    }

    /** How often a job asked about the duty. */
    public int asked(String duty) {
        return asked.getOrDefault(duty, 0);
    }

    @Override
    public String nodeId() {
        return "test-node";
    }

    @Override
    public boolean holds(String duty) {
        return term(duty) != 0;
    }

    @Override
    public long term(String duty) {
        asked.merge(duty, 1, Integer::sum);
        return set.getOrDefault(duty, 1L);
    }

    /** The duties the test set, each with a live lease (30 s from now), held here or by "other-node". */
    @Override
    public List<Lease> leases() {
        Instant until = Instant.now().plusSeconds(30);
        return set.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new Lease(e.getKey(), e.getValue() == 0 ? "other-node" : nodeId(), until))
                .toList();
    }
}
