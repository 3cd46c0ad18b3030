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

    /**
     * {@link #inTransaction} tried again, up to {@code attempts} times in all, while it fails for a
     * reason another transaction caused and that a new try can get past: a deadlock or serialization
     * failure (SQLSTATE class 40; H2 reports its deadlocks so as well as PostgreSQL) or a unique key
     * another transaction took meanwhile (23505). The work must be safe to run again from the start.
     */
    public static <T, X extends Exception> T inTransactionRetrying(DataSource dataSource, int attempts, Work<T, X> work)
            throws SQLException, X {
        for (int attempt = 1; ; attempt++) {
            try {
                return inTransaction(dataSource, work);
            } catch (SQLException e) {
                if (attempt >= attempts || !(isConflict(e) || isDuplicateKey(e))) {
                    throw e;
                }
                // a short wait that differs per try, so that the transactions that met do not meet again
                try {
                    Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(1, 10L * attempt));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    /** SQLSTATE 23505 (unique violation) in H2 and PostgreSQL alike, also inside a batch's exception. */
    public static boolean isDuplicateKey(SQLException e) {
        return hasState(e, "23505");
    }

    /** SQLSTATE class 40 (transaction rollback: deadlock, serialization failure), also inside a batch's exception. */
    public static boolean isConflict(SQLException e) {
        return hasState(e, "40");
    }

    private static boolean hasState(SQLException e, String prefix) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            if (startsWith(x.getSQLState(), prefix) || x.getCause() instanceof SQLException cause && startsWith(cause.getSQLState(), prefix)) {
                return true;
            }
        }
        return false;
    }

    private static boolean startsWith(String state, String prefix) {
        return state != null && state.startsWith(prefix);
    }
}
