package io.yagura.agent.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's pull cursors in their file: kept across restarts, replaced atomically, a bad file set aside. */
class CursorFileTest {

    @TempDir
    Path dir;

    Path file() {
        return dir.resolve("data/yagura").resolve(CursorFile.FILE_NAME);
    }

    List<String> filesBeside() throws IOException {
        try (Stream<Path> s = Files.list(file().getParent())) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aFirstStartHasNoCursorAndStoredOnesAreReadByTheNextStart() throws Exception {
        CursorFile first = new CursorFile(file());
        assertNull(first.get("ips1"));
        first.put("ips1", "6823242457001;1700000001000000000");
        first.put("ips2", "42;1");
        first.put("ips2", "43;2");
        first.remove("gone");
        assertEquals(List.of(CursorFile.FILE_NAME), filesBeside(), "no temporary file left");

        CursorFile restarted = new CursorFile(file());
        assertEquals("6823242457001;1700000001000000000", restarted.get("ips1"));
        assertEquals(Map.of("ips1", "6823242457001;1700000001000000000", "ips2", "43;2"), restarted.all());
        restarted.remove("ips2");
        assertEquals(Map.of("ips1", "6823242457001;1700000001000000000"), new CursorFile(file()).all());
    }

    @Test
    void aCorruptFileIsSetAsideAndTheDevicesStartAfresh() throws Exception {
        new CursorFile(file()).put("ips1", "1;1");
        String whole = Files.readString(file());
        Files.writeString(file(), whole.substring(0, whole.length() / 2)); // cut short: a disk that failed
        CursorFile after = new CursorFile(file());
        assertEquals(Map.of(), after.all());
        List<String> files = filesBeside();
        assertEquals(1, files.size(), files::toString);
        assertTrue(files.get(0).startsWith(CursorFile.FILE_NAME + ".corrupt-"), files::toString);
        after.put("ips1", "2;2");
        assertEquals("2;2", new CursorFile(file()).get("ips1"), "a new file is written beside the one set aside");
    }

    @Test
    void aFileOfAnotherShapeIsCorruptToo() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{\"format\":1,\"cursors\":{\"ips1\":7}}");
        assertEquals(Map.of(), new CursorFile(file()).all());
        Files.writeString(file(), "ips1=1;1\n");
        assertEquals(Map.of(), new CursorFile(file()).all());
        assertEquals(2, filesBeside().stream().filter(f -> f.contains(".corrupt-")).count());
    }

    @Test
    void aCursorThatCannotBeWrittenIsRefusedAndThePreviousStays() throws Exception {
        Path blocked = dir.resolve("not-a-dir");
        Files.writeString(blocked, "a file where the directory should be");
        CursorFile cursors = new CursorFile(blocked.resolve(CursorFile.FILE_NAME));
        assertThrows(IOException.class, () -> cursors.put("ips1", "1;1"));
        assertNull(cursors.get("ips1"), "not taken when not stored");
    }
}
