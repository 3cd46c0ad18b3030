package io.yagura.device.ssh;

import java.net.SocketAddress;
import java.security.PublicKey;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;

/**
 * Accepts only the pinned host key. Refusing here ends the key exchange, so the password is never
 * sent to a device that is not the one the operator accepted; the presented fingerprint is kept
 * for the UNTRUSTED error, from which an operator may accept it explicitly.
 */
final class PinnedHostKeyVerifier implements ServerKeyVerifier {

    private final String pinned;
    private volatile String refused;

    PinnedHostKeyVerifier(String pinnedFingerprint) {
        this.pinned = pinnedFingerprint == null ? null : pinnedFingerprint.trim();
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
        String presented = HostKeys.fingerprint(serverKey);
        if (presented.equals(pinned)) {
            return true;
        }
        refused = presented;
        return false;
    }

    /** The fingerprint of a key that was refused, or null. */
    String refusedFingerprint() {
        return refused;
    }
}
