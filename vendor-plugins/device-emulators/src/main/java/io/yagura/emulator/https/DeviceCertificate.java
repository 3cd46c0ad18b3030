package io.yagura.emulator.https;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** A device's self-signed key pair, made by the JDK's {@code keytool} as an administrator would. */
final class DeviceCertificate {

    static final String ALIAS = "device";
    static final char[] PASSWORD = "emulator".toCharArray();

    /** One key pair per device name and JVM: keytool starts a JVM, and tests start many emulators. */
    private static final Map<String, KeyStore> MADE = new ConcurrentHashMap<>();

    private DeviceCertificate() {
    }

    /** The key pair of devices named {@code commonName}, made once per JVM. */
    static synchronized KeyStore of(String commonName) throws IOException {
        KeyStore made = MADE.get(commonName);
        if (made == null) {
            made = create(commonName);
            MADE.put(commonName, made);
        }
        return made;
    }

    /** A new EC key pair and certificate naming 127.0.0.1, ::1 and localhost, in a PKCS#12 key store. */
    static KeyStore create(String commonName) throws IOException {
        Path dir = Files.createTempDirectory("yagura-emulator-tls");
        Path file = dir.resolve("device.p12");
        try {
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process process = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", ALIAS,
                    "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + commonName,
                    "-ext", "SAN=ip:127.0.0.1,ip:0:0:0:0:0:0:0:1,dns:localhost", "-validity", "30",
                    "-storetype", "PKCS12", "-keystore", file.toString(),
                    "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new IOException("keytool could not make the emulator's key pair: " + output);
            }
            return KeyStore.getInstance(file.toFile(), PASSWORD);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool made the emulator's key pair", e);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the key pair keytool made", e);
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    static Path writeTrustStore(X509Certificate certificate, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            KeyStore store = KeyStore.getInstance("JKS");
            store.load(null, null);
            store.setCertificateEntry(ALIAS, certificate);
            store.store(out, "changeit".toCharArray());
            return file;
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot write a trust store", e);
        }
    }
}
