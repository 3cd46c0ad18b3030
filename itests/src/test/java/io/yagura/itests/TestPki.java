package io.yagura.itests;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small CA and a client certificate made with the JDK's keytool (in the test driver
 * JVM): the trust store a SOC configures for its TLS listener, and the key store a device
 * presents.
 */
final class TestPki {

    static final String PASSWORD = "itest-pki";

    final Path trustStore;
    final Path clientKeyStore;

    TestPki(Path dir) throws Exception {
        Files.createDirectories(dir);
        for (String f : new String[] {"ca.p12", "client.p12", "trust.p12", "client.csr", "client.cer", "ca.cer"}) {
            Files.deleteIfExists(dir.resolve(f));
        }
        String ca = dir.resolve("ca.p12").toString();
        String client = dir.resolve("client.p12").toString();
        String trust = dir.resolve("trust.p12").toString();
        keytool("-genkeypair", "-alias", "ca", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=Itest SOC CA",
                "-ext", "bc:c", "-validity", "2", "-storetype", "PKCS12", "-keystore", ca, "-storepass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", "ca", "-keystore", ca, "-storepass", PASSWORD,
                "-file", dir.resolve("ca.cer").toString());
        keytool("-genkeypair", "-alias", "client", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=fw1.customer.example", "-validity", "2", "-storetype", "PKCS12", "-keystore", client,
                "-storepass", PASSWORD);
        keytool("-certreq", "-alias", "client", "-keystore", client, "-storepass", PASSWORD,
                "-file", dir.resolve("client.csr").toString());
        keytool("-gencert", "-rfc", "-alias", "ca", "-keystore", ca, "-storepass", PASSWORD,
                "-infile", dir.resolve("client.csr").toString(), "-outfile", dir.resolve("client.cer").toString());
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", dir.resolve("ca.cer").toString(),
                "-keystore", client, "-storepass", PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", "client", "-file", dir.resolve("client.cer").toString(),
                "-keystore", client, "-storepass", PASSWORD);
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", dir.resolve("ca.cer").toString(),
                "-storetype", "PKCS12", "-keystore", trust, "-storepass", PASSWORD);
        trustStore = Path.of(trust);
        clientKeyStore = Path.of(client);
    }

    private static void keytool(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("keytool " + String.join(" ", args) + " failed: " + out);
        }
    }
}
