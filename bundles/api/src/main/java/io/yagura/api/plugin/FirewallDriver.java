package io.yagura.api.plugin;

import io.yagura.api.registry.Secret;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Optional capability of a vendor plugin: place and remove an emergency block of an address on
 * one of the vendor's firewalls, and list what Yagura placed there.
 *
 * <p>Contract every driver keeps (the response bundle relies on it):
 * <ul>
 *   <li>{@link #block} and {@link #unblock} read the device's configuration back before they
 *       return: a returned {@link Outcome} means the device now holds (or no longer holds) the
 *       block. A change that fails half way is rolled back by the driver; when the rollback
 *       itself fails the exception's kind is {@link Failure#PARTIAL} and says what is left.</li>
 *   <li>Blocks are marked as Yagura's (an object name prefix, a tag, a comment with the
 *       reference), so {@link #listBlocks} never reports or removes the customer's own rules.</li>
 *   <li>The device is authenticated before a credential is sent: SSH host keys and TLS
 *       certificates are compared with {@link Target#pinnedFingerprint} (or the trust store);
 *       an unknown or changed key fails with {@link Failure#UNTRUSTED} and the fingerprint the
 *       device presented, which an operator may then accept explicitly.</li>
 *   <li>The secret is never written to a log, an exception message or a device answer.</li>
 * </ul>
 */
@ConsumerType
public interface FirewallDriver {

    /** What a driver can do on its devices. */
    enum Capability {
        /** block traffic from (and to) an external address */
        BLOCK,
        /** isolate an internal host (needs analyst approval in the response bundle) */
        QUARANTINE
    }

    /**
     * One firewall, resolved by the platform from the registry.
     *
     * @param deviceId          registry id, for messages
     * @param endpoint          the management URL: scheme, host and port, and driver options as
     *                          query parameters (e.g. {@code ssh://192.0.2.1:22?acl=outside_in},
     *                          {@code https://192.0.2.9/?vsys=vsys1}); see each vendor's docs
     * @param username          login on the device
     * @param secret            password or API key; masked in toString
     * @param pinnedFingerprint the accepted SSH host key or TLS certificate fingerprint
     *                          ({@code SHA256:<base64>}); null when none is accepted yet
     * @param trustStore        a trust store for the device's TLS certificate, or null
     * @param timeout           bound for connecting and for each device answer
     */
    record Target(String deviceId, URI endpoint, String username, Secret secret, String pinnedFingerprint,
                  String trustStore, Duration timeout) {

        public Target {
            secret = secret == null ? Secret.NONE : secret;
            timeout = timeout == null ? Duration.ofSeconds(20) : timeout;
        }

        /** A driver option from the endpoint's query string ({@code ?acl=outside_in&zone=untrust}). */
        public Optional<String> option(String name) {
            return Optional.ofNullable(options().get(name));
        }

        /** All driver options of the endpoint. */
        public Map<String, String> options() {
            String query = endpoint == null ? null : endpoint.getRawQuery();
            if (query == null || query.isEmpty()) {
                return Map.of();
            }
            java.util.LinkedHashMap<String, String> options = new java.util.LinkedHashMap<>();
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String key = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq),
                        java.nio.charset.StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1),
                        java.nio.charset.StandardCharsets.UTF_8);
                options.putIfAbsent(key, value);
            }
            return Map.copyOf(options);
        }
    }

    /**
     * A block to place.
     *
     * @param address   an IPv4/IPv6 address or CIDR prefix, already checked against safelists
     * @param expiresAt when the platform will remove it (drivers may also set a device-side
     *                  timeout where the device has one, as a second safety net)
     * @param reference Yagura's block id, written into the device object's name or comment
     * @param reason    short text for the device comment (incident id and level)
     */
    record Block(String address, Instant expiresAt, String reference, String reason) {
    }

    /** A block that Yagura placed and the device holds, as read back from the device. */
    record PlacedBlock(String address, String reference, String deviceObject) {
    }

    /**
     * @param verified     the configuration read back from the device matched the request
     * @param deviceAnswer what the device said (commit result, job id), secrets removed; kept in
     *                     the audit log
     */
    record Outcome(boolean verified, String deviceAnswer) {
    }

    /** Why a driver call failed. */
    enum Failure {
        /** no connection (refused, no route, TLS/SSH handshake failure other than trust) */
        UNREACHABLE,
        /** the device stopped answering within {@link Target#timeout} */
        TIMEOUT,
        /** login or API key refused */
        AUTHENTICATION,
        /** host key or certificate unknown or changed: see {@link FirewallException#presentedFingerprint()} */
        UNTRUSTED,
        /** the device refused the change; nothing is left on it */
        REJECTED,
        /** the change failed and was rolled back; nothing is left on it */
        ROLLED_BACK,
        /** the change failed and could not be fully rolled back: an operator must look */
        PARTIAL,
        /** the driver cannot do this (e.g. quarantine) or the endpoint lacks a needed option */
        UNSUPPORTED
    }

    /** How this driver places blocks, for operators ("object-group YAGURA-BLOCK in ACL outside_in"). */
    String method();

    default Set<Capability> capabilities() {
        return Set.of(Capability.BLOCK);
    }

    Outcome block(Target firewall, Block block) throws FirewallException;

    /** Removes Yagura's block of {@code address}; removing a block the device no longer holds succeeds. */
    Outcome unblock(Target firewall, String address) throws FirewallException;

    /** Blocks that Yagura placed and the device holds, read from its configuration. */
    List<PlacedBlock> listBlocks(Target firewall) throws FirewallException;

    /** Isolates an internal host; only for drivers with {@link Capability#QUARANTINE}. */
    default Outcome quarantine(Target firewall, Block host) throws FirewallException {
        throw new FirewallException(Failure.UNSUPPORTED, method() + " cannot quarantine a host", null, null);
    }

    /** Ends a quarantine placed by {@link #quarantine}. */
    default Outcome release(Target firewall, String address) throws FirewallException {
        throw new FirewallException(Failure.UNSUPPORTED, method() + " cannot quarantine a host", null, null);
    }

    /** A failed driver call; the message is meant for the operator and never holds the secret. */
    final class FirewallException extends Exception {
        private static final long serialVersionUID = 2L;

        private final Failure failure;
        private final String presentedFingerprint;

        public FirewallException(Failure failure, String message, String presentedFingerprint, Throwable cause) {
            super(message, cause);
            this.failure = failure;
            this.presentedFingerprint = presentedFingerprint;
        }

        public FirewallException(Failure failure, String message, Throwable cause) {
            this(failure, message, null, cause);
        }

        public Failure failure() {
            return failure;
        }

        /** For {@link Failure#UNTRUSTED}: the fingerprint the device presented; otherwise null. */
        public String presentedFingerprint() {
            return presentedFingerprint;
        }
    }
}
