package io.yagura.device.ssh;

import io.yagura.api.plugin.FirewallDriver.Failure;
import io.yagura.api.plugin.FirewallDriver.FirewallException;
import io.yagura.api.plugin.FirewallDriver.Target;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.password.UserAuthPasswordFactory;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ChannelShell;
import org.apache.sshd.client.channel.ChannelSubsystem;
import org.apache.sshd.client.channel.ClientChannel;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;

/**
 * One SSH connection to a device, opened for one driver call. The host key is checked against
 * {@link Target#pinnedFingerprint()} during the key exchange, before any credential leaves
 * Yagura; only password authentication is offered (no keys from the platform user's ~/.ssh, no
 * ~/.ssh/config). Every wait is bounded by {@link Target#timeout()}.
 */
public final class SshConnection implements AutoCloseable {

    private final SshClient client;
    private final ClientSession session;
    private final Duration timeout;
    private final String device;

    private SshConnection(SshClient client, ClientSession session, Duration timeout, String device) {
        this.client = client;
        this.session = session;
        this.timeout = timeout;
        this.device = device;
    }

    /**
     * Connects, checks the host key and logs in.
     *
     * @param defaultPort the port when the endpoint names none (22 for a CLI, 830 for NETCONF)
     * @throws FirewallException UNTRUSTED (with the presented fingerprint), AUTHENTICATION,
     *                           TIMEOUT or UNREACHABLE
     */
    public static SshConnection open(Target target, int defaultPort) throws FirewallException {
        URI endpoint = target.endpoint();
        if (endpoint == null || endpoint.getHost() == null) {
            throw new FirewallException(Failure.UNSUPPORTED, "device " + target.deviceId()
                    + ": the endpoint must name a host, e.g. ssh://192.0.2.1:22", null);
        }
        String host = endpoint.getHost();
        int port = endpoint.getPort() > 0 ? endpoint.getPort() : defaultPort;
        String device = "device " + target.deviceId() + " (" + host + ":" + port + ")";
        Duration timeout = target.timeout();
        PinnedHostKeyVerifier verifier = new PinnedHostKeyVerifier(target.pinnedFingerprint());

        SshClient client = SshClient.setUpDefaultClient();
        client.setServerKeyVerifier(verifier);
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        client.setUserAuthFactories(List.of(UserAuthPasswordFactory.INSTANCE));
        client.start();
        ClientSession session = null;
        try {
            session = client.connect(target.username(), host, port).verify(timeout).getSession();
            char[] password = target.secret().reveal();
            session.addPasswordIdentity(new String(password));
            java.util.Arrays.fill(password, '\0');
            session.auth().verify(timeout);
            return new SshConnection(client, session, timeout, device);
        } catch (IOException | RuntimeException e) {
            closeQuietly(session);
            client.stop();
            throw failure(e, verifier, device, timeout);
        }
    }

    /** Maps what SSHD threw to the driver contract's failure kinds; the message never holds the password. */
    private static FirewallException failure(Exception e, PinnedHostKeyVerifier verifier, String device, Duration timeout) {
        String refused = verifier.refusedFingerprint();
        if (refused != null) {
            return new FirewallException(Failure.UNTRUSTED, device + " presented host key " + refused
                    + ", which is not the pinned key; nothing was sent. Accept it explicitly if it is the device's.",
                    refused, null);
        }
        String text = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (hasCause(e, ConnectException.class)) {
            return new FirewallException(Failure.UNREACHABLE, device + ": connection refused", e);
        }
        if (text.contains("timeout") || text.contains("timed out") || hasCause(e, java.net.SocketTimeoutException.class)) {
            return new FirewallException(Failure.TIMEOUT, device + " did not answer within " + timeout.toSeconds() + " s", e);
        }
        if (text.contains("auth") || text.contains("no more authentication methods")) {
            return new FirewallException(Failure.AUTHENTICATION, device + " refused the login", null);
        }
        return new FirewallException(Failure.UNREACHABLE, device + ": SSH connection failed: " + e.getMessage(), e);
    }

