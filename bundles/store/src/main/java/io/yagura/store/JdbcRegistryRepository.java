package io.yagura.store;

import io.yagura.api.JdbcTransactions;
import io.yagura.api.registry.Contact;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.ManagementEndpoint;
import io.yagura.api.registry.NotificationPolicy;
import io.yagura.api.registry.RegistryException;
import io.yagura.api.registry.RegistryRepository;
import io.yagura.api.registry.Secret;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The registry (customers with networks, contacts and policy; devices with their source
 * addresses, version, clock zone and management endpoint) in the database. Validation is the
 * registry service's job; this class only reads and writes rows, one change in one
 * transaction, guarded by the revision counter.
 *
 * <p>A device's management secret is stored sealed ({@link SecretCipher}: AES-GCM, bound to
 * the device) with a key kept outside the database ({@link SecretKeys}: the environment
 * variable YAGURA_SECRET_KEY or etc/yagura-secret.key); the key is looked for only when a
 * secret is to be sealed or opened, so a registry without secrets needs none.
 */
@Component(service = RegistryRepository.class, immediate = true)
public class JdbcRegistryRepository implements RegistryRepository {

    private final DataSource dataSource;
    private final SecretKeys keys;
    private final SecretCipher cipher = new SecretCipher();

    @Activate
    public JdbcRegistryRepository(@Reference(target = "(dataSourceName=yagura)") DataSource dataSource)
            throws Exception {
        this(dataSource, SecretKeys.standard());
    }

    JdbcRegistryRepository(DataSource dataSource, SecretKeys keys) throws Exception {
        this.dataSource = dataSource;
        this.keys = keys;
        Schema.migrate(dataSource);
    }

    @Override
    public String seal(String deviceId, Secret secret) throws RegistryException {
        if (secret == null || secret.isEmpty()) {
            return null;
        }
        return cipher.seal(keys.forSealing().current(), deviceId, secret);
    }

    @Override
    public Secret unseal(String deviceId, String sealed) throws RegistryException {
        return cipher.open(keys.forOpening(), deviceId, sealed);
    }

    @Override
    public long revision() throws RegistryException {
        try (Connection c = dataSource.getConnection()) {
            return readRevision(c);
        } catch (SQLException e) {
            throw failure("read the registry revision", e);
        }
    }

