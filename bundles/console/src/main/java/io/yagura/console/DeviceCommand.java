package io.yagura.console;

import io.yagura.api.registry.Device;
import io.yagura.api.registry.DeviceRegistry;
import io.yagura.api.registry.ManagementEndpoint;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;

@Command(scope = "yagura", name = "device", description = "Shows one device: customer, vendor, product and version, "
        + "clock zone, addresses, management endpoint (the secret masked).",
        detailedDescription = "Example:\n  yagura:device acme-ips1")
@Service
public class DeviceCommand implements Action {

    @Argument(index = 0, name = "id", required = true, description = "Device id")
    @Completion(Completers.DeviceIds.class)
    String id;

    @Reference
    DeviceRegistry registry;

    @Override
    public Object execute() throws CommandException {
        Device d = registry.device(id).orElse(null);
        if (d == null) {
            throw new CommandException("No device with id " + id + " (yagura:devices lists them)");
        }
        row("Device", d.id());
        row("Customer", d.customer());
        row("Vendor", d.vendor());
        row("Product", d.product() == null ? "" : d.product());
        row("Version", d.productVersion() == null ? "(not set)" : d.productVersion());
        row("Clock zone", d.timeZone() == null ? "UTC (not set)" : d.timeZone().getId());
        row("Addresses", String.join(", ", d.addresses()));
        ManagementEndpoint m = d.management();
        if (m == null) {
            row("Management", "(none: the device only sends logs)");
            return null;
        }
        row("Management", m.url());
        row("  Username", m.username() == null ? "(none)" : m.username());
        row("  Secret", m.secret().isEmpty() ? "(none: yagura:device-secret " + id + " sets it)"
                : m.secret().toString());
        row("  Poll", m.pollInterval() == null ? "the connector's default" : "every " + m.pollInterval().toSeconds()
                + " s");
        row("  Trust store", m.trustStore() == null ? "the platform's default" : m.trustStore());
        return null;
    }

    private static void row(String label, String value) {
        System.out.printf("%-14s %s%n", label + ":", value);
    }
}
