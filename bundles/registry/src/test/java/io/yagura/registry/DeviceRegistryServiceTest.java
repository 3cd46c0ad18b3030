package io.yagura.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.registry.Contact;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.ManagementEndpoint;
import io.yagura.api.registry.NotificationPolicy;
import io.yagura.api.registry.RegistryException;
import io.yagura.api.registry.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /** The bug of issue 7: a name-like address went to DNS; now the one parser refuses it as it stands. */
    @Test
    void aMalformedDeviceAddressIsRefusedWithAClearErrorAndNeverLookedUp() throws Exception {
        registry.putCustomer(new Customer("acme", "A", List.of()));
        for (String bad : List.of("cafe.bad", "10.0.0.300", "::g", "beef.cafe")) {
            RegistryException e = assertThrows(RegistryException.class, () ->
                    registry.putDevice(new Device("fw", "acme", "cisco-asa", "ASA", List.of(bad))), bad);
            assertEquals("device 'fw': '" + bad + "' is not an IP address (expected an IPv4 or IPv6 literal such as "
                    + "192.0.2.1 or 2001:db8::1; host names are never resolved)", e.getMessage());
        }
        RegistryException net = assertThrows(RegistryException.class, () ->
                registry.putCustomer(new Customer("globex", "G", List.of("cafe.bad/24"))));
        assertTrue(net.getMessage().startsWith("customer 'globex': 'cafe.bad/24' is not a network: 'cafe.bad' is not an "
                + "IP address"), net.getMessage());
        assertEquals(List.of(), List.copyOf(registry.devices()), "nothing stored");
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

    // --- version, clock zone, management endpoint -------------------------------------------

    private static final String CLEAR = "hunter2-Cl3ar-secret";

    private static Device ips(ManagementEndpoint m) {
        return new Device("acme-ips1", "acme", "cisco-ips", "IPS 4345", List.of("192.0.2.20"), "7.3",
                ZoneId.of("Asia/Tokyo"), m);
    }

    private static ManagementEndpoint endpoint(String url, Duration poll) {
        return new ManagementEndpoint(url, "yagura", Secret.of(CLEAR), poll, "yagura/ips-ca.p12");
    }

    @Test
    void versionZoneAndManagementEndpointAreKeptWithTheSecret() throws Exception {
        registry.putCustomer(new Customer("acme", "ACME", List.of()));
        Device d = ips(endpoint("https://192.0.2.20/cgi-bin/sdee-server", Duration.ofSeconds(30)));
        registry.putDevice(d);

        Device reread = new DeviceRegistryService(repository).device("acme-ips1").orElseThrow();
        assertEquals(d, reread, "every field");
        assertEquals("7.3", reread.productVersion());
        assertEquals(ZoneId.of("Asia/Tokyo"), reread.zone());
        assertEquals(CLEAR, new String(reread.management().secret().reveal()), "the secret itself");
        assertEquals(Duration.ofSeconds(30), reread.management().pollInterval());
        assertFalse(reread.toString().contains(CLEAR), "a device printed masks its secret: " + reread);
    }

    @Test
    void badVersionUrlOrPollIntervalIsRefusedWithTheReasonAndNothingIsStored() throws Exception {
        registry.putCustomer(new Customer("acme", "ACME", List.of()));
        int before = repository.applied;
        Duration minute = Duration.ofMinutes(1);
        List<Device> bad = List.of(
                ips(endpoint("ftp://192.0.2.20/", minute)),
                ips(endpoint("https:///cgi-bin/sdee-server", minute)),
                ips(endpoint("not a url", minute)),
                ips(endpoint(null, minute)),
                ips(endpoint("https://192.0.2.20/", Duration.ofSeconds(4))),
                ips(endpoint("https://192.0.2.20/", Duration.ofSeconds(3601))),
                ips(endpoint("https://192.0.2.20/", Duration.ofMillis(5500))),
                new Device("acme-ips1", "acme", "cisco-ips", "IPS", List.of("192.0.2.20"), "x".repeat(33), null, null),
                new Device("acme-ips1", "acme", "cisco-ips", "IPS", List.of("192.0.2.20"), " ", null, null));
        List<String> expected = List.of("must start with http://, https:// or ssh://", "has no host",
                "is not a URL", "has no url", "poll interval must be whole seconds from 5 s to 1 h (3600 s), not 4 s",
                "not 3601 s", "not 5.5 s", "longer than 32 characters", "productVersion is empty");
        for (int i = 0; i < bad.size(); i++) {
            Device d = bad.get(i);
            RegistryException e = assertThrows(RegistryException.class, () -> registry.putDevice(d), "case " + i);
            assertTrue(e.getMessage().contains("device 'acme-ips1'") && e.getMessage().contains(expected.get(i)),
                    "case " + i + ": " + e.getMessage());
            assertFalse(e.getMessage().contains(CLEAR), "case " + i + " quotes the secret: " + e.getMessage());
        }
        assertEquals(before, repository.applied, "nothing stored");

        // the limits themselves, ssh:// for the firewall drivers, and no endpoint at all are fine
        registry.putDevice(ips(endpoint("https://192.0.2.20/", Duration.ofSeconds(5))));
        registry.putDevice(ips(endpoint("ssh://admin@192.0.2.20:22", Duration.ofHours(1))));
        registry.putDevice(new Device("acme-ips1", "acme", "cisco-ips", "IPS", List.of("192.0.2.20"),
                "x".repeat(32), null, null));
    }

    @Test
    void aPasswordWrittenIntoTheUrlIsRefusedWithoutBeingRepeated() throws Exception {
        registry.putCustomer(new Customer("acme", "ACME", List.of()));
        for (String url : List.of("https://admin:" + CLEAR + "@192.0.2.20/", "https://admin:" + CLEAR + " x@192.0.2.20/")) {
            RegistryException e = assertThrows(RegistryException.class, () -> registry.putDevice(
                    ips(new ManagementEndpoint(url, null, Secret.NONE, null, null))));
            assertFalse(e.getMessage().contains(CLEAR), "the password is not repeated: " + e.getMessage());
            assertTrue(e.getMessage().contains("https://***@192.0.2.20/"), e.getMessage());
        }
    }

    @Test
    void theYamlFileReadsEveryNewKeyAndAnExportHoldsTheSecretOnlySealed() throws Exception {
        Path file = dir.resolve("onboard.yaml");
        Files.writeString(file, """
                customers:
                  - {id: acme, name: ACME}
                devices:
                  - id: acme-ips1
                    customer: acme
                    vendor: cisco-ips
                    product: IPS 4345
                    productVersion: 10.10
                    timeZone: Asia/Tokyo
                    addresses: [192.0.2.20]
                    management:
                      url: https://192.0.2.20/cgi-bin/sdee-server
                      username: yagura
                      secret: "%s"
                      pollSeconds: 30
                      trustStore: yagura/ips-ca.p12
                  - {id: acme-fw1, customer: acme, vendor: cisco-asa, addresses: [192.0.2.10]}
                """.formatted(CLEAR));
        registry.importFile(file);
        Device d = registry.device("acme-ips1").orElseThrow();
        assertEquals(new Device("acme-ips1", "acme", "cisco-ips", "IPS 4345", List.of("192.0.2.20"), "10.10",
                ZoneId.of("Asia/Tokyo"), new ManagementEndpoint("https://192.0.2.20/cgi-bin/sdee-server", "yagura",
                Secret.of(CLEAR), Duration.ofSeconds(30), "yagura/ips-ca.p12")), d, "10.10 stays text, not 10.1");
        assertEquals(new Device("acme-fw1", "acme", "cisco-asa", null, List.of("192.0.2.10")),
                registry.device("acme-fw1").orElseThrow(), "the new keys are optional");

        Path export = dir.resolve("export.yaml");
        registry.exportFile(export);
        String text = Files.readString(export);
        assertFalse(text.contains(CLEAR), "no clear secret in the export:\n" + text);
        assertTrue(text.contains("sealed: "), text);

        // another installation with the same key opens it; one with another key refuses, naming the device
        DeviceRegistryService sameKey = new DeviceRegistryService(new MemoryRegistryRepository(repository.key()));
        sameKey.importFile(export);
        assertEquals(d, sameKey.device("acme-ips1").orElseThrow(), "every field, the secret too");
        assertEquals(registry.device("acme-fw1"), sameKey.device("acme-fw1"));

        MemoryRegistryRepository otherRepo = new MemoryRegistryRepository();
        DeviceRegistryService otherKey = new DeviceRegistryService(otherRepo);
        RegistryException e = assertThrows(RegistryException.class, () -> otherKey.importFile(export));
        assertTrue(e.getMessage().contains("(devices[0].management.secret)")
                && e.getMessage().contains("device 'acme-ips1'") && e.getMessage().contains("another key"),
                e.getMessage());
        assertTrue(e.getMessage().matches("(?s).*, line \\d+ .*"), e.getMessage());
        assertEquals(0, otherRepo.applied, "nothing imported");
    }

    @Test
    void anExportRefusesARepositoryThatCannotSealInsteadOfWritingTheSecretInClear() throws Exception {
        MemoryRegistryRepository cannotSeal = new MemoryRegistryRepository() {
            @Override
            public String seal(String deviceId, Secret secret) throws RegistryException {
                throw new RegistryException("device '" + deviceId + "': no key");
            }
        };
        DeviceRegistryService r = new DeviceRegistryService(cannotSeal);
        r.putCustomer(new Customer("acme", "ACME", List.of()));
        r.putDevice(ips(endpoint("https://192.0.2.20/", null)));
        Path export = dir.resolve("export.yaml");
        RegistryException e = assertThrows(RegistryException.class, () -> r.exportFile(export));
        assertTrue(e.getMessage().contains("device 'acme-ips1'"), e.getMessage());
        assertFalse(Files.exists(export) && Files.readString(export).contains(CLEAR));
    }

    @Test
    void yamlProblemsWithTheNewKeysNameTheirLineAndNeverQuoteTheSecret() throws Exception {
        Path file = dir.resolve("onboard.yaml");
        String head = "customers:\n  - {id: acme}\ndevices:\n  - id: fw\n    customer: acme\n    vendor: cisco-ips\n"
                + "    addresses: [192.0.2.20]\n";
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("    timeZone: Asia/Tokio\n", "line 8 (devices[0].timeZone): time zone 'Asia/Tokio' is not known "
                + "(a region such as Asia/Tokyo");
        cases.put("    management:\n      url: https://192.0.2.20/\n      secret: " + CLEAR + "\n      pasword: x\n",
                "line 11 (devices[0].management.pasword): Unrecognized field \"pasword\"");
        cases.put("    management:\n      secret: " + CLEAR + "\n      pollSeconds: soon\n",
                "line 10 (devices[0].management.pollSeconds): pollSeconds must be a whole number of seconds");
        cases.put("    management:\n      secret: [" + CLEAR + "]\n", "(devices[0].management.secret): secret must be text");
        cases.put("    management:\n      secret: {clear: " + CLEAR + "}\n",
                "(devices[0].management.secret.clear): Unrecognized field \"clear\"");
        cases.put("    nmae: fw\n", "line 8 (devices[0].nmae): Unrecognized field \"nmae\"");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Files.writeString(file, head + c.getKey());
            RegistryException e = assertThrows(RegistryException.class, () -> registry.importFile(file), c.getKey());
            assertTrue(e.getMessage().contains(c.getValue()), c.getValue() + "\n  got: " + e.getMessage());
            assertFalse(e.getMessage().contains(CLEAR), "quotes the secret: " + e.getMessage());
        }
        assertEquals(0, repository.applied, "nothing imported");
    }

    @Test
    void theShippedSeedFileAndTheExampleInItsCommentsLoad() throws Exception {
        Path seed = Path.of("../../karaf-assembly/src/main/resources/assembly/etc/yagura-registry.yaml");
        registry.importFile(seed);
        assertEquals("demo", registry.deviceBySource("127.0.0.1").orElseThrow().customer(), "the demo device");

        // the commented example, uncommented, is a valid file too
        List<String> example = new ArrayList<>();
        boolean in = false;
        for (String line : Files.readAllLines(seed)) {
            in = in || line.equals("# customers:");
            if (in && !line.startsWith("#")) {
                break;
            }
            if (in) {
                example.add(line.substring(Math.min(2, line.length())));
            }
        }
        Path file = dir.resolve("example.yaml");
        Files.write(file, example);
        DeviceRegistryService other = new DeviceRegistryService(new MemoryRegistryRepository());
        assertEquals(2, other.importFile(file)[1], String.join("\n", example));
        Device ips = other.device("acme-ips1").orElseThrow();
        assertEquals(Duration.ofSeconds(60), ips.management().pollInterval());
        assertTrue(ips.management().secret().isEmpty());
        assertEquals("9.16", other.device("acme-fw1").orElseThrow().productVersion());
    }
}
