package io.yagura.plugin.ciscoips;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Collections;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The TLS trust of a device endpoint: the certificates of its trust store (the sensor's own
 * self-signed certificate, or the CA that signed it), else the JVM's default trust. A trust store
 * is a PEM file of certificates ({@code .pem}, {@code .crt}, {@code .cer}), or a PKCS#12 or JKS
 * store readable without a password or with the JDK's customary "changeit" (a trust store holds
 * no secret; its password only guards its integrity). Relative paths are under Karaf's etc/.
 */
final class TrustStores {

    private static final char[][] PASSWORDS = {null, "changeit".toCharArray()};

    private TrustStores() {
    }

    /** The trust store file, or null for the JVM default. */
    static Path path(String trustStore) {
        if (trustStore == null || trustStore.isBlank()) {
            return null;
        }
        Path p = Paths.get(trustStore.trim());
        return p.isAbsolute() ? p : Paths.get(System.getProperty("karaf.etc", "etc")).resolve(p);
    }

    /** The file's modification time, to notice a replaced trust store; 0 when none or unreadable. */
    static long stamp(Path file) {
        try {
            return file == null ? 0 : Files.getLastModifiedTime(file).toMillis() ^ Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    /**
     * A TLS context trusting what the file holds (the JVM default when {@code file} is null).
     *
     * @throws GeneralSecurityException, IOException with a message naming the file, never a password
     */
    static SSLContext context(Path file) throws GeneralSecurityException, IOException {
        if (file == null) {
            return SSLContext.getDefault();
        }
        KeyStore trusted = load(file);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }

    static KeyStore load(Path file) throws GeneralSecurityException, IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("trust store " + file + " does not exist");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer")) {
            Collection<? extends Certificate> certificates;
            try (InputStream in = Files.newInputStream(file)) {
                certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate c : certificates) {
                store.setCertificateEntry("cert-" + i++, c);
            }
            if (i == 0) {
                throw new IOException("trust store " + file + " holds no PEM certificate");
            }
            return store;
        }
        Exception last = null;
        for (char[] password : PASSWORDS) {
            try {
                KeyStore store = KeyStore.getInstance(file.toFile(), password);
                if (holdsCertificates(store)) {
                    return store;
                }
            } catch (IOException | GeneralSecurityException e) {
                last = e;
            }
        }
        throw new IOException("trust store " + file + " holds no certificate readable without a password or with 'changeit'"
                + " (export the sensor's certificate as PEM instead)" + (last == null ? "" : ": " + last.getMessage()));
    }

    private static boolean holdsCertificates(KeyStore store) throws GeneralSecurityException {
        for (String alias : Collections.list(store.aliases())) {
            if (store.isCertificateEntry(alias) || store.getCertificate(alias) != null) {
                return true;
            }
        }
        return false;
    }
}
