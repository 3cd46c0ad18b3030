package io.yagura.response;

import io.yagura.api.plugin.FirewallDriver;
import io.yagura.api.plugin.FirewallDriver.Capability;
import io.yagura.api.plugin.VendorPlugin;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.ManagementEndpoint;
import io.yagura.api.response.BlockStore;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The firewalls blocks can be placed on: a device whose vendor plugin (present now: plugins come
 * and go) has a firewall driver, and whose registry entry has a management endpoint. Builds the
 * driver's {@link FirewallDriver.Target} with the credentials the registry decrypted and the
 * fingerprint an operator accepted.
 */
final class Firewalls {

    /** A device ready for its driver. */
    record Firewall(Device device, FirewallDriver driver, FirewallDriver.Target target) {
    }

    private final Map<String, VendorPlugin> plugins = new ConcurrentHashMap<>();
    private final BlockStore store;
    private final Duration timeout;

    Firewalls(BlockStore store, Duration timeout) {
        this.store = store;
        this.timeout = timeout;
    }

    void add(VendorPlugin plugin) {
        plugins.put(plugin.vendorId(), plugin);
    }

    void remove(VendorPlugin plugin) {
        plugins.remove(plugin.vendorId(), plugin);
    }

    /**
     * @param capability what the device must be able to do
     * @throws IllegalStateException saying why this device cannot (for the operator and the audit)
     */
    Firewall resolve(Device device, Capability capability) {
        VendorPlugin plugin = plugins.get(device.vendor());
        if (plugin == null) {
            throw new IllegalStateException("device " + device.id() + ": no vendor plugin '" + device.vendor() + "' is installed");
        }
        Optional<FirewallDriver> driver = plugin.firewallDriver();
        if (driver.isEmpty()) {
            throw new IllegalStateException("device " + device.id() + ": the " + device.vendor() + " plugin has no firewall driver");
        }
        if (!driver.get().capabilities().contains(capability)) {
            throw new IllegalStateException("device " + device.id() + ": its driver (" + driver.get().method() + ") cannot "
                    + capability.name().toLowerCase() + " a host");
        }
        ManagementEndpoint m = device.management();
        if (m == null || m.url() == null || m.url().isBlank()) {
            throw new IllegalStateException("device " + device.id() + " has no management endpoint "
                    + "(yagura:device-add --management-url, --username; yagura:device-secret)");
        }
        URI endpoint;
        try {
            endpoint = new URI(m.url().trim());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("device " + device.id() + ": management URL is not a URL: " + e.getMessage());
        }
        FirewallDriver.Target target = new FirewallDriver.Target(device.id(), endpoint, m.username(), m.secret(),
                store.pinnedFingerprint(device.id()).orElse(null), trustStore(m.trustStore()), timeout);
        return new Firewall(device, driver.get(), target);
    }

    /** A relative trust store is under Karaf's etc/, as the registry documents. */
    private static String trustStore(String path) {
        String etc = System.getProperty("karaf.etc");
        if (path == null || path.isBlank() || etc == null || Path.of(path).isAbsolute()) {
            return path;
        }
        return Path.of(etc).resolve(path).toString();
    }
}
