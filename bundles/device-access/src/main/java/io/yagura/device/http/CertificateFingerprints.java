package io.yagura.device.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Base64;

/**
 * TLS certificate fingerprints in the form operators pin: {@code SHA256:<base64>} of the SHA-256
 * of the DER certificate, without '=' padding, as OpenSSH prints host keys (so one notation serves
 * SSH and HTTPS devices). A pinned value written with padding matches too.
 */
public final class CertificateFingerprints {

    private static final String PREFIX = "SHA256:";

    private CertificateFingerprints() {
    }

    public static String of(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return PREFIX + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            // SHA-256 is mandatory in every JDK and a certificate that arrived in a handshake encodes
            throw new IllegalStateException("cannot fingerprint a certificate", e);
        }
    }

    /** Whether {@code pinned} (as configured, padding or not) names {@code presented}. */
    public static boolean matches(String pinned, String presented) {
        return pinned != null && presented != null && strip(pinned).equals(strip(presented));
    }

    private static String strip(String fingerprint) {
        String s = fingerprint.trim();
        while (s.endsWith("=")) {
            s = s.substring(0, s.length() - 1);
        }
        return s;
    }
}
