package io.yagura.agent.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.agent.node.AgentDevices;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.RegistryException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's registry: the pulled devices for the pull scheduler, and no attribution for the listeners. */
class AgentDevicesTest {

    @TempDir
    Path etc;

    PulledDevice entry(String file, String id, String address) throws Exception {
        Map<String, Object> m = PulledDeviceSettingsTest.cfg(PulledDeviceSettingsTest.GOOD);
        m.remove("truststore");
        m.put("id", id);
        m.put("address", address);
        m.put("felix.fileinstall.filename", etc.resolve(file).toUri().toString());
        return new PulledDevice(m, etc);
    }

    @Test
    void theValidPulledDevicesAreListedAndNoSourceIsEverAttributed() throws Exception {
        AgentDevices registry = new AgentDevices();
        registry.bindPulled(entry("io.yagura.agent.pull-ips1.cfg", "ips1", "192.0.2.20"));
        registry.bindPulled(entry("io.yagura.agent.pull-ips2.cfg", "ips2", "not-an-address"));
        registry.bindPulled(entry("io.yagura.agent.pull-ips3.cfg", "ips3", "192.0.2.30"));
        assertEquals(List.of("ips1", "ips3"), registry.devices().stream().map(Device::id).toList());
        assertEquals("192.0.2.30", registry.device("ips3").orElseThrow().addresses().get(0));
        assertTrue(registry.device("ips2").isEmpty(), "a wrong file is no device");
        assertTrue(registry.deviceBySource("192.0.2.20").isEmpty(),
                "the listeners' lines from a pulled device's address stay unattributed, for the centre");
        assertTrue(registry.customers().isEmpty());
    }

    @Test
    void ofTwoFilesWithOneIdTheFirstIsPolledAndARemovedFileStopsItsDevice() throws Exception {
        AgentDevices registry = new AgentDevices();
        PulledDevice first = entry("io.yagura.agent.pull-a.cfg", "ips1", "192.0.2.20");
        registry.bindPulled(first);
        registry.bindPulled(entry("io.yagura.agent.pull-b.cfg", "ips1", "192.0.2.99"));
        assertEquals(List.of("192.0.2.20"), registry.devices().stream().map(d -> d.addresses().get(0)).toList());
        registry.unbindPulled(first);
        assertEquals(List.of("192.0.2.99"), registry.devices().stream().map(d -> d.addresses().get(0)).toList());
    }

    @Test
    void changesAreTheCentres() {
        AgentDevices registry = new AgentDevices();
        assertThrows(RegistryException.class, () -> registry.putDevice(new Device("x", "acme", "cisco-asa", "ASA", List.of())));
    }
}
