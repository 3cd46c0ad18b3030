package io.yagura.agent.node;

import io.yagura.agent.pull.PulledDevice;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.DeviceRegistry;
import io.yagura.api.registry.RegistryException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's device registry: only the devices the agent polls ({@link PulledDevice}, one
 * etc/io.yagura.agent.pull-&lt;id&gt;.cfg each), for the pull scheduler. It attributes nothing:
 * {@link #deviceBySource} finds no device, so the ingest listeners put every line into the buffer
 * with its source address, and the centre attributes lines and pulled records alike to a device
 * of the agent's customer. Customers and every change are the centre's.
 */
@Component(service = DeviceRegistry.class, configurationPid = "io.yagura.agent",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class AgentDevices implements DeviceRegistry {

    private static final String WHY = "an agent keeps no registry: register devices at the centre "
            + "(pulled devices: etc/io.yagura.agent.pull-<id>.cfg)";
    private static final Logger LOG = LoggerFactory.getLogger(AgentDevices.class);

    private final List<PulledDevice> pulled = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    public void bindPulled(PulledDevice device) {
        device.device().ifPresent(d -> pulled.stream()
                .filter(other -> other.device().map(Device::id).filter(d.id()::equals).isPresent())
                .findFirst()
                .ifPresent(first -> LOG.error("{}: id {} is already the device of {}; this one is not polled", device.file(),
                        d.id(), first.file())));
        pulled.add(device);
    }

    public void unbindPulled(PulledDevice device) {
        pulled.remove(device);
    }

    /** Always empty: the agent attributes no line (the centre does). */
    @Override
    public Optional<Device> deviceBySource(String sourceAddress) {
        return Optional.empty();
    }

    @Override
    public Optional<Device> device(String id) {
        return Optional.ofNullable(byId().get(id));
    }

    /** The valid pulled devices by id; of two files with one id, the first bound. */
    private Map<String, Device> byId() {
        Map<String, Device> devices = new LinkedHashMap<>();
        for (PulledDevice p : pulled) {
            p.device().ifPresent(d -> devices.putIfAbsent(d.id(), d));
        }
        return devices;
    }

    @Override
    public Optional<Customer> customer(String id) {
        return Optional.empty();
    }

    @Override
    public Collection<Device> devices() {
        return List.copyOf(byId().values());
    }

    @Override
    public Collection<Customer> customers() {
        return List.of();
    }

    @Override
    public void putCustomer(Customer customer) throws RegistryException {
        throw new RegistryException(WHY);
    }

    @Override
    public void putDevice(Device device) throws RegistryException {
        throw new RegistryException(WHY);
    }

    @Override
    public boolean removeDevice(String id) throws RegistryException {
        throw new RegistryException(WHY);
    }

    @Override
    public boolean removeCustomer(String id) throws RegistryException {
        throw new RegistryException(WHY);
    }

    @Override
    public int[] importAll(Collection<Customer> customers, Collection<Device> devices) throws RegistryException {
        throw new RegistryException(WHY);
    }

    @Override
    public int[] importFile(Path file) throws RegistryException {
        throw new RegistryException(WHY);
    }

    @Override
    public void exportFile(Path file) throws RegistryException {
        throw new RegistryException(WHY);
    }
}
