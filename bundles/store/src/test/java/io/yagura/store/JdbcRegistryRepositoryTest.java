package io.yagura.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.registry.Contact;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.NotificationPolicy;
import io.yagura.api.registry.RegistryRepository.Change;
import io.yagura.api.registry.RegistryRepository.Content;
import io.yagura.api.registry.RegistryRepository.StaleRevisionException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The registry's rows on the embedded H2 and on PostgreSQL (when one is available). */
class JdbcRegistryRepositoryTest {

    static java.util.stream.Stream<String> databases() {
        return Databases.names();
    }

    private static final Customer ACME = new Customer("acme", "ACME Corp", List.of("10.0.0.0/8", "2001:db8::/32"),
            List.of(new Contact("Sato", "sato@acme.example", "+81-3-0000-0001", 1, List.of("mail", "phone"),
                            List.of("emergency", "critical"), "ja", "09:00-18:00 Asia/Tokyo"),
                    new Contact("SOC desk", "soc@acme.example", null, 2, List.of("mail"), List.of(), "en", null)),
            new NotificationPolicy(false, 30, true, false));

    private static Change put(List<Customer> customers, List<Device> devices) {
        return new Change(customers, devices, List.of(), List.of());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void customersWithContactsAndPolicyAndDevicesRoundTrip(String db) throws Exception {
        JdbcRegistryRepository repo = new JdbcRegistryRepository(Databases.fresh(db));
        assertEquals(0, repo.revision(), "a new database has revision 0");
        Device fw = new Device("acme-fw1", "acme", "cisco-asa", "ASA 5525-X", List.of("192.0.2.10", "2001:db8::10"));
        assertEquals(1, repo.apply(0, put(List.of(ACME), List.of(fw))));

        Content c = repo.load();
        assertEquals(1, c.revision());
        assertEquals(List.of(ACME), c.customers(), "every field, contacts in order");
        assertEquals(List.of(fw), c.devices(), "addresses in order");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void replacingAndRemovingRewritesChildRowsAndAnAddressCanMoveInOneChange(String db) throws Exception {
        JdbcRegistryRepository repo = new JdbcRegistryRepository(Databases.fresh(db));
        repo.apply(0, put(List.of(ACME, new Customer("globex", "Globex", List.of())),
                List.of(new Device("fw1", "acme", "cisco-asa", "ASA", List.of("192.0.2.1")),
                        new Device("fw2", "globex", "cisco-asa", "ASA", List.of("192.0.2.2")))));
        Customer fewer = new Customer("acme", "ACME", List.of("10.0.0.0/8"), List.of(), null);
        // fw1 leaves, fw3 takes its address, acme loses its contacts, globex goes with its device
        repo.apply(1, new Change(List.of(fewer), List.of(new Device("fw3", "acme", "cisco-asa", "ASA",
                List.of("192.0.2.1"))), List.of("fw1", "fw2"), List.of("globex")));

        Content c = repo.load();
        assertEquals(List.of(fewer), c.customers());
        assertEquals(List.of("fw3"), c.devices().stream().map(Device::id).toList());
        assertEquals(List.of("192.0.2.1"), c.devices().get(0).addresses());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aWriterThatReadAnOlderRevisionIsRefusedAndNothingIsWritten(String db) throws Exception {
        DataSource ds = Databases.fresh(db);
        JdbcRegistryRepository nodeA = new JdbcRegistryRepository(ds);
        JdbcRegistryRepository nodeB = new JdbcRegistryRepository(ds);
        nodeA.apply(0, put(List.of(ACME), List.of()));
        StaleRevisionException e = assertThrows(StaleRevisionException.class,
                () -> nodeB.apply(0, put(List.of(new Customer("globex", "Globex", List.of())), List.of())));
        assertTrue(e.getMessage().contains("since revision 0"), e.getMessage());
        assertEquals(List.of("acme"), nodeB.load().customers().stream().map(Customer::id).toList());
        assertEquals(1, nodeB.revision());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aFailingChangeIsRolledBackWhole(String db) throws Exception {
        JdbcRegistryRepository repo = new JdbcRegistryRepository(Databases.fresh(db));
        repo.apply(0, put(List.of(ACME), List.of()));
        // the registry service validates first; if a bad change still reaches the database
        // (a device of a customer that does not exist), the key refuses it and nothing stays
        assertThrows(Exception.class, () -> repo.apply(1, put(List.of(new Customer("globex", "G", List.of())),
                List.of(new Device("fw9", "nobody", "cisco-asa", "ASA", List.of("192.0.2.9"))))));
        assertEquals(1, repo.revision(), "revision not bumped");
        assertEquals(List.of("acme"), repo.load().customers().stream().map(Customer::id).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void bulkOnboardingOfThreeHundredCustomersAndThreeThousandDevices(String db) throws Exception {
        JdbcRegistryRepository repo = new JdbcRegistryRepository(Databases.fresh(db));
        List<Customer> customers = new ArrayList<>();
        List<Device> devices = new ArrayList<>();
        for (int c = 0; c < 300; c++) {
            customers.add(new Customer("c" + c, "Customer " + c, List.of("10." + c / 250 + "." + c % 250 + ".0/24"),
                    List.of(new Contact("Duty", "duty@c" + c + ".example", null, 1, List.of("mail"), List.of(), "ja",
                            null)), null));
            for (int d = 0; d < 10; d++) {
                devices.add(new Device("c" + c + "-fw" + d, "c" + c, "cisco-asa", "ASA",
                        List.of("172.16." + (c * 10 + d) / 250 + "." + (c * 10 + d) % 250)));
            }
        }
        repo.apply(0, put(customers, devices));
        Content c = repo.load();
        assertEquals(300, c.customers().size());
        assertEquals(3000, c.devices().size());
        assertEquals(customers.get(42), c.customers().stream().filter(x -> x.id().equals("c42")).findFirst()
                .orElseThrow());
    }
}
