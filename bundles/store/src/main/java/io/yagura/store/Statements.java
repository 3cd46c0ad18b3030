package io.yagura.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * One statement on its own connection (auto-commit), and the time columns every table of the
 * store shares (timestamp with time zone, written in UTC). Failures become
 * {@link JdbcIncidentStore.StoreException} naming the statement.
 */
final class Statements {

    @FunctionalInterface
    interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    @FunctionalInterface
    interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private Statements() {
    }

    static int update(DataSource dataSource, String sql, Binder binder) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new JdbcIncidentStore.StoreException(sql, e);
        }
    }

    static <T> List<T> query(DataSource dataSource, String sql, Binder binder, Row<T> row) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    out.add(row.map(rs));
                }
                return out;
            }
        } catch (SQLException e) {
            throw new JdbcIncidentStore.StoreException(sql, e);
        }
    }

    static void setTime(PreparedStatement ps, int n, Instant t) throws SQLException {
        if (t == null) {
            ps.setNull(n, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(n, t.atOffset(ZoneOffset.UTC));
        }
    }

    static Instant time(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }
}
