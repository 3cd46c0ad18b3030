package io.yagura.registry;

import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.DeviceRegistry;
import io.yagura.api.registry.RegistryException;
import io.yagura.api.registry.RegistryRepository;
import io.yagura.api.registry.RegistryRepository.Change;
import io.yagura.api.registry.RegistryRepository.StaleRevisionException;
import io.yagura.format.net.Addresses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.karaf.scheduler.Job;
import org.apache.karaf.scheduler.Scheduler;
import org.apache.karaf.scheduler.SchedulerError;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry of customers and devices, kept by a {@link RegistryRepository} (the
 * database) and served from an immutable in-memory snapshot: the per-line lookup takes no
 * lock and touches no database. A change is validated as a whole against the current
 * snapshot, stored in one transaction, then swapped in; changes made on other nodes are
 * noticed by polling the repository's revision, in the Karaf Scheduler job
 * "yagura-registry-refresh" (never two runs at once).
 *
 * <p>An empty registry is seeded once from {@code etc/yagura-registry.yaml} (the demo
 * customer of a new installation, or a registry carried over from a release that kept it in
 * that file); after that the file is not read again.
 */
@Component(service = DeviceRegistry.class, configurationPid = "io.yagura.registry")
@Designate(ocd = DeviceRegistryService.Config.class)
public class DeviceRegistryService implements DeviceRegistry {

    @ObjectClassDefinition(name = "Yagura device registry")
    public @interface Config {
        @AttributeDefinition(description = "YAML file that seeds an empty registry at start; relative paths are "
                + "under Karaf's etc/. Empty: no seeding")
        String seedFile() default "yagura-registry.yaml";

        @AttributeDefinition(description = "Seconds between checks for changes made on other nodes")
        int refreshSeconds() default 5;
    }

    private static final Logger LOG = LoggerFactory.getLogger(DeviceRegistryService.class);
    /** Attempts of a change that keeps meeting concurrent changes from other nodes. */
    private static final int ATTEMPTS = 3;
    static final String REFRESH_JOB = "yagura-registry-refresh";

    @Reference
    RegistryRepository repository;
    @Reference
    Scheduler scheduler;
    private volatile Snapshot snapshot = Snapshot.empty();

    public DeviceRegistryService() {
    }

    /** For tests and tools: a registry on this repository, loaded now. */
    public DeviceRegistryService(RegistryRepository repository) throws RegistryException {
        this.repository = repository;
        reload();
    }

    @Activate
    void activate(Config config) {
        try {
            reload();
            seedIfEmpty(config.seedFile());
            LOG.info("Registry loaded from the store: {} customers, {} devices (revision {})",
                    snapshot.customers.size(), snapshot.devices.size(), snapshot.revision);
        } catch (RegistryException e) {
            LOG.error("Registry not loaded: {}. Lines are treated as coming from unknown sources until it is; "
                    + "retrying every {} s", e.getMessage(), config.refreshSeconds());
        }
        long period = Math.max(1, config.refreshSeconds());
        Job refresh = context -> refresh();
        try {
            // first check one period from now: the registry was just read
            scheduler.schedule(refresh, scheduler.AT(new Date(System.currentTimeMillis() + period * 1000), -1, period)
                    .name(REFRESH_JOB).canRunConcurrently(false));
        } catch (SchedulerError e) {
            LOG.error("Cannot schedule {}: changes made on other nodes are seen only after a change here or a restart",
                    REFRESH_JOB, e);
        }
    }

    @Deactivate
    void deactivate() {
        scheduler.unschedule(REFRESH_JOB);
    }

    private void seedIfEmpty(String seedFile) throws RegistryException {
        if (seedFile == null || seedFile.isBlank() || !snapshot.customers.isEmpty()) {
            return;
        }
        Path configured = Paths.get(seedFile);
        Path file = configured.isAbsolute() ? configured
                : Paths.get(System.getProperty("karaf.etc", "etc")).resolve(configured);
        if (Files.isReadable(file)) {
            int[] sizes = importFile(file);
            LOG.info("Empty registry seeded from {}: {} customers, {} devices. The file is not read again; "
                    + "change the registry with the yagura:customer-*, contact-*, device-* and registry-import "
                    + "commands", file, sizes[0], sizes[1]);
        }
    }

    /** Reloads when another node changed the registry. */
    private void refresh() {
        try {
            if (repository.revision() != snapshot.revision) {
                reload();
                LOG.info("Registry changed elsewhere, reloaded: {} customers, {} devices (revision {})",
                        snapshot.customers.size(), snapshot.devices.size(), snapshot.revision);
            }
        } catch (RegistryException e) {
            LOG.warn("Registry refresh failed, keeping revision {}: {}", snapshot.revision, e.getMessage());
        } catch (RuntimeException e) {
            LOG.error("Registry refresh failed", e);
        }
    }

