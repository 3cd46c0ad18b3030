package io.yagura.api.registry;

import java.util.List;

/**
 * A customer of the SOC.
 *
 * @param id       short stable id, e.g. "acme"
 * @param name     display name
 * @param networks the customer's own networks in CIDR form (for network.direction)
 * @param contacts who is told about incidents, in escalation order
 * @param policy   how they want to be told (null: {@link NotificationPolicy#defaults()})
 */
public record Customer(String id, String name, List<String> networks, List<Contact> contacts,
                       NotificationPolicy policy) {
    public Customer {
        networks = networks == null ? List.of() : List.copyOf(networks);
        contacts = contacts == null ? List.of() : List.copyOf(contacts);
        policy = policy == null ? NotificationPolicy.defaults() : policy;
    }

    public Customer(String id, String name, List<String> networks) {
        this(id, name, networks, List.of(), null);
    }

    /** The same customer with other contacts. */
    public Customer withContacts(List<Contact> newContacts) {
        return new Customer(id, name, networks, newContacts, policy);
    }
}
