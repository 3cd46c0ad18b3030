package io.yagura.portal.account;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * PBKDF2-HMAC-SHA256 from the JDK (no extra bundle to resolve), at OWASP's 2023 figure of 600,000
 * iterations, 16-byte random salt, 32-byte hash. The stored form names its parameters
 * ({@code pbkdf2-sha256$600000$salt$hash}) so the count can be raised later without locking anybody out.
 */
public final class PasswordHasher {

    public static final int MIN_ITERATIONS = 600_000;
    private static final String PREFIX = "pbkdf2-sha256";
    private static final SecureRandom RANDOM = new SecureRandom();
    private final int iterations;

    public PasswordHasher() {
        this(MIN_ITERATIONS);
    }

    /** @param iterations fewer than {@link #MIN_ITERATIONS} only for tests that log in many times */
    PasswordHasher(int iterations) {
        this.iterations = iterations;
    }

    public String hash(char[] password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        return PREFIX + "$" + iterations + "$" + b64(salt) + "$" + b64(derive(password, salt, iterations));
    }

    /** True when {@code password} matches {@code stored}; false for a malformed or null stored value. */
    public boolean verify(char[] password, String stored) {
        if (stored == null) {
            return false;
        }
        String[] p = stored.split("\\$");
        if (p.length != 4 || !PREFIX.equals(p[0])) {
            return false;
        }
        int n;
        try {
            n = Integer.parseInt(p[1]);
        } catch (NumberFormatException e) {
            return false;
        }
        byte[] salt = Base64.getDecoder().decode(p[2]);
        byte[] expected = Base64.getDecoder().decode(p[3]);
        return MessageDigest.isEqual(expected, derive(password, salt, n)); // constant time
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations) {
        PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().withoutPadding().encodeToString(b);
    }
}