    @Override
    public Content load() throws RegistryException {
        try (Connection c = dataSource.getConnection()) {
            // The revision first: rows newer than it only cause one more reload, never a missed change.
            long revision = readRevision(c);
            Map<String, CustomerRows> customers = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, critical_auto_send, critical_minutes, "
                    + "daily_digest, all_clear FROM customer ORDER BY id"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    customers.put(rs.getString(1), new CustomerRows(rs.getString(2), new NotificationPolicy(
                            rs.getBoolean(3), rs.getInt(4), rs.getBoolean(5), rs.getBoolean(6))));
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT customer_id, cidr FROM customer_network ORDER BY customer_id, seq");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    customers.get(rs.getString(1)).networks.add(rs.getString(2));
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT customer_id, name, email, phone, contact_order, "
                    + "channels, levels, lang, call_hours FROM contact ORDER BY customer_id, seq");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    customers.get(rs.getString(1)).contacts.add(new Contact(rs.getString(2), rs.getString(3),
                            rs.getString(4), rs.getInt(5), Json.strings(rs.getString(6)), Json.strings(rs.getString(7)),
                            rs.getString(8), rs.getString(9)));
                }
            }
            Map<String, List<String>> addresses = new LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT device_id, address FROM device_address ORDER BY device_id, seq");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    addresses.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            List<Device> devices = new ArrayList<>();
            SecretKeys.Ring ring = null; // read once per load, and only when a device has a secret
            try (PreparedStatement ps = c.prepareStatement("SELECT id, customer_id, vendor, product, product_version, "
                    + "time_zone, mgmt_url, mgmt_username, mgmt_secret, mgmt_poll_seconds, mgmt_trust_store "
                    + "FROM device ORDER BY id"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString(1);
                    ManagementEndpoint management = null;
                    if (rs.getString(7) != null) {
                        String sealed = rs.getString(9);
                        Secret secret = Secret.NONE;
                        if (sealed != null) {
                            ring = ring != null ? ring : keys.forOpening();
                            secret = cipher.open(ring, id, sealed);
                        }
                        int poll = rs.getInt(10);
                        management = new ManagementEndpoint(rs.getString(7), rs.getString(8), secret,
                                rs.wasNull() ? null : Duration.ofSeconds(poll), rs.getString(11));
                    }
                    devices.add(new Device(id, rs.getString(2), rs.getString(3), rs.getString(4),
                            addresses.getOrDefault(id, List.of()), rs.getString(5), zone(id, rs.getString(6)),
                            management));
                }
            }
            List<Customer> list = new ArrayList<>();
            customers.forEach((id, r) -> list.add(new Customer(id, r.name, r.networks, r.contacts, r.policy)));
            return new Content(list, devices, revision);
        } catch (SQLException e) {
            throw failure("read the registry", e);
        }
    }

    private static ZoneId zone(String deviceId, String id) throws RegistryException {
        if (id == null) {
            return null;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException e) {
            throw new RegistryException("device '" + deviceId + "': its stored time zone '" + id
                    + "' is not known to this Java runtime: " + e.getMessage(), e);
        }
    }

    /** A customer row and its child rows while they are read. */
    private static final class CustomerRows {
        final String name;
        final NotificationPolicy policy;
        final List<String> networks = new ArrayList<>();
        final List<Contact> contacts = new ArrayList<>();

        CustomerRows(String name, NotificationPolicy policy) {
            this.name = name;
            this.policy = policy;
        }
    }

    @Override
    public long apply(long expectedRevision, Change change) throws RegistryException {
        // Sealed before the transaction: no key file I/O while rows are locked. A new random IV
        // for every value, every time a device is written.
        Map<String, String> sealed = new HashMap<>();
        for (Device d : change.putDevices()) {
            if (d.management() != null && !d.management().secret().isEmpty()) {
                sealed.put(d.id(), seal(d.id(), d.management().secret()));
            }
        }
        try {
            return JdbcTransactions.<Long, RegistryException>inTransaction(dataSource, c -> {
                long next = bumpRevision(c, expectedRevision);
                write(c, change, sealed);
                return next;
            });
        } catch (SQLException e) {
            throw failure("store the registry change", e);
        }
    }

    private static long bumpRevision(Connection c, long expected) throws SQLException, RegistryException {
        // Row lock on the counter: concurrent changes from other nodes queue here, and a
        // writer that read an older registry is told to read it again.
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE registry_revision SET revision = revision + 1 WHERE id = 1 AND revision = ?")) {
            ps.setLong(1, expected);
            if (ps.executeUpdate() != 1) {
                throw new StaleRevisionException("the registry was changed elsewhere since revision " + expected);
            }
        }
        return expected + 1;
    }

    private static void write(Connection c, Change change, Map<String, String> sealed) throws SQLException {
        // Addresses go first, so an address can move from one device to another in one change.
        List<String> touchedDevices = new ArrayList<>(change.removeDevices());
        change.putDevices().forEach(d -> touchedDevices.add(d.id()));
        deleteWhere(c, "DELETE FROM device_address WHERE device_id=?", touchedDevices);
        deleteWhere(c, "DELETE FROM device WHERE id=?", change.removeDevices());

        List<String> touchedCustomers = new ArrayList<>(change.removeCustomers());
        change.putCustomers().forEach(cu -> touchedCustomers.add(cu.id()));
        deleteWhere(c, "DELETE FROM customer_network WHERE customer_id=?", touchedCustomers);
        deleteWhere(c, "DELETE FROM contact WHERE customer_id=?", touchedCustomers);
        putCustomers(c, change.putCustomers());
        putDevices(c, change.putDevices(), sealed);
        deleteWhere(c, "DELETE FROM customer WHERE id=?", change.removeCustomers());
    }

    private static void putCustomers(Connection c, Collection<Customer> customers) throws SQLException {
        upsert(c, "UPDATE customer SET name=?, critical_auto_send=?, critical_minutes=?, daily_digest=?, all_clear=? "
                + "WHERE id=?", "INSERT INTO customer (name, critical_auto_send, critical_minutes, daily_digest, "
                + "all_clear, id) VALUES (?,?,?,?,?,?)", customers, JdbcRegistryRepository::bindCustomer);
        try (PreparedStatement net = c.prepareStatement(
                "INSERT INTO customer_network (customer_id, seq, cidr) VALUES (?,?,?)");
             PreparedStatement contact = c.prepareStatement("INSERT INTO contact (customer_id, seq, name, email, "
                     + "phone, contact_order, channels, levels, lang, call_hours) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
            for (Customer cu : customers) {
                int seq = 0;
                for (String cidr : cu.networks()) {
                    net.setString(1, cu.id());
                    net.setInt(2, seq++);
                    net.setString(3, cidr);
                    net.addBatch();
                }
                seq = 0;
                for (Contact k : cu.contacts()) {
                    contact.setString(1, cu.id());
                    contact.setInt(2, seq++);
                    contact.setString(3, k.name());
                    contact.setString(4, k.email());
                    contact.setString(5, k.phone());
                    contact.setInt(6, k.order());
                    contact.setString(7, Json.write(k.channels()));
                    contact.setString(8, Json.write(k.levels()));
                    contact.setString(9, k.language());
                    contact.setString(10, k.hours());
                    contact.addBatch();
                }
            }
            net.executeBatch();
            contact.executeBatch();
        }
    }

    /** Binds one row; the id is the last parameter, so that one binder serves UPDATE ... WHERE id=? and INSERT. */
    @FunctionalInterface
    private interface RowBinder<T> {
        void bind(PreparedStatement ps, T row) throws SQLException;
    }

    /** Updates the rows that exist, then inserts the others in one batch (portable: H2 and PostgreSQL). */
    private static <T> void upsert(Connection c, String update, String insert, Collection<T> rows, RowBinder<T> binder)
            throws SQLException {
        List<T> inserts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(update)) {
            for (T row : rows) {
                binder.bind(ps, row);
                if (ps.executeUpdate() == 0) {
                    inserts.add(row);
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement(insert)) {
            for (T row : inserts) {
                binder.bind(ps, row);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void bindCustomer(PreparedStatement ps, Customer cu) throws SQLException {
        NotificationPolicy p = cu.policy();
        ps.setString(1, cu.name());
        ps.setBoolean(2, p.criticalAutoSend());
        ps.setInt(3, p.criticalMinutes());
        ps.setBoolean(4, p.dailyDigest());
        ps.setBoolean(5, p.allClear());
        ps.setString(6, cu.id());
    }

    private static void putDevices(Connection c, Collection<Device> devices, Map<String, String> sealed)
            throws SQLException {
        upsert(c, "UPDATE device SET customer_id=?, vendor=?, product=?, product_version=?, time_zone=?, mgmt_url=?, "
                        + "mgmt_username=?, mgmt_secret=?, mgmt_poll_seconds=?, mgmt_trust_store=? WHERE id=?",
                "INSERT INTO device (customer_id, vendor, product, product_version, time_zone, mgmt_url, mgmt_username, "
                        + "mgmt_secret, mgmt_poll_seconds, mgmt_trust_store, id) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                devices, (ps, d) -> bindDevice(ps, d, sealed.get(d.id())));
        try (PreparedStatement address = c.prepareStatement(
                "INSERT INTO device_address (device_id, seq, address) VALUES (?,?,?)")) {
            for (Device d : devices) {
                int seq = 0;
                for (String a : d.addresses()) {
                    address.setString(1, d.id());
                    address.setInt(2, seq++);
                    address.setString(3, a);
                    address.addBatch();
                }
            }
            address.executeBatch();
        }
    }

    /** The secret only as sealed text; never in clear. */
    private static void bindDevice(PreparedStatement ps, Device d, String sealedSecret) throws SQLException {
        ManagementEndpoint m = d.management();
        ps.setString(1, d.customer());
        ps.setString(2, d.vendor());
        ps.setString(3, d.product());
        ps.setString(4, d.productVersion());
        ps.setString(5, d.timeZone() == null ? null : d.timeZone().getId());
        ps.setString(6, m == null ? null : m.url());
        ps.setString(7, m == null ? null : m.username());
        ps.setString(8, m == null ? null : sealedSecret);
        if (m == null || m.pollInterval() == null) {
            ps.setNull(9, Types.INTEGER);
        } else {
            ps.setInt(9, Math.toIntExact(m.pollInterval().toSeconds()));
        }
        ps.setString(10, m == null ? null : m.trustStore());
        ps.setString(11, d.id());
    }

    private static void deleteWhere(Connection c, String sql, Collection<String> ids) throws SQLException {
        if (ids.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (String id : ids) {
                ps.setString(1, id);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static long readRevision(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT revision FROM registry_revision WHERE id = 1");
             ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("registry_revision has no row; the schema migration did not run");
            }
            return rs.getLong(1);
        }
    }

    private static RegistryException failure(String what, SQLException e) {
        return new RegistryException("cannot " + what + " in the database: " + e.getMessage(), e);
    }
}
