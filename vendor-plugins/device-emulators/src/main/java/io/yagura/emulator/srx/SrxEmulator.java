package io.yagura.emulator.srx;

import io.yagura.emulator.ssh.EmulatedSshServer;
import io.yagura.emulator.ssh.Faults;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.server.subsystem.SubsystemFactory;
import org.w3c.dom.Element;

/**
 * An SSH server with the "netconf" subsystem answering like a Juniper SRX: hello with base:1.0
 * and (unless told otherwise) base:1.1, lock/unlock of the candidate, edit-config and Junos
 * load-configuration, commit and commit-configuration with confirmed/confirm-timeout (rolled back
 * when the confirm does not come, or at once when the committing session ends), discard-changes,
 * get-config and get-configuration, rpc-error answers. Its running configuration starts with the
 * customer's one-time setup: address-set YAGURA-BLOCK (with a placeholder) in the global address
 * book and a global deny policy for it.
 */
public final class SrxEmulator implements AutoCloseable {

    private final Faults faults = new Faults();
    private final EmulatedSshServer server;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "srx-emulator-confirm-timer");
        t.setDaemon(true);
        return t;
    });
    final boolean offersBase11;
    private Element running = JunosConfig.parse(JunosConfig.INITIAL);
    private Element candidate = JunosConfig.copy(running);
    private Object lockHolder;
    private Element beforeConfirmed;
    private Object confirmedBy;
    private ScheduledFuture<?> rollback;

    private SrxEmulator(String username, String password, boolean offersBase11) {
        this.offersBase11 = offersBase11;
        SubsystemFactory netconf = new SubsystemFactory() {
            @Override
            public String getName() {
                return "netconf";
            }

            @Override
            public org.apache.sshd.server.command.Command createSubsystem(org.apache.sshd.server.channel.ChannelSession channel) {
                return new NetconfSession(SrxEmulator.this);
            }
        };
        server = EmulatedSshServer.start(username, password, faults, null, List.of(netconf));
    }

    /** An SRX offering NETCONF 1.0 and 1.1 (chunked framing). */
    public static SrxEmulator start(String username, String password) {
        return new SrxEmulator(username, password, true);
    }

    /** An SRX that speaks NETCONF 1.0 only (end-of-message framing). */
    public static SrxEmulator startBase10Only(String username, String password) {
        return new SrxEmulator(username, password, false);
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

    /** The committed configuration as XML. */
    public synchronized String runningConfig() {
        return JunosConfig.text(running);
    }

    /** Address name → ip-prefix of every address in the running configuration's address books. */
    public synchronized Map<String, String> addresses() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Element a : JunosConfig.all(running, "address")) {
            if (((Element) a.getParentNode()).getLocalName().equals("address-book")) {
                out.put(NetconfSession.child(a, "name"), NetconfSession.child(a, "ip-prefix"));
            }
        }
        return out;
    }

    /** Member names of the running configuration's address-set {@code name}. */
    public synchronized List<String> addressSetMembers(String name) {
        return JunosConfig.all(running, "address-set").stream().filter(s -> name.equals(NetconfSession.child(s, "name")))
                .flatMap(s -> JunosConfig.children(s).stream().filter(c -> c.getLocalName().equals("address")))
                .map(c -> NetconfSession.child(c, "name")).toList();
    }

    /** True while a confirmed commit waits for its confirmation. */
    public synchronized boolean awaitingConfirmation() {
        return rollback != null;
    }

    // ---- operations of the sessions (one lock: the device's) ----

    synchronized String lock(Object session) {
        if (lockHolder != null && lockHolder != session) {
            return "configuration database locked by another session";
        }
        lockHolder = session;
        return null;
    }

    synchronized void unlock(Object session) {
        if (lockHolder == session) {
            lockHolder = null;
        }
    }

    synchronized String edit(Object session, Element configuration) {
        if (lockHolder != null && lockHolder != session) {
            return "configuration database locked by another session";
        }
        Element trial = JunosConfig.copy(candidate);
        try {
            JunosConfig.merge(trial, configuration);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        candidate = trial;
        return null;
    }

    synchronized String commit(Object session, Duration confirmTimeout) {
        String problem = JunosConfig.check(candidate);
        if (problem != null) {
            return "configuration check-out failed: " + problem;
        }
        if (confirmTimeout == null) {
            cancelRollback();
        } else {
            if (rollback == null) {
                beforeConfirmed = JunosConfig.copy(running);
            } else {
                rollback.cancel(false);
            }
            confirmedBy = session;
            rollback = timer.schedule(this::rollBack, confirmTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        running = JunosConfig.copy(candidate);
        return null;
    }

    private void cancelRollback() {
        if (rollback != null) {
            rollback.cancel(false);
        }
        rollback = null;
        beforeConfirmed = null;
        confirmedBy = null;
    }

    synchronized void rollBack() {
        if (beforeConfirmed != null) {
            running = beforeConfirmed;
            candidate = JunosConfig.copy(running);
        }
        cancelRollback();
    }

    synchronized void discard() {
        candidate = JunosConfig.copy(running);
    }

    synchronized String config(boolean candidateSource) {
        return JunosConfig.text(candidateSource ? candidate : running);
    }

    /** RFC 6241: a session that ends drops its lock and uncommitted changes, and rolls back its unconfirmed commit. */
    synchronized void sessionEnded(Object session) {
        if (confirmedBy == session) {
            rollBack();
        }
        if (lockHolder == session) {
            lockHolder = null;
            discard();
        }
    }

    @Override
    public void close() throws IOException {
        timer.shutdownNow();
        server.close();
    }
}
