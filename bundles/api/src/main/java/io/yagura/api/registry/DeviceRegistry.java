package io.yagura.api.registry;

import java.util.Collection;
import java.util.Optional;

/**
 * Customers (networks, contacts, notification policy) and their devices. {@link #deviceBySource}
 * is called for every received line, so implementations answer it from an in-memory snapshot
 * without locking; changes are validated as a whole before they are stored.
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
     * Removes a customer that has no devices left (remove or move them first).
     *
     * @return true when the customer existed
     */
    boolean removeCustomer(String id) throws RegistryException;

    /**
     * Bulk onboarding: adds or replaces all these customers and devices at once, after
     * validating the whole result; all or nothing.
     *
     * @return how many customers and devices the registry holds afterwards
     */
    int[] importAll(Collection<Customer> customers, Collection<Device> devices) throws RegistryException;

    /** {@link #importAll} from a file in the registry's own YAML format ({@code customers:}, {@code devices:}). */
    int[] importFile(java.nio.file.Path file) throws RegistryException;

    /** Writes the whole registry to a file in the format {@link #importFile} reads (backup, bulk edits). */
    void exportFile(java.nio.file.Path file) throws RegistryException;
}
