package io.yagura.api.registry;

import java.util.List;

/**
 * A monitored device.
 *
 * @param id        stable id, e.g. "acme-fw1"
 * @param customer  id of the owning customer
 * @param vendor    vendor id of the plugin that reads its logs ("cisco-asa")
 * @param product   product name, e.g. "ASA 5525-X"
 * @param addresses source addresses its logs arrive from
 */
public record Device(String id, String customer, String vendor, String product, List<String> addresses) {
    public Device {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }
}
