package io.yagura.device.http;

import io.yagura.api.plugin.FirewallDriver.Failure;
import io.yagura.api.plugin.FirewallDriver.FirewallException;
import io.yagura.api.plugin.FirewallDriver.Target;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Decides whether a device's TLS certificate is trusted, and remembers the certificate it saw, so
 * that a refused device can be reported with the fingerprint an operator may pin.
 *
 * <ul>
 *   <li>a pinned fingerprint: the leaf certificate must have it; nothing else is checked (device
 *       certificates are mostly self-signed, often expired, and name no host), so the host name
 *       check is off;</li>
 *   <li>else a trust store: the chain must lead to one of its certificates and the host name (or
 *       IP address) of the endpoint must be in the certificate, as for any HTTPS server;</li>
 *   <li>neither: every certificate is refused.</li>
 * </ul>
 * The check runs inside the TLS handshake, so a refused device never receives a request.
 */
final class DeviceTrust extends X509ExtendedTrustManager {

    private static final String CUSTOMARY_PASSWORD = "changeit";

    private final String pinned;
    private final X509ExtendedTrustManager trustStore;
    private volatile String presented;
    private volatile boolean refused;

    private DeviceTrust(String pinned, X509ExtendedTrustManager trustStore) {
        this.pinned = pinned;
        this.trustStore = trustStore;
    }

    /**
     * The trust of one target.
     *
     * @param etc the directory a relative trust store path is read from (Karaf's etc/)
     * @throws FirewallException UNTRUSTED when the trust store cannot be read
     */
    static DeviceTrust of(Target target, Path etc) throws FirewallException {
        String pin = target.pinnedFingerprint();
        if (pin != null && !pin.isBlank()) {
            return new DeviceTrust(pin.trim(), null);
        }
        if (target.trustStore() == null || target.trustStore().isBlank()) {
            return new DeviceTrust(null, null);
        }
        return new DeviceTrust(null, loadTrustStore(target, etc.resolve(target.trustStore().trim())));
    }

    SSLContext sslContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {this}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS", e);
        }
    }

    /** The fingerprint of the leaf certificate the device presented in the last handshake, or null. */
    String presentedFingerprint() {
        return presented;
    }

    /** Whether the last handshake failed because the certificate was not trusted. */
    boolean refused() {
        return refused;
    }

    /** What an operator is told about a refused certificate. */
    String refusal() {
        if (pinned != null) {
            return "its TLS certificate " + presented + " is not the pinned one (" + pinned + ")";
        }
        if (trustStore != null) {
            return "its TLS certificate " + presented + " is not trusted by the trust store"
                    + " (or does not name the endpoint's host)";
        }
        return "its TLS certificate " + presented + " is not accepted yet (no pinned fingerprint, no trust store)";
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        check(chain, () -> trustStore.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        check(chain, () -> trustStore.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        check(chain, () -> trustStore.checkServerTrusted(chain, authType));
    }

    private interface StoreCheck {
        void run() throws CertificateException;
    }

    private void check(X509Certificate[] chain, StoreCheck storeCheck) throws CertificateException {
        if (chain == null || chain.length == 0) {
            refused = true;
            throw new CertificateException("the device presented no certificate");
        }
        presented = CertificateFingerprints.of(chain[0]);
        if (pinned != null) {
            if (!CertificateFingerprints.matches(pinned, presented)) {
                refused = true;
                throw new CertificateException("certificate " + presented + " is not the pinned one");
            }
            return;
        }
        if (trustStore == null) {
            refused = true;
            throw new CertificateException("certificate " + presented + " is not accepted yet");
        }
        try {
            storeCheck.run();
        } catch (CertificateException e) {
            refused = true;
            throw e;
        }
    }

    // Yagura is the client only
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("device connections are client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("device connections are client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("device connections are client only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
    }

    /**
     * Reads a PKCS#12 or JKS trust store. Trust stores hold only public certificates, and the
     * target carries no trust store password: JKS and unencrypted PKCS#12 stores are read without
     * one; a PKCS#12 store whose certificates are encrypted (keytool's default) is read with the
     * JDK's customary {@value #CUSTOMARY_PASSWORD}.
     */
    private static X509ExtendedTrustManager loadTrustStore(Target target, Path file) throws FirewallException {
        if (!Files.isRegularFile(file)) {
            throw new FirewallException(Failure.UNTRUSTED, "device " + target.deviceId() + ": trust store " + file
                    + " does not exist", null);
        }
        try {
            KeyStore store = KeyStore.getInstance(file.toFile(), (char[]) null);
            if (store.size() == 0) {
                store = KeyStore.getInstance(file.toFile(), CUSTOMARY_PASSWORD.toCharArray());
            }
            if (store.size() == 0) {
                throw new FirewallException(Failure.UNTRUSTED, "device " + target.deviceId() + ": trust store "
                        + file + " holds no certificate", null);
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the JDK's trust manager factory gave no X.509 trust manager");
        } catch (IOException | GeneralSecurityException e) {
            throw new FirewallException(Failure.UNTRUSTED, "device " + target.deviceId() + ": trust store " + file
                    + " cannot be read (JKS, or PKCS#12 without a password or with password "
                    + CUSTOMARY_PASSWORD + "): " + e.getMessage(), e);
        }
    }
}
