package io.yagura.correlation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.event.SecurityEvent;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.Level;
import io.yagura.correlation.service.IncidentWrites.Pending;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Openings and level changes are written at once; plain updates wait, merged, at most their time. */
class IncidentWritesTest {

    private final AtomicLong nanos = new AtomicLong();
    private final List<String> written = new ArrayList<>();
    private final IncidentWrites writes = new IncidentWrites(
            p -> written.add(p.latest.id() + ":" + p.latest.eventCount() + (p.opened ? ":opened" : "")
                    + ":" + p.evidence.size()), Duration.ofSeconds(1), 5, nanos::get);

    private static Pending pending(String id, long events, boolean opened, boolean levelChanged, int evidence) {
        Pending p = new Pending();
        p.latest = Incident.builder().id(id).customerId("acme").key(id).proposedLevel(Level.INFORMATIONAL)
                .status(IncidentStatus.NEW).category("reconnaissance").title(id).eventCount(events)
                .firstSeen(Instant.EPOCH).lastSeen(Instant.EPOCH).detectedAt(Instant.EPOCH).version(1).build();
        p.opened = opened;
        p.levelChanged = levelChanged;
        for (int i = 0; i < evidence; i++) {
            p.evidence.add(SecurityEvent.of(Map.of("event.code", id + i)));
        }
        return p;
    }

    private static Map<String, Pending> batch(Pending... ps) {
        Map<String, Pending> m = new LinkedHashMap<>();
        for (Pending p : ps) {
            m.put(p.latest.id(), p);
        }
        return m;
    }

    @Test
    void openingsAndLevelChangesAreWrittenAtOncePlainUpdatesWaitAndMerge() {
        writes.submit(batch(pending("A", 1, true, false, 1), pending("B", 10, false, false, 1)));
        assertEquals(List.of("A:1:opened:1"), written, "the opening at once, the plain update held");

        nanos.addAndGet(Duration.ofMillis(400).toNanos());
        writes.submit(batch(pending("B", 20, false, false, 2), pending("C", 5, false, false, 1)));
        assertEquals(1, written.size(), "still held: the oldest waited 400 ms of 1 s");
        assertEquals(2, writes.held());

        nanos.addAndGet(Duration.ofMillis(600).toNanos());
        writes.flushIfDue();
        assertEquals(List.of("A:1:opened:1", "B:20:3"), written,
                "B held 1 s: written once, with its latest count and the evidence of both batches; C held 600 ms waits");
        nanos.addAndGet(Duration.ofMillis(400).toNanos());
        writes.flushIfDue();
        assertEquals(List.of("A:1:opened:1", "B:20:3", "C:5:1"), written, "C after its own second");
        assertEquals(0, writes.held());
    }

    @Test
    void anUrgentChangeTakesTheHeldUpdateOfTheSameIncidentWithIt() {
        writes.submit(batch(pending("A", 10, false, false, 2)));
        writes.submit(batch(pending("A", 11, false, true, 1)));
        assertEquals(List.of("A:11:3"), written, "written once, now, with the held evidence");
        writes.flush();
        assertEquals(1, written.size(), "nothing left held");
    }

    @Test
    void aStoreFailureKeepsWhatWasNotWrittenForTheNextFlush() {
        List<String> ok = new ArrayList<>();
        boolean[] fail = {true};
        IncidentWrites failing = new IncidentWrites(p -> {
            if (fail[0] && p.latest.id().equals("B")) {
                throw new IllegalStateException("store down");
            }
            ok.add(p.latest.id());
        }, Duration.ofSeconds(1), 5, nanos::get);
        failing.submit(batch(pending("A", 1, false, false, 0), pending("B", 1, false, false, 0),
                pending("C", 1, false, false, 0)));
        assertThrows(IllegalStateException.class, failing::flush);
        assertEquals(List.of("A"), ok);
        assertEquals(2, failing.held(), "B and C kept");
        fail[0] = false;
        failing.flush();
        assertEquals(List.of("A", "B", "C"), ok);
    }

    @Test
    void dueUpdatesAreWrittenAChunkPerBatchSoABatchNeverWaitsForAWholeScan() {
        Pending[] scan = new Pending[100];
        for (int i = 0; i < scan.length; i++) {
            scan[i] = pending("S" + i, 1, false, false, 0);
        }
        writes.submit(batch(scan));
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        writes.submit(batch(pending("E", 1, true, false, 1)));
        assertEquals("E:1:opened:1", written.get(0), "the opening first");
        assertEquals(1 + IncidentWrites.CHUNK, written.size(), "then one chunk of the due updates");
        writes.flushIfDue();
        assertEquals(101, written.size(), "the scheduler's flush writes the rest, chunk by chunk");
        assertEquals(0, writes.held());
    }

    @Test
    void zeroHoldWritesEverythingAtOnce() {
        IncidentWrites direct = new IncidentWrites(p -> written.add(p.latest.id()), Duration.ZERO, 5, nanos::get);
        direct.submit(batch(pending("A", 1, false, false, 0)));
        assertTrue(written.contains("A"));
    }
}
