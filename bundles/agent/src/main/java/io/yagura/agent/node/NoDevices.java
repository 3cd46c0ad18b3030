package io.yagura.agent.node;

import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.DeviceRegistry;
import io.yagura.api.registry.RegistryException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/**
 * The agent's device registry: none. The agent attributes nothing; every line goes into its
 * buffer with its source address and the centre attributes it to a device of the agent's
 * customer. This lets the ingest listeners run unchanged on the agent (they ask a registry).
 */
@Component(service = DeviceRegistry.class, configurationPid = "io.yagura.agent",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class NoDevices implements DeviceRegistry {

    private static final String WHY = "an agent keeps no registry: register devices at the centre";

    @Override
    public Optional<Device> deviceBySource(String sourceAddress) {
        return Optional.empty();
    }

    @Override
    public Optional<Device> device(String id) {
        return Optional.empty();
    }

    @Override
    public Optional<Customer> customer(String id) {
        return Optional.empty();
    }

    @Override
    public Collection<Device> devices() {
        return List.of();
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
