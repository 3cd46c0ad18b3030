package io.yagura.api.registry;

import java.util.Collection;
import java.util.Optional;

/**
 * Customers and devices. {@link #deviceBySource} is called for every received line, so
 * implementations answer it from an in-memory snapshot without locking.
 */
public interface DeviceRegistry {

    Optional<Device> deviceBySource(String sourceAddress);

    Optional<Device> device(String id);

    Optional<Customer> customer(String id);

    Collection<Device> devices();

    Collection<Customer> customers();

    /** Adds or replaces a customer, persisting the change. */
    void putCustomer(Customer customer) throws RegistryException;

    /** Adds or replaces a device; refuses unknown customers and addresses owned by another device. */
    void putDevice(Device device) throws RegistryException;

    /** @return true when the device existed */
    boolean removeDevice(String id) throws RegistryException;

    /**
     * Bulk onboarding: adds or replaces all these customers and devices at once, after
     * validating the whole result; all or nothing.
     *
     * @return how many customers and devices the registry holds afterwards
     */
    int[] importAll(Collection<Customer> customers, Collection<Device> devices) throws RegistryException;

    /** {@link #importAll} from a file in the registry's own YAML format ({@code customers:}, {@code devices:}). */
    int[] importFile(java.nio.file.Path file) throws RegistryException;
}
