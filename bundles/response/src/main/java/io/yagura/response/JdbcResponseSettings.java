package io.yagura.response;

import io.yagura.api.JdbcTransactions;
import io.yagura.api.response.BlockStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@link ResponseSettings} in the tables response_policy and response_safelist, which the
 * store bundle's change set response-1 creates. The BlockStore reference is there for that: the
 * store migrates the schema when its block store starts, so these tables exist once it is bound.
 */
@Component(service = ResponseSettings.class)
public class JdbcResponseSettings implements ResponseSettings {

    private final DataSource dataSource;

    @Activate
    public JdbcResponseSettings(@Reference(target = "(dataSourceName=yagura)") DataSource dataSource,
                                @Reference BlockStore schemaMigrated) {
        this.dataSource = dataSource;
    }

    @Override
    public Optional<PolicyEntry> policy(String customerId) {
        return query("SELECT customer_id, policy, changed_by, changed_at FROM response_policy WHERE customer_id=?",
                customerId, rs -> new PolicyEntry(rs.getString(1), ResponsePolicy.valueOf(rs.getString(2)), rs.getString(3),
                        time(rs, 4))).stream().findFirst();
    }

    @Override
    public void setPolicy(PolicyEntry e) {
        replace("DELETE FROM response_policy WHERE customer_id=?", List.of(e.customerId()),
                "INSERT INTO response_policy (customer_id, policy, changed_by, changed_at) VALUES (?,?,?,?)",
                List.of(e.customerId(), e.policy().name(), e.changedBy(), e.changedAt().atOffset(ZoneOffset.UTC)));
    }

    @Override
    public List<SafelistEntry> safelist(String customerId) {
        return query("SELECT customer_id, network, note, added_by, added_at FROM response_safelist WHERE customer_id=? "
                + "ORDER BY network", customerId, rs -> new SafelistEntry(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), time(rs, 5)));
    }

    @Override
    public void addSafelist(SafelistEntry e) {
        List<Object> row = new ArrayList<>(List.of(e.customerId(), e.network()));
        row.add(e.note()); // may be null
        row.addAll(List.of(e.addedBy(), e.addedAt().atOffset(ZoneOffset.UTC)));
        replace("DELETE FROM response_safelist WHERE customer_id=? AND network=?", List.of(e.customerId(), e.network()),
                "INSERT INTO response_safelist (customer_id, network, note, added_by, added_at) VALUES (?,?,?,?,?)", row);
    }

    @Override
    public boolean removeSafelist(String customerId, String network) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("DELETE FROM response_safelist WHERE customer_id=? AND network=?")) {
            ps.setString(1, customerId);
            ps.setString(2, network);
            return ps.executeUpdate() > 0;
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    @FunctionalInterface
    private interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private <T> List<T> query(String sql, String customerId, Row<T> row) {
        List<T> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.map(rs));
                }
            }
        } catch (SQLException e) {
            throw failure(e);
        }
        return out;
    }

    /** Delete then insert in one transaction (portable "upsert"). */
    private void replace(String delete, List<Object> key, String insert, List<Object> row) {
        try {
            JdbcTransactions.inTransaction(dataSource, c -> {
                execute(c, delete, key);
                return execute(c, insert, row);
            });
        } catch (SQLException e) {
            throw failure(e);
        }
    }

    /** @return the number of rows written */
    private static int execute(Connection c, String sql, List<Object> values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < values.size(); i++) {
                ps.setObject(i + 1, values.get(i));
            }
            return ps.executeUpdate();
        }
    }

    private static Instant time(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static IllegalStateException failure(SQLException e) {
        return new IllegalStateException("response settings store: " + e.getMessage(), e);
    }
}
