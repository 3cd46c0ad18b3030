package io.yagura.format.tls;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed key pair for a TLS server of the platform when the operator configured none:
 * made once with the JDK's keytool (always present where Karaf runs; no crypto library needed),
 * a PKCS#12 file with a random password kept beside it ({@code <file>.password}), both readable
 * by the owner only, and reused on later starts. An operator replaces the file with one signed
 * by their CA (same alias and password) or configures their own key store.
 */
public final class SelfSignedKeyStore {

    /** Where the key store is, and its password. */
    public record Location(Path file, String password) {
    }

    private SelfSignedKeyStore() {
    }

    /**
     * The key store at {@code file}, made now when it or its password file is missing.
     *
     * @param alias        the key entry's alias
     * @param organisation the certificate's O= (e.g. "Yagura SOC")
     * @param hostName     the certificate's CN and first DNS name (localhost and 127.0.0.1 are added)
     */
    public static Location ensure(Path file, String alias, String organisation, String hostName) throws IOException {
        Path passwordFile = file.resolveSibling(file.getFileName() + ".password");
        if (Files.isRegularFile(file) && Files.isRegularFile(passwordFile)) {
            return new Location(file, Files.readString(passwordFile, StandardCharsets.UTF_8).trim());
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file); // a store without its password file cannot be opened
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> cmd = List.of(keytool.toString(), "-genkeypair", "-alias", alias,
                "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-validity", "825", "-dname", "CN=" + hostName + ", O=" + organisation,
                "-ext", "SAN=dns:" + hostName + ",dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass:env", "YAGURA_KS_PASS", "-keypass:env", "YAGURA_KS_PASS");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("YAGURA_KS_PASS", password); // never on a command line (ps shows those)
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("keytool could not make the key pair " + file + ": " + output.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool made the key pair " + file, e);
        }
        Files.writeString(passwordFile, password, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // not a POSIX file system: its own access rules apply
        }
        return new Location(file, password);
    }

    /** This host's name for the certificate, "localhost" when it has none. */
    public static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