    private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    /** An interactive shell (with a terminal) whose prompts match {@code prompt}. */
    public CliShell shell(Pattern prompt) throws FirewallException {
        ChannelInbox inbox = new ChannelInbox();
        try {
            ChannelShell channel = session.createShellChannel();
            channel.setPtyType("vt100");
            channel.setPtyColumns(511); // wide enough that the device does not wrap long lines
            channel.setOut(inbox);
            channel.setErr(inbox);
            channel.addChannelListener(new ClosingListener(inbox));
            channel.open().verify(timeout);
            return new CliShell(channel, inbox, prompt, timeout, device);
        } catch (IOException | RuntimeException e) {
            throw new FirewallException(Failure.UNREACHABLE, device + ": could not open a shell: " + e.getMessage(), e);
        }
    }

    /** Runs one command and returns its output (stdout and stderr). */
    public String exec(String command) throws FirewallException {
        CliShell.refuseLineBreaks(command);
        ChannelInbox inbox = new ChannelInbox();
        try (ChannelExec channel = session.createExecChannel(command)) {
            channel.setOut(inbox);
            channel.setErr(inbox);
            channel.open().verify(timeout);
            var events = channel.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
            if (events.contains(ClientChannelEvent.TIMEOUT)) {
                throw new FirewallException(Failure.TIMEOUT, device + " did not finish '" + command + "' within "
                        + timeout.toSeconds() + " s", null);
            }
            return inbox.drain();
        } catch (IOException | RuntimeException e) {
            throw new FirewallException(Failure.UNREACHABLE, device + ": '" + command + "' failed: " + e.getMessage(), e);
        }
    }

    /**
     * Opens a subsystem channel ("netconf"); what the device sends is written to {@code receiver},
     * which is closed when the channel closes.
     */
    public SubsystemChannel subsystem(String name, OutputStream receiver) throws FirewallException {
        try {
            ChannelSubsystem channel = session.createSubsystemChannel(name);
            channel.setOut(receiver);
            channel.setErr(OutputStream.nullOutputStream());
            channel.addChannelListener(new ClosingListener(receiver));
            channel.open().verify(timeout);
            return new SubsystemChannel(channel);
        } catch (IOException | RuntimeException e) {
            throw new FirewallException(Failure.UNREACHABLE, device + ": could not open the " + name + " subsystem: "
                    + e.getMessage(), e);
        }
    }

    public Duration timeout() {
        return timeout;
    }

    /** "device fw1 (192.0.2.1:22)", for messages. */
    public String device() {
        return device;
    }

    @Override
    public void close() {
        closeQuietly(session);
        client.stop();
    }

    private static void closeQuietly(ClientSession session) {
        if (session != null) {
            session.close(true);
        }
    }

    /** Tells the reader side that the channel is gone, so it fails at once rather than at its deadline. */
    private record ClosingListener(OutputStream receiver) implements org.apache.sshd.common.channel.ChannelListener {
        @Override
        public void channelClosed(org.apache.sshd.common.channel.Channel channel, Throwable reason) {
            try {
                receiver.close();
            } catch (IOException ignored) {
                // the receiver is an in-memory buffer: closing it cannot fail
            }
        }
    }

    /** A subsystem channel: write requests to it; answers arrive in the receiver given at opening. */
    public static final class SubsystemChannel implements AutoCloseable {
        private final ClientChannel channel;

        private SubsystemChannel(ClientChannel channel) {
            this.channel = channel;
        }

        public void send(String text) throws IOException {
            OutputStream in = channel.getInvertedIn();
            in.write(text.getBytes(StandardCharsets.UTF_8));
            in.flush();
        }

        public boolean isOpen() {
            return channel.isOpen();
        }

        @Override
        public void close() {
            channel.close(true);
        }
    }
}
