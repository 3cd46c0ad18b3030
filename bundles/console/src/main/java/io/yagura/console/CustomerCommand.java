package io.yagura.console;

import io.yagura.api.registry.Contact;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.NotificationPolicy;
import io.yagura.api.registry.RegistryException;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.table.ShellTable;

@Command(scope = "yagura", name = "customer", description = "Shows one customer: networks, notification policy, "
        + "contacts in escalation order, devices.", detailedDescription = "Example:\n  yagura:customer acme")
@Service
public class CustomerCommand extends RegistryCommand {

    @Argument(index = 0, name = "id", required = true, description = "Customer id")
    @Completion(Completers.CustomerIds.class)
    String id;

    @Override
    void run() throws RegistryException {
        Customer c = existingCustomer(id);
        NotificationPolicy p = c.policy();
        System.out.println(c.id() + "  " + (c.name() == null ? "" : c.name()));
        System.out.println("Networks:  " + (c.networks().isEmpty() ? "(none: every address counts as external)"
                : String.join(", ", c.networks())));
        System.out.println("Policy:    Critical within " + p.criticalMinutes() + " min, "
                + (p.criticalAutoSend() ? "sent automatically at the deadline" : "sent only after confirmation")
                + "; daily digest " + (p.dailyDigest() ? "on" : "off") + "; all-clear " + (p.allClear() ? "on" : "off"));
        System.out.println();
        if (c.contacts().isEmpty()) {
            System.out.println("No contacts: nobody is told about this customer's incidents "
                    + "(yagura:contact-add adds one)");
        } else {
            ShellTable contacts = new ShellTable();
            contacts.column("Order").alignRight();
            contacts.column("Name");
            contacts.column("Channels");
            contacts.column("Mail");
            contacts.column("Phone");
            contacts.column("Levels");
            contacts.column("Lang");
            contacts.column("Hours");
            c.contacts().stream().sorted(java.util.Comparator.comparingInt(Contact::order)).forEach(k ->
                    contacts.addRow().addContent(k.order(), k.name(), String.join(",", k.channels()), nz(k.email()),
                            nz(k.phone()), k.levels().isEmpty() ? "emergency,critical" : String.join(",", k.levels()),
                            k.language(), nz(k.hours())));
            contacts.print(System.out);
        }
        System.out.println();
        ShellTable devices = new ShellTable();
        devices.column("Device");
        devices.column("Vendor");
        devices.column("Product");
        devices.column("Addresses");
        for (Device d : registry.devices()) {
            if (id.equals(d.customer())) {
                devices.addRow().addContent(d.id(), d.vendor(), nz(d.product()), String.join(", ", d.addresses()));
            }
        }
        devices.print(System.out);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
