package io.yagura.device.http;

import io.yagura.api.plugin.FirewallDriver.Failure;
import io.yagura.api.plugin.FirewallDriver.FirewallException;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The steps of one change on a device, each with the step that undoes it, so that a failure half
 * way leaves the device as it was: the undo steps of what was done run in reverse order and the
 * failure becomes {@link Failure#ROLLED_BACK}, or {@link Failure#PARTIAL} (saying what is left)
 * when an undo step fails too.
 *
 * <p>A step the device refused ({@link Failure#REJECTED}: it answered, nothing was applied) needs
 * no undo; when nothing had been done before it, the refusal is passed on as it is. A step that
 * failed without an answer (lost connection, timeout) may have been applied, so its own undo runs
 * too. Authentication and trust failures before the first step are passed on as they are.
 */
public final class DeviceChange {

    private static final Logger LOG = LoggerFactory.getLogger(DeviceChange.class);

    /** One call to the device. */
    @FunctionalInterface
    public interface Step {
        void run() throws FirewallException;
    }

    private record Undo(String what, Step step) {
    }

    private final String device;
    private final Deque<Undo> undo = new ArrayDeque<>();

    /** @param device the device's name for messages ({@link HttpsDevice#name()}) */
    public DeviceChange(String device) {
        this.device = device;
    }

    /**
     * Runs {@code step}; from then on (or when it fails without an answer) {@code undoStep}
     * undoes it if a later step fails.
     *
     * @param what     what the step does, for messages ("add address object yagura-42")
     * @param undoWhat what the undo does, for messages ("delete address object yagura-42"); null
     *                 with a null {@code undoStep} for a step that changes nothing (a read-back)
     */
    public void step(String what, Step step, String undoWhat, Step undoStep) throws FirewallException {
        try {
            step.run();
        } catch (FirewallException e) {
            boolean answered = e.failure() == Failure.REJECTED;
            if (!answered && undoStep != null) {
                undo.push(new Undo(undoWhat, undoStep));
            }
            if (undo.isEmpty()) {
                throw e;
            }
            throw rollBack(what, e);
        }
        if (undoStep != null) {
            undo.push(new Undo(undoWhat, undoStep));
        }
    }

    /** A step without an undo of its own (a read-back, a commit whose failure leaves the earlier undos to run). */
    public void step(String what, Step step) throws FirewallException {
        step(what, step, null, null);
    }

    /** Fails the change (e.g. the read-back did not match) and rolls back what was done. */
    public FirewallException fail(String why) {
        return rollBack("verification", new FirewallException(Failure.REJECTED, why, null));
    }

    /** Undoes what was done; the outcome is logged once here (messages hold no secret), and thrown to the caller. */
    private FirewallException rollBack(String what, FirewallException cause) {
        FirewallException outcome = undo(what, cause);
        if (outcome.failure() == Failure.PARTIAL) {
            LOG.error("{}", outcome.getMessage());
        } else {
            LOG.warn("{}", outcome.getMessage());
        }
        return outcome;
    }

    private FirewallException undo(String what, FirewallException cause) {
        StringBuilder undone = new StringBuilder();
        while (!undo.isEmpty()) {
            Undo next = undo.pop();
            try {
                next.step().run();
                undone.append(undone.length() == 0 ? "" : ", ").append(next.what());
            } catch (FirewallException e) {
                StringBuilder left = new StringBuilder(next.what());
                undo.forEach(rest -> left.append(", ").append(rest.what()));
                return new FirewallException(Failure.PARTIAL, device + ": " + what + " failed (" + cause.getMessage()
                        + ") and the rollback failed too (" + e.getMessage() + "); an operator must still: " + left,
                        cause);
            }
        }
        return new FirewallException(Failure.ROLLED_BACK, device + ": " + what + " failed (" + cause.getMessage()
                + "); rolled back: " + undone, cause);
    }
}
