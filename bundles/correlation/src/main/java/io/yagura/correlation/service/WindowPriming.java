package io.yagura.correlation.service;

import io.yagura.api.event.SecurityEvent;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.IncidentStore;
import io.yagura.correlation.engine.CorrelationEngine;
import io.yagura.correlation.rules.CorrelationRule;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the engine back a customer's correlation windows when it meets the customer without state:
 * after a restart, or when this node takes over the customers of a node that died (the broker
 * moves their message groups here). The stories in progress are in the store as open incidents
 * with their evidence (the IPS alert still waiting for the callback that would prove success);
 * their events are replayed into the windows ({@link CorrelationEngine#prime}) before the
 * customer's first batch, so that the rest of a story is judged with its beginning.
 *
 * <p>What it cannot give back: building blocks that had opened no incident yet (the first denies of
 * a sweep below its threshold), evidence beyond {@link #EVIDENCE_PER_INCIDENT} per incident, and
 * the beacon and web trackers' series.
 */
final class WindowPriming {

    private static final Logger LOG = LoggerFactory.getLogger(WindowPriming.class);

    /** Recent incidents of the customer read from the store (newest first). */
    static final int INCIDENTS = 200;
    /** Evidence events replayed per incident: its first ones, where a story's beginning is. */
    static final int EVIDENCE_PER_INCIDENT = 20;
    /** However long a rule's timespan, nothing older than this is replayed. */
    static final Duration LONGEST = Duration.ofHours(24);

    private final IncidentStore store;
    private final CorrelationEngine engine;
    private final Supplier<Instant> clock;
    private final LongAdder primedEvents = new LongAdder();
    /**
     * When each customer was last looked up. A customer whose lines match no rule never gets engine
     * state, and must not cost a store query per batch: it is looked up again only after the look-back.
     */
    private final Map<String, Instant> lookedUp = new ConcurrentHashMap<>();

    WindowPriming(IncidentStore store, CorrelationEngine engine, Supplier<Instant> clock) {
        this.store = store;
        this.engine = engine;
        this.clock = clock;
    }

    /** Primes the engine for the customer if it holds no state for it; returns the events replayed. */
    int primeIfNew(String customerId) {
        if (engine.knows(customerId)) {
            return 0;
        }
        Instant now = clock.get();
        Duration lookBack = lookBack();
        Instant last = lookedUp.get(customerId);
        if (last != null && last.isAfter(now.minus(lookBack))) {
            return 0;
        }
        lookedUp.put(customerId, now);
        Instant since = now.minus(lookBack);
        List<SecurityEvent> earlier = new ArrayList<>();
        int stories = 0;
        for (Incident i : store.list(new IncidentStore.Filter(customerId, null, null, null, INCIDENTS))) {
            boolean open = i.status() != IncidentStatus.CLOSED && i.status() != IncidentStatus.FALSE_POSITIVE;
            if (open && i.lastSeen() != null && !i.lastSeen().isBefore(since)) {
                earlier.addAll(store.evidence(i.id(), EVIDENCE_PER_INCIDENT));
                stories++;
            }
        }
        if (earlier.isEmpty()) {
            return 0;
        }
        int matched = engine.prime(customerId, earlier);
        primedEvents.add(earlier.size());
        LOG.info("Correlation windows of customer {} rebuilt from {} events of {} open incidents ({} matched a rule): "
                + "first batch of this customer on this node (start or takeover)", customerId, earlier.size(), stories,
                matched);
        return earlier.size();
    }

    /** The longest correlation timespan of the rules in force (a window older than that holds nothing). */
    Duration lookBack() {
        long longest = 0;
        for (CorrelationRule c : engine.rules().correlationRules()) {
            longest = Math.max(longest, c.timespanMillis());
        }
        Duration d = Duration.ofMillis(longest);
        return d.compareTo(LONGEST) > 0 ? LONGEST : d;
    }

    long primedEvents() {
        return primedEvents.sum();
    }
}
