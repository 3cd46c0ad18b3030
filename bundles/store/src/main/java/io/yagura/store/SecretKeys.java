package io.yagura.store;

import io.yagura.api.registry.RegistryException;
import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys that seal device secrets in the database, kept outside it: the environment
 * variable {@value #ENV} when it is set, otherwise the file {@code etc/yagura-secret.key}
 * (Karaf's {@code karaf.etc}), created with owner-only permissions when the first secret is
 * sealed. Each holds one or more keys, each the base64 of 32 random bytes, separated by line
 * breaks, spaces or commas (lines starting with {@code #} are comments): the first one seals,
 * every one opens, which is how keys are rotated (docs/operations.md).
 *
 * <p>The file is read again when it changes, so a key added or removed takes effect without a
 * restart. Nothing here ever logs or reports a key; only its id (the first 4 bytes of its
 * SHA-256, in hex) appears in messages.
 */
final class SecretKeys {

    static final String ENV = "YAGURA_SECRET_KEY";
    static final String FILE_NAME = "yagura-secret.key";
    static final int KEY_BYTES = 32;
    static final int ID_BYTES = 4;

    private static final Logger LOG = LoggerFactory.getLogger(SecretKeys.class);
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** One AES-256 key and its id. */
    record Key(byte[] id, SecretKeySpec spec) {
        String hexId() {
            return HexFormat.of().formatHex(id);
        }
    }

    /**
     * The keys of one read of the environment or the file; the first seals.
     *
     * @param source where they come from, for messages ("YAGURA_SECRET_KEY", or the file)
     */
    record Ring(List<Key> keys, String source) {
        Ring {
            keys = List.copyOf(keys);
        }

        Key current() {
            return keys.get(0);
        }

        Optional<Key> byId(byte[] id) {
            return keys.stream().filter(k -> Arrays.equals(k.id(), id)).findFirst();
        }

        List<String> ids() {
            return keys.stream().map(Key::hexId).toList();
        }
    }

    private final String environment;
    private final Path file;
    private final SecureRandom random = new SecureRandom();
    private Ring cached;
    private Object cachedStamp;

    /**
     * @param environment the value of {@value #ENV}, null when it is not set
     * @param file        the key file used when the variable is not set
     */
    SecretKeys(String environment, Path file) {
        this.environment = environment == null || environment.isBlank() ? null : environment;
        this.file = file;
    }

    /** The keys of this process: {@value #ENV}, else {@code ${karaf.etc}/yagura-secret.key}. */
    static SecretKeys standard() {
        return new SecretKeys(System.getenv(ENV), Paths.get(System.getProperty("karaf.etc", "etc")).resolve(FILE_NAME));
    }

    /** Where the keys are looked for, for messages. */
    String source() {
        return environment != null ? ENV : file.toString();
    }

    /** The keys to seal with: creates the key file first when there is no key at all. */
    synchronized Ring forSealing() throws RegistryException {
        Ring ring = read();
        if (ring == null) {
            create();
            ring = read();
            if (ring == null) {
                throw new RegistryException("the key file " + file + " was created but cannot be read back");
            }
        }
        return ring;
    }

    /** The keys to open with; an empty ring when there is none (never creates one). */
    synchronized Ring forOpening() throws RegistryException {
        Ring ring = read();
        return ring == null ? new Ring(List.of(), source()) : ring;
    }

    /** The current keys, null when there is none (no variable, no file). */
    private Ring read() throws RegistryException {
        if (environment != null) {
            if (cached == null) {
                cached = parse(environment, ENV);
            }
            return cached;
        }
        Object stamp;
        try {
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            stamp = List.of(a.lastModifiedTime(), a.size(), Objects.requireNonNullElse(a.fileKey(), ""));
        } catch (NoSuchFileException e) {
            cached = null;
            cachedStamp = null;
            return null;
        } catch (IOException e) {
            throw new RegistryException("cannot read the secret key file " + file + ": " + e, e);
        }
        if (cached == null || !stamp.equals(cachedStamp)) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new RegistryException("cannot read the secret key file " + file + ": " + e, e);
            }
            cached = parse(text, file.toString());
            cachedStamp = stamp;
            warnIfOthersCanRead();
        }
        return cached;
    }

    private Ring parse(String text, String source) throws RegistryException {
        List<Key> keys = new ArrayList<>();
        int lineNumber = 0;
        for (String line : text.split("\\R")) {
            lineNumber++;
            if (line.isBlank() || line.strip().startsWith("#")) {
                continue;
            }
            for (String word : line.strip().split("[\\s,]+")) {
                byte[] bytes = null;
                try {
                    bytes = Base64.getDecoder().decode(word);
                } catch (IllegalArgumentException e) {
                    // reported below, without the text
                }
                if (bytes == null || bytes.length != KEY_BYTES) {
                    throw new RegistryException(source + (source.equals(ENV) ? "" : ", line " + lineNumber)
                            + ": key " + (keys.size() + 1) + " is not the base64 of " + KEY_BYTES
                            + " bytes (make one with: openssl rand -base64 32)");
                }
                keys.add(key(bytes));
                Arrays.fill(bytes, (byte) 0);
            }
        }
        if (keys.isEmpty()) {
            throw new RegistryException(source + " holds no key (the base64 of " + KEY_BYTES
                    + " bytes; make one with: openssl rand -base64 32)");
        }
        return new Ring(keys, source);
    }

    static Key key(byte[] bytes) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(bytes);
            return new Key(Arrays.copyOf(hash, ID_BYTES), new SecretKeySpec(bytes, "AES"));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** Creates the key file with one new random key, readable by its owner only. */
    private void create() throws RegistryException {
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        byte[] line = (Base64.getEncoder().encodeToString(bytes) + "\n").getBytes(StandardCharsets.US_ASCII);
        Arrays.fill(bytes, (byte) 0);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            boolean posix = Files.getFileStore(parent).supportsFileAttributeView("posix");
            try (SeekableByteChannel ch = posix
                    ? Files.newByteChannel(file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                            PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                    : Files.newByteChannel(file, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
                if (!posix) {
                    java.io.File f = file.toFile();
                    f.setReadable(false, false);
                    f.setWritable(false, false);
                    f.setReadable(true, true);
                    f.setWritable(true, true);
                }
                ch.write(java.nio.ByteBuffer.wrap(line));
            }
            LOG.info("Created {}, the key that seals device secrets in the database (owner-only). Back it up apart "
                    + "from the database, and give every node that shares the database a copy "
                    + "(docs/operations.md, \"Device secrets\")", file);
        } catch (FileAlreadyExistsException e) {
            // made meanwhile by another process: use that one
        } catch (IOException e) {
            throw new RegistryException("cannot create the secret key file " + file + ": " + e
                    + " (or set " + ENV + ")", e);
        } finally {
            Arrays.fill(line, (byte) 0);
        }
    }

    private void warnIfOthersCanRead() {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(p)) {
                LOG.warn("{} can be read by others than its owner ({}); make it owner-only: chmod 600 {}", file,
                        PosixFilePermissions.toString(p), file);
            }
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: nothing to check
        }
    }
}
