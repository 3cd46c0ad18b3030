package io.yagura.correlation.engine;

import io.yagura.api.event.SecurityEvent;
import io.yagura.api.incident.Incident;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * Everything the engine remembers about one customer: correlation windows per (rule, group) and
 * aggregation entries per incident key, both in least-recently-used order for bounded eviction.
 * Guarded by the instance's monitor.
 */
final class CustomerState {

    record WindowKey(String rule, String group) {
    }

    /**
     * A later stage of a temporal_ordered correlation that arrived before its first stage: devices
     * log through separate plugin routes, so the firewall's callback line can reach correlation
     * before the IPS alert it answers. Kept briefly, it completes the sequence when the first stage
     * arrives if its device time is not earlier (the sequence is ordered by device time).
     */
    record Early(String rule, int stage, String group, SecurityEvent event, long time, long arrived) {
    }

    /** Arrival age and number beyond which early stages are forgotten. */
    static final long EARLY_KEPT_MS = 120_000;
    static final int EARLY_MAX = 2_000;

    /** The in-memory copy of an open incident and what aggregation needs to know about it. */
    static final class AggEntry {
        private static final int RECENT = 32;
        Incident incident;
        /** Device time of the newest evidence (epoch millis). */
        long lastSeen;
        /** Wall-clock millis of the last update (for expiry). */
        long touched;
        /** Evidence events handed out with this entry's changes (on this node, since it was loaded). */
        int evidenceKept;
        private final SecurityEvent[] recent = new SecurityEvent[RECENT];
        private int next;

        AggEntry(Incident incident, long lastSeen, long touched) {
            this.incident = incident;
            this.lastSeen = lastSeen;
            this.touched = touched;
        }

        /** True when this very event object already counted as evidence of the incident. */
        boolean seen(SecurityEvent e) {
            for (SecurityEvent r : recent) {
                if (r == e) {
                    return true;
                }
            }
            return false;
        }

        /** The events remembered as evidence, oldest first. */
        List<SecurityEvent> remembered() {
            List<SecurityEvent> out = new java.util.ArrayList<>(RECENT);
            for (int i = 0; i < RECENT; i++) {
                SecurityEvent e = recent[(next + i) % RECENT];
                if (e != null) {
                    out.add(e);
                }
            }
            return out;
        }

        void remember(SecurityEvent e) {
            if (!seen(e)) {
                recent[next] = e;
                next = (next + 1) % RECENT;
            }
        }
    }

    final String customerId;
    final LinkedHashMap<WindowKey, Windows.Window> windows = new LinkedHashMap<>(64, 0.75f, true);
    final LinkedHashMap<String, AggEntry> incidents = new LinkedHashMap<>(64, 0.75f, true);
    final java.util.ArrayDeque<Early> early = new java.util.ArrayDeque<>();
    /**
     * "aggregation id|attacker" -> key of the attacker host's own incident (a worm sweep) that matches
     * of that aggregation id from that attacker join instead of opening their own.
     */
    final java.util.HashMap<String, String> hostStories = new java.util.HashMap<>();
    /**
     * The events replayed into the windows from the store ({@code prime}): already counted and kept as
     * evidence by the incidents they came from, so a correlation they complete must not count or keep
     * them again. Identity, not equality: only those very objects. Bounded by what priming reads.
     */
    final java.util.Set<SecurityEvent> primed =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    /** Set when expire() removed this state from the engine's map; a process() holding it retries. */
    boolean dead;

    CustomerState(String customerId) {
        this.customerId = customerId;
    }

    void rememberEarly(Early e) {
        while (!early.isEmpty() && (early.size() >= EARLY_MAX || e.arrived() - early.peekFirst().arrived() > EARLY_KEPT_MS)) {
            early.pollFirst();
        }
        early.addLast(e);
    }
}
