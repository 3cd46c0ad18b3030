package io.yagura.itests;

import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The attack stories on PostgreSQL: the distribution is pointed at a real PostgreSQL by its
 * configuration alone (etc/org.ops4j.datasource-yagura.cfg), in a fresh schema. Runs when
 * YAGURA_TEST_POSTGRES_URL names a server (.ci/run starts one); the itests pom leaves it
 * out otherwise.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AttackStoriesPostgresIT extends AttackStoriesIT {

    private static final String CFG = "etc/org.ops4j.datasource-yagura.cfg";

    @Override
    List<Option> database() {
        String url = System.getenv("YAGURA_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            throw new IllegalStateException("YAGURA_TEST_POSTGRES_URL is not set (e.g. jdbc:postgresql://127.0.0.1:5432/"
                    + "yagura?user=yagura&password=yagura); .ci/postgres.sh starts a server and prints it");
        }
        String schema = "it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        // Created from the test driver (its PostgreSQL driver registers with DriverManager).
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create schema " + schema + " on " + url.replaceAll("password=[^&]*",
                    "password=***"), e);
        }
        return List.of(
                editConfigurationFilePut(CFG, "osgi.jdbc.driver.name", "PostgreSQL JDBC Driver"),
                editConfigurationFilePut(CFG, "url", url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema));
    }
}
