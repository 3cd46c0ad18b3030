package io.yagura.store;

import io.yagura.api.registry.RegistryException;
import io.yagura.api.registry.Secret;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals a device secret with AES-256-GCM (JDK crypto only) for the database and for registry
 * exports. A sealed secret is the base64 of
 * {@code version (1 byte) | key id (4) | IV (12, random for every value) | ciphertext | tag (16)};
 * the version, the key id and the device id are authenticated with it, so a value altered in
 * the database, or copied onto another device's row, is refused instead of opened.
 */
final class SecretCipher {

    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final int HEADER = 1 + SecretKeys.ID_BYTES;
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";

    private final SecureRandom random = new SecureRandom();

    /** The sealed text of a secret, null for an empty one (nothing to store). */
    String seal(SecretKeys.Key key, String deviceId, Secret secret) throws RegistryException {
        if (secret == null || secret.isEmpty()) {
            return null;
        }
        byte[] plain = utf8(secret);
        try {
            byte[] out = new byte[HEADER + IV_BYTES + plain.length + TAG_BITS / 8];
            out[0] = VERSION;
            System.arraycopy(key.id(), 0, out, 1, SecretKeys.ID_BYTES);
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            System.arraycopy(iv, 0, out, HEADER, IV_BYTES);
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(out, deviceId));
            cipher.doFinal(plain, 0, plain.length, out, HEADER + IV_BYTES);
            return Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new RegistryException(who(deviceId) + ": cannot seal its secret: " + e.getMessage(), e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    /** Opens a sealed secret with the key of the ring it names; the error says which key was needed. */
    Secret open(SecretKeys.Ring ring, String deviceId, String sealed) throws RegistryException {
        if (sealed == null || sealed.isEmpty()) {
            return Secret.NONE;
        }
        byte[] in;
        try {
            in = Base64.getDecoder().decode(sealed.strip());
        } catch (IllegalArgumentException e) {
            in = new byte[0];
        }
        if (in.length < HEADER + IV_BYTES + TAG_BITS / 8 || in[0] != VERSION) {
            throw new RegistryException(who(deviceId) + ": its secret is not a secret sealed by Yagura (corrupt, "
                    + "or not written by Yagura); set it again with yagura:device-secret " + deviceId);
        }
        byte[] id = Arrays.copyOfRange(in, 1, HEADER);
        String hexId = HexFormat.of().formatHex(id);
        SecretKeys.Key key = ring.byId(id).orElseThrow(() -> new RegistryException(who(deviceId)
                + ": its secret was sealed with key " + hexId + ", and "
                + (ring.keys().isEmpty() ? "this node has no key (" + ring.source() + " is absent)"
                        : "this node's keys (" + ring.source() + ") are " + String.join(", ", ring.ids()))
                + ". Every node sharing the database needs the same key: copy the key file of the node that "
                + "sealed it, or set " + SecretKeys.ENV + " (docs/operations.md, \"Device secrets\")"));
        byte[] plain = null;
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key.spec(), new GCMParameterSpec(TAG_BITS, in, HEADER, IV_BYTES));
            cipher.updateAAD(aad(in, deviceId));
            plain = cipher.doFinal(in, HEADER + IV_BYTES, in.length - HEADER - IV_BYTES);
            return secret(plain);
        } catch (AEADBadTagException e) {
            throw new RegistryException(who(deviceId) + ": its secret does not open with key " + hexId
                    + ": it was altered, or sealed for another device (a sealed secret opens only for the device "
                    + "it was sealed for); set it again with yagura:device-secret " + deviceId, e);
        } catch (GeneralSecurityException | CharacterCodingException e) {
            throw new RegistryException(who(deviceId) + ": cannot open its secret: " + e.getClass().getSimpleName(), e);
        } finally {
            if (plain != null) {
                Arrays.fill(plain, (byte) 0);
            }
        }
    }

    private static String who(String deviceId) {
        return "device '" + deviceId + "'";
    }

    /** What is authenticated besides the ciphertext: the header and the device id. */
    private static byte[] aad(byte[] header, String deviceId) {
        byte[] idBytes = String.valueOf(deviceId).getBytes(StandardCharsets.UTF_8);
        byte[] aad = Arrays.copyOf(header, HEADER + idBytes.length);
        System.arraycopy(idBytes, 0, aad, HEADER, idBytes.length);
        return aad;
    }

    private static byte[] utf8(Secret secret) {
        char[] chars = secret.reveal();
        try {
            ByteBuffer b = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).encode(CharBuffer.wrap(chars));
            byte[] bytes = Arrays.copyOfRange(b.array(), b.position(), b.limit());
            Arrays.fill(b.array(), (byte) 0);
            return bytes;
        } catch (CharacterCodingException e) {
            throw new IllegalStateException(e); // REPLACE never throws
        } finally {
            Arrays.fill(chars, '\0');
        }
    }

    private static Secret secret(byte[] utf8) throws CharacterCodingException {
        CharBuffer c = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(utf8));
        char[] chars = Arrays.copyOfRange(c.array(), c.position(), c.limit());
        Arrays.fill(c.array(), '\0');
        try {
            return Secret.of(chars);
        } finally {
            Arrays.fill(chars, '\0');
        }
    }
}
