package io.yagura.response;

import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.plugin.FirewallDriver.Failure;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.DeviceRegistry;
import io.yagura.api.response.Block;
import io.yagura.api.response.BlockAudit;
import io.yagura.api.response.BlockState;
import io.yagura.api.response.BlockStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A block's changes on its device, each stored and audited with the device's answer: placing
 * (ACTIVE when verified, else FAILED with why) and removing (EXPIRED or REMOVED; still ACTIVE
 * when the device could not be asked; FAILED when half done). The customer is told when a block
 * of an incident's attacker is placed.
 */
final class DeviceChanges {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceChanges.class);

    private final BlockStore store;
    private final DriverCalls calls;
    private final IncidentStore incidents;
    private final DeviceRegistry registry;
    private final BlockNotices notices;
    private final Supplier<NoticeOutbox> outbox;
    private final Clock clock;

    DeviceChanges(BlockStore store, DriverCalls calls, IncidentStore incidents, DeviceRegistry registry,
                  Supplier<NoticeOutbox> outbox, Clock clock) {
        this.store = store;
        this.calls = calls;
        this.incidents = incidents;
        this.registry = registry;
        this.notices = new BlockNotices(incidents);
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Places a PLACING block: ACTIVE when the device holds it (verified), else FAILED with the device's answer. */
    Block place(Block b) {
        DriverCalls.Answer a = calls.place(b);
        String actor = b.requestedBy();
        if (a.ok()) {
            Block active = store.update(b.withState(BlockState.ACTIVE, a.text(), now()));
            audit(active, actor, "placed", "on " + b.deviceId() + " until " + b.expiresAt(), a.text());
            LOG.info("Block {}: {} {} on {} until {}", b.id(), b.quarantine() ? "quarantined" : "blocked", b.address(),
                    b.deviceId(), b.expiresAt());
            tellCustomer(active);
            return active;
        }
        if (a.failure() == null) { // the driver returned, but its read-back did not match
            DriverCalls.Answer cleanup = calls.remove(b);
            Block failed = store.update(b.withState(BlockState.FAILED, "not verified on the device: " + a.text(), now()));
            audit(failed, actor, "verify-failed", "the configuration read back did not hold the block; removal "
                    + (cleanup.failure() == null ? "done" : "failed: " + cleanup.text()), a.text());
            return failed;
        }
        Block failed = store.update(b.withState(BlockState.FAILED, a.text(), now()));
        audit(failed, actor, failureAction(a.failure()), "on " + b.deviceId(), a.text());
        logFailure("place", b, a);
        return failed;
    }

    private static String failureAction(Failure f) {
        return switch (f) {
            case ROLLED_BACK -> "rolled-back";
            case PARTIAL -> "partial";
            case UNTRUSTED -> "untrusted";
            default -> "failed";
        };
    }

    private static void logFailure(String what, Block b, DriverCalls.Answer a) {
        if (a.failure() == Failure.PARTIAL) {
            LOG.error("Block {}: {} of {} on {} failed half way and was not fully rolled back; an operator must look: {}",
                    b.id(), what, b.address(), b.deviceId(), a.text());
        } else {
            LOG.warn("Block {}: {} of {} on {} failed: {}", b.id(), what, b.address(), b.deviceId(), a.text());
        }
    }

    private void tellCustomer(Block b) {
        if (b.incidentId() == null || b.quarantine()) {
            return; // a block by hand without incident has nothing to hang a notice on; a quarantine is told by the analyst
        }
        try {
            Incident i = incidents.find(b.incidentId()).orElseThrow();
            Customer c = registry.customer(b.customerId()).orElseThrow();
            notices.placed(b, i, c, outbox.get(), now());
        } catch (RuntimeException e) {
            LOG.error("Block {} is placed but the customer's notice failed: {}", b.id(), e.getMessage(), e);
        }
    }

    /**
     * Removes an ACTIVE block from its device. When the device refuses or cannot be reached the
     * block stays ACTIVE (the expiry job tries again); a half-done removal is FAILED for an operator.
     */
    Block remove(Block b, String actor, BlockState end, String reason) {
        Block removing = b.state() == BlockState.REMOVING ? b : store.update(b.withState(BlockState.REMOVING, null, now()));
        DriverCalls.Answer a = calls.remove(removing);
        String action = end == BlockState.EXPIRED ? "expired" : "unblocked";
        if (a.failure() == null) {
            Block done = store.update(removing.withState(end, a.text(), now()));
            audit(done, actor, action, reason, a.text());
            LOG.info("Block {}: {} removed from {} ({})", b.id(), b.address(), b.deviceId(), action);
            return done;
        }
        logFailure("removal", b, a);
        if (a.failure() == Failure.PARTIAL) {
            Block failed = store.update(removing.withState(BlockState.FAILED, a.text(), now()));
            audit(failed, actor, action + "-partial", reason, a.text());
            return failed;
        }
        Block still = store.update(removing.withState(BlockState.ACTIVE, "removal failed: " + a.text(), now()));
        audit(still, actor, "remove-failed", "still active" + (end == BlockState.EXPIRED ? ", retried by the expiry job" : ""),
                a.text());
        return still;
    }


    void audit(Block b, String actor, String action, String detail, String deviceAnswer) {
        store.audit(new BlockAudit(b.id(), now(), actor, action, detail, deviceAnswer));
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
