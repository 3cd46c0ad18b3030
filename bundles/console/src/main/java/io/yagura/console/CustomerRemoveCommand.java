package io.yagura.console;

import io.yagura.api.registry.RegistryException;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;

@Command(scope = "yagura", name = "customer-remove", description = "Removes a customer that has no devices left.",
        detailedDescription = "Its incidents stay in the store. Remove its devices first (yagura:device-remove).\n\n"
        + "Example:\n  yagura:customer-remove acme")
@Service
public class CustomerRemoveCommand extends RegistryCommand {

    @Argument(index = 0, name = "id", required = true, description = "Customer id")
    @Completion(Completers.CustomerIds.class)
    String id;

    @Override
    void run() throws RegistryException, CommandException {
        if (registry.removeCustomer(id)) {
            audit("customer-remove", id, null);
            System.out.println("Customer " + id + " removed");
        } else {
            throw new CommandException("No customer with id " + id + " (yagura:customers lists them)");
        }
    }
}
