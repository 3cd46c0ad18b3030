package io.yagura.store;

import io.yagura.api.JdbcStatements;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;

/**
 * One statement on its own connection (auto-commit), by the API's {@link JdbcStatements}, and the
 * time columns every table of the store shares (timestamp with time zone, written in UTC).
 * Failures become {@link JdbcIncidentStore.StoreException} naming the statement.
 */
final class Statements {

    private Statements() {
    }

    static int update(DataSource dataSource, String sql, JdbcStatements.Binder binder) {
        return JdbcStatements.update(dataSource, sql, binder, JdbcIncidentStore.StoreException::new);
    }

    static <T> List<T> query(DataSource dataSource, String sql, JdbcStatements.Binder binder, JdbcStatements.Row<T> row) {
        return JdbcStatements.query(dataSource, sql, binder, row, JdbcIncidentStore.StoreException::new);
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
