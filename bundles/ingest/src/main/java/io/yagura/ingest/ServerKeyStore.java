package io.yagura.ingest;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS listener's key pair when the operator configured none: generated once with the
 * JDK's keytool (always present where Karaf runs), kept under data/yagura/tls/ with a
 * random password readable only by the owner, and reused on later starts.
 */
final class ServerKeyStore {

    private static final Logger LOG = LoggerFactory.getLogger(ServerKeyStore.class);

    record Location(Path keyStore, String password) {
    }

    private ServerKeyStore() {
    }

    static Location ensure(Path dir) throws IOException {
        Path store = dir.resolve("server.p12");
        Path passwordFile = dir.resolve("server.p12.password");
        if (Files.exists(store) && Files.exists(passwordFile)) {
            return new Location(store, Files.readString(passwordFile, StandardCharsets.UTF_8).trim());
        }
        Files.createDirectories(dir);
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String host = hostName();
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> cmd = List.of(keytool.toString(), "-genkeypair", "-alias", "yagura-syslog",
                "-keyalg", "EC", "-groupname", "secp256r1", "-sigalg", "SHA256withECDSA",
                "-validity", "825", "-dname", "CN=" + host + ", O=Yagura SOC",
                "-ext", "SAN=dns:" + host + ",dns:localhost,ip:127.0.0.1",
                "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass:env", "YAGURA_KS_PASS", "-keypass:env", "YAGURA_KS_PASS");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("YAGURA_KS_PASS", password); // never on a command line
        Process p = pb.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("keytool could not generate the TLS key pair: " + output.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while generating the TLS key pair", e);
        }
        Files.writeString(passwordFile, password, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
            Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            LOG.warn("Cannot restrict permissions of {} on this file system", passwordFile);
        }
        LOG.info("Generated a self-signed TLS key pair for the syslog TLS listener in {} (CN={}). "
                + "Configure tls.keystore in etc/io.yagura.ingest.cfg to use your own.", store, host);
        return new Location(store, password);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
