package io.yagura.agent.enrol;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * The enrolment exchange: one JSON line each way over TLS. The agent sends its name, the
 * one-time token and the public key it generated (its private key never leaves it); the
 * centre answers with the client certificate it signed and the CA certificate, or an error.
 *
 * <p>A renewal is the same exchange without a token: the agent sends the certificate it holds
 * and signs the request (name, new public key, time) with that certificate's key, which proves
 * it holds it; the centre answers with a certificate for the new key.
 */
public final class Enrolment {

    private Enrolment() {
    }

    /** Longest request or reply line read, so a stranger cannot make either side buffer without end. */
    public static final int MAX_LINE = 16 * 1024;
    private static final String SIGNATURE = "SHA256withECDSA";

    /**
     * @param token       the one-time token (enrolment), or null (renewal)
     * @param certificate base64 DER of the certificate the agent holds (renewal only)
     * @param signature   base64 signature of {@link #renewalPayload} with that certificate's key (renewal only)
     * @param timestamp   when the agent signed, epoch milliseconds (renewal only)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Request(String name, String token, String publicKey, String certificate, String signature,
                          Long timestamp) {

        public static Request enrolment(String name, String token, String publicKey) {
            return new Request(name, token, publicKey, null, null, null);
        }

        public boolean renewal() {
            return (token == null || token.isBlank()) && certificate != null;
        }
    }

    /** {@code certificate} and {@code ca} are base64 DER; {@code error} is set instead when refused. */
    public record Reply(String certificate, String ca, String error) {

        public static Reply refused(String why) {
            return new Reply(null, null, why);
        }
    }

    /** What the centre does with a request (implemented by the centre's agent service). */
    @FunctionalInterface
    public interface Handler {
        Reply enrol(Request request, String peer);
    }

    /** A certificate sent as base64 DER. */
    public static X509Certificate certificate(String base64Der) throws CertificateException {
        if (base64Der == null) {
            throw new CertificateException("no certificate");
        }
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(Base64.getDecoder().decode(base64Der)));
    }

    /** What a renewal's signature covers: a fixed label, the agent's name, the new public key and the time. */
    static byte[] renewalPayload(String name, String publicKey, long timestamp) {
        return ("yagura-agent-renewal\n" + name + "\n" + publicKey + "\n" + timestamp).getBytes(StandardCharsets.UTF_8);
    }

    /** A renewal request for {@code newKey}, signed with the key of {@code currentCertificate} (both base64). */
    public static Request renewal(String name, String newPublicKey, String currentCertificate, PrivateKey currentKey,
                                  long timestamp) throws GeneralSecurityException {
        Signature s = Signature.getInstance(SIGNATURE);
        s.initSign(currentKey);
        s.update(renewalPayload(name, newPublicKey, timestamp));
        return new Request(name, null, newPublicKey, currentCertificate, Base64.getEncoder().encodeToString(s.sign()),
                timestamp);
    }

    /** True when the renewal request is signed by the key of {@code holder} (the certificate it presents). */
    public static boolean signedBy(Request request, PublicKey holder) {
        if (request.signature() == null || request.timestamp() == null || request.publicKey() == null) {
            return false;
        }
        try {
            Signature s = Signature.getInstance(SIGNATURE);
            s.initVerify(holder);
            s.update(renewalPayload(request.name(), request.publicKey(), request.timestamp()));
            return s.verify(Base64.getDecoder().decode(request.signature()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }
}
