package io.yagura.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveCountTest {

    private final NumberedLines run = new NumberedLines("r1");

    @Test
    void countsNumbersOfItsRunOnlyAndFindsLostAndDuplicatedOnes(@TempDir Path archive) throws IOException {
        Path day = Files.createDirectories(archive.resolve("2026-12-05/acme"));
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(day.resolve("10-1.jsonl.gz")))) {
            for (long n : new long[] {0, 1, 2, 4, 4, 7, 9}) {
                out.write(event(run, n));
            }
            out.write(event(new NumberedLines("other"), 3));
        }
        ArchiveCount.Result result = new ArchiveCount(archive, run, 10).scan();
        assertEquals(6, result.arrived());
        assertEquals(1, result.duplicates());
        assertEquals(4, result.lost());
        assertEquals("3, 5-6, 8", result.lostRanges(10));
    }

    @Test
    void readsAFileStillBeingWrittenUpToItsLastFlushAndIgnoresAHalfLine(@TempDir Path archive) throws IOException {
        Path file = archive.resolve("open.jsonl.gz");
        try (OutputStream raw = Files.newOutputStream(file)) {
            GZIPOutputStream gzip = new GZIPOutputStream(raw, 512, true);
            gzip.write(event(run, 0));
            gzip.write(event(run, 1));
            byte[] half = event(run, 2);
            gzip.write(half, 0, half.length / 2);
            gzip.flush();
            // the stream is never finished: no gzip trailer, as after kill -9
        }
        ArchiveCount.Result result = new ArchiveCount(archive, run, 3).scan();
        assertEquals(2, result.arrived());
        assertEquals("2", result.lostRanges(10));
    }

    @Test
    void severalNodesArchivesCountAsOneWithEachNodesShare(@TempDir Path dir) throws IOException {
        Path nodeA = dir.resolve("a/archive");
        Path nodeB = dir.resolve("b/archive");
        write(nodeA.resolve("2026-12-06/demo/00-1.jsonl.gz"), 0, 1, 2, 3);
        write(nodeB.resolve("2026-12-06/demo/00-1.jsonl.gz"), 3, 4, 5, 7);
        ArchiveCount.Result result = new ArchiveCount(List.of(nodeA, nodeB), run, 9).scan();
        assertEquals(7, result.arrived());
        assertEquals(1, result.duplicates(), "3 was archived by both nodes");
        assertEquals("6, 8", result.lostRanges(10));
        assertEquals(List.of(4L, 4L), result.shares());
    }

    @Test
    void aNodeThatArchivedNothingYetHasAShareOfNone(@TempDir Path dir) throws IOException {
        Path nodeA = dir.resolve("a/archive");
        write(nodeA.resolve("x.jsonl.gz"), 0, 1);
        ArchiveCount.Result result = new ArchiveCount(List.of(nodeA, dir.resolve("b/archive")), run, 2).scan();
        assertEquals(2, result.arrived());
        assertEquals(List.of(2L, 0L), result.shares());
    }

    @Test
    void plainLogFilesOfAnotherReceiverAreCountedToo(@TempDir Path dir) throws IOException {
        StringBuilder text = new StringBuilder();
        for (long n : new long[] {0, 2, 2}) {
            text.append("2026-12-06T04:00:00+00:00 127.0.0.1 ").append(new String(run.line(n), StandardCharsets.US_ASCII));
        }
        text.append("half a line lgr1n1");  // no newline yet: still being written
        Files.writeString(dir.resolve("syslog-ng.log"), text);
        Files.writeString(dir.resolve("notes.txt"), new String(run.line(1), StandardCharsets.US_ASCII));
        ArchiveCount.Result result = new ArchiveCount(dir, run, 3).scan();
        assertEquals(2, result.arrived());
        assertEquals(1, result.duplicates());
        assertEquals("1", result.lostRanges(10), "neither the half line nor a file of another kind counts");
    }

    @Test
    void theSameDirectoryTwiceIsRefused(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> new ArchiveCount(List.of(dir, dir), run, 1));
        assertThrows(IllegalArgumentException.class, () -> new ArchiveCount(List.of(), run, 1));
    }

    private void write(Path file, long... numbers) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            for (long n : numbers) {
                out.write(event(run, n));
            }
        }
    }

    @Test
    void aLineNumberIsReadFromTheOriginalLineInsideTheEvent() {
        assertEquals(123, run.numberIn(new String(event(run, 123), StandardCharsets.UTF_8)));
        assertEquals(-1, run.numberIn("lgr1x5 lgr12n3"));
    }

    private static byte[] event(NumberedLines lines, long n) {
        String original = new String(lines.line(n), StandardCharsets.US_ASCII).strip().replace("\"", "\\\"");
        return ("{\"event.kind\":\"event\",\"event.original\":\"" + original + "\"}\n").getBytes(StandardCharsets.UTF_8);
    }
}
