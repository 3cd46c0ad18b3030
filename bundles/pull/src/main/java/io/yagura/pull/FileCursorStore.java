package io.yagura.pull;

import io.yagura.api.ingest.PullCursors;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The devices' cursors in one properties file ({@code ${karaf.data}/yagura/pull-cursors.properties}
 * unless configured), device id → cursor. Every change rewrites the whole file atomically: a
 * temporary file beside it, forced to disk, then moved over it, so a crash leaves the old file or
 * the new one, never half of one. A handful of devices, a write per queued batch: small and simple.
 */
@Component(service = PullCursors.class, configurationPid = "io.yagura.pull")
public class FileCursorStore implements PullCursors {

    static final String FILE_NAME = "pull-cursors.properties";
    private static final Logger LOG = LoggerFactory.getLogger(FileCursorStore.class);

    private Path file;
    private final Map<String, String> cursors = new TreeMap<>();

    /** For the component runtime; {@link #activate} sets the file. */
    public FileCursorStore() {
    }

    FileCursorStore(Path file) {
        this.file = file;
        load();
    }

    @Activate
    void activate(PullConfig config) {
        String configured = config.cursor_file() == null ? "" : config.cursor_file().trim();
        String data = System.getProperty("karaf.data", "data");
        file = configured.isEmpty() ? Paths.get(data, "yagura", FILE_NAME) : Paths.get(configured.replace("${karaf.data}", data));
        load();
        LOG.info("Pull cursors of {} device(s) in {}", cursors.size(), file);
    }

    private synchronized void load() {
        cursors.clear();
        if (!Files.isRegularFile(file)) {
            return;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the pull cursors in " + file, e);
        }
        p.stringPropertyNames().forEach(k -> cursors.put(k, p.getProperty(k)));
    }

    @Override
    public synchronized String get(String deviceId) {
        return cursors.get(deviceId);
    }

    @Override
    public synchronized void put(String deviceId, String cursor) throws IOException {
        if (cursor == null) {
            remove(deviceId);
            return;
        }
        String before = cursors.put(deviceId, cursor);
        if (cursor.equals(before)) {
            return;
        }
        try {
            write();
        } catch (IOException e) {
            restore(deviceId, before);
            throw e;
        }
    }

    @Override
    public synchronized void remove(String deviceId) throws IOException {
        String before = cursors.remove(deviceId);
        if (before == null) {
            return;
        }
        try {
            write();
        } catch (IOException e) {
            restore(deviceId, before);
            throw e;
        }
    }

    @Override
    public synchronized Map<String, String> all() {
        return Map.copyOf(cursors);
    }

    private void restore(String deviceId, String before) {
        if (before == null) {
            cursors.remove(deviceId);
        } else {
            cursors.put(deviceId, before);
        }
    }

    private void write() throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Properties p = new Properties();
        p.putAll(cursors);
        Path tmp = Files.createTempFile(dir, FILE_NAME, ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.SYNC)) {
                p.store(out, "Yagura pull cursors: device id = where its next poll starts (written by yagura-pull)");
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    Path file() {
        return file;
    }
}
