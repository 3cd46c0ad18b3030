package io.yagura.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.registry.RegistryException;
import io.yagura.api.registry.Secret;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class SecretCipherTest {

    private static final String CLEAR = "hunter2-Cl3ar-パスワード-🔑";

    private final SecretCipher cipher = new SecretCipher();

    private static SecretKeys.Key newKey() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return SecretKeys.key(b);
    }

    private static SecretKeys.Ring ring(SecretKeys.Key... keys) {
        return new SecretKeys.Ring(List.of(keys), "etc/yagura-secret.key");
    }

    @Test
    void aSealedSecretOpensWithTheSameKeyForTheSameDevice() throws Exception {
        SecretKeys.Key key = newKey();
        String sealed = cipher.seal(key, "acme-ips1", Secret.of(CLEAR));
        assertEquals(CLEAR, new String(cipher.open(ring(key), "acme-ips1", sealed).reveal()), "round trip, UTF-8");
        assertEquals(Secret.of("x"), cipher.open(ring(key), "d", cipher.seal(key, "d", Secret.of("x"))), "one char");
        assertNull(cipher.seal(key, "acme-ips1", Secret.NONE), "nothing to seal");
        assertEquals(Secret.NONE, cipher.open(ring(key), "acme-ips1", null));
    }

    @Test
    void everySealHasItsOwnIvAndHoldsNothingOfTheClearText() throws Exception {
        SecretKeys.Key key = newKey();
        String a = cipher.seal(key, "acme-ips1", Secret.of(CLEAR));
        String b = cipher.seal(key, "acme-ips1", Secret.of(CLEAR));
        assertNotEquals(a, b, "a random IV per value");
        byte[] ra = Base64.getDecoder().decode(a);
        byte[] rb = Base64.getDecoder().decode(b);
        assertFalse(java.util.Arrays.equals(java.util.Arrays.copyOfRange(ra, 5, 17),
                java.util.Arrays.copyOfRange(rb, 5, 17)), "IVs differ");
        assertEquals(1 + 4 + 12 + CLEAR.getBytes(StandardCharsets.UTF_8).length + 16, ra.length, "layout");
        assertFalse(a.contains(CLEAR) || new String(ra, StandardCharsets.UTF_8).contains("hunter2"), a);
        assertFalse(a.contains(Base64.getEncoder().encodeToString(CLEAR.getBytes(StandardCharsets.UTF_8))
                .substring(0, 8)));
    }

    @Test
    void theWrongKeyIsAClearErrorNamingTheDeviceAndTheKeys() throws Exception {
        SecretKeys.Key sealedWith = newKey();
        SecretKeys.Key other = newKey();
        String sealed = cipher.seal(sealedWith, "acme-ips1", Secret.of(CLEAR));
        RegistryException e = assertThrows(RegistryException.class, () -> cipher.open(ring(other), "acme-ips1", sealed));
        assertTrue(e.getMessage().startsWith("device 'acme-ips1': its secret was sealed with key " + sealedWith.hexId()),
                e.getMessage());
        assertTrue(e.getMessage().contains("this node's keys (etc/yagura-secret.key) are " + other.hexId()),
                e.getMessage());
        assertFalse(e.getMessage().contains(CLEAR));

        e = assertThrows(RegistryException.class, () -> cipher.open(ring(), "acme-ips1", sealed));
        assertTrue(e.getMessage().contains("this node has no key (etc/yagura-secret.key is absent)"), e.getMessage());
    }

    @Test
    void aTamperedValueOrOneCopiedToAnotherDeviceIsRefused() throws Exception {
        SecretKeys.Key key = newKey();
        String sealed = cipher.seal(key, "acme-ips1", Secret.of(CLEAR));
        byte[] raw = Base64.getDecoder().decode(sealed);
        for (int i : new int[] {5, 16, 17, raw.length - 1}) { // IV, first cipher byte, tag
            byte[] t = raw.clone();
            t[i] ^= 1;
            String tampered = Base64.getEncoder().encodeToString(t);
            RegistryException e = assertThrows(RegistryException.class,
                    () -> cipher.open(ring(key), "acme-ips1", tampered), "byte " + i);
            assertTrue(e.getMessage().contains("device 'acme-ips1': its secret does not open with key "
                    + key.hexId() + ": it was altered"), e.getMessage());
        }
        RegistryException e = assertThrows(RegistryException.class, () -> cipher.open(ring(key), "acme-ips2", sealed));
        assertTrue(e.getMessage().contains("sealed for another device"), e.getMessage());

        byte[] version = raw.clone();
        version[0] = 9;
        for (String junk : List.of("not base64 at all!", "AAAA", Base64.getEncoder().encodeToString(version))) {
            e = assertThrows(RegistryException.class, () -> cipher.open(ring(key), "acme-ips1", junk), junk);
            assertTrue(e.getMessage().contains("is not a secret sealed by Yagura"), e.getMessage());
        }
    }

    @Test
    void afterARotationTheNewKeySealsAndTheOldOneStillOpens() throws Exception {
        SecretKeys.Key oldKey = newKey();
        SecretKeys.Key newKey = newKey();
        String old = cipher.seal(oldKey, "fw", Secret.of(CLEAR));
        SecretKeys.Ring rotated = ring(newKey, oldKey);
        assertEquals(Secret.of(CLEAR), cipher.open(rotated, "fw", old));
        String resealed = cipher.seal(rotated.current(), "fw", Secret.of(CLEAR));
        assertArrayEquals(newKey.id(), java.util.Arrays.copyOfRange(Base64.getDecoder().decode(resealed), 1, 5));
        assertEquals(Secret.of(CLEAR), cipher.open(ring(newKey), "fw", resealed), "the old key is no longer needed");
    }
}
