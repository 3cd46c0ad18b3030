package io.yagura.api.plugin;

import io.yagura.api.registry.ManagementEndpoint;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Optional capability: fetch events from a device that does not push them (Cisco IPS over
 * SDEE/HTTPS). The platform schedules {@link #pull} for every registered device of the plugin's
 * vendor that has a management endpoint, at the endpoint's poll interval, one call at a time per
 * device; it persists the returned cursor once the records are durably queued, and hands each
 * record to the plugin's {@link LogParser} like a received line. A plugin does no scheduling,
 * threading or persistence of its own.
 */
@ConsumerType
public interface PullConnector {

    /** One device to poll. */
    record Target(String deviceId, String customerId, ManagementEndpoint endpoint) {
    }

    /**
     * One record fetched from a device.
     *
     * @param id   the device's id for it (SDEE eventId), unique per device: the platform drops a
     *             record it has already queued, so a poll repeated after a crash adds nothing twice
     * @param text the record as the parser reads it (one evIdsAlert element, say)
     */
    record Record(String id, String text) {
    }

    /**
     * What one poll brought.
     *
     * @param records new records, oldest first
     * @param cursor  where the next poll starts (opaque to the platform); the same as the one
     *                passed in when nothing was new
     * @param more    true when the device holds more than one call returns: the platform polls
     *                again at once
     */
    record Batch(List<Record> records, String cursor, boolean more) {
        public Batch {
            records = List.copyOf(records);
        }
    }

    /**
     * Fetches what is new since {@code cursor}.
     *
     * @param cursor the cursor of the last batch that was queued, or null for the first poll ever
     * @throws PullException when the device cannot be asked (unreachable, refused, malformed
     *                       answer); the platform counts it, logs it without credentials, and
     *                       declares the device silent after repeated failures
     */
    Batch pull(Target target, String cursor) throws PullException;

    /** Releases what the connector holds for a device (an SDEE subscription) when polling stops. */
    default void close(Target target) {
    }

    /** A poll that failed, with a reason fit for an operator (never a credential). */
    final class PullException extends Exception {
        private static final long serialVersionUID = 1L;

        public PullException(String message, Throwable cause) {
            super(message, cause);
        }

        public PullException(String message) {
            super(message);
        }
    }
}
