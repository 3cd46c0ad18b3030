package io.yagura.report;

import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.DeviceRegistry;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Customers and devices in memory. Not the registry service: its contact rules do not know the
 * channel "report" yet (CustomerRules.CHANNELS is mail, phone, portal).
 */
public final class RegistryFake implements DeviceRegistry {

    final Map<String, Customer> customers = new LinkedHashMap<>();
    final Map<String, Device> devices = new LinkedHashMap<>();

    @Override
    public Optional<Device> deviceBySource(String sourceAddress) {
        return devices.values().stream().filter(d -> d.addresses().contains(sourceAddress)).findFirst();
    }

    @Override
    public Optional<Device> device(String id) {
        return Optional.ofNullable(devices.get(id));
    }

    @Override
    public Optional<Customer> customer(String id) {
        return Optional.ofNullable(customers.get(id));
    }

    @Override
    public Collection<Device> devices() {
        return devices.values();
    }

    @Override
    public Collection<Customer> customers() {
        return customers.values();
    }

    @Override
    public void putCustomer(Customer customer) {
        customers.put(customer.id(), customer);
    }

    @Override
    public void putDevice(Device device) {
        devices.put(device.id(), device);
    }

    @Override
    public boolean removeDevice(String id) {
        return devices.remove(id) != null;
    }

    @Override
    public boolean removeCustomer(String id) {
        return customers.remove(id) != null;
    }

    @Override
    public int[] importAll(Collection<Customer> c, Collection<Device> d) {
        throw new UnsupportedOperationException("not used by the reports");
    }

    @Override
    public int[] importFile(Path file) {
        throw new UnsupportedOperationException("not used by the reports");
    }

    @Override
    public void exportFile(Path file) {
        throw new UnsupportedOperationException("not used by the reports");
    }
}
