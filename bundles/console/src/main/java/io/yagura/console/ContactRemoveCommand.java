package io.yagura.console;

import io.yagura.api.registry.Contact;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.RegistryException;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;

@Command(scope = "yagura", name = "contact-remove", description = "Removes a contact from a customer.",
        detailedDescription = "Example:\n  yagura:contact-remove acme \"Sato Hanako\"")
@Service
public class ContactRemoveCommand extends RegistryCommand {

    @Argument(index = 0, name = "customer", required = true, description = "Customer id")
    @Completion(Completers.CustomerIds.class)
    String customer;

    @Argument(index = 1, name = "name", required = true, description = "Contact's name, as yagura:customer shows it")
    String name;

    @Override
    void run() throws RegistryException, CommandException {
        Customer c = existingCustomer(customer);
        List<Contact> contacts = new ArrayList<>(c.contacts());
        if (!contacts.removeIf(k -> k.name().equals(name))) {
            throw new CommandException("Customer " + customer + " has no contact named '" + name + "' (yagura:customer "
                    + customer + " lists them)");
        }
        registry.putCustomer(c.withContacts(contacts));
        audit("contact-remove", customer, name);
        System.out.println("Contact " + name + " removed from " + customer + (contacts.isEmpty()
                ? "; the customer has no contact left: nobody will be told about its incidents" : ""));
    }
}
