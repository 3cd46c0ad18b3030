package io.yagura.agent.pki;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;

/** Certificate fingerprints in the form operators compare by eye: {@code SHA256:ab:cd:…}. */
public final class Fingerprints {

    private Fingerprints() {
    }

    public static String sha256(X509Certificate cert) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(cert.getEncoded());
            return "SHA256:" + HexFormat.ofDelimiter(":").formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }

    /** Compares fingerprints written with or without the prefix, colons or upper case. */
    public static boolean same(String a, String b) {
        return normal(a).equals(normal(b));
    }

    private static String normal(String fingerprint) {
        String f = fingerprint.trim().toLowerCase(Locale.ROOT);
        if (f.startsWith("sha256:")) {
            f = f.substring("sha256:".length());
        }
        return f.replace(":", "");
    }
}
