package io.yagura.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.registry.Contact;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.NotificationPolicy;
import io.yagura.api.registry.RegistryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceRegistryServiceTest {

    @TempDir
    Path dir;

    MemoryRegistryRepository repository;
    DeviceRegistryService registry;

    @BeforeEach
    void empty() throws Exception {
        repository = new MemoryRegistryRepository();
        registry = new DeviceRegistryService(repository);
    }

    private static Contact mail(String name, String email, int order) {
        return new Contact(name, email, null, order, List.of("mail"), List.of(), "en", null);
    }

    @Test
    void deviceAddedThroughTheApiIsFoundBySourceAndSurvivesAReload() throws Exception {
        registry.putCustomer(new Customer("acme", "ACME Corp", List.of("10.0.0.0/8")));
        registry.putDevice(new Device("acme-fw1", "acme", "cisco-asa", "ASA 5525-X", List.of("192.0.2.10")));

        DeviceRegistryService reread = new DeviceRegistryService(repository);
        Device found = reread.deviceBySource("192.0.2.10").orElseThrow();
        assertEquals("acme-fw1", found.id(), "device.id");
        assertEquals("cisco-asa", found.vendor(), "vendor");
        assertEquals(List.of("10.0.0.0/8"), reread.customer("acme").orElseThrow().networks(), "customer networks");
    }

    @Test
    void ipv6SourceIsMatchedInCanonicalForm() throws Exception {
        registry.putCustomer(new Customer("acme", "ACME", List.of()));
        registry.putDevice(new Device("fw6", "acme", "cisco-asa", "ASA", List.of("2001:DB8:0:0::1")));
        assertTrue(registry.deviceBySource("2001:db8:0:0:0:0:0:1").isPresent(), "canonical IPv6 lookup");
    }

    @Test
    void deviceOfAnUnknownCustomerIsRefusedWithTheReasonAndNothingIsStored() {
        RegistryException e = assertThrows(RegistryException.class, () ->
                registry.putDevice(new Device("fw", "nobody", "cisco-asa", "ASA", List.of("192.0.2.1"))));
        assertTrue(e.getMessage().contains("unknown customer 'nobody'"), e.getMessage());
        assertEquals(0, repository.applied, "nothing stored for a refused change");
    }

    @Test
    void anAddressCannotBelongToTwoDevices() throws Exception {
        registry.putCustomer(new Customer("acme", "ACME", List.of()));
        registry.putDevice(new Device("fw1", "acme", "cisco-asa", "ASA", List.of("192.0.2.1")));
        RegistryException e = assertThrows(RegistryException.class, () ->
                registry.putDevice(new Device("fw2", "acme", "cisco-asa", "ASA", List.of("192.0.2.1"))));
        assertTrue(e.getMessage().contains("already belongs to device 'fw1'"), e.getMessage());
    }

    @Test
    void badAddressesAndNetworksAreRefused() throws Exception {
        assertThrows(RegistryException.class, () -> registry.putCustomer(new Customer("acme", "A", List.of("10.0.0.0"))));
        assertThrows(RegistryException.class, () -> registry.putCustomer(new Customer("acme", "A", List.of("10.0.0.0/33"))));
        assertThrows(RegistryException.class, () -> registry.putCustomer(new Customer("Bad Id", "A", List.of())));
        registry.putCustomer(new Customer("acme", "A", List.of()));
        RegistryException e = assertThrows(RegistryException.class, () ->
                registry.putDevice(new Device("fw", "acme", "cisco-asa", "ASA", List.of("fw.example.com"))));
        assertTrue(e.getMessage().contains("is not an IP address"), e.getMessage());
    }

    @Test
    void contactsThatCannotBeReachedAreRefusedWithTheReason() {
        List<Contact> bad = List.of(
                new Contact("Sato", "sato-at-acme", null, 1, List.of("mail"), List.of(), "ja", null),
                new Contact("Sato", null, "call me", 1, List.of("phone"), List.of(), "ja", null),
                new Contact("Sato", "sato@acme.example", null, 1, List.of("fax"), List.of(), "ja", null),
                new Contact("Sato", "sato@acme.example", null, 1, List.of("mail"), List.of("urgent"), "ja", null),
                new Contact("Sato", "sato@acme.example", null, 1, List.of("mail"), List.of(), "fr", null),
                new Contact("Sato", "sato@acme.example", null, 0, List.of("mail"), List.of(), "ja", null),
                new Contact("Sato", "sato@acme.example", null, 1, List.of("mail"), List.of(), "ja", "9-18"),
                new Contact("Sato", "sato@acme.example", null, 1, List.of("mail"), List.of(), "ja", "09:00-18:00 Mars/Base"),
                new Contact(" ", "sato@acme.example", null, 1, List.of("mail"), List.of(), "ja", null));
        List<String> expected = List.of("is not a mail address", "is not a phone number", "unknown channel 'fax'",
                "unknown level 'urgent'", "language must be en or ja", "order must be 1 or more", "hours '9-18'",
                "Mars/Base", "has no name");
        for (int i = 0; i < bad.size(); i++) {
            Customer c = new Customer("acme", "ACME", List.of(), List.of(bad.get(i)), null);
            RegistryException e = assertThrows(RegistryException.class, () -> registry.putCustomer(c), "case " + i);
            assertTrue(e.getMessage().contains(expected.get(i)), "case " + i + ": " + e.getMessage());
        }
        Customer twoFirsts = new Customer("acme", "ACME", List.of(),
                List.of(mail("A", "a@acme.example", 1), mail("B", "b@acme.example", 1)), null);
        assertTrue(assertThrows(RegistryException.class, () -> registry.putCustomer(twoFirsts)).getMessage()
                .contains("two contacts have order 1"));
        Customer badPolicy = new Customer("acme", "ACME", List.of(), List.of(), new NotificationPolicy(true, -5, false, true));
        assertTrue(assertThrows(RegistryException.class, () -> registry.putCustomer(badPolicy)).getMessage()
                .contains("criticalMinutes must be 1..1440"));
        assertEquals(0, repository.applied, "nothing stored");
    }

    @Test
    void removingADeviceForgetsItsAddresses() throws Exception {
        registry.putCustomer(new Customer("acme", "ACME", List.of()));
        registry.putDevice(new Device("fw1", "acme", "cisco-asa", "ASA", List.of("192.0.2.1")));
        assertTrue(registry.removeDevice("fw1"));
        assertFalse(registry.deviceBySource("192.0.2.1").isPresent());
        assertFalse(registry.removeDevice("fw1"), "second remove reports absence");
    }

    @Test
    void aCustomerWithDevicesIsNotRemoved() throws Exception {
        registry.putCustomer(new Customer("acme", "ACME", List.of()));
        registry.putDevice(new Device("fw1", "acme", "cisco-asa", "ASA", List.of("192.0.2.1")));
        RegistryException e = assertThrows(RegistryException.class, () -> registry.removeCustomer("acme"));
        assertTrue(e.getMessage().contains("still has devices [fw1]"), e.getMessage());
        registry.removeDevice("fw1");
        assertTrue(registry.removeCustomer("acme"));
        assertFalse(registry.customer("acme").isPresent());
        assertFalse(registry.removeCustomer("acme"), "second remove reports absence");
    }

    @Test
    void aChangeMadeOnAnotherNodeIsNeitherLostNorOverwritten() throws Exception {
        registry.putCustomer(new Customer("acme", "ACME", List.of()));
        repository.changeElsewhere(new Customer("globex", "Globex", List.of()));

        // this node has not seen globex yet; its change is retried on the fresh registry
        registry.putDevice(new Device("fw1", "globex", "cisco-asa", "ASA", List.of("192.0.2.1")));
        assertEquals("globex", registry.deviceBySource("192.0.2.1").orElseThrow().customer());
        assertTrue(registry.customer("acme").isPresent() && registry.customer("globex").isPresent());
    }

    @Test
    void bulkImportOfHundredsOfCustomersIsAllOrNothing() throws Exception {
        List<Customer> customers = new ArrayList<>();
        List<Device> devices = new ArrayList<>();
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

    @Test
    void exportThenImportOnAnotherInstallationGivesTheSameRegistry() throws Exception {
        Customer acme = new Customer("acme", "ACME", List.of("10.0.0.0/8"),
                List.of(new Contact("Sato", "sato@acme.example", "+81-3-0000-0001", 1, List.of("mail", "phone"),
                        List.of("emergency"), "ja", "09:00-18:00 Asia/Tokyo"), mail("SOC", "soc@acme.example", 2)),
                new NotificationPolicy(false, 30, true, false));
        registry.putCustomer(acme);
        registry.putDevice(new Device("fw1", "acme", "cisco-asa", "ASA", List.of("192.0.2.1", "2001:db8::1")));
        Path file = dir.resolve("export.yaml");
        registry.exportFile(file);

        DeviceRegistryService other = new DeviceRegistryService(new MemoryRegistryRepository());
        assertEquals(1, other.importFile(file)[0]);
        assertEquals(acme, other.customer("acme").orElseThrow(), "customer with contacts and policy");
        assertEquals(registry.device("fw1"), other.device("fw1"));
    }

    @Test
    void aPartialPolicyKeepsTheDefaultsAndAFileProblemNamesItsLine() throws Exception {
        Path file = dir.resolve("onboard.yaml");
        Files.writeString(file, "customers:\n  - id: acme\n    name: ACME\n    policy: {criticalMinutes: 30}\n");
        registry.importFile(file);
        assertEquals(new NotificationPolicy(true, 30, false, true), registry.customer("acme").orElseThrow().policy());

        Files.writeString(file, "customers:\n  - id: acme\n\n    nmae: typo\n");
        RegistryException e = assertThrows(RegistryException.class, () -> registry.importFile(file));
        assertTrue(e.getMessage().contains("(customers[0].nmae)"), e.getMessage());
        Files.writeString(file, "customers:\n  - id: acme\n    policy: {criticalMinutez: 3}\n");
        e = assertThrows(RegistryException.class, () -> registry.importFile(file));
        assertTrue(e.getMessage().contains("criticalMinutez"), e.getMessage());
    }
}
