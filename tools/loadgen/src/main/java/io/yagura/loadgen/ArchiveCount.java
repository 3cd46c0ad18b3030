package io.yagura.loadgen;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Counts, by number, which lines of a run became events, by reading the platform's event archive
 * (gzip'd JSON lines under {@code data/yagura/archive}; the broker's divert gives the archive a copy
 * of every event, so counting there takes nothing from correlation). Files still being written are
 * read up to their last flushed line. With several nodes each node's archive consumer takes its
 * share of the events, so several archive directories are read as one: a number found in two of
 * them is a duplicate like one found twice in the same, and each directory's share is reported.
 */
final class ArchiveCount {

    /**
     * What a scan found for numbers 0 .. total-1; {@code shares} has, per archive directory in the
     * order given, how many events of the run it holds (duplicates included).
     */
    record Result(long total, long arrived, long duplicates, BitSet seen, List<Long> shares) {

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

    private final List<Path> roots;
    private final NumberedLines lines;
    private final long total;

    ArchiveCount(Path root, NumberedLines lines, long total) {
        this(List.of(root), lines, total);
    }

    ArchiveCount(List<Path> roots, NumberedLines lines, long total) {
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("at most " + Integer.MAX_VALUE + " numbered lines");
        }
        if (roots.isEmpty() || roots.size() != new HashSet<>(roots).size()) {
            throw new IllegalArgumentException("one or more distinct archive directories needed: " + roots);
        }
        this.roots = List.copyOf(roots);
        this.lines = lines;
        this.total = total;
    }

    Result scan() throws IOException {
        BitSet seen = new BitSet((int) total);
        long[] counts = new long[2];
        List<Long> shares = new ArrayList<>();
        for (Path root : roots) {
            long[] share = new long[1];
            for (Path file : archiveFiles(root)) {
                forEachCompleteLine(file, line -> {
                    long n = lines.numberIn(line);
                    if (n >= 0 && n < total) {
                        share[0]++;
                        if (seen.get((int) n)) {
                            counts[1]++;
                        } else {
                            seen.set((int) n);
                            counts[0]++;
                        }
                    }
                });
            }
            shares.add(share[0]);
        }
        return new Result(total, counts[0], counts[1], seen, List.copyOf(shares));
    }

    /**
     * The archive's files; none while the node has not archived anything yet (no directory). Plain
     * {@code .log} files count too, so that another receiver's output (syslog-ng writing the same
     * lines to a file) is counted the same way.
     */
    private static List<Path> archiveFiles(Path root) throws IOException {
        if (!Files.isDirectory(root)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(root)) {
            return walk.filter(p -> p.getFileName().toString().endsWith(".jsonl.gz")
                    || p.getFileName().toString().endsWith(".log")).toList();
        }
    }

    /**
     * Calls {@code action} with every newline-terminated line of a gzip file. A file the archive is
     * still writing (or that a killed platform left unfinished) ends after its last flush without a
     * gzip trailer: what was flushed counts, a line without its newline does not. A file whose name
     * does not end in {@code .gz} is read as plain text.
     */
    static void forEachCompleteLine(Path file, java.util.function.Consumer<String> action) throws IOException {
        byte[] chunk = new byte[1 << 16];
        java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream(2048);
        try (InputStream in = file.getFileName().toString().endsWith(".gz")
                ? new GZIPInputStream(Files.newInputStream(file), 1 << 16) : Files.newInputStream(file)) {
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
