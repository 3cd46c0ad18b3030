package io.yagura.plugin.ciscoips;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A self-signed key pair for 127.0.0.1 made once per test run with the JDK's keytool, as an
 * operator would make or export a sensor's: the server's PKCS#12 key store, the certificate as
 * PEM, and a PKCS#12 trust store with the customary password "changeit".
 */
public final class TestTls {

    static final Path DIR;
    static final Path SERVER_KEYS;
    public static final Path CERT_PEM;
    static final Path TRUST_P12;
    private static final String PASS = "changeit";

    static {
        try {
            DIR = Files.createTempDirectory("sdee-tls");
            SERVER_KEYS = DIR.resolve("sensor.p12");
            CERT_PEM = DIR.resolve("sensor.pem");
            TRUST_P12 = DIR.resolve("trust.p12");
            keytool("-genkeypair", "-alias", "sensor", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                    "-dname", "CN=127.0.0.1, O=Yagura test sensor", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                    "-keystore", SERVER_KEYS.toString(), "-storetype", "PKCS12", "-storepass", PASS, "-keypass", PASS);
            keytool("-exportcert", "-rfc", "-alias", "sensor", "-keystore", SERVER_KEYS.toString(), "-storepass", PASS,
                    "-file", CERT_PEM.toString());
            keytool("-importcert", "-noprompt", "-alias", "sensor", "-file", CERT_PEM.toString(),
                    "-keystore", TRUST_P12.toString(), "-storetype", "PKCS12", "-storepass", PASS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private TestTls() {
    }

    /** The sensor side: serves the self-signed key. */
    static SSLContext serverContext() {
        try (InputStream in = Files.newInputStream(SERVER_KEYS)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, PASS.toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, PASS.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void keytool(String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool " + args[0] + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
