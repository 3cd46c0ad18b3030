package io.yagura.console;

import io.yagura.api.registry.Contact;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.RegistryException;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "yagura", name = "contact-add", description = "Adds a contact to a customer, or changes the one "
        + "with that name.", detailedDescription = "Contacts are told in their order (1 first). Without --level a "
        + "contact gets Emergency and Critical notices. Channels: mail, phone, portal.\n\nExamples:\n"
        + "  yagura:contact-add --email sato@acme.example --order 1 --language ja acme \"Sato Hanako\"\n"
        + "  yagura:contact-add --email soc@acme.example --phone +81-3-0000-0000 --channel mail --channel phone "
        + "--level emergency --hours \"09:00-18:00 Asia/Tokyo\" --order 2 acme \"ACME SOC desk\"")
@Service
public class ContactAddCommand extends RegistryCommand {

    @Argument(index = 0, name = "customer", required = true, description = "Customer id")
    @Completion(Completers.CustomerIds.class)
    String customer;

    @Argument(index = 1, name = "name", required = true, description = "Contact's name (quote it if it has spaces)")
    String name;

    @Option(name = "--email", description = "Mail address")
    String email;

    @Option(name = "--phone", description = "Phone number, e.g. +81-3-0000-0000")
    String phone;

    @Option(name = "--order", description = "Escalation order, 1 first (default: after the last contact)")
    Integer order;

    @Option(name = "--channel", multiValued = true, description = "mail, phone or portal; repeat as needed (default mail)")
    List<String> channels;

    @Option(name = "--level", multiValued = true, description = "A level this contact is told about; repeat as needed "
            + "(default emergency and critical)")
    List<String> levels;

    @Option(name = "--language", description = "ja or en (default en)")
    String language;

    @Option(name = "--hours", description = "When phone calls are welcome, e.g. \"09:00-18:00 Asia/Tokyo\"")
    String hours;

    @Override
    void run() throws RegistryException {
        Customer c = existingCustomer(customer);
        List<Contact> contacts = new ArrayList<>(c.contacts());
        boolean replaced = contacts.removeIf(k -> k.name().equals(name));
        int next = contacts.stream().mapToInt(Contact::order).max().orElse(0) + 1;
        Contact contact = new Contact(name, email, phone, order != null ? order : next, channels, levels, language, hours);
        contacts.add(contact);
        contacts.sort(java.util.Comparator.comparingInt(Contact::order));
        registry.putCustomer(c.withContacts(contacts));
        audit(replaced ? "contact-change" : "contact-add", customer, name + " order " + contact.order() + " "
                + contact.channels() + " " + (contact.levels().isEmpty() ? "[emergency, critical]" : contact.levels()));
        System.out.println("Contact " + name + (replaced ? " changed" : " added") + " for " + customer
                + " (order " + contact.order() + ")");
    }
}
