package io.yagura.correlation.engine;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Recognises beaconing: a host of the customer that connects out to the same address and port
 * again and again at a regular interval with connections of similar size, as malware calling its
 * command channel does (people and most software are not that regular). Sigma cannot say
 * "regular", so the engine marks such an event {@code yagura.beacon: true} with the median
 * interval in {@code yagura.beacon_interval}, and rules use the mark (c2_after_infection.yml).
 *
 * <p>Regular means: at least {@link #MIN_CONNECTIONS} connections let through, each at least
 * {@link #MIN_INTERVAL_MS} after the previous one, every interval and every size within
 * {@link #TOLERANCE} of their medians. State is bounded: the last connections of at most
 * {@link #MAX_FLOWS} host/peer/port triples, the least recently seen forgotten first.
 */
final class BeaconTracker {

    static final String BEACON = "yagura.beacon";
    static final String BEACON_INTERVAL = "yagura.beacon_interval";
    static final int MIN_CONNECTIONS = 5;
    static final long MIN_INTERVAL_MS = 10_000;
    static final double TOLERANCE = 0.2;
    static final int MAX_FLOWS = 100_000;
    private static final int KEPT = 8;

    /** The last connections of one host/peer/port: times and sizes, oldest first. */
    private static final class Flow {
        final long[] times = new long[KEPT];
        final long[] sizes = new long[KEPT];
        int count;

        void add(long t, long size) {
            if (count == KEPT) {
                System.arraycopy(times, 1, times, 0, KEPT - 1);
                System.arraycopy(sizes, 1, sizes, 0, KEPT - 1);
                count--;
            }
            times[count] = t;
            sizes[count] = size;
            count++;
        }
    }

    private final Map<String, Flow> flows = new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Flow> eldest) {
            return size() > MAX_FLOWS;
        }
    };

    /** An outbound connection the device let through: the only events {@link #observe} looks at. */
    static boolean candidate(SecurityEvent e) {
        return "outbound".equals(e.getString(Ecs.NETWORK_DIRECTION))
                && Ecs.ACTION_ALLOWED.equals(e.getString(Ecs.EVENT_ACTION));
    }

    /** Looks at a {@link #candidate}; marks the event when it completes a beacon. */
    void observe(String customerId, SecurityEvent e, long timeMillis) {
        if (!candidate(e)) {
            return;
        }
        String src = e.getString(Ecs.SOURCE_IP);
        String dst = e.getString(Ecs.DESTINATION_IP);
        if (src == null || dst == null) {
            return;
        }
        Long sent = e.getLong("source.bytes");
        Long received = e.getLong("destination.bytes");
        long size = (sent == null ? 0 : sent) + (received == null ? 0 : received);
        String key = customerId + '|' + src + '|' + dst + '|' + e.getString(Ecs.DESTINATION_PORT);
        long interval;
        synchronized (flows) {
            Flow f = flows.computeIfAbsent(key, k -> new Flow());
            if (f.count > 0 && timeMillis - f.times[f.count - 1] < MIN_INTERVAL_MS) {
                return; // a burst of connections (a page load), not a call home
            }
            f.add(timeMillis, size);
            if (f.count < MIN_CONNECTIONS) {
                return;
            }
            long[] gaps = new long[f.count - 1];
            for (int i = 1; i < f.count; i++) {
                gaps[i - 1] = f.times[i] - f.times[i - 1];
            }
            if (!regular(gaps) || !regular(Arrays.copyOf(f.sizes, f.count))) {
                return;
            }
            interval = median(gaps);
        }
        e.set(BEACON, "true");
        e.set(BEACON_INTERVAL, interval / 1000);
    }

    /** Every value within the tolerance of the median (sizes of 0, as when a device logs none, count as equal). */
    private static boolean regular(long[] values) {
        long m = median(values);
        long allowed = Math.max(1, Math.round(m * TOLERANCE));
        for (long v : values) {
            if (Math.abs(v - m) > allowed && m > 0) {
                return false;
            }
        }
        return true;
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
