package io.yagura.agent.pki;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.util.Base64;

/**
 * Key stores and their passwords in one directory, readable by the owner only: the password of
 * {@code x.p12} is a random string in a file beside it (Artemis reads key stores by path and
 * password, so the password must exist somewhere outside the code; there it is no more exposed
 * than the key store itself).
 */
public final class KeyFiles {

    private final Path dir;

    public KeyFiles(Path dir) throws IOException {
        this.dir = dir;
        Files.createDirectories(dir);
        try {
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the directory's ACL is the operator's business
        }
    }

    public Path dir() {
        return dir;
    }

    /** The password kept in {@code file}, made the first time it is asked for. */
    public char[] password(String file) throws IOException {
        Path p = dir.resolve(file);
        if (!Files.exists(p)) {
            byte[] raw = new byte[24];
            new SecureRandom().nextBytes(raw);
            writePrivate(p, Base64.getUrlEncoder().withoutPadding().encodeToString(raw).getBytes(StandardCharsets.US_ASCII));
        }
        return Files.readString(p, StandardCharsets.US_ASCII).trim().toCharArray();
    }

    public static KeyStore load(Path store, char[] password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, password);
        }
        return ks;
    }

    public static void save(KeyStore ks, Path store, char[] password) throws IOException, GeneralSecurityException {
        Path tmp = store.resolveSibling(store.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            ks.store(out, password);
        }
        restrict(tmp);
        Files.move(tmp, store, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** A trust store holding only {@code ca}. */
    public static void saveTrust(Certificate ca, Path store, char[] password) throws IOException, GeneralSecurityException {
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("ca", ca);
        save(ts, store, password);
    }

    public static void writePrivate(Path file, byte[] content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.write(tmp, content);
        restrict(tmp);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // see the constructor
        }
    }
}
