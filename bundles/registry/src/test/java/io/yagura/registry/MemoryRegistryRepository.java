package io.yagura.registry;

import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.RegistryException;
import io.yagura.api.registry.RegistryRepository;
import io.yagura.api.registry.Secret;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A repository in memory for unit tests of the registry service and of the bundles that
 * look devices up (the database one is tested in the store bundle, on H2 and PostgreSQL).
 * {@link #changeElsewhere} plays another node writing to the same database.
 *
 * <p>Sealing plays the secret key without cryptography: a sealed secret is an opaque handle
 * that holds nothing of the secret, and opens only in a repository with the same key name
 * (another installation with the same key file).
 */
public class MemoryRegistryRepository implements RegistryRepository {

    private static final Map<String, Secret> SEALED = new ConcurrentHashMap<>();
    private final String key;

    private final Map<String, Customer> customers = new LinkedHashMap<>();
    private final Map<String, Device> devices = new LinkedHashMap<>();
    private long revision;
    public int applied;

    /** A repository with a key of its own. */
    public MemoryRegistryRepository() {
        this(UUID.randomUUID().toString());
    }

    /** A repository whose sealed secrets open in every repository made with the same key name. */
    public MemoryRegistryRepository(String key) {
        this.key = key;
    }

    /** The name of its key, for another repository with the same one. */
    public String key() {
        return key;
    }

    @Override
    public String seal(String deviceId, Secret secret) throws RegistryException {
        if (secret == null || secret.isEmpty()) {
            return null;
        }
        String handle = "mem." + key + "." + deviceId + "." + UUID.randomUUID();
        SEALED.put(handle, secret);
        return handle;
    }

    @Override
    public Secret unseal(String deviceId, String sealed) throws RegistryException {
        Secret s = SEALED.get(sealed);
        if (s == null || !sealed.startsWith("mem." + key + "." + deviceId + ".")) {
            throw new RegistryException("device '" + deviceId + "': its secret was sealed with another key");
        }
        return s;
    }

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
