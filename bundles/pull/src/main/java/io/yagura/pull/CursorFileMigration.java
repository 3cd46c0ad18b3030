package io.yagura.pull;

import io.yagura.api.ingest.PullCursors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Properties;
import java.util.TreeSet;

/**
 * Moves the cursors of earlier versions, a properties file on each node (device id = cursor,
 * {@code ${karaf.data}/yagura/pull-cursors.properties} unless {@code cursor.file} names another),
 * into the database's {@link PullCursors}, once: a device whose cursor the database has already
 * keeps it (another node moved its file first, or polled since), the others take the file's. The
 * file is then renamed (suffix {@code .migrated}) so that it is read once; it is kept for the
 * operator, not read again.
 */
final class CursorFileMigration {

    static final String FILE_NAME = "pull-cursors.properties";
    static final String DONE_SUFFIX = ".migrated";

    /** What one migration did. */
    record Moved(Path file, Path renamedTo, int moved, int kept) {
    }

    private CursorFileMigration() {
    }

    /** The file of earlier versions: the configured one, else under ${karaf.data}. */
    static Path file(String configured) {
        String data = System.getProperty("karaf.data", "data");
        String c = configured == null ? "" : configured.trim();
        return c.isEmpty() ? Paths.get(data, "yagura", FILE_NAME) : Paths.get(c.replace("${karaf.data}", data));
    }

    /**
     * @return what was moved, or null when there is no file (nothing to do, the usual case)
     * @throws IOException when the file could not be read or a cursor not stored: the file stays and
     *                     is tried again at the next start
     */
    static Moved migrate(Path file, PullCursors cursors) throws IOException {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        }
        int moved = 0;
        int kept = 0;
        for (String deviceId : new TreeSet<>(p.stringPropertyNames())) {
            if (cursors.get(deviceId) != null) {
                kept++;
            } else {
                cursors.put(deviceId, p.getProperty(deviceId));
                moved++;
            }
        }
        Path done = file.resolveSibling(file.getFileName() + DONE_SUFFIX);
        Files.move(file, done, StandardCopyOption.REPLACE_EXISTING);
        return new Moved(file, done, moved, kept);
    }
}
