package io.yagura.store;

import io.yagura.api.registry.Contact;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.NotificationPolicy;
import io.yagura.api.registry.RegistryException;
import io.yagura.api.registry.RegistryRepository;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The registry (customers with networks, contacts and policy; devices with their source
 * addresses) in the database. Validation is the registry service's job; this class only
 * reads and writes rows, one change in one transaction, guarded by the revision counter.
 */
@Component(service = RegistryRepository.class, immediate = true)
public class JdbcRegistryRepository implements RegistryRepository {

    private final DataSource dataSource;

    @Activate
    public JdbcRegistryRepository(@Reference(target = "(dataSourceName=yagura)") DataSource dataSource)
            throws Exception {
        this.dataSource = dataSource;
        Schema.migrate(dataSource);
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
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, customer_id, vendor, product FROM device ORDER BY id"); ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    devices.add(new Device(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            addresses.getOrDefault(rs.getString(1), List.of())));
                }
            }
            List<Customer> list = new ArrayList<>();
            customers.forEach((id, r) -> list.add(new Customer(id, r.name, r.networks, r.contacts, r.policy)));
            return new Content(list, devices, revision);
        } catch (SQLException e) {
            throw failure("read the registry", e);
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
        try {
            return Transactions.<Long, RegistryException>inTransaction(dataSource, c -> {
                long next = bumpRevision(c, expectedRevision);
                write(c, change);
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

    private static void write(Connection c, Change change) throws SQLException {
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
        putDevices(c, change.putDevices());
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

    private static void putDevices(Connection c, Collection<Device> devices) throws SQLException {
        upsert(c, "UPDATE device SET customer_id=?, vendor=?, product=? WHERE id=?",
                "INSERT INTO device (customer_id, vendor, product, id) VALUES (?,?,?,?)", devices,
                JdbcRegistryRepository::bindDevice);
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

    private static void bindDevice(PreparedStatement ps, Device d) throws SQLException {
        ps.setString(1, d.customer());
        ps.setString(2, d.vendor());
        ps.setString(3, d.product());
        ps.setString(4, d.id());
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
