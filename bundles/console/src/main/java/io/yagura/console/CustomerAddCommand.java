package io.yagura.console;

import io.yagura.api.registry.Customer;
import io.yagura.api.registry.DeviceRegistry;
import io.yagura.api.registry.RegistryException;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "yagura", name = "customer-add", description = "Adds a customer (or replaces the one with that id).",
        detailedDescription = "Example:\n  yagura:customer-add --name \"ACME Corp\" --network 10.0.0.0/8 "
        + "--network 203.0.113.0/24 acme")
@Service
public class CustomerAddCommand implements Action {

    @Argument(index = 0, name = "id", required = true, description = "Customer id (a-z, 0-9, . _ -)")
    String id;

    @Option(name = "--name", description = "Display name")
    String name;

    @Option(name = "--network", multiValued = true, description = "A network of the customer in CIDR form; repeat as needed")
    List<String> networks;

    @Reference
    DeviceRegistry registry;

    @Override
    public Object execute() {
        try {
            registry.putCustomer(new Customer(id, name == null ? id : name, networks));
            System.out.println("Customer " + id + " saved");
        } catch (RegistryException e) {
            System.err.println("Customer not saved: " + e.getMessage());
        }
        return null;
    }
}
