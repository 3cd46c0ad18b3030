package io.yagura.console;

import io.yagura.api.registry.Customer;
import io.yagura.api.registry.DeviceRegistry;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "yagura", name = "customers", description = "Lists the customers.")
@Service
public class CustomersCommand implements Action {

    @Reference
    DeviceRegistry registry;

    @Override
    public Object execute() {
        ShellTable table = new ShellTable();
        table.column("Customer");
        table.column("Name");
        table.column("Networks");
        table.column("Devices").alignRight();
        for (Customer c : registry.customers()) {
            long devices = registry.devices().stream().filter(d -> c.id().equals(d.customer())).count();
            table.addRow().addContent(c.id(), c.name() == null ? "" : c.name(), String.join(", ", c.networks()), devices);
        }
        table.print(System.out);
        return null;
    }
}
