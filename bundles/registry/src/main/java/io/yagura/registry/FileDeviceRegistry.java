package io.yagura.registry;

import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.DeviceRegistry;
import io.yagura.api.registry.RegistryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device registry kept in a YAML file. Lookups read an immutable snapshot (no locks
 * on the per-line path); changes are validated, written atomically, then swapped in.
 * Hand edits of the file are picked up by a periodic check; an invalid edit is refused
 * with the reason in the log and the previous registry stays in force.
 */
@Component(service = DeviceRegistry.class, configurationPid = "io.yagura.registry")
@Designate(ocd = FileDeviceRegistry.Config.class)
public class FileDeviceRegistry implements DeviceRegistry {

    @ObjectClassDefinition(name = "Yagura device registry")
    public @interface Config {
        @AttributeDefinition(description = "Registry file; relative paths are under Karaf's etc/")
        String file() default "yagura-registry.yaml";

        @AttributeDefinition(description = "Seconds between checks of the file for hand edits")
        int reloadSeconds() default 5;
    }

    private static final Logger LOG = LoggerFactory.getLogger(FileDeviceRegistry.class);

    private volatile Snapshot snapshot = Snapshot.empty();
    private Path file;
    private long loadedModified = -1;
    private ScheduledExecutorService watcher;

    public FileDeviceRegistry() {
    }

    /** For tests and tools: a registry on the given file. */
    public FileDeviceRegistry(Path file) throws RegistryException {
        this.file = file;
        reload();
    }

    @Activate
    void activate(Config config) {
        Path configured = Paths.get(config.file());
        String etc = System.getProperty("karaf.etc", "etc");
        file = configured.isAbsolute() ? configured : Paths.get(etc).resolve(configured);
        try {
            reload();
        } catch (RegistryException e) {
            LOG.error("Registry {} not loaded: {}. Starting with an empty registry; fix the file and it "
                    + "will be read again.", file, e.getMessage());
        }
        watcher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "yagura-registry-watch");
            t.setDaemon(true);
            return t;
        });
        watcher.scheduleWithFixedDelay(this::reloadIfChanged, config.reloadSeconds(), config.reloadSeconds(),
                TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        if (watcher != null) {
            watcher.shutdownNow();
        }
    }

    private void reloadIfChanged() {
        try {
            long modified = Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() : -1;
            if (modified != loadedModified) {
                reload();
                LOG.info("Registry reloaded from {}: {} customers, {} devices", file,
                        snapshot.customers.size(), snapshot.devices.size());
            }
        } catch (RegistryException e) {
            LOG.error("Registry file {} was changed but is invalid, keeping the previous registry: {}",
                    file, e.getMessage());
            markLoaded();
        } catch (Exception e) {
            LOG.error("Registry check failed", e);
        }
    }

    synchronized void reload() throws RegistryException {
        RegistryFile.Content c = RegistryFile.read(file);
        snapshot = Snapshot.of(c.customers, c.devices);
        markLoaded();
    }

    private void markLoaded() {
        try {
            loadedModified = Files.exists(file) ? Files.getLastModifiedTime(file).toMillis() : -1;
        } catch (java.io.IOException e) {
            loadedModified = -1;
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public Optional<Device> deviceBySource(String sourceAddress) {
        if (sourceAddress == null) {
            return Optional.empty();
        }
        Device d = snapshot.bySource.get(sourceAddress);
        return Optional.ofNullable(d);
    }

    @Override
    public Optional<Device> device(String id) {
        return Optional.ofNullable(snapshot.devices.get(id));
    }

    @Override
    public Optional<Customer> customer(String id) {
        return Optional.ofNullable(snapshot.customers.get(id));
    }

    @Override
    public Collection<Device> devices() {
        return snapshot.devices.values();
    }

    @Override
    public Collection<Customer> customers() {
        return snapshot.customers.values();
    }

    @Override
    public synchronized void putCustomer(Customer customer) throws RegistryException {
        List<Customer> customers = new ArrayList<>(snapshot.customers.values());
        customers.removeIf(c -> c.id().equals(customer.id()));
        customers.add(customer);
        commit(customers, snapshot.devices.values());
    }

    @Override
    public synchronized void putDevice(Device device) throws RegistryException {
        List<Device> devices = new ArrayList<>(snapshot.devices.values());
        devices.removeIf(d -> d.id().equals(device.id()));
        devices.add(device);
        commit(snapshot.customers.values(), devices);
    }

    @Override
    public synchronized boolean removeDevice(String id) throws RegistryException {
        List<Device> devices = new ArrayList<>(snapshot.devices.values());
        boolean removed = devices.removeIf(d -> d.id().equals(id));
        if (removed) {
            commit(snapshot.customers.values(), devices);
        }
        return removed;
    }

    @Override
    public synchronized int[] importAll(Collection<Customer> newCustomers, Collection<Device> newDevices)
            throws RegistryException {
        java.util.Map<String, Customer> customers = new java.util.LinkedHashMap<>(snapshot.customers);
        for (Customer c : newCustomers) {
            customers.put(c.id(), c);
        }
        java.util.Map<String, Device> devices = new java.util.LinkedHashMap<>(snapshot.devices);
        for (Device d : newDevices) {
            devices.put(d.id(), d);
        }
        commit(customers.values(), devices.values());
        return new int[] {snapshot.customers.size(), snapshot.devices.size()};
    }

    @Override
    public int[] importFile(Path importFile) throws RegistryException {
        if (!Files.isReadable(importFile)) {
            throw new RegistryException("cannot read " + importFile.toAbsolutePath());
        }
        RegistryFile.Content c = RegistryFile.read(importFile);
        return importAll(c.customers, c.devices);
    }

    private void commit(Collection<Customer> customers, Collection<Device> devices) throws RegistryException {
        Snapshot next = Snapshot.of(customers, devices); // validates before anything is written
        RegistryFile.Content c = new RegistryFile.Content();
        c.customers = new ArrayList<>(next.customers.values());
        c.devices = new ArrayList<>(next.devices.values());
        RegistryFile.write(file, c);
        snapshot = next;
        markLoaded();
    }
}
