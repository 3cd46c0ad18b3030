package io.yagura.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.store.JdbcPullCursors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cursor file of earlier versions, moved into the database once. */
class CursorFileMigrationTest {

    @TempDir
    Path dir;

    /** As FileCursorStore wrote it: java.util.Properties, keys and values escaped. */
    private Path oldFile(String... lines) throws IOException {
        Path file = dir.resolve("yagura").resolve(CursorFileMigration.FILE_NAME);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "#Yagura pull cursors: device id = where its next poll starts (written by yagura-pull)\n"
                + String.join("\n", lines) + "\n");
        return file;
    }

    @Test
    void theFilesCursorsGoToTheDatabaseOnceAndTheDatabasesOwnAreKept() throws Exception {
        Path file = oldFile("ips-1=6823242457036;1385965230914381000", "odd\\ id\\=with\\:chars=a\\=b;c", "ips-2=17;99");
        JdbcPullCursors cursors = Fakes.cursors();
        cursors.put("ips-2", "40;120"); // another node moved its file first, or polled since

        CursorFileMigration.Moved moved = CursorFileMigration.migrate(file, cursors);
        assertEquals(2, moved.moved());
        assertEquals(1, moved.kept());
        assertEquals(Map.of("ips-1", "6823242457036;1385965230914381000", "odd id=with:chars", "a=b;c", "ips-2", "40;120"),
                cursors.all(), "the file's cursors, except where the database had one");
        assertFalse(Files.exists(file), "read once");
        assertTrue(Files.isRegularFile(dir.resolve("yagura").resolve("pull-cursors.properties.migrated")), "kept for the operator");
        assertNull(CursorFileMigration.migrate(file, cursors), "the next start finds nothing to move");
    }

    @Test
    void aDatabaseThatRefusesTheCursorsLeavesTheFileForTheNextStart() throws Exception {
        Path file = oldFile("ips-1=5;1");
        DataSource database = Fakes.database();
        JdbcPullCursors cursors = Fakes.cursors(database);
        try (Connection c = database.getConnection(); Statement st = c.createStatement()) {
            st.execute("ALTER TABLE pull_cursor ADD CONSTRAINT no_rows CHECK (device_id = 'none')");
        }
        assertThrows(IOException.class, () -> CursorFileMigration.migrate(file, cursors));
        assertTrue(Files.exists(file), "not renamed: moved at the next start");
    }

    @Test
    void theFileIsUnderKarafDataUnlessConfigured() {
        String before = System.getProperty("karaf.data");
        System.setProperty("karaf.data", dir.toString());
        try {
            assertEquals(dir.resolve("yagura").resolve("pull-cursors.properties"), CursorFileMigration.file(""));
            assertEquals(dir.resolve("old.properties"), CursorFileMigration.file("${karaf.data}/old.properties"));
        } finally {
            if (before == null) {
                System.clearProperty("karaf.data");
            } else {
                System.setProperty("karaf.data", before);
            }
        }
    }
}
