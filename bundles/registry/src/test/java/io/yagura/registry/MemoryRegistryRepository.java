package io.yagura.registry;

import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.RegistryException;
import io.yagura.api.registry.RegistryRepository;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A repository in memory for unit tests of the registry service and of the bundles that
 * look devices up (the database one is tested in the store bundle, on H2 and PostgreSQL).
 * {@link #changeElsewhere} plays another node writing to the same database.
 */
public class MemoryRegistryRepository implements RegistryRepository {

    private final Map<String, Customer> customers = new LinkedHashMap<>();
    private final Map<String, Device> devices = new LinkedHashMap<>();
    private long revision;
    public int applied;

    @Override
    public synchronized Content load() {
        return new Content(new ArrayList<>(customers.values()), new ArrayList<>(devices.values()), revision);
    }

    @Override
    public synchronized long revision() {
        return revision;
    }

    @Override
    public synchronized long apply(long expectedRevision, Change change) throws RegistryException {
        if (expectedRevision != revision) {
            throw new StaleRevisionException("revision is " + revision + ", not " + expectedRevision);
        }
        applied++;
        change.removeDevices().forEach(devices::remove);
        change.putCustomers().forEach(c -> customers.put(c.id(), c));
        change.putDevices().forEach(d -> devices.put(d.id(), d));
        change.removeCustomers().forEach(customers::remove);
        return ++revision;
    }

    /** Another node's change, written without the service knowing. */
    public synchronized void changeElsewhere(Customer customer) {
        customers.put(customer.id(), customer);
        revision++;
    }
}