    /** Reads the whole registry from the repository. */
    public synchronized void reload() throws RegistryException {
        RegistryRepository.Content c = repository.load();
        snapshot = Snapshot.of(c.customers(), c.devices(), c.revision());
    }

    @Override
    public Optional<Device> deviceBySource(String sourceAddress) {
        if (sourceAddress == null) {
            return Optional.empty();
        }
        Map<String, Device> bySource = snapshot.bySource;
        Device d = bySource.get(sourceAddress);
        if (d == null) {
            // keys are canonical (2001:db8::1); the JDK prints a socket's IPv6 peer in full (2001:db8:0:0:0:0:0:1)
            String canonical = Addresses.normalize(sourceAddress);
            d = canonical == null || canonical.equals(sourceAddress) ? null : bySource.get(canonical);
        }
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
    public void putCustomer(Customer customer) throws RegistryException {
        change(new Change(List.of(customer), List.of(), List.of(), List.of()));
    }

    @Override
    public void putDevice(Device device) throws RegistryException {
        change(new Change(List.of(), List.of(device), List.of(), List.of()));
    }

    @Override
    public synchronized boolean removeDevice(String id) throws RegistryException {
        if (!snapshot.devices.containsKey(id)) {
            return false;
        }
        change(new Change(List.of(), List.of(), List.of(id), List.of()));
        return true;
    }

    @Override
    public synchronized boolean removeCustomer(String id) throws RegistryException {
        if (!snapshot.customers.containsKey(id)) {
            return false;
        }
        change(new Change(List.of(), List.of(), List.of(), List.of(id)));
        return true;
    }

    @Override
    public int[] importAll(Collection<Customer> customers, Collection<Device> devices) throws RegistryException {
        change(new Change(customers, devices, List.of(), List.of()));
        Snapshot s = snapshot;
        return new int[] {s.customers.size(), s.devices.size()};
    }

    @Override
    public int[] importFile(Path file) throws RegistryException {
        if (!Files.isReadable(file)) {
            throw new RegistryException("cannot read " + file.toAbsolutePath());
        }
        RegistryYaml.Content c = RegistryYaml.read(file, repository::unseal);
        return importAll(c.customers, c.devices);
    }

    @Override
    public void exportFile(Path file) throws RegistryException {
        Snapshot s = snapshot;
        RegistryYaml.Content c = new RegistryYaml.Content();
        c.customers.addAll(s.customers.values());
        c.devices.addAll(s.devices.values());
        // secrets leave only sealed with the repository's key, never in clear
        Map<String, String> sealed = new HashMap<>();
        for (Device d : c.devices) {
            if (d.management() != null && !d.management().secret().isEmpty()) {
                sealed.put(d.id(), repository.seal(d.id(), d.management().secret()));
            }
        }
        RegistryYaml.write(file, c, sealed);
    }

    /**
     * Validates the registry as it would be after the change, stores the change, swaps the
     * new snapshot in. When another node changed the registry meanwhile, reads it again and
     * validates again, so a change never overwrites one it has not seen.
     */
    private synchronized void change(Change change) throws RegistryException {
        for (int attempt = 1; ; attempt++) {
            if (repository.revision() != snapshot.revision) {
                reload(); // validate against what other nodes wrote, not against an old view
            }
            Snapshot current = snapshot;
            Map<String, Customer> customers = new LinkedHashMap<>(current.customers);
            change.putCustomers().forEach(c -> customers.put(c.id(), c));
            Map<String, Device> devices = new LinkedHashMap<>(current.devices);
            change.putDevices().forEach(d -> devices.put(d.id(), d));
            change.removeDevices().forEach(devices::remove);
            for (String id : change.removeCustomers()) {
                customers.remove(id);
                List<String> left = devices.values().stream().filter(d -> id.equals(d.customer())).map(Device::id)
                        .toList();
                if (!left.isEmpty()) {
                    throw new RegistryException("customer '" + id + "' still has devices " + left
                            + "; remove them (yagura:device-remove) or move them to another customer first");
                }
            }
            Snapshot validated = Snapshot.of(customers.values(), devices.values(), current.revision);
            try {
                long revision = repository.apply(current.revision, change);
                snapshot = validated.withRevision(revision);
                return;
            } catch (StaleRevisionException e) {
                if (attempt == ATTEMPTS) {
                    throw new RegistryException("the registry keeps being changed on another node; try again", e);
                }
                reload();
            }
        }
    }
}
