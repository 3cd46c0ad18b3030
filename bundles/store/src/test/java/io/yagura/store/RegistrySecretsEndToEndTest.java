package io.yagura.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.registry.Device;
import io.yagura.api.registry.ManagementEndpoint;
import io.yagura.api.registry.RegistryException;
import io.yagura.api.registry.Secret;
import io.yagura.registry.DeviceRegistryService;
import io.yagura.testing.TestDatabases;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The registry service on the database with the real cipher: a secret onboarded from a file is
 * sealed at rest, exported only sealed, imported back where the key is the same and refused
 * where it is not; nothing logged on the way, nor any error, holds the secret.
 */
class RegistrySecretsEndToEndTest {

    private static final String CLEAR = "hunter2-Cl3ar-secret";

    @TempDir
    Path dir;

    static Stream<String> databases() {
        return TestDatabases.names();
    }

    private static final String ONBOARDING = """
            customers:
              - {id: acme, name: ACME Corp, networks: [10.0.0.0/8]}
            devices:
              - id: acme-ips1
                customer: acme
                vendor: cisco-ips
                product: IPS 4345
                productVersion: "7.3"
                timeZone: Asia/Tokyo
                addresses: [192.0.2.20]
                management:
                  url: https://192.0.2.20/cgi-bin/sdee-server
                  username: yagura
                  secret: %s
                  pollSeconds: 60
                  trustStore: yagura/ips-ca.p12
            """.formatted(CLEAR);

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aSecretIsSealedAtRestAndInExportsAndNeverLogged(String db) throws Exception {
        List<String> errors = new ArrayList<>();
        String log;
        try (LogCapture capture = new LogCapture()) {
            Path keyFile = dir.resolve("etc/yagura-secret.key");
            DataSource ds = TestDatabases.fresh(db);
            DeviceRegistryService registry = new DeviceRegistryService(
                    new JdbcRegistryRepository(ds, new SecretKeys(null, keyFile)));
            Path onboarding = dir.resolve("onboarding.yaml");
            Files.writeString(onboarding, ONBOARDING);
            registry.importFile(onboarding);
            assertTrue(Files.exists(keyFile), "the key file is made for the first secret");

            try (Connection c = ds.getConnection(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT mgmt_secret, mgmt_username FROM device")) {
                assertTrue(rs.next());
                assertFalse(rs.getString(1).contains(CLEAR), "sealed at rest");
                assertEquals("yagura", rs.getString(2));
            }

            Path export = dir.resolve("export.yaml");
            registry.exportFile(export);
            String exported = Files.readString(export);
            assertFalse(exported.contains(CLEAR), "no clear secret in the export:\n" + exported);
            assertTrue(exported.contains("secret:\n      sealed: "), exported);
            assertTrue(exported.contains("productVersion: \"7.3\"") || exported.contains("productVersion: 7.3"),
                    exported);

            // another installation with a copy of the key file: the same registry, secret included
            Path copiedKey = dir.resolve("other/yagura-secret.key");
            Files.createDirectories(copiedKey.getParent());
            Files.copy(keyFile, copiedKey);
            DeviceRegistryService sameKey = new DeviceRegistryService(
                    new JdbcRegistryRepository(TestDatabases.fresh(db), new SecretKeys(null, copiedKey)));
            sameKey.importFile(export);
            Device original = registry.device("acme-ips1").orElseThrow();
            assertEquals(original, sameKey.device("acme-ips1").orElseThrow(), "every field");
            assertEquals(CLEAR, new String(sameKey.device("acme-ips1").orElseThrow().management().secret().reveal()));

            // one with its own key refuses the file, naming the device and its line; nothing imported
            DeviceRegistryService otherKey = new DeviceRegistryService(new JdbcRegistryRepository(TestDatabases.fresh(db),
                    new SecretKeys(null, dir.resolve("third/yagura-secret.key"))));
            RegistryException e = assertThrows(RegistryException.class, () -> otherKey.importFile(export));
            errors.add(e.getMessage());
            assertTrue(e.getMessage().contains("(devices[0].management.secret): device 'acme-ips1': its secret was "
                    + "sealed with key "), e.getMessage());
            assertTrue(otherKey.devices().isEmpty());

            // refused changes say why without the secret
            ManagementEndpoint ftp = new ManagementEndpoint("ftp://192.0.2.20", "yagura", Secret.of(CLEAR), null, null);
            errors.add(assertThrows(RegistryException.class, () -> registry.putDevice(original.withManagement(ftp)))
                    .getMessage());
            log = capture.text();
        }
        for (String m : errors) {
            assertFalse(m.contains(CLEAR), "error quotes the secret: " + m);
        }
        assertTrue(log.contains("Created "), "the capture sees the store's log:\n" + log);
        assertFalse(log.contains(CLEAR), "the log holds the secret:\n" + log);
    }
}
