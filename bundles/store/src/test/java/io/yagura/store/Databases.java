package io.yagura.store;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The databases the store tests run against: always the embedded H2 (the default), and a
 * real PostgreSQL when YAGURA_TEST_POSTGRES_URL names one (.ci/run starts one), e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/yagura?user=yagura&password=yagura}.
 * Each test gets a fresh database (H2) or a fresh schema (PostgreSQL).
 */
final class Databases {

    private Databases() {
    }

    static Stream<String> names() {
        List<String> names = new ArrayList<>(List.of("h2"));
        if (postgresUrl() != null) {
            names.add("postgresql");
        }
        return names.stream();
    }

    static String postgresUrl() {
        String url = System.getenv("YAGURA_TEST_POSTGRES_URL");
        return url == null || url.isBlank() || url.startsWith("${") ? null : url;
    }

    static DataSource fresh(String name) throws Exception {
        String id = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        if (name.equals("h2")) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL("jdbc:h2:mem:" + id + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
            return h2;
        }
        PGSimpleDataSource pg = new PGSimpleDataSource();
        pg.setURL(postgresUrl());
        try (Connection c = pg.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + id);
        }
        pg.setCurrentSchema(id);
        return pg;
    }
}
