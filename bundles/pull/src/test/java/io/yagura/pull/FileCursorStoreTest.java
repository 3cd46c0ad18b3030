package io.yagura.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCursorStoreTest {

    @TempDir
    Path dir;

    @Test
    void cursorsSurviveARestart() throws IOException {
        Path file = dir.resolve("yagura").resolve("pull-cursors.properties");
        FileCursorStore store = new FileCursorStore(file);
        assertNull(store.get("ips-1"));
        store.put("ips-1", "6823242457036;1385965230914381000");
        store.put("odd id=with:chars", "a=b;c");
        store.put("ips-2", "1");
        store.remove("ips-2");
        FileCursorStore reopened = new FileCursorStore(file);
        assertEquals(Map.of("ips-1", "6823242457036;1385965230914381000", "odd id=with:chars", "a=b;c"), reopened.all());
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
    }

    @Test
    void aFailedWriteKeepsThePreviousCursor() throws IOException {
        Path notADirectory = dir.resolve("data");
        Files.writeString(notADirectory, "x");
        FileCursorStore store = new FileCursorStore(notADirectory.resolve("pull-cursors.properties"));
        assertThrows(IOException.class, () -> store.put("ips-1", "5"));
        assertNull(store.get("ips-1"));
    }

    @Test
    void theDefaultFileIsUnderKarafData() {
        String before = System.getProperty("karaf.data");
        System.setProperty("karaf.data", dir.toString());
        try {
            FileCursorStore store = new FileCursorStore();
            store.activate(PullSchedulerTest.config(30, true));
            assertEquals(dir.resolve("yagura").resolve("pull-cursors.properties"), store.file());
        } finally {
            if (before == null) {
                System.clearProperty("karaf.data");
            } else {
                System.setProperty("karaf.data", before);
            }
        }
    }
}
