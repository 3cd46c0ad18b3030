package io.yagura.portal.tls;

import io.yagura.format.tls.SelfSignedKeyStore;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The portal's TLS key pair: a self-signed certificate made at first start (an operator replaces
 * the PKCS#12 file with one signed by its CA, same alias and password), its password kept beside
 * it, readable by the owner only ({@link SelfSignedKeyStore}, shared with the syslog TLS listener).
 */
public final class PortalKeyStore {

    public static final String ALIAS = "yagura-portal";

    private PortalKeyStore() {
    }

    /** The key store at {@code file}, made now when missing. */
    public static SelfSignedKeyStore.Location ensure(Path file, String hostName) throws IOException {
        return SelfSignedKeyStore.ensure(file, ALIAS, "Yagura portal", hostName);
    }
}
