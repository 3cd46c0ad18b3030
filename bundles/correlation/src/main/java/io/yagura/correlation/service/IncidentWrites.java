package io.yagura.correlation.service;

import io.yagura.api.event.SecurityEvent;
import io.yagura.api.incident.Incident;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * When correlation's changes reach the store. An opening or a level change is written at once,
 * since notices, blocks and the portal wait for it. A plain update (one more event of a
 * sweep that is already open, counts and last-seen moving) is held and written with the
 * incident's later changes, at most {@code holdFor} later: a scan from 250 sources touches 250
 * incidents in every batch, and writing each one every 20 ms would cost thousands of
 * statements a second for no reader's benefit. What is held is lost on a crash as the
 * engine's windows are (the events themselves are in the archive).
 *
 * <p>One lock orders every write, so that a held update and a later urgent one of the same
 * incident never race for its version.
 */
final class IncidentWrites {

    /** What a batch (or several held batches) did to one incident. */
    static final class Pending {
        Incident latest;
        boolean opened;
        boolean raised;
        boolean levelChanged;
        /** Correlation closed it (merged into another incident's story). */
        boolean closed;
        final List<SecurityEvent> evidence = new ArrayList<>();
        /** When it was first held (System.nanoTime scale). */
        long heldSince;

        boolean urgent() {
            return opened || levelChanged || closed;
        }

        /** Adds a later change of the same incident: its state replaces this one, the evidence adds up. */
        void absorb(Pending later, int evidenceCap) {
            latest = later.latest;
            opened |= later.opened;
            raised |= later.raised;
            levelChanged |= later.levelChanged;
            closed |= later.closed;
            for (SecurityEvent e : later.evidence) {
                keep(e, evidenceCap);
            }
        }

        /** Keeps an event as evidence, once, while fewer than {@code cap} are kept. */
        void keep(SecurityEvent e, int cap) {
            if (evidence.size() < cap && evidence.stream().noneMatch(kept -> kept == e)) {
                evidence.add(e);
            }
        }
    }

    private final Consumer<Pending> writer;
    private final long holdNanos;
    private final LongSupplier nanoClock;
    private final int evidenceCap;
    private final ReentrantLock lock = new ReentrantLock();
    /** In the order they were first held: the first is the oldest. */
    private final Map<String, Pending> held = new LinkedHashMap<>();

    /**
     * @param writer   writes one incident's pending change to the store and announces it
     * @param holdFor  the longest a plain update waits (zero: every change is written at once)
     */
    IncidentWrites(Consumer<Pending> writer, Duration holdFor, int evidenceCap, LongSupplier nanoClock) {
        this.writer = writer;
        this.holdNanos = holdFor.toNanos();
        this.evidenceCap = evidenceCap;
        this.nanoClock = nanoClock;
    }

    /** The changes of one batch, by incident id: urgent ones written now, the rest held. */
    void submit(Map<String, Pending> batch) {
        lock.lock();
        try {
            for (Map.Entry<String, Pending> e : batch.entrySet()) {
                Pending earlier = held.get(e.getKey());
                Pending p = e.getValue();
                if (earlier != null) {
                    earlier.absorb(p, evidenceCap); // keeps its place and its time in the queue
                    if (earlier.urgent()) {
                        held.remove(e.getKey());
                        writer.accept(earlier);
                    }
                } else if (p.urgent() || holdNanos == 0) {
                    writer.accept(p);
                } else {
                    p.heldSince = nanoClock.getAsLong();
                    held.put(e.getKey(), p);
                }
            }
            flushDue(CHUNK);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Held updates written per lock hold: a scan's few hundred incidents fall due together, and
     * writing them in one go would stall the batch (and the Emergency in it) behind them.
     */
    static final int CHUNK = 32;

    /** Writes every held update that has waited its time, a chunk per lock hold (the scheduler's job, every second). */
    void flushIfDue() {
        while (flushDue(CHUNK) == CHUNK) {
            Thread.yield(); // let a waiting batch take the lock between chunks
        }
    }

    /** Writes at most {@code max} held updates that have waited their time, oldest first; @return how many. */
    int flushDue(int max) {
        lock.lock();
        try {
            long now = nanoClock.getAsLong();
            int written = 0;
            java.util.Iterator<Map.Entry<String, Pending>> it = held.entrySet().iterator();
            while (written < max && it.hasNext()) {
                Pending p = it.next().getValue();
                if (now - p.heldSince < holdNanos) {
                    break; // in the order they were held: the rest are younger
                }
                it.remove();
                try {
                    writer.accept(p);
                } catch (RuntimeException e) {
                    held.putIfAbsent(p.latest.id(), p); // written at the next flush
                    throw e;
                }
                written++;
            }
            return written;
        } finally {
            lock.unlock();
        }
    }

    /** Writes every held update now (on stop, and when due). */
    void flush() {
        lock.lock();
        try {
            List<Map.Entry<String, Pending>> due = new ArrayList<>(held.entrySet());
            held.clear();
            for (int i = 0; i < due.size(); i++) {
                try {
                    writer.accept(due.get(i).getValue());
                } catch (RuntimeException e) {
                    // the store failed: keep what was not written for the next flush
                    for (Map.Entry<String, Pending> left : due.subList(i, due.size())) {
                        held.putIfAbsent(left.getKey(), left.getValue());
                    }
                    throw e;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    int held() {
        lock.lock();
        try {
            return held.size();
        } finally {
            lock.unlock();
        }
    }
}
