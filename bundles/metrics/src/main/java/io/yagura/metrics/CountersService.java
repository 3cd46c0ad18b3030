package io.yagura.metrics;

import io.yagura.api.metrics.Counters;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * In-memory counters of this node. Counters are cheap {@link LongAdder}s kept by their
 * callers; a sampler takes a reading every 5 seconds so the console can show rates.
 * Counters restart from zero with the node: they are for operators, not for accounting
 * (the broker's queues are the record of what was processed).
 */
@Component(service = Counters.class)
public class CountersService implements Counters {

    private static final int SAMPLES = 13; // one minute at 5-second intervals, plus the current one

    private final Map<String, Entry> counters = new ConcurrentHashMap<>();
    private ScheduledExecutorService sampler;

    @Activate
    void activate() {
        sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "yagura-counters-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(this::sample, 5, 5, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        sampler.shutdownNow();
    }

    @Override
    public LongAdder counter(String scope, String subject, String metric) {
        return counters.computeIfAbsent(key(scope, subject, metric), k -> new Entry(scope, subject, metric)).value;
    }

    @Override
    public Map<String, Map<String, Map<String, Long>>> snapshot() {
        Map<String, Map<String, Map<String, Long>>> out = new TreeMap<>();
        for (Entry e : counters.values()) {
            out.computeIfAbsent(e.scope, s -> new TreeMap<>())
               .computeIfAbsent(e.subject, s -> new TreeMap<>())
               .put(e.metric, e.value.sum());
        }
        return out;
    }

    @Override
    public double ratePerSecond(String scope, String subject, String metric) {
        Entry e = counters.get(key(scope, subject, metric));
        return e == null ? 0.0 : e.rate();
    }

    void sample() {
        long now = System.nanoTime();
        for (Entry e : counters.values()) {
            e.sample(now);
        }
    }

    private static String key(String scope, String subject, String metric) {
        return scope + '\u0000' + subject + '\u0000' + metric;
    }

    private static final class Entry {
        final String scope;
        final String subject;
        final String metric;
        final LongAdder value = new LongAdder();
        final long[] values = new long[SAMPLES];
        final long[] times = new long[SAMPLES];
        int next;
        int filled;

        Entry(String scope, String subject, String metric) {
            this.scope = scope;
            this.subject = subject;
            this.metric = metric;
        }

        synchronized void sample(long nanos) {
            values[next] = value.sum();
            times[next] = nanos;
            next = (next + 1) % SAMPLES;
            filled = Math.min(filled + 1, SAMPLES);
        }

        synchronized double rate() {
            if (filled < 2) {
                return 0.0;
            }
            int newest = (next - 1 + SAMPLES) % SAMPLES;
            int oldest = filled < SAMPLES ? 0 : next;
            double seconds = (times[newest] - times[oldest]) / 1e9;
            return seconds <= 0 ? 0.0 : (values[newest] - values[oldest]) / seconds;
        }
    }
}
