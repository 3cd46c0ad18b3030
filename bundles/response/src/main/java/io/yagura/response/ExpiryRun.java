package io.yagura.response;

import io.yagura.api.incident.IncidentStore.ConcurrentChangeException;
import io.yagura.api.response.Block;
import io.yagura.api.response.BlockAudit;
import io.yagura.api.response.BlockState;
import io.yagura.api.response.BlockStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of the expiry job ({@value BlockService#JOB}): the store says what is due, so a block
 * overdue after a restart is removed at the first run.
 */
final class ExpiryRun {

    static final String SCHEDULER_ACTOR = "scheduler";
    /** How long the expiry job waits before it tries again a removal the device refused or did not answer. */
    static final Duration REMOVAL_RETRY_GAP = Duration.ofMinutes(2);
    private static final int EXPIRY_BATCH = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(ExpiryRun.class);

    private final BlockStore store;
    private final DriverCalls calls;
    private final DeviceChanges changes;
    private final int driverTimeoutSeconds;
    /** Due blocks whose device cannot be called now, already said in the log. */
    private final Set<String> waitingForDriver = ConcurrentHashMap.newKeySet();

    ExpiryRun(BlockStore store, DriverCalls calls, DeviceChanges changes, int driverTimeoutSeconds) {
        this.store = store;
        this.calls = calls;
        this.changes = changes;
        this.driverTimeoutSeconds = driverTimeoutSeconds;
    }

    /**
     * The expiry job's work: removes the active blocks whose expiry has come, lets waiting requests
     * lapse at their expiry.
     *
     * @return how many blocks reached a terminal state
     */
    int run() {
        Instant now = changes.now();
        int ended = 0;
        for (Block b : store.dueForExpiry(now, EXPIRY_BATCH)) {
            if (calls.deviceGone(b)) {
                orphaned(b, now);
                ended++;
                continue;
            }
            if (notNow(b, now)) {
                continue;
            }
            try {
                if (changes.remove(b, SCHEDULER_ACTOR, BlockState.EXPIRED, "expiry " + b.expiresAt()).state().terminal()) {
                    ended++;
                }
            } catch (ConcurrentChangeException raced) {
                LOG.debug("Block {} changed while expiring (an analyst or another node): {}", b.id(), raced.getMessage());
            }
        }
        ended += finishInterrupted(now);
        for (Block b : store.list(new BlockStore.Filter(null, null, null, Set.of(BlockState.PENDING_APPROVAL), 0))) {
            if (b.expiresAt() != null && !b.expiresAt().isAfter(now)) {
                Block lapsed = store.update(b.withState(BlockState.REFUSED, "not approved before its expiry", now));
                changes.audit(lapsed, SCHEDULER_ACTOR, "lapsed", "not approved before " + b.expiresAt(), null);
                ended++;
            }
        }
        return ended;
    }

    /** The device was removed from the registry while the block was active: only a person can remove it now. */
    private void orphaned(Block b, Instant now) {
        Block orphan = store.update(b.withState(BlockState.FAILED, "device " + b.deviceId() + " was removed from the "
                + "registry while the block was active: remove " + b.address() + " on it by hand", now));
        changes.audit(orphan, SCHEDULER_ACTOR, "device-gone", "due at " + b.expiresAt(), null);
        LOG.error("Block {}: {} is due but device {} is no longer registered; remove it on the device by hand",
                b.id(), b.address(), b.deviceId());
    }

    /**
     * A due block the job leaves for a later run: its device cannot be called (a plugin not
     * installed yet after a start: said once in the log), or its last removal failed less than
     * {@link #REMOVAL_RETRY_GAP} ago (an unreachable device is not asked every period).
     */
    private boolean notNow(Block b, Instant now) {
        Optional<String> unavailable = calls.unavailable(b);
        if (unavailable.isPresent()) {
            if (waitingForDriver.add(b.id())) {
                LOG.warn("Block {} of {} is due for removal but {}; removed when it can be", b.id(), b.address(),
                        unavailable.get());
            }
            return true;
        }
        waitingForDriver.remove(b.id());
        List<BlockAudit> trail = store.audit(b.id());
        BlockAudit last = trail.isEmpty() ? null : trail.get(trail.size() - 1);
        return last != null && "remove-failed".equals(last.action()) && last.at().plus(REMOVAL_RETRY_GAP).isAfter(now);
    }

    /**
     * Blocks left PLACING or REMOVING by a node that stopped mid-change (nothing touched them for
     * longer than a driver call can take): a removal is finished; a placement is undone on the
     * device, to be safe, and FAILED, since nobody saw it verified.
     */
    private int finishInterrupted(Instant now) {
        Instant quiet = now.minus(Duration.ofSeconds(3L * Math.max(1, driverTimeoutSeconds)));
        int ended = 0;
        for (Block b : store.list(new BlockStore.Filter(null, null, null, Set.of(BlockState.PLACING, BlockState.REMOVING), 0))) {
            List<BlockAudit> trail = store.audit(b.id());
            Instant last = trail.isEmpty() ? b.requestedAt() : trail.get(trail.size() - 1).at();
            if (last.isAfter(quiet)) {
                continue; // perhaps still under way on this or another node
            }
            try {
                if (b.state() == BlockState.REMOVING) {
                    BlockState end = b.expiresAt() != null && !b.expiresAt().isAfter(now) ? BlockState.EXPIRED : BlockState.REMOVED;
                    ended += changes.remove(b, SCHEDULER_ACTOR, end, "finishing a removal interrupted at " + last).state().terminal() ? 1 : 0;
                } else {
                    DriverCalls.Answer cleanup = calls.remove(b);
                    Block failed = store.update(b.withState(BlockState.FAILED, "interrupted while placing (the platform "
                            + "stopped); removed from the device to be safe", now));
                    changes.audit(failed, SCHEDULER_ACTOR, "interrupted", "placement interrupted at " + last + "; removal "
                            + (cleanup.failure() == null ? "done" : "failed: " + cleanup.text()), cleanup.text());
                    ended++;
                }
            } catch (ConcurrentChangeException raced) {
                LOG.debug("Block {} changed while finishing it: {}", b.id(), raced.getMessage());
            }
        }
        return ended;
    }
}
