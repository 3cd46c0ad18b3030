package io.yagura.health;

import io.yagura.api.health.LastLogStore;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When each device's latest log line arrived at this node, and its recording in the database
 * shared by the nodes ({@link LastLogStore}). Ingestion tells every socket read or datagram:
 * that only updates a map. {@link #record} (a job on every node, every log.record.seconds) writes
 * the devices whose arrival moved since the last recording, in one batch: at most one write per
 * device per period per node, however many lines arrive. {@link #newest} is what the silence
 * check reads: the later of this node's arrival and the one any node recorded.
 */
final class LogArrivals {

    private static final Logger LOG = LoggerFactory.getLogger(LogArrivals.class);

    private final LastLogStore shared;
    private final String nodeId;
    private final Map<String, Instant> latest = new ConcurrentHashMap<>();
    /** What the last recordings wrote, device id → arrival; guarded by this. */
    private final Map<String, Instant> recorded = new HashMap<>();
    private final AtomicBoolean failing = new AtomicBoolean();

    LogArrivals(LastLogStore shared, String nodeId) {
        this.shared = shared;
        this.nodeId = nodeId;
    }

    /** A line of the device arrived at this node (the hot path: no I/O, no lock held long). */
    void received(String deviceId, Instant at) {
        latest.merge(deviceId, at, (old, now) -> now.isAfter(old) ? now : old);
    }

    /**
     * Writes the arrivals that moved since the last recording. A database that does not answer is
     * said once (and once when it answers again); the arrivals wait for the next recording.
     *
     * @return the devices written
     */
    synchronized int record() {
        Map<String, Instant> moved = new HashMap<>();
        latest.forEach((device, at) -> {
            if (!at.equals(recorded.get(device))) {
                moved.put(device, at);
            }
        });
        if (moved.isEmpty()) {
            return 0;
        }
        try {
            shared.record(nodeId, moved);
        } catch (RuntimeException e) {
            if (failing.compareAndSet(false, true)) {
                LOG.error("Log arrivals of {} device(s) not recorded in the database ({}): the node judging log silence "
                        + "does not see them until it answers; tried again every period", moved.size(), e.getMessage());
            }
            return 0;
        }
        if (failing.compareAndSet(true, false)) {
            LOG.info("Log arrivals are recorded in the database again");
        }
        recorded.putAll(moved);
        return moved.size();
    }

    /** Device id → its latest log at any node: the database's, or this node's when that is later. */
    Map<String, Instant> newest() {
        Map<String, Instant> newest = new HashMap<>(shared.all());
        latest.forEach((device, at) -> newest.merge(device, at, (stored, here) -> here.isAfter(stored) ? here : stored));
        return newest;
    }

    /** The device left the registry. */
    synchronized void forget(String deviceId) {
        latest.remove(deviceId);
        recorded.remove(deviceId);
        shared.remove(deviceId);
    }
}
