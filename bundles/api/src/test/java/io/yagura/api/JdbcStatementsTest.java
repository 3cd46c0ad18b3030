package io.yagura.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.yagura.testing.TestDatabases;
import java.sql.SQLException;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

class JdbcStatementsTest {

    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String sql, SQLException cause) {
            super(sql, cause);
        }
    }

    @Test
    void statementsRunOnTheirOwnConnectionAndFailuresBecomeTheCallersException() throws Exception {
        DataSource db = TestDatabases.freshH2();
        JdbcStatements.Failure named = JdbcStatements.Failure.named("test table");
        JdbcStatements.update(db, "CREATE TABLE t (k VARCHAR(10) PRIMARY KEY, n INT NOT NULL)", JdbcStatements.Binder.NONE,
                named);
        for (int i = 1; i <= 3; i++) {
            int n = i;
            assertEquals(1, JdbcStatements.update(db, "INSERT INTO t (k, n) VALUES (?, ?)", ps -> {
                ps.setString(1, "k" + n);
                ps.setInt(2, n);
            }, named));
        }
        assertEquals(List.of("k3", "k2"), JdbcStatements.query(db, "SELECT k FROM t WHERE n>=? ORDER BY n DESC",
                ps -> ps.setInt(1, 2), rs -> rs.getString(1), named));
        assertEquals(List.of(3), JdbcStatements.query(db, "SELECT COUNT(*) FROM t", JdbcStatements.Binder.NONE,
                rs -> rs.getInt(1), named));

        JdbcStatements.StatementException e = assertThrows(JdbcStatements.StatementException.class,
                () -> JdbcStatements.update(db, "INSERT INTO t (k, n) VALUES ('k1', 1)", JdbcStatements.Binder.NONE, named));
        assertEquals("test table", e.what());
        assertEquals("test table: " + e.getCause().getMessage() + " [INSERT …]", e.getMessage());

        String missing = "SELECT x FROM nowhere";
        Refused r = assertThrows(Refused.class, () -> JdbcStatements.query(db, missing, JdbcStatements.Binder.NONE,
                rs -> rs.getString(1), Refused::new));
        assertSame(missing, r.getMessage());
    }
}
