package io.yagura.api.plugin;

import java.util.Optional;
import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A vendor plugin: one bundle per device vendor registers one of these as an OSGi service, and
 * nothing else. The platform does the plumbing: for every registered plugin the Camel runtime
 * builds the transacted route {@code yagura.raw.<vendorId>} → {@link #parser()} →
 * {@code yagura.events} (unreadable lines → {@code yagura.deadletter}), counts received,
 * parsed, ignored and rejected lines, and stamps each event with its customer, device and
 * plugin; ingest asks {@link #probe} to recognise lines from unregistered sources; a
 * {@link PullConnector} is scheduled for the vendor's devices that have a management endpoint.
 * Optional capabilities default to absent, so a plugin implements only what it offers.
 * See docs/plugin-guide.md.
 */
@ConsumerType
public interface VendorPlugin {

    /** Stable id, lower-case with dashes ("cisco-asa"); names the queue yagura.raw.&lt;id&gt;. */
    String vendorId();

    /** Vendor name for observer.vendor and the console, e.g. "Cisco". */
    String vendorName();

    /** Products this plugin reads, e.g. "ASA", "PIX". */
    Set<String> products();

    Set<DeviceType> deviceTypes();

    /**
     * Cheap test whether a line looks like this vendor's (no full parse). Called for every
     * line from an unknown source, so it must be fast and must not throw.
     */
    boolean probe(String line);

    LogParser parser();

    default Optional<FirewallDriver> firewallDriver() {
        return Optional.empty();
    }

    default Optional<PullConnector> pullConnector() {
        return Optional.empty();
    }

    default Optional<SignatureCatalogue> signatureCatalogue() {
        return Optional.empty();
    }
}
