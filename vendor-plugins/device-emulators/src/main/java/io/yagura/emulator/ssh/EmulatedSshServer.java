package io.yagura.emulator.ssh;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.util.List;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.shell.ShellFactory;
import org.apache.sshd.server.subsystem.SubsystemFactory;

/**
 * A real SSH server on 127.0.0.1 (a free port) for one emulated device: password login for one
 * account, a host key generated for this instance (its fingerprint is what a test pins), and the
 * device's shell or subsystem. Logins are refused on demand through {@link #faults()}.
 */
public final class EmulatedSshServer implements AutoCloseable {

    private final SshServer server;
    private final KeyPair hostKey;
    private final Faults faults;

    private EmulatedSshServer(SshServer server, KeyPair hostKey, Faults faults) {
        this.server = server;
        this.hostKey = hostKey;
        this.faults = faults;
    }

    /**
     * Starts a server answering with {@code shell} (may be null) and {@code subsystems}.
     */
    public static EmulatedSshServer start(String username, String password, Faults faults, ShellFactory shell,
                                          List<SubsystemFactory> subsystems) {
        try {
            KeyPair hostKey = KeyUtils.generateKeyPair(KeyPairProvider.ECDSA_SHA2_NISTP256, 256);
            SshServer server = SshServer.setUpDefaultServer();
            server.setHost("127.0.0.1");
            server.setPort(0);
            server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
            server.setPasswordAuthenticator((user, given, session) -> {
                faults.countPasswordAttempt();
                return !faults.refusesLogins() && username.equals(user) && password.equals(given);
            });
            if (shell != null) {
                server.setShellFactory(shell);
            }
            server.setSubsystemFactories(subsystems);
            server.start();
            return new EmulatedSshServer(server, hostKey, faults);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate the emulator's host key", e);
        }
    }

    public int port() {
        return server.getPort();
    }

    /** The host key fingerprint as OpenSSH prints it ({@code SHA256:<base64>}). */
    public String fingerprint() {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, hostKey.getPublic());
    }

    public Faults faults() {
        return faults;
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
    }
}
