package io.yagura.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.RegistryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileDeviceRegistryTest {

    @TempDir
    Path dir;

    @Test
    void deviceAddedThroughTheApiIsFoundBySourceAndSurvivesAReload() throws Exception {
        Path file = dir.resolve("registry.yaml");
        FileDeviceRegistry registry = new FileDeviceRegistry(file);
        registry.putCustomer(new Customer("acme", "ACME Corp", List.of("10.0.0.0/8")));
        registry.putDevice(new Device("acme-fw1", "acme", "cisco-asa", "ASA 5525-X", List.of("192.0.2.10")));

        FileDeviceRegistry reread = new FileDeviceRegistry(file);
        Device found = reread.deviceBySource("192.0.2.10").orElseThrow();
        assertEquals("acme-fw1", found.id(), "device.id");
        assertEquals("cisco-asa", found.vendor(), "vendor");
        assertEquals(List.of("10.0.0.0/8"), reread.customer("acme").orElseThrow().networks(), "customer networks");
    }

    @Test
    void ipv6SourceIsMatchedInCanonicalForm() throws Exception {
        FileDeviceRegistry registry = new FileDeviceRegistry(dir.resolve("r.yaml"));
        registry.putCustomer(new Customer("acme", "ACME", List.of()));
        registry.putDevice(new Device("fw6", "acme", "cisco-asa", "ASA", List.of("2001:DB8:0:0::1")));
        assertTrue(registry.deviceBySource("2001:db8:0:0:0:0:0:1").isPresent(), "canonical IPv6 lookup");
    }

    @Test
    void deviceOfAnUnknownCustomerIsRefusedWithTheReason() throws Exception {
        FileDeviceRegistry registry = new FileDeviceRegistry(dir.resolve("r.yaml"));
        RegistryException e = assertThrows(RegistryException.class, () ->
                registry.putDevice(new Device("fw", "nobody", "cisco-asa", "ASA", List.of("192.0.2.1"))));
        assertTrue(e.getMessage().contains("unknown customer 'nobody'"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("r.yaml")), "nothing written for a refused change");
    }

    @Test
    void anAddressCannotBelongToTwoDevices() throws Exception {
        FileDeviceRegistry registry = new FileDeviceRegistry(dir.resolve("r.yaml"));
        registry.putCustomer(new Customer("acme", "ACME", List.of()));
        registry.putDevice(new Device("fw1", "acme", "cisco-asa", "ASA", List.of("192.0.2.1")));
        RegistryException e = assertThrows(RegistryException.class, () ->
                registry.putDevice(new Device("fw2", "acme", "cisco-asa", "ASA", List.of("192.0.2.1"))));
        assertTrue(e.getMessage().contains("already belongs to device 'fw1'"), e.getMessage());
    }

    @Test
    void badAddressesAndNetworksAreRefused() throws Exception {
        FileDeviceRegistry registry = new FileDeviceRegistry(dir.resolve("r.yaml"));
        assertThrows(RegistryException.class, () -> registry.putCustomer(new Customer("acme", "A", List.of("10.0.0.0"))));
        assertThrows(RegistryException.class, () -> registry.putCustomer(new Customer("acme", "A", List.of("10.0.0.0/33"))));
        assertThrows(RegistryException.class, () -> registry.putCustomer(new Customer("Bad Id", "A", List.of())));
        registry.putCustomer(new Customer("acme", "A", List.of()));
        RegistryException e = assertThrows(RegistryException.class, () ->
                registry.putDevice(new Device("fw", "acme", "cisco-asa", "ASA", List.of("fw.example.com"))));
        assertTrue(e.getMessage().contains("is not an IP address"), e.getMessage());
    }

    @Test
    void aBrokenFileIsReportedWithItsProblem() throws Exception {
        Path file = dir.resolve("r.yaml");
        Files.writeString(file, "customers:\n  - id: acme\n    nmae: typo\n");
        RegistryException e = assertThrows(RegistryException.class, () -> new FileDeviceRegistry(file));
        assertTrue(e.getMessage().contains("nmae"), e.getMessage());
    }

    @Test
    void removingADeviceForgetsItsAddresses() throws Exception {
        FileDeviceRegistry registry = new FileDeviceRegistry(dir.resolve("r.yaml"));
        registry.putCustomer(new Customer("acme", "ACME", List.of()));
        registry.putDevice(new Device("fw1", "acme", "cisco-asa", "ASA", List.of("192.0.2.1")));
        assertTrue(registry.removeDevice("fw1"));
        assertFalse(registry.deviceBySource("192.0.2.1").isPresent());
        assertFalse(registry.removeDevice("fw1"), "second remove reports absence");
    }

    @Test
    void bulkImportOfHundredsOfCustomersIsAllOrNothing() throws Exception {
        FileDeviceRegistry registry = new FileDeviceRegistry(dir.resolve("r.yaml"));
        List<Customer> customers = new java.util.ArrayList<>();
        List<Device> devices = new java.util.ArrayList<>();
        for (int c = 0; c < 300; c++) {
            customers.add(new Customer("c" + c, "Customer " + c, List.of("10." + c / 250 + "." + c % 250 + ".0/24")));
            for (int d = 0; d < 10; d++) {
                devices.add(new Device("c" + c + "-fw" + d, "c" + c, "cisco-asa", "ASA",
                        List.of("172.16." + (c * 10 + d) / 250 + "." + (c * 10 + d) % 250)));
            }
        }
        int[] sizes = registry.importAll(customers, devices);
        assertEquals(300, sizes[0], "customers");
        assertEquals(3000, sizes[1], "devices");
        assertEquals("c42-fw3", registry.deviceBySource("172.16.1.173").orElseThrow().id());

        // one bad entry among many: nothing of the import is applied, the error names it
        List<Device> bad = List.of(new Device("ok", "c1", "cisco-asa", "ASA", List.of("192.0.2.200")),
                new Device("broken", "nobody", "cisco-asa", "ASA", List.of("192.0.2.201")));
        RegistryException e = assertThrows(RegistryException.class, () -> registry.importAll(List.of(), bad));
        assertTrue(e.getMessage().contains("device 'broken'"), e.getMessage());
        assertFalse(registry.device("ok").isPresent(), "all or nothing");
        assertEquals(3000, registry.devices().size());
    }
}
