package io.yagura.api.registry;

import java.util.Collection;
import java.util.List;

/**
 * Where the registry is kept (the store bundle keeps it in the database). The registry
 * service validates every change and serves lookups from memory; a repository only
 * persists, and counts changes with a revision so that every node notices a change made
 * by another one.
 */
public interface RegistryRepository {

    /** The whole registry as of one revision. */
    record Content(List<Customer> customers, List<Device> devices, long revision) {
        public Content {
            customers = List.copyOf(customers);
            devices = List.copyOf(devices);
        }
    }

    /**
     * One change, applied in one transaction: customers and devices added or replaced,
     * devices and customers removed (devices first).
     */
    record Change(Collection<Customer> putCustomers, Collection<Device> putDevices,
                  Collection<String> removeDevices, Collection<String> removeCustomers) {
        public Change {
            putCustomers = List.copyOf(putCustomers);
            putDevices = List.copyOf(putDevices);
            removeDevices = List.copyOf(removeDevices);
            removeCustomers = List.copyOf(removeCustomers);
        }
    }

    Content load() throws RegistryException;

    /** The revision of the stored registry; cheap, polled by every node. */
    long revision() throws RegistryException;

    /**
     * Applies a change if the stored revision is still {@code expectedRevision}.
     *
     * @return the new revision
     * @throws StaleRevisionException when someone else changed the registry meanwhile
     */
    long apply(long expectedRevision, Change change) throws RegistryException;

    /**
     * Seals a device's management secret for a registry export: encrypted with the key this
     * repository stores secrets with and bound to the device, so that only an installation
     * holding the same key opens it again ({@link #unseal}). The default refuses: a repository
     * without a key has nothing to seal with, and a secret is never exported in clear.
     *
     * @return the sealed text (base64), null for an empty secret
     */
    default String seal(String deviceId, Secret secret) throws RegistryException {
        if (secret == null || secret.isEmpty()) {
            return null;
        }
        throw new RegistryException("device '" + deviceId + "': this registry cannot seal secrets for export");
    }

    /**
     * Opens a secret sealed by {@link #seal} (on this installation or one with the same key).
     *
     * @throws RegistryException naming the device when the key differs or the text was altered
     */
    default Secret unseal(String deviceId, String sealed) throws RegistryException {
        throw new RegistryException("device '" + deviceId + "': this registry cannot open sealed secrets");
    }

    /** Another node (or another thread) changed the registry since it was read. */
    class StaleRevisionException extends RegistryException {
        private static final long serialVersionUID = 1L;

        public StaleRevisionException(String message) {
            super(message);
        }
    }
}
