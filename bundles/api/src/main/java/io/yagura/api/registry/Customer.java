package io.yagura.api.registry;

import java.util.List;

/**
 * A customer of the SOC.
 *
 * @param id       short stable id, e.g. "acme"
 * @param name     display name
 * @param networks the customer's own networks in CIDR form (for network.direction)
 */
public record Customer(String id, String name, List<String> networks) {
    public Customer {
        networks = networks == null ? List.of() : List.copyOf(networks);
    }
}
