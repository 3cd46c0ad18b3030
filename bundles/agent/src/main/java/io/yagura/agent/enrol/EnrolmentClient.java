package io.yagura.agent.enrol;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.yagura.agent.pki.Fingerprints;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The agent's side of enrolment. It trusts the centre only if the centre's certificate chain is
 * signed by a CA whose SHA-256 fingerprint is the one the operator copied from the centre's
 * console with the token: a different centre (or one in the middle) is refused before the
 * token is sent.
 */
public final class EnrolmentClient {

    /** The certificate the centre issued and the CA that signed it (whose fingerprint was checked). */
    public record Issued(X509Certificate certificate, X509Certificate ca) {
    }

    private static final int TIMEOUT_MS = 15_000;

    private final ObjectMapper json = new ObjectMapper();

    public Issued enrol(String host, int port, String pinnedCa, String name, String token, PublicKey key)
            throws IOException, GeneralSecurityException {
        return exchange(host, port, pinnedCa, Enrolment.Request.enrolment(name, token,
                Base64.getEncoder().encodeToString(key.getEncoded())), key, "enrolment");
    }

    /**
     * A certificate for {@code newKey}, asked with the certificate the agent holds and its key
     * (the centre accepts it only from an enrolled, not revoked agent).
     */
    public Issued renew(String host, int port, String pinnedCa, String name, X509Certificate current,
                        PrivateKey currentKey, PublicKey newKey) throws IOException, GeneralSecurityException {
        Base64.Encoder b64 = Base64.getEncoder();
        Enrolment.Request request = Enrolment.renewal(name, b64.encodeToString(newKey.getEncoded()),
                b64.encodeToString(current.getEncoded()), currentKey, System.currentTimeMillis());
        return exchange(host, port, pinnedCa, request, newKey, "renewal");
    }

    private Issued exchange(String host, int port, String pinnedCa, Enrolment.Request request, PublicKey key,
                            String what) throws IOException, GeneralSecurityException {
        SSLContext tls = SSLContext.getInstance("TLSv1.3");
        tls.init(null, new TrustManager[] {new PinnedCa(pinnedCa)}, new SecureRandom());
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
            socket.setSoTimeout(TIMEOUT_MS);
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write(json.writeValueAsBytes(request));
            out.write('\n');
            out.flush();
            Enrolment.Reply reply = json.readValue(Lines.read(new BufferedInputStream(socket.getInputStream())),
                    Enrolment.Reply.class);
            if (reply.error() != null) {
                throw new IOException("the centre refused the " + what + ": " + reply.error());
            }
            X509Certificate cert = Enrolment.certificate(reply.certificate());
            X509Certificate ca = Enrolment.certificate(reply.ca());
            if (!Fingerprints.same(Fingerprints.sha256(ca), pinnedCa)) {
                throw new CertificateException("the centre answered with a CA other than the pinned one");
            }
            cert.verify(ca.getPublicKey());
            if (!cert.getPublicKey().equals(key)) {
                throw new CertificateException("the centre issued a certificate for another key");
            }
            return new Issued(cert, ca);
        }
    }

    /** Trusts a server chain only when it contains the pinned CA and validates up to it (PKIX, serverAuth). */
    static final class PinnedCa implements X509TrustManager {

        private final String fingerprint;

        PinnedCa(String fingerprint) {
            this.fingerprint = fingerprint;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            X509Certificate ca = null;
            for (X509Certificate c : chain) {
                if (Fingerprints.same(Fingerprints.sha256(c), fingerprint)) {
                    ca = c;
                }
            }
            if (ca == null) {
                throw new CertificateException("the centre's certificate is not signed by the pinned CA "
                        + fingerprint + " (it presented " + chain[0].getSubjectX500Principal() + ")");
            }
            try {
                KeyStore trust = KeyStore.getInstance("PKCS12");
                trust.load(null, null);
                trust.setCertificateEntry("ca", ca);
                TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
                tmf.init(trust);
                ((X509TrustManager) tmf.getTrustManagers()[0]).checkServerTrusted(chain, authType);
            } catch (IOException | GeneralSecurityException e) {
                throw new CertificateException("the centre's chain does not validate up to the pinned CA: "
                        + e.getMessage(), e);
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client side only");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
