package io.yagura.loadgen;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Counts, by number, which lines of a run became events, by reading the platform's event archive
 * (gzip'd JSON lines under {@code data/yagura/archive}; the broker's divert gives the archive a copy
 * of every event, so counting there takes nothing from correlation). Files still being written are
 * read up to their last flushed line.
 */
final class ArchiveCount {

    /** What a scan found for numbers 0 .. total-1. */
    record Result(long total, long arrived, long duplicates, BitSet seen) {

        long lost() {
            return total - arrived;
        }

        /** The first {@code max} lost numbers as ranges ("17-20, 95"). */
        String lostRanges(int max) {
            StringBuilder s = new StringBuilder();
            int ranges = 0;
            int from = seen.nextClearBit(0);
            while (from < total && ranges < max) {
                int to = Math.min((int) total, seen.nextSetBit(from) < 0 ? (int) total : seen.nextSetBit(from)) - 1;
                s.append(s.isEmpty() ? "" : ", ").append(from == to ? String.valueOf(from) : from + "-" + to);
                ranges++;
                from = seen.nextClearBit(to + 1);
            }
            if (from < total) {
                s.append(", …");
            }
            return s.toString();
        }
    }

    private final Path root;
    private final NumberedLines lines;
    private final long total;

    ArchiveCount(Path root, NumberedLines lines, long total) {
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("at most " + Integer.MAX_VALUE + " numbered lines");
        }
        this.root = root;
        this.lines = lines;
        this.total = total;
    }

    Result scan() throws IOException {
        BitSet seen = new BitSet((int) total);
        long arrived;
        long duplicates;
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".jsonl.gz")).toList();
        }
        long[] counts = new long[2];
        for (Path file : files) {
            forEachCompleteLine(file, line -> {
                long n = lines.numberIn(line);
                if (n >= 0 && n < total) {
                    if (seen.get((int) n)) {
                        counts[1]++;
                    } else {
                        seen.set((int) n);
                        counts[0]++;
                    }
                }
            });
        }
        arrived = counts[0];
        duplicates = counts[1];
        return new Result(total, arrived, duplicates, seen);
    }

    /**
     * Calls {@code action} with every newline-terminated line of a gzip file. A file the archive is
     * still writing (or that a killed platform left unfinished) ends after its last flush without a
     * gzip trailer: what was flushed counts, a line without its newline does not.
     */
    static void forEachCompleteLine(Path file, java.util.function.Consumer<String> action) throws IOException {
        byte[] chunk = new byte[1 << 16];
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(2048);
        try (GZIPInputStream in = new GZIPInputStream(Files.newInputStream(file), 1 << 16)) {
            int n;
            while ((n = in.read(chunk)) > 0) {
                int from = 0;
                for (int i = 0; i < n; i++) {
                    if (chunk[i] == '\n') {
                        line.write(chunk, from, i - from);
                        action.accept(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                        from = i + 1;
                    }
                }
                line.write(chunk, from, n - from);
            }
        } catch (EOFException | ZipException unfinished) {
            // the end of what was flushed
        }
    }
}
