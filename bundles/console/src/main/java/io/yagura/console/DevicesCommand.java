package io.yagura.console;

import io.yagura.api.registry.Device;
import io.yagura.api.registry.DeviceRegistry;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "yagura", name = "devices", description = "Lists the registered devices (yagura:device ID "
        + "shows one, with its management endpoint).",
        detailedDescription = "Examples:\n  yagura:devices\n  yagura:devices --customer acme")
@Service
public class DevicesCommand implements Action {

    @Option(name = "--customer", description = "Only this customer's devices")
    String customer;

    @Reference
    DeviceRegistry registry;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Device");
        table.column("Customer");
        table.column("Vendor");
        table.column("Product");
        table.column("Version");
        table.column("Zone");
        table.column("Source addresses");
        table.column("Management");
        for (Device d : registry.devices()) {
            if (customer == null || customer.equals(d.customer())) {
                table.addRow().addContent(d.id(), d.customer(), d.vendor(), d.product() == null ? "" : d.product(),
                        d.productVersion() == null ? "" : d.productVersion(), DeviceText.zone(d),
                        String.join(", ", d.addresses()), d.management() == null ? "" : d.management().url());
            }
        }
        table.print(System.out);
        return null;
    }
}
