package io.yagura.api;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * One statement on its own connection (auto-commit), for the bundles that keep tables of their own
 * in the Yagura database. A failure becomes the caller's unchecked exception ({@link Failure}), by
 * default a {@link StatementException} naming what failed.
 */
public final class JdbcStatements {

    /** Sets the parameters of a statement. */
    @FunctionalInterface
    public interface Binder {
        /** Binds nothing: a statement without parameters. */
        Binder NONE = ps -> {
        };

        void bind(PreparedStatement ps) throws SQLException;
    }

    /** Maps the current row of a result. */
    @FunctionalInterface
    public interface Row<T> {
        T map(ResultSet rs) throws SQLException;
    }

    /** What a failed statement becomes: the caller's own unchecked exception. */
    @FunctionalInterface
    public interface Failure {
        RuntimeException of(String sql, SQLException cause);

        /** A {@link StatementException} naming {@code what} failed ("portal accounts", "store"). */
        static Failure named(String what) {
            return (sql, cause) -> new StatementException(what, sql, cause);
        }
    }

    /**
     * A statement failed: "what: the driver's message [VERB …]", the statement's first word only (a
     * message names no values); the driver's exception is the cause.
     */
    public static class StatementException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String what;

        public StatementException(String what, String sql, SQLException cause) {
            super(what + ": " + cause.getMessage() + " [" + sql.strip().split("\\s", 2)[0] + " …]", cause);
            this.what = what;
        }

        /** What failed, in the caller's words ("store", "portal accounts"). */
        public String what() {
            return what;
        }
    }

    private JdbcStatements() {
    }

    /** Runs an INSERT, UPDATE or DELETE; returns the rows it changed. */
    public static int update(DataSource dataSource, String sql, Binder binder, Failure failure) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            binder.bind(ps);
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure.of(sql, e);
        }
    }

    /** Runs a query; returns its rows, mapped, in the order of the result. */
    public static <T> List<T> query(DataSource dataSource, String sql, Binder binder, Row<T> row, Failure failure) {
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
            throw failure.of(sql, e);
        }
    }
}
