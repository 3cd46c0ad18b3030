package io.yagura.console;

import io.yagura.api.registry.Customer;
import io.yagura.api.registry.NotificationPolicy;
import io.yagura.api.registry.RegistryException;
import java.util.List;
import java.util.Optional;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

@Command(scope = "yagura", name = "customer-add", description = "Adds a customer, or changes the one with that id.",
        detailedDescription = "On an existing customer only the options given change; its contacts stay "
        + "(yagura:contact-add / contact-remove change them). --network replaces the list of networks.\n\n"
        + "Policy: --critical-minutes N (Critical deadline, default 15), --critical-auto-send true|false (mail a "
        + "Critical automatically at its deadline if no analyst confirmed it, default true), --daily-digest "
        + "true|false (Warning and Informational in a daily mail, default false), --all-clear true|false (notice "
        + "when a harmless incident is closed, default true).\n\nExamples:\n"
        + "  yagura:customer-add --name \"ACME Corp\" --network 10.0.0.0/8 --network 203.0.113.0/24 acme\n"
        + "  yagura:customer-add --critical-minutes 10 --daily-digest true acme")
@Service
public class CustomerAddCommand extends RegistryCommand {

    @Argument(index = 0, name = "id", required = true, description = "Customer id (a-z, 0-9, . _ -)")
    @Completion(Completers.CustomerIds.class)
    String id;

    @Option(name = "--name", description = "Display name")
    String name;

    @Option(name = "--network", multiValued = true, description = "A network of the customer in CIDR form; repeat as needed")
    List<String> networks;

    @Option(name = "--critical-minutes", description = "Minutes from detection within which a Critical must be notified")
    Integer criticalMinutes;

    @Option(name = "--critical-auto-send", description = "true: mail a Critical at its deadline without confirmation")
    String criticalAutoSend;

    @Option(name = "--daily-digest", description = "true: Warning and Informational incidents in a daily mail")
    String dailyDigest;

    @Option(name = "--all-clear", description = "true: tell the customer when a harmless incident is closed")
    String allClear;

    @Override
    void run() throws RegistryException {
        Optional<Customer> existing = registry.customer(id);
        NotificationPolicy p = existing.map(Customer::policy).orElse(NotificationPolicy.defaults());
        NotificationPolicy policy = new NotificationPolicy(
                onOff("--critical-auto-send", criticalAutoSend, p.criticalAutoSend()),
                criticalMinutes != null ? criticalMinutes : p.criticalMinutes(),
                onOff("--daily-digest", dailyDigest, p.dailyDigest()),
                onOff("--all-clear", allClear, p.allClear()));
        Customer customer = new Customer(id,
                name != null ? name : existing.map(Customer::name).orElse(id),
                networks != null ? networks : existing.map(Customer::networks).orElse(List.of()),
                existing.map(Customer::contacts).orElse(List.of()),
                policy);
        registry.putCustomer(customer);
        audit(existing.isPresent() ? "customer-change" : "customer-add", id, "networks " + customer.networks()
                + ", policy " + policy);
        System.out.println("Customer " + id + (existing.isPresent() ? " changed" : " added"));
    }

    /** Reads true/false (on/off, yes/no); an option not given keeps the current value. */
    static boolean onOff(String option, String value, boolean current) {
        if (value == null) {
            return current;
        }
        return switch (value.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "on", "yes" -> true;
            case "false", "off", "no" -> false;
            default -> throw new IllegalArgumentException(option + " takes true or false, not '" + value + "'");
        };
    }
}
