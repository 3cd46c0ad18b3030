package io.yagura.store;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Several statements as one: the store's writes that must be all or nothing. */
final class Transactions {

    /** Work on one connection; may throw its own checked exception besides SQLException. */
    @FunctionalInterface
    interface Work<T, X extends Exception> {
        T run(Connection c) throws SQLException, X;
    }

    private Transactions() {
    }

    /**
     * Runs the work in one transaction: committed when it returns, rolled back when it throws
     * (whatever it throws), the pooled connection handed back in auto-commit mode as it came.
     */
    static <T, X extends Exception> T inTransaction(DataSource dataSource, Work<T, X> work) throws SQLException, X {
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
