package io.yagura.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.registry.Contact;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.ManagementEndpoint;
import io.yagura.api.registry.NotificationPolicy;
import io.yagura.api.registry.RegistryException;
import io.yagura.api.registry.RegistryRepository.Change;
import io.yagura.api.registry.RegistryRepository.Content;
import io.yagura.api.registry.RegistryRepository.StaleRevisionException;
import io.yagura.api.registry.Secret;
import io.yagura.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The registry's rows on the embedded H2 and on PostgreSQL (when one is available). */
class JdbcRegistryRepositoryTest {

    static java.util.stream.Stream<String> databases() {
        return TestDatabases.names();
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
        JdbcRegistryRepository repo = new JdbcRegistryRepository(TestDatabases.fresh(db));
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
        JdbcRegistryRepository repo = new JdbcRegistryRepository(TestDatabases.fresh(db));
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
        DataSource ds = TestDatabases.fresh(db);
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
        JdbcRegistryRepository repo = new JdbcRegistryRepository(TestDatabases.fresh(db));
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
        JdbcRegistryRepository repo = new JdbcRegistryRepository(TestDatabases.fresh(db));
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

    // --- version, zone, management endpoint, sealed secret --------------------------------------

    private static final String CLEAR = "hunter2-Cl3ar-パスワード";

    @TempDir
    Path etc;

    private SecretKeys keys(String name) {
        return new SecretKeys(null, etc.resolve(name));
    }

    private static Device ips(String id, String address, Secret secret) {
        return new Device(id, "acme", "cisco-ips", "IPS 4345", List.of(address), "7.3", ZoneId.of("Asia/Tokyo"),
                new ManagementEndpoint("https://" + address + "/cgi-bin/sdee-server", "yagura", secret,
                        Duration.ofSeconds(30), "yagura/ips-ca.p12"));
    }

    /** Every column of the device row, as text: what someone reading the database sees. */
    private static String rawRow(DataSource ds, String id) throws Exception {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT * FROM device WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next(), "row of " + id);
                ResultSetMetaData md = rs.getMetaData();
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.append(md.getColumnLabel(i).toLowerCase()).append('=').append(rs.getString(i)).append('\n');
                }
                return row.toString();
            }
        }
    }

    private static String sealedColumn(DataSource ds, String id) throws Exception {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT mgmt_secret FROM device WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void versionZoneAndManagementEndpointRoundTripAndTheSecretIsSealedAtRest(String db) throws Exception {
        DataSource ds = TestDatabases.fresh(db);
        JdbcRegistryRepository repo = new JdbcRegistryRepository(ds, keys("yagura-secret.key"));
        Device full = ips("acme-ips1", "192.0.2.20", Secret.of(CLEAR));
        Device noSecret = ips("acme-ips2", "192.0.2.21", Secret.NONE);
        Device bare = new Device("acme-fw1", "acme", "cisco-asa", null, List.of("192.0.2.10"), null, null,
                new ManagementEndpoint("ssh://192.0.2.10", null, null, null, null));
        Device logsOnly = new Device("acme-fw2", "acme", "cisco-asa", "ASA", List.of("192.0.2.11"));
        repo.apply(0, put(List.of(ACME), List.of(full, noSecret, bare, logsOnly)));

        Content c = repo.load();
        assertEquals(List.of(bare, logsOnly, full, noSecret), c.devices(), "every field of every device");
        Device read = c.devices().get(2);
        assertEquals(CLEAR, new String(read.management().secret().reveal()));
        assertEquals("7.3", read.productVersion());
        assertEquals(ZoneId.of("Asia/Tokyo"), read.timeZone());
        assertEquals(Duration.ofSeconds(30), read.management().pollInterval());
        assertNull(c.devices().get(1).management(), "no endpoint stays none");

        String row = rawRow(ds, "acme-ips1");
        assertFalse(row.contains(CLEAR) || row.contains("hunter2"), "the clear secret is not in the row:\n" + row);
        String sealed = sealedColumn(ds, "acme-ips1");
        assertTrue(sealed != null && sealed.length() > 40, row);
        assertEquals(Secret.of(CLEAR), repo.unseal("acme-ips1", sealed), "the column is the sealed secret");
        assertNull(sealedColumn(ds, "acme-ips2"), "no secret, nothing sealed");

        // every write seals again with a new IV
        repo.apply(1, put(List.of(), List.of(full)));
        assertNotEquals(sealed, sealedColumn(ds, "acme-ips1"));
        // and the endpoint goes away with its secret
        repo.apply(2, put(List.of(), List.of(new Device("acme-ips1", "acme", "cisco-ips", "IPS", List.of("192.0.2.20")))));
        assertNull(sealedColumn(ds, "acme-ips1"));
        assertNull(repo.load().devices().stream().filter(d -> d.id().equals("acme-ips1")).findFirst().orElseThrow()
                .management());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aNodeWithAnotherKeyOrNoneIsToldWhichDeviceItCannotOpenAndNoKeyFileIsMadeWithoutASecret(String db)
            throws Exception {
        DataSource ds = TestDatabases.fresh(db);
        Path nodeAKey = etc.resolve("a.key");
        JdbcRegistryRepository nodeA = new JdbcRegistryRepository(ds, new SecretKeys(null, nodeAKey));
        nodeA.apply(0, put(List.of(ACME), List.of(new Device("acme-fw1", "acme", "cisco-asa", "ASA",
                List.of("192.0.2.10")))));
        nodeA.load();
        assertFalse(Files.exists(nodeAKey), "a registry without secrets needs no key");
        nodeA.apply(1, put(List.of(), List.of(ips("acme-ips1", "192.0.2.20", Secret.of(CLEAR)))));
        assertTrue(Files.exists(nodeAKey), "made for the first secret");

        JdbcRegistryRepository otherKey = new JdbcRegistryRepository(ds, keys("b.key"));
        otherKey.apply(2, put(List.of(), List.of(ips("acme-ips9", "192.0.2.29", Secret.of("other")))));
        RegistryException e = assertThrows(RegistryException.class, nodeA::load);
        assertTrue(e.getMessage().startsWith("device 'acme-ips9': its secret was sealed with key "), e.getMessage());

        JdbcRegistryRepository noKey = new JdbcRegistryRepository(ds, keys("absent.key"));
        e = assertThrows(RegistryException.class, noKey::load);
        assertTrue(e.getMessage().startsWith("device 'acme-ips1': its secret was sealed with key ")
                && e.getMessage().contains("this node has no key"), e.getMessage());
        assertFalse(Files.exists(etc.resolve("absent.key")), "reading never makes a key");

        // with a copy of node A's key file (and b's key after it), every secret opens
        Files.writeString(etc.resolve("both.key"), Files.readString(nodeAKey) + Files.readString(etc.resolve("b.key")));
        Content both = new JdbcRegistryRepository(ds, keys("both.key")).load();
        assertEquals(List.of(Secret.of(CLEAR), Secret.of("other")), both.devices().stream()
                .filter(d -> d.management() != null).map(d -> d.management().secret()).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aSealedSecretCopiedOntoAnotherDevicesRowIsRefused(String db) throws Exception {
        DataSource ds = TestDatabases.fresh(db);
        JdbcRegistryRepository repo = new JdbcRegistryRepository(ds, keys("yagura-secret.key"));
        repo.apply(0, put(List.of(ACME), List.of(ips("acme-ips1", "192.0.2.20", Secret.of(CLEAR)),
                ips("acme-ips2", "192.0.2.21", Secret.of("theirs")))));
        try (Connection c = ds.getConnection(); Statement st = c.createStatement()) {
            st.executeUpdate("UPDATE device SET mgmt_secret = (SELECT mgmt_secret FROM device WHERE id = 'acme-ips1') "
                    + "WHERE id = 'acme-ips2'");
        }
        RegistryException e = assertThrows(RegistryException.class, repo::load);
        assertTrue(e.getMessage().contains("device 'acme-ips2'") && e.getMessage().contains("sealed for another device"),
                e.getMessage());
    }
}
