package io.yagura.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The databases the tests of the bundles with JDBC tables run against: always the embedded H2 in
 * PostgreSQL mode (the default at run time), and a real PostgreSQL when the environment variable
 * YAGURA_TEST_POSTGRES_URL names one (.ci/run starts one), e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/yagura?user=yagura&password=yagura}.
 * Each call of {@link #fresh} gives a fresh database (H2) or a fresh schema (PostgreSQL).
 */
public final class TestDatabases {

    /** The name of the embedded database in {@link #names()}. */
    public static final String H2 = "h2";
    /** The name of the real PostgreSQL in {@link #names()}. */
    public static final String POSTGRESQL = "postgresql";

    private TestDatabases() {
    }

    /** "h2", and "postgresql" when YAGURA_TEST_POSTGRES_URL names one: for {@code @MethodSource}. */
    public static Stream<String> names() {
        List<String> names = new ArrayList<>(List.of(H2));
        if (postgresUrl() != null) {
            names.add(POSTGRESQL);
        }
        return names.stream();
    }

    /** The PostgreSQL named by YAGURA_TEST_POSTGRES_URL, or null (also when Maven left the placeholder). */
    public static String postgresUrl() {
        String url = System.getenv("YAGURA_TEST_POSTGRES_URL");
        return url == null || url.isBlank() || url.startsWith("${") ? null : url;
    }

    /** A fresh empty database of this {@link #names() name}: its own H2, or its own PostgreSQL schema. */
    public static DataSource fresh(String name) throws SQLException {
        String id = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        switch (name) {
            case H2:
                return h2(id);
            case POSTGRESQL:
                String url = postgresUrl();
                if (url == null) {
                    throw new IllegalStateException("YAGURA_TEST_POSTGRES_URL names no PostgreSQL");
                }
                PGSimpleDataSource pg = new PGSimpleDataSource();
                pg.setURL(url);
                try (Connection c = pg.getConnection(); Statement s = c.createStatement()) {
                    s.execute("CREATE SCHEMA " + id);
                }
                pg.setCurrentSchema(id);
                return pg;
            default:
                throw new IllegalArgumentException("no test database " + name);
        }
    }

    /** A fresh empty embedded H2 database (PostgreSQL mode). */
    public static DataSource freshH2() {
        return h2("t" + UUID.randomUUID().toString().replace("-", ""));
    }

    /**
     * The embedded H2 database (PostgreSQL mode) of this name, created at first use and kept while
     * the JVM runs: data sources on one name share the database, as several nodes share one.
     */
    public static DataSource h2(String database) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + database + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
        return h2;
    }

    /** Runs these statements (DDL, or rows a test starts from) in order on one connection. */
    public static void execute(DataSource database, String... statements) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** A fresh database of this {@link #names() name} that holds what these statements make (tables as an older version made them). */
    public static DataSource freshWith(String name, String... statements) throws SQLException {
        DataSource database = fresh(name);
        execute(database, statements);
        return database;
    }

    /**
     * The change sets Liquibase recorded in DATABASECHANGELOG, by id, with how each was run:
     * "EXECUTED", or "MARK_RAN" (its precondition found the change made already).
     */
    public static Map<String, String> changeSetRuns(DataSource database) throws SQLException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, exectype FROM databasechangelog")) {
            Map<String, String> runs = new TreeMap<>();
            while (rs.next()) {
                runs.put(rs.getString(1), rs.getString(2));
            }
            return runs;
        }
    }
}
