package io.yagura.correlation.engine;

import io.yagura.api.event.SecurityEvent;
import io.yagura.correlation.rules.CorrelationRule;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Correlation window state of one (correlation rule, group) pair, per correlation type. Times are
 * the events' device times in epoch milliseconds; the window slides with the newest event seen.
 * Each window is used under its customer's lock only.
 */
final class Windows {

    private Windows() {
    }

    /** Evidence events kept per window (the most recent ones), beside the counts. */
    static final int EVIDENCE = 5;

    /**
     * A correlation that matched: what the incident needs to know. {@code distinct} holds, for a
     * value_count, every distinct value within the timespan (the targets of a sweep); else it is empty.
     */
    record Fired(CorrelationRule rule, List<SecurityEvent> evidence, long[] times, long windowEvents, long measure,
                 long firstMillis, long lastMillis, List<String> distinct) {

        Fired(CorrelationRule rule, List<SecurityEvent> evidence, long[] times, long windowEvents, long measure,
              long firstMillis, long lastMillis) {
            this(rule, evidence, times, windowEvents, measure, firstMillis, lastMillis, List.of());
        }
    }

    /** Counters a window reports to (owned by the engine). */
    interface Sink {
        void entryEvicted();

        void lateEvent();
    }

    static Window create(CorrelationRule rule, int maxEntries) {
        return switch (rule.type()) {
            case EVENT_COUNT -> new EventCount(rule, maxEntries);
            case VALUE_COUNT -> new ValueCount(rule, maxEntries);
            case TEMPORAL -> new Temporal(rule);
            case TEMPORAL_ORDERED -> new TemporalOrdered(rule);
        };
    }

    abstract static class Window {
        final CorrelationRule rule;
        /** Wall-clock millis of the last update (for {@link CorrelationEngine#expire()}). */
        long touched;
        long newest = Long.MIN_VALUE;

        Window(CorrelationRule rule) {
            this.rule = rule;
        }

        long span() {
            return rule.timespanMillis();
        }

        /** Slides the window to {@code t}; false when the event is older than the window. */
        boolean advance(long t, Sink sink) {
            if (t > newest) {
                newest = t;
            }
            if (t < newest - span()) {
                sink.lateEvent();
                return false;
            }
            return true;
        }

        /** Adds one match of referenced rule {@code stage}; returns a result when the condition holds. */
        abstract Fired add(int stage, SecurityEvent e, String value, long t, Sink sink);
    }

    /** Timestamps in arrival order, bounded; the oldest is dropped when full. */
    static final class LongRing {
        private final int cap;
        private long[] store;
        private int head;
        private int size;

        LongRing(int cap) {
            this.cap = cap;
            this.store = new long[Math.min(cap, 16)];
        }

        /** Appends; returns true when the oldest entry had to be dropped. */
        boolean add(long v) {
            boolean dropped = false;
            if (size == store.length) {
                if (store.length < cap) {
                    long[] bigger = new long[Math.min(cap, store.length * 2)];
                    for (int i = 0; i < size; i++) {
                        bigger[i] = store[(head + i) % store.length];
                    }
                    store = bigger;
                    head = 0;
                } else {
                    head = (head + 1) % store.length;
                    size--;
                    dropped = true;
                }
            }
            store[(head + size) % store.length] = v;
            size++;
            return dropped;
        }

        void pruneBefore(long min) {
            while (size > 0 && store[head] < min) {
                head = (head + 1) % store.length;
                size--;
            }
        }

        long first() {
            return store[head];
        }

        int size() {
            return size;
        }
    }

    private static void keep(ArrayDeque<SecurityEvent> recent, SecurityEvent e) {
        if (recent.size() == EVIDENCE) {
            recent.removeFirst();
        }
        recent.addLast(e);
    }

    private static long[] times(List<SecurityEvent> events, long fallback) {
        long[] t = new long[events.size()];
        Arrays.fill(t, fallback);
        return t;
    }

    /** event_count: how many matches within the timespan. */
    static final class EventCount extends Window {
        final LongRing times;
        final ArrayDeque<SecurityEvent> recent = new ArrayDeque<>(EVIDENCE);

        EventCount(CorrelationRule rule, int maxEntries) {
            super(rule);
            this.times = new LongRing(maxEntries);
        }

        @Override
        Fired add(int stage, SecurityEvent e, String value, long t, Sink sink) {
            if (!advance(t, sink)) {
                return null;
            }
            if (times.add(t)) {
                sink.entryEvicted();
            }
            times.pruneBefore(newest - span());
            keep(recent, e);
            long n = times.size();
            if (!rule.condition().test(n)) {
                return null;
            }
            List<SecurityEvent> ev = new ArrayList<>(recent);
            return new Fired(rule, ev, times(ev, newest), n, n, times.first(), newest);
        }
    }

    /** value_count: how many distinct values of a field within the timespan. */
    static final class ValueCount extends Window {
        final Map<String, Long> values = new LinkedHashMap<>();
        final LongRing times;
        final int maxValues;
        final ArrayDeque<SecurityEvent> recent = new ArrayDeque<>(EVIDENCE);

