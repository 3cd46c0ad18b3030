package io.yagura.console;

import io.yagura.api.plugin.VendorPlugin;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.RegistryException;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "yagura", name = "device-add", description = "Registers a device (or replaces the one with that id).",
        detailedDescription = "Lines from the given source addresses are then attributed to the device and its "
        + "customer and routed to the vendor's plugin. The change is stored in the database and seen by every node within seconds.\n\n"
        + "Example:\n  yagura:device-add --customer acme --vendor cisco-asa --product \"ASA 5525-X\" acme-fw1 198.51.100.10")
@Service
public class DeviceAddCommand extends RegistryCommand {

    @Argument(index = 0, name = "id", required = true, description = "Device id (a-z, 0-9, . _ -)")
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

    @Reference
    List<VendorPlugin> plugins;

    @Override
    void run() throws RegistryException {
        boolean existed = registry.device(id).isPresent();
        registry.putDevice(new Device(id, customer, vendor, product, addresses));
        audit(existed ? "device-change" : "device-add", id, "customer " + customer + ", vendor " + vendor
                + ", addresses " + addresses);
        System.out.println("Device " + id + " registered for customer " + customer + " (" + vendor + ", "
                + String.join(", ", addresses) + ")");
        if (plugins.stream().noneMatch(p -> p.vendorId().equals(vendor))) {
            System.out.println("Note: no plugin for vendor '" + vendor + "' is installed; its lines will wait in "
                    + "yagura.raw." + vendor + " until one is.");
        }
    }
}
