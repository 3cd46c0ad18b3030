package io.yagura.api.plugin;

import java.time.Duration;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Optional capability: push and remove an emergency block on a customer's firewall.
 * Declared now so that the response bundle can be written against it; no plugin
 * implements it yet.
 */
@ConsumerType
public interface FirewallDriver {

    /** Connection details of one firewall, resolved by the platform from the registry. */
    record Target(String deviceId, String managementAddress, int port, String username, char[] secret) {
    }

    /** @param reference the incident id, written into the rule's comment for audit */
    record Block(String address, Duration expiry, String reference) {
    }

    record Outcome(boolean applied, String deviceAnswer) {
    }

    Outcome block(Target firewall, Block block) throws FirewallException;

    Outcome unblock(Target firewall, String address) throws FirewallException;

    /** Blocks that Yagura placed and the device still holds (for verification). */
    List<String> listBlocks(Target firewall) throws FirewallException;

    final class FirewallException extends Exception {
        private static final long serialVersionUID = 1L;

        public FirewallException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