        ValueCount(CorrelationRule rule, int maxEntries) {
            super(rule);
            this.maxValues = maxEntries;
            this.times = new LongRing(maxEntries);
        }

        @Override
        Fired add(int stage, SecurityEvent e, String value, long t, Sink sink) {
            if (value == null || !advance(t, sink)) {
                return null;
            }
            long min = newest - span();
            Long previous = values.remove(value);
            values.put(value, previous == null ? t : Math.max(previous, t));
            if (values.size() > maxValues) {
                Iterator<String> it = values.keySet().iterator();
                it.next();
                it.remove();
                sink.entryEvicted();
            }
            Iterator<Map.Entry<String, Long>> it = values.entrySet().iterator();
            while (it.hasNext()) {
                Map.Entry<String, Long> en = it.next();
                if (en.getValue() >= min) {
                    break;
                }
                it.remove();
            }
            if (times.add(t)) {
                sink.entryEvicted();
            }
            times.pruneBefore(min);
            keep(recent, e);
            long n = values.size();
            if (!rule.condition().test(n)) {
                return null;
            }
            List<SecurityEvent> ev = new ArrayList<>(recent);
            long first = times.size() > 0 ? times.first() : t;
            return new Fired(rule, ev, times(ev, newest), times.size(), n, first, newest, List.copyOf(values.keySet()));
        }
    }

    /** temporal: all (or condition-many) referenced rules matched within the timespan, any order. */
    static final class Temporal extends Window {
        final long[] last;
        final SecurityEvent[] events;

        Temporal(CorrelationRule rule) {
            super(rule);
            int n = rule.rules().size();
            this.last = new long[n];
            Arrays.fill(last, Long.MIN_VALUE);
            this.events = new SecurityEvent[n];
        }

        @Override
        Fired add(int stage, SecurityEvent e, String value, long t, Sink sink) {
            if (!advance(t, sink)) {
                return null;
            }
            if (t >= last[stage]) {
                last[stage] = t;
                events[stage] = e;
            }
            long min = newest - span();
            int present = 0;
            for (long l : last) {
                if (l != Long.MIN_VALUE && l >= min) {
                    present++;
                }
            }
            if (!rule.condition().test(present)) {
                return null;
            }
            List<SecurityEvent> ev = new ArrayList<>();
            List<Long> ts = new ArrayList<>();
            long first = Long.MAX_VALUE;
            for (int i = 0; i < last.length; i++) {
                if (last[i] != Long.MIN_VALUE && last[i] >= min) {
                    ev.add(events[i]);
                    ts.add(last[i]);
                    first = Math.min(first, last[i]);
                }
            }
            return new Fired(rule, ev, ts.stream().mapToLong(Long::longValue).toArray(), ev.size(), present, first,
                    newest);
        }
    }

    /**
     * temporal_ordered: the referenced rules matched in the written order (arrival order), the whole
     * sequence within the timespan. For each prefix of the sequence the window keeps the completion
     * with the latest start, so a later start never loses against an earlier, expiring one.
     */
    static final class TemporalOrdered extends Window {
        final long[] start;
        final long[][] stageTimes;
        final SecurityEvent[][] chains;

        TemporalOrdered(CorrelationRule rule) {
            super(rule);
            int n = rule.rules().size();
            this.start = new long[n];
            Arrays.fill(start, Long.MIN_VALUE);
            this.chains = new SecurityEvent[n][];
            this.stageTimes = new long[n][];
        }

        @Override
        Fired add(int stage, SecurityEvent e, String value, long t, Sink sink) {
            if (!advance(t, sink)) {
                return null;
            }
            if (stage == 0) {
                if (t >= start[0]) {
                    start[0] = t;
                    chains[0] = new SecurityEvent[] {e};
                    stageTimes[0] = new long[] {t};
                }
            } else {
                long s = start[stage - 1];
                if (s == Long.MIN_VALUE || Math.abs(t - s) > span()) {
                    return null;
                }
                SecurityEvent[] prev = chains[stage - 1];
                if (prev[prev.length - 1] == e) {
                    return null; // one event does not advance two stages
                }
                if (start[stage] == Long.MIN_VALUE || s >= start[stage]) {
                    start[stage] = s;
                    chains[stage] = Arrays.copyOf(prev, prev.length + 1);
                    chains[stage][prev.length] = e;
                    stageTimes[stage] = Arrays.copyOf(stageTimes[stage - 1], prev.length + 1);
                    stageTimes[stage][prev.length] = t;
                }
            }
            int last = start.length - 1;
            if (stage != last || start[last] == Long.MIN_VALUE) {
                return null;
            }
            List<SecurityEvent> ev = List.of(chains[last]);
            long first = Long.MAX_VALUE;
            for (long x : stageTimes[last]) {
                first = Math.min(first, x);
            }
            return new Fired(rule, ev, stageTimes[last].clone(), ev.size(), ev.size(), first, newest);
        }
    }
}
