package io.yagura.console;

import io.yagura.api.plugin.VendorPlugin;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.ManagementEndpoint;
import io.yagura.api.registry.RegistryException;
import io.yagura.api.registry.Secret;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

@Command(scope = "yagura", name = "device-add", description = "Registers a device, or changes the one with that id.",
        detailedDescription = "Lines from the given source addresses are then attributed to the device and its "
        + "customer and routed to the vendor's plugin. The change is stored in the database and seen by every node "
        + "within seconds. On an existing device, the options not given keep their values; \"\" clears one "
        + "(--management-url \"\" removes the endpoint with its secret).\n\n"
        + "The secret of the management endpoint is never given here (it would stay in the shell history): set it "
        + "with yagura:device-secret, which reads it without echo.\n\n"
        + "Examples:\n"
        + "  yagura:device-add --customer acme --vendor cisco-asa --product \"ASA 5525-X\" acme-fw1 198.51.100.10\n"
        + "  yagura:device-add --customer acme --vendor paloalto --version 10.1 --time-zone Asia/Tokyo acme-pa1 198.51.100.11\n"
        + "  yagura:device-add --customer acme --vendor cisco-ips --management-url https://192.0.2.20/cgi-bin/sdee-server "
        + "--username yagura --poll-seconds 30 --trust-store yagura/ips-ca.p12 acme-ips1 192.0.2.20\n"
        + "  yagura:device-secret acme-ips1")
@Service
public class DeviceAddCommand extends RegistryCommand {

    @Argument(index = 0, name = "id", required = true, description = "Device id (a-z, 0-9, . _ -)")
    @Completion(Completers.DeviceIds.class)
    String id;

    @Argument(index = 1, name = "addresses", required = true, multiValued = true,
            description = "Source IP addresses its logs come from")
    List<String> addresses;

    @Option(name = "--customer", required = true, description = "Owning customer's id")
    @Completion(Completers.CustomerIds.class)
    String customer;

    @Option(name = "--vendor", required = true, description = "Vendor plugin id, e.g. cisco-asa")
    @Completion(Completers.VendorIds.class)
    String vendor;

    @Option(name = "--product", description = "Product name, e.g. \"ASA 5525-X\"")
    String product;

    @Option(name = "--version", description = "Software version, where the log format depends on it (\"10.1\" "
            + "for PAN-OS); at most 32 characters")
    String version;

    @Option(name = "--time-zone", description = "Zone of the device's clock, for log headers without zone or year "
            + "(RFC 3164), e.g. Asia/Tokyo; UTC when none is set")
    @Completion(ZoneIdCompleter.class)
    String timeZone;

    @Option(name = "--management-url", description = "How Yagura reaches the device: https://host/path for a pull "
            + "connector (Cisco IPS SDEE), ssh://host for firewall drivers")
    String managementUrl;

    @Option(name = "--username", description = "Login on the device's management endpoint")
    String username;

    @Option(name = "--poll-seconds", description = "How often a pull connector asks for new events, 5..3600 s; "
            + "0: the connector's default")
    Integer pollSeconds;

    @Option(name = "--trust-store", description = "PKCS#12 or JKS file with the CA of the device's TLS certificate, "
            + "relative to etc/ unless absolute; default: the platform's")
    @Completion(FileCompleter.class)
    String trustStore;

    @Reference
    List<VendorPlugin> plugins;

    @Override
    void run() throws RegistryException {
        Optional<Device> existing = registry.device(id);
        Device old = existing.orElse(null);
        Device device = new Device(id, customer, vendor, given(product, old == null ? null : old.product()),
                addresses, given(version, old == null ? null : old.productVersion()), zone(old), management(old));
        registry.putDevice(device);
        audit(existing.isPresent() ? "device-change" : "device-add", id, DeviceText.summary(device));
        System.out.println("Device " + id + " registered for customer " + customer + " (" + vendor + ", "
                + String.join(", ", device.addresses()) + ")");
        ManagementEndpoint m = device.management();
        if (m != null && m.secret().isEmpty()) {
            System.out.println("Management endpoint " + m.url() + " has no secret yet: yagura:device-secret " + id
                    + " sets it");
        } else if (old != null && old.management() != null && m == null) {
            System.out.println("Management endpoint removed, with its secret");
        }
        if (plugins.stream().noneMatch(p -> p.vendorId().equals(vendor))) {
            System.out.println("Note: no plugin for vendor '" + vendor + "' is installed; its lines will wait in "
                    + "yagura.raw." + vendor + " until one is.");
        }
    }

    /** The option when given ("" clears it), else the current value. */
    private static String given(String option, String current) {
        if (option == null) {
            return current;
        }
        return option.isEmpty() ? null : option;
    }

    private ZoneId zone(Device old) {
        if (timeZone == null) {
            return old == null ? null : old.timeZone();
        }
        if (timeZone.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(timeZone.strip());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("device '" + id + "': time zone '" + timeZone + "' is not known (a "
                    + "region such as Asia/Tokyo, Europe/Berlin or America/New_York, or UTC, or an offset such as "
                    + "+09:00; TAB completes)");
        }
    }

    /** The endpoint from the options given over the current one; the secret stays with it. */
    private ManagementEndpoint management(Device old) {
        ManagementEndpoint current = old == null ? null : old.management();
        if (managementUrl != null && managementUrl.isEmpty()) {
            return null;
        }
        boolean changed = managementUrl != null || username != null || pollSeconds != null || trustStore != null;
        if (!changed) {
            return current;
        }
        if (managementUrl == null && current == null) {
            throw new IllegalArgumentException("device '" + id + "': --username, --poll-seconds and --trust-store "
                    + "belong to a management endpoint: give its --management-url too");
        }
        Duration poll = pollSeconds == null ? (current == null ? null : current.pollInterval())
                : pollSeconds == 0 ? null : Duration.ofSeconds(pollSeconds);
        return new ManagementEndpoint(managementUrl != null ? managementUrl : current.url(),
                given(username, current == null ? null : current.username()),
                current == null ? Secret.NONE : current.secret(), poll,
                given(trustStore, current == null ? null : current.trustStore()));
    }
}
