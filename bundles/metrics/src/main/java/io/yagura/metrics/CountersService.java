package io.yagura.metrics;

import io.yagura.api.metrics.Counters;
import java.util.Date;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.apache.karaf.scheduler.Job;
import org.apache.karaf.scheduler.Scheduler;
import org.apache.karaf.scheduler.SchedulerError;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-memory counters of this node. Counters are cheap {@link LongAdder}s kept by their
 * callers; a sampler, the Karaf Scheduler job "yagura-metrics-sampler" (never two runs at
 * once), takes a reading every 5 seconds so the console can show rates.
 * Counters restart from zero with the node: they are for operators, not for accounting
 * (the broker's queues are the record of what was processed).
 */
@Component(service = Counters.class)
public class CountersService implements Counters {

    private static final int SAMPLES = 13; // one minute at 5-second intervals, plus the current one

    static final String SAMPLER_JOB = "yagura-metrics-sampler";
    private static final Logger LOG = LoggerFactory.getLogger(CountersService.class);

    private final Map<String, Entry> counters = new ConcurrentHashMap<>();
    @Reference
    private Scheduler scheduler;
    private final long sampleSeconds;

    /** For the component runtime (and for callers that need counters without rates). */
    public CountersService() {
        this(null, 5);
    }

    CountersService(Scheduler scheduler, long sampleSeconds) {
        this.scheduler = scheduler;
        this.sampleSeconds = sampleSeconds;
    }

    @Activate
    void activate() {
        Job sampler = context -> sample();
        try {
            scheduler.schedule(sampler, scheduler.AT(new Date(System.currentTimeMillis() + sampleSeconds * 1000), -1,
                    sampleSeconds).name(SAMPLER_JOB).canRunConcurrently(false));
        } catch (SchedulerError e) {
            LOG.error("Cannot schedule {}: counters count, rates stay 0", SAMPLER_JOB, e);
        }
    }

    @Deactivate
    void deactivate() {
        scheduler.unschedule(SAMPLER_JOB);
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
