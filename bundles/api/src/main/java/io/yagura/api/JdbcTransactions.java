package io.yagura.api;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Several statements as one, for the bundles that keep tables of their own in the Yagura database. */
public final class JdbcTransactions {

    /** Work on one connection; may throw its own checked exception besides SQLException. */
    @FunctionalInterface
    public interface Work<T, X extends Exception> {
        T run(Connection c) throws SQLException, X;
    }

    private JdbcTransactions() {
    }

    /**
     * Runs the work in one transaction: committed when it returns, rolled back when it throws
     * (whatever it throws), the pooled connection handed back in auto-commit mode as it came.
     */
    public static <T, X extends Exception> T inTransaction(DataSource dataSource, Work<T, X> work)
            throws SQLException, X {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (Throwable e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }
}
