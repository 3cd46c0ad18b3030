package io.yagura.portal.tls;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The portal's TLS key pair: a self-signed RSA 3072 certificate made by the JDK's keytool at
 * first start (an operator replaces the PKCS#12 file with one signed by its CA, same password),
 * and its password kept beside it, readable by the owner only.
 * (bundles/ingest has the same keytool call for syslog TLS: one shared helper would be better.)
 */
public final class PortalKeyStore {

    public static final String ALIAS = "yagura-portal";

    /** Where the key store is and its password. */
    public record Location(Path file, String password) {
    }

    private PortalKeyStore() {
    }

    /** The key store at {@code file}, made now when missing. */
    public static Location ensure(Path file, String hostName) throws IOException {
        Path passwordFile = file.resolveSibling(file.getFileName() + ".password");
        if (Files.isRegularFile(file) && Files.isRegularFile(passwordFile)) {
            return new Location(file, Files.readString(passwordFile, StandardCharsets.UTF_8).trim());
        }
        Files.createDirectories(file.getParent());
        String password = io.yagura.portal.account.Secrets.token();
        Files.deleteIfExists(file);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> cmd = List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize",
                "3072", "-validity", "3650", "-dname", "CN=" + hostName + ", O=Yagura portal",
                "-ext", "SAN=dns:" + hostName + ",dns:localhost,ip:127.0.0.1", "-storetype", "PKCS12",
                "-keystore", file.toString(), "-storepass:env", "YAGURA_PORTAL_KS");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("YAGURA_PORTAL_KS", password); // never on the command line (ps shows it)
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException("keytool could not make the portal's key pair: " + output.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while keytool made the portal's key pair", e);
        }
        Files.writeString(passwordFile, password, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system (Windows): its ACLs apply
        }
        return new Location(file, password);
    }
}
