package io.yagura.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.registry.RegistryException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretKeysTest {

    @TempDir
    Path etc;

    private static String newKeyText() {
        byte[] b = new byte[32];
        new SecureRandom().nextBytes(b);
        return Base64.getEncoder().encodeToString(b);
    }

    @Test
    void theKeyFileIsCreatedOwnerOnlyWhenTheFirstSecretIsSealedAndTheKeyIsNeverLogged() throws Exception {
        Path file = etc.resolve("yagura-secret.key");
        SecretKeys keys = new SecretKeys(null, file);
        assertTrue(keys.forOpening().keys().isEmpty(), "no key yet");
        assertFalse(Files.exists(file), "opening never creates a key");

        SecretKeys.Ring ring;
        String log;
        try (LogCapture capture = new LogCapture()) {
            ring = keys.forSealing();
            keys.forSealing();
            log = capture.text();
        }
        assertTrue(Files.exists(file));
        String text = Files.readString(file).strip();
        assertEquals(32, Base64.getDecoder().decode(text).length, "base64 of 32 bytes");
        assertEquals(1, ring.keys().size());
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        }
        List<String> lines = log.lines().filter(l -> l.contains("SecretKeys")).toList();
        assertEquals(1, lines.size(), "one line says the key was created:\n" + log);
        assertTrue(lines.get(0).contains("Created " + file), lines.get(0));
        assertFalse(log.contains(text) || log.contains(text.substring(0, 12)), "the key is not logged");

        assertEquals(ring.current().hexId(), new SecretKeys(null, file).forSealing().current().hexId(),
                "another process reads the same key");
    }

    @Test
    void theEnvironmentVariableWinsOverTheFileAndHoldsSeveralKeysForARotation() throws Exception {
        String a = newKeyText();
        String b = newKeyText();
        Path file = etc.resolve("yagura-secret.key");
        SecretKeys keys = new SecretKeys(a + "," + b, file);
        SecretKeys.Ring ring = keys.forSealing();
        assertEquals(2, ring.keys().size());
        assertEquals(SecretKeys.key(Base64.getDecoder().decode(a)).hexId(), ring.current().hexId(), "the first seals");
        assertEquals("YAGURA_SECRET_KEY", ring.source());
        assertFalse(Files.exists(file), "no file made when the variable is set");

        RegistryException e = assertThrows(RegistryException.class,
                () -> new SecretKeys(a + " c2VjcmV0", file).forOpening());
        assertTrue(e.getMessage().startsWith("YAGURA_SECRET_KEY: key 2 is not the base64 of 32 bytes"), e.getMessage());
        assertFalse(e.getMessage().contains("c2VjcmV0") || e.getMessage().contains(a), "no key quoted");
    }

    @Test
    void theFileIsReadAgainWhenItChangesAndABadLineIsReportedByNumber() throws Exception {
        Path file = etc.resolve("yagura-secret.key");
        String a = newKeyText();
        String b = newKeyText();
        Files.writeString(file, a + "\n");
        SecretKeys keys = new SecretKeys(null, file);
        assertEquals(1, keys.forOpening().keys().size());

        Files.writeString(file, "# rotated 2026-12-01\n" + b + "\n" + a + "\n");
        SecretKeys.Ring ring = keys.forOpening();
        assertEquals(2, ring.keys().size(), "read again after the change, comment skipped");
        assertEquals(SecretKeys.key(Base64.getDecoder().decode(b)).hexId(), ring.current().hexId());

        Files.writeString(file, b + "\nnot-a-key\n");
        RegistryException e = assertThrows(RegistryException.class, keys::forOpening);
        assertTrue(e.getMessage().startsWith(file + ", line 2: key 2 is not the base64 of 32 bytes"), e.getMessage());
        assertFalse(e.getMessage().contains(b));
    }
}
