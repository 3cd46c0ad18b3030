package io.yagura.advisory;

import io.yagura.api.advisory.Advisory;
import io.yagura.api.advisory.AdvisoryStore;
import io.yagura.store.schema.Migrations;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Advisories and their deliveries in the tables {@code advisory} and {@code advisory_delivery} of
 * the Yagura database (H2 or PostgreSQL), which this bundle creates itself when missing. An
 * advisory is on a customer's portal when a "portal" delivery to that customer is recorded.
 */
@Component(service = {AdvisoryStore.class, JdbcAdvisoryStore.class})
public class JdbcAdvisoryStore implements AdvisoryStore {

    static final String CHANGELOG = "io/yagura/advisory/db/changelog.yaml";
    private static final String COLUMNS = "a.id, a.severity, a.vendors, a.products, a.title_en, a.title_ja, a.body_en, "
            + "a.body_ja, a.created_at, a.created_by, a.sent_at";

    @FunctionalInterface
    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private final DataSource dataSource;

    @Activate
    public JdbcAdvisoryStore(@Reference(target = "(dataSourceName=yagura)") DataSource dataSource) {
        this.dataSource = dataSource;
        try {
            Migrations.migrate(dataSource, CHANGELOG, JdbcAdvisoryStore.class.getClassLoader());
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the advisory tables: " + e.getMessage(), e);
        }
    }

    /** Stores a new advisory as a draft (not sent). */
    public void create(Advisory a) {
        run("INSERT INTO advisory (id, severity, vendors, products, title_en, title_ja, body_en, body_ja, created_at, "
                + "created_by) VALUES (?,?,?,?,?,?,?,?,?,?)", a.id(), a.severity(), String.join("\n", a.vendors()),
                String.join("\n", a.products()), a.title().get("en"), a.title().get("ja"), a.body().get("en"),
                a.body().get("ja"), a.createdAt(), a.createdBy());
    }

    /** Marks an advisory sent; false when it was sent already (two operators at once: one wins). */
    public boolean markSent(String id, Instant at) {
        return run("UPDATE advisory SET sent_at=? WHERE id=? AND sent_at IS NULL", at, id) == 1;
    }

    /** Every advisory, newest first. */
    public List<Advisory> list() {
        return select("SELECT " + COLUMNS + " FROM advisory a ORDER BY a.created_at DESC", JdbcAdvisoryStore::advisory);
    }

    @Override
    public List<Advisory> sentTo(String customerId) {
        return select("SELECT " + COLUMNS + " FROM advisory a WHERE a.id IN (SELECT d.advisory_id FROM advisory_delivery d "
                + "WHERE d.customer_id=? AND d.channel='portal' AND d.outcome='delivered') ORDER BY a.sent_at DESC",
                JdbcAdvisoryStore::advisory, customerId);
    }

    @Override
    public Optional<Advisory> find(String advisoryId) {
        return select("SELECT " + COLUMNS + " FROM advisory a WHERE a.id=?", JdbcAdvisoryStore::advisory, advisoryId)
                .stream().findFirst();
    }

    @Override
    public boolean wasSentTo(String advisoryId, String customerId) {
        return !select("SELECT 1 FROM advisory_delivery WHERE advisory_id=? AND customer_id=? AND channel='portal' "
                + "AND outcome='delivered'", rs -> true, advisoryId, customerId).isEmpty();
    }

    public void addDelivery(Delivery d) {
        String answer = d.answer() == null ? null : d.answer().substring(0, Math.min(1000, d.answer().length()));
        run("INSERT INTO advisory_delivery (advisory_id, customer_id, recipient, channel, language, outcome, answer, "
                + "attempts, delivered_at) VALUES (?,?,?,?,?,?,?,?,?)", d.advisoryId(), d.customerId(), d.recipient(),
                d.channel(), d.language(), d.outcome(), answer, d.attempts(), d.at());
    }

    /** An advisory's deliveries in the order they were recorded. */
    public List<Delivery> deliveries(String advisoryId) {
        return select("SELECT advisory_id, customer_id, recipient, channel, language, outcome, answer, attempts, "
                + "delivered_at FROM advisory_delivery WHERE advisory_id=? ORDER BY id", rs -> new Delivery(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                        rs.getString(6), rs.getString(7), rs.getInt(8), instant(rs, 9)), advisoryId);
    }

    private static Advisory advisory(ResultSet rs) throws SQLException {
        Map<String, String> title = new HashMap<>(Map.of("en", rs.getString(5), "ja", rs.getString(6)));
        Map<String, String> body = new HashMap<>(Map.of("en", rs.getString(7), "ja", rs.getString(8)));
        return new Advisory(rs.getString(1), rs.getString(2), lines(rs.getString(3)), lines(rs.getString(4)), title, body,
                instant(rs, 9), rs.getString(10), instant(rs, 11));
    }

    private static List<String> lines(String s) {
        return s.isEmpty() ? List.of() : Arrays.asList(s.split("\n"));
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** Binds the values in order; instants are written as UTC timestamps with time zone. */
    private static PreparedStatement prepared(Connection c, String sql, Object... values) throws SQLException {
        PreparedStatement ps = c.prepareStatement(sql);
        for (int i = 0; i < values.length; i++) {
            Object v = values[i] instanceof Instant t ? t.atOffset(ZoneOffset.UTC) : values[i];
            if (v == null) {
                ps.setNull(i + 1, java.sql.Types.VARCHAR); // only text columns are written null
            } else {
                ps.setObject(i + 1, v);
            }
        }
        return ps;
    }

    private int run(String sql, Object... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepared(c, sql, values)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("advisory store: " + e.getMessage() + " (" + sql + ")", e);
        }
    }

    private <T> List<T> select(String sql, Row<T> row, Object... values) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = prepared(c, sql, values);
             ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row.read(rs));
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("advisory store: " + e.getMessage() + " (" + sql + ")", e);
        }
    }
}
