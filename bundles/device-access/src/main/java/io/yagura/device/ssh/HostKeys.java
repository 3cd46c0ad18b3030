package io.yagura.device.ssh;

import java.security.PublicKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;

/** Host key fingerprints in the form operators pin and OpenSSH prints: {@code SHA256:<base64>}. */
public final class HostKeys {

    private HostKeys() {
    }

    public static String fingerprint(PublicKey key) {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
    }
}
