package io.yagura.api.registry;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * A monitored device.
 *
 * @param id             stable id, e.g. "acme-fw1"
 * @param customer       id of the owning customer
 * @param vendor         vendor id of the plugin that reads its logs ("cisco-asa")
 * @param product        product name, e.g. "ASA 5525-X"
 * @param addresses      source addresses its logs arrive from
 * @param productVersion software version where the log format depends on it ("10.1" for PAN-OS
 *                       adds columns per major version); null when unknown
 * @param timeZone       zone of the device clock, for log headers that carry no zone or year
 *                       (RFC 3164); null means UTC
 * @param management     how the platform reaches the device (pull connector, firewall driver);
 *                       null when it does not
 */
public record Device(String id, String customer, String vendor, String product, List<String> addresses,
                     String productVersion, ZoneId timeZone, ManagementEndpoint management) {

    public Device {
        addresses = addresses == null ? List.of() : List.copyOf(addresses);
    }

    /** A device that only sends logs: no version, UTC clock, no management endpoint. */
    public Device(String id, String customer, String vendor, String product, List<String> addresses) {
        this(id, customer, vendor, product, addresses, null, null, null);
    }

    /** The zone of the device's clock, UTC when none is set. */
    public ZoneId zone() {
        return timeZone == null ? ZoneOffset.UTC : timeZone;
    }

    public Device withManagement(ManagementEndpoint endpoint) {
        return new Device(id, customer, vendor, product, addresses, productVersion, timeZone, endpoint);
    }
}
