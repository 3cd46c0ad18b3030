package io.yagura.registry;

import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.RegistryException;
import io.yagura.format.net.Addresses;
import io.yagura.format.net.Network;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An immutable, validated view of the registry. Lookups by source address read a
 * HashMap without locks; a change builds a new snapshot and swaps it in.
 */
final class Snapshot {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    final Map<String, Customer> customers;
    final Map<String, Device> devices;
    final Map<String, Device> bySource;
    /** The repository's revision this snapshot was read at or written as. */
    final long revision;

    private Snapshot(Map<String, Customer> customers, Map<String, Device> devices, Map<String, Device> bySource,
                     long revision) {
        this.customers = Collections.unmodifiableMap(customers);
        this.devices = Collections.unmodifiableMap(devices);
        this.bySource = bySource;
        this.revision = revision;
    }

    static Snapshot empty() {
        return new Snapshot(new LinkedHashMap<>(), new LinkedHashMap<>(), new HashMap<>(), -1);
    }

    Snapshot withRevision(long newRevision) {
        return new Snapshot(customers, devices, bySource, newRevision);
    }

    /** Validates everything; the first problem found is reported with the offending entry. */
    static Snapshot of(Iterable<Customer> customerList, Iterable<Device> deviceList, long revision)
            throws RegistryException {
        Map<String, Customer> customers = new LinkedHashMap<>();
        for (Customer c : customerList) {
            checkId("customer", c.id());
            if (customers.put(c.id(), c) != null) {
                throw new RegistryException("customer '" + c.id() + "' is defined twice");
            }
            for (String cidr : c.networks()) {
                checkNetwork(cidr, "customer '" + c.id() + "'");
            }
            CustomerRules.check(c);
        }
        Map<String, Device> devices = new LinkedHashMap<>();
        Map<String, Device> bySource = new HashMap<>();
        for (Device d : deviceList) {
            checkId("device", d.id());
            if (d.customer() == null || !customers.containsKey(d.customer())) {
                throw new RegistryException("device '" + d.id() + "': unknown customer '" + d.customer()
                        + "' (add it first with yagura:customer-add)");
            }
            if (d.vendor() == null || !ID.matcher(d.vendor()).matches()) {
                throw new RegistryException("device '" + d.id() + "': vendor must be a plugin id such as cisco-asa, not '"
                        + d.vendor() + "'");
            }
            DeviceRules.check(d);
            if (devices.put(d.id(), d) != null) {
                throw new RegistryException("device '" + d.id() + "' is defined twice");
            }
            if (d.addresses().isEmpty()) {
                throw new RegistryException("device '" + d.id() + "' has no source address");
            }
            for (String a : d.addresses()) {
                String key = normalize(a, "device '" + d.id() + "'");
                Device other = bySource.put(key, d);
                if (other != null) {
                    throw new RegistryException("address " + a + " of device '" + d.id()
                            + "' already belongs to device '" + other.id() + "'");
                }
            }
        }
        return new Snapshot(customers, devices, bySource, revision);
    }

    /**
     * Canonical text of an IP address literal (so ::1 and 0:0:0:0:0:0:0:1 are one key), read by
     * the project's one address parser: a name such as {@code cafe.bad} is refused, never resolved.
     */
    static String normalize(String address, String owner) throws RegistryException {
        try {
            return Addresses.toText(Addresses.require(address));
        } catch (IllegalArgumentException e) {
            throw new RegistryException(owner + ": " + e.getMessage(), e);
        }
    }

    /** A customer's declared network: CIDR ("10.0.0.0/8", "2001:db8::/32"), never resolved. */
    private static void checkNetwork(String cidr, String owner) throws RegistryException {
        if (cidr == null || cidr.indexOf('/') < 0) {
            throw new RegistryException(owner + ": network '" + cidr + "' is not in CIDR form (a.b.c.d/len)");
        }
        try {
            Network.of(cidr);
        } catch (IllegalArgumentException e) {
            throw new RegistryException(owner + ": " + e.getMessage(), e);
        }
    }

    private static void checkId(String what, String id) throws RegistryException {
        if (id == null || !ID.matcher(id).matches()) {
            throw new RegistryException(what + " id '" + id
                    + "' must be 1-64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit");
        }
    }
}
