package io.yagura.correlation.engine;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The last measured flows (a session's duration, an answer's size or status, bytes sent) between
 * two addresses that no web attack alert has named yet. Lines of different devices reach
 * correlation in any order: a firewall's session records of an attack may be correlated before the
 * WAF's alert that names the attacker, and would prove nothing if they were simply passed by.
 * When the alert comes, {@link WebAttackTracker} replays what is kept here for the pair.
 *
 * <p>Bounded: {@link #KEPT} flows per address pair, {@link #MAX_PAIRS} pairs (least recently
 * seen forgotten first), and only the fields the web evidence reads are copied (no line text).
 * Not thread-safe: {@link WebAttackTracker} holds the lock.
 */
final class RecentFlows {

    static final int KEPT = 16;
    static final int MAX_PAIRS = 4_096;
    /** What {@link WebAttackPair} and {@link WebRequests} read of a flow. */
    private static final String[] FIELDS = {Ecs.TIMESTAMP, Ecs.EVENT_INGESTED, Ecs.SOURCE_IP, Ecs.DESTINATION_IP,
        Ecs.SOURCE_PORT, Ecs.EVENT_KIND, Ecs.EVENT_ACTION, Ecs.EVENT_OUTCOME, Ecs.EVENT_DURATION,
        Ecs.HTTP_RESPONSE_STATUS_CODE, Ecs.HTTP_RESPONSE_BODY_BYTES, Ecs.HTTP_RESPONSE_BYTES, Ecs.URL_PATH,
        Ecs.URL_ORIGINAL, Ecs.SOURCE_BYTES, Ecs.DESTINATION_BYTES};

    private record Key(String customerId, String source, String destination) {
    }

    private record Flow(long time, SecurityEvent fields) {
    }

    private final Map<Key, ArrayDeque<Flow>> flows = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, ArrayDeque<Flow>> eldest) {
            return size() > MAX_PAIRS;
        }
    };

    /** Worth keeping: an ordinary event that measures a flow. */
    static boolean measures(SecurityEvent e) {
        return !Ecs.KIND_ALERT.equals(e.getString(Ecs.EVENT_KIND))
                && (e.has(Ecs.EVENT_DURATION) || e.has(Ecs.HTTP_RESPONSE_STATUS_CODE) || e.has(Ecs.DESTINATION_BYTES)
                    || e.has(Ecs.SOURCE_BYTES) || e.has(Ecs.HTTP_RESPONSE_BYTES));
    }

    void keep(String customerId, String source, String destination, SecurityEvent e, long time) {
        SecurityEvent copy = new SecurityEvent();
        for (String field : FIELDS) {
            Object v = e.get(field);
            if (v != null) {
                copy.set(field, v);
            }
        }
        ArrayDeque<Flow> kept = flows.computeIfAbsent(new Key(customerId, source, destination), k -> new ArrayDeque<>(4));
        if (kept.size() == KEPT) {
            kept.removeFirst();
        }
        kept.addLast(new Flow(time, copy));
    }

    /**
     * Takes the flows kept between the two addresses, either way, no older than {@code since},
     * oldest first; they are forgotten here (the pair now watches these addresses itself).
     */
    List<SecurityEvent> take(String customerId, String a, String b, long since) {
        List<Flow> found = new ArrayList<>();
        for (Key key : new Key[] {new Key(customerId, a, b), new Key(customerId, b, a)}) {
            ArrayDeque<Flow> kept = flows.remove(key);
            if (kept != null) {
                for (Flow f : kept) {
                    if (f.time() >= since) {
                        found.add(f);
                    }
                }
            }
        }
        found.sort(Comparator.comparingLong(Flow::time));
        return found.stream().map(Flow::fields).toList();
    }

    int size() {
        return flows.size();
    }
}
