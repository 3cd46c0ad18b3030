package io.yagura.emulator.asa;

import io.yagura.emulator.ssh.EmulatedSshServer;
import io.yagura.emulator.ssh.Faults;
import java.io.IOException;
import java.util.List;

/**
 * An SSH server that answers like a Cisco ASA CLI, enough for the emergency-block driver: enable,
 * configure terminal, network objects and object-groups, access-list, shun, show running-config,
 * show access-list, write memory, and ASA's {@code ERROR: % Invalid input detected at '^' marker.}
 * for anything else. Tests read its configuration back ({@link #runningConfig()}).
 */
public final class AsaEmulator implements AutoCloseable {

    private final AsaConfig config = new AsaConfig();
    private final Faults faults = new Faults();
    private final EmulatedSshServer server;
    private volatile String saved = "";

    private AsaEmulator(String username, String password, String enablePassword) {
        server = EmulatedSshServer.start(username, password, faults,
                channel -> new AsaShell(this, enablePassword), List.of());
    }

    /** Starts an ASA whose login is {@code username}/{@code password} and enable password {@code enablePassword}. */
    public static AsaEmulator start(String username, String password, String enablePassword) {
        return new AsaEmulator(username, password, enablePassword);
    }

    /**
     * The customer's one-time setup: an object-group (with a placeholder host, since an ASA ACL
     * cannot reference an empty group) referenced by a deny line of the customer's ACL.
     */
    public AsaEmulator withBlockGroup(String group, String acl) {
        synchronized (config) {
            config.groups.computeIfAbsent(group, g -> new java.util.ArrayList<>()).add("network-object host 192.0.2.255");
            config.accessLists.add("access-list " + acl + " line 1 extended deny ip object-group " + group + " any");
        }
        return this;
    }

    public int port() {
        return server.port();
    }

    public String fingerprint() {
        return server.fingerprint();
    }

    public Faults faults() {
        return faults;
    }

    /** {@code show running-config} as the device would print it. */
    public String runningConfig() {
        synchronized (config) {
            return config.running();
        }
    }

    /** The configuration saved by the last {@code write memory} (empty before any). */
    public String savedConfig() {
        return saved;
    }

    /** Addresses currently shunned. */
    public List<String> shuns() {
        synchronized (config) {
            return List.copyOf(config.shuns);
        }
    }

    AsaConfig config() {
        return config;
    }

    void save() {
        saved = runningConfig();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
