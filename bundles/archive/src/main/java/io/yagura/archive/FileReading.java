package io.yagura.archive;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.yagura.api.event.SecurityEvent;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads archive files back, line by line, and never throws for what it finds in them: a file that is not
 * gzip, is cut short or holds a line that is not an event is read up to the damage and reported (a WARN
 * naming it, once per file, and the answer {@code true}). A file still being written ends where its last
 * flushed batch ends, which is no damage.
 */
final class FileReading {

    private static final Logger LOG = LoggerFactory.getLogger(FileReading.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final TypeReference<Map<String, Object>> FIELDS = new TypeReference<>() { };

    /** Files already reported, so that a damaged file is logged once, not at every search. */
    private final Set<Path> reported = ConcurrentHashMap.newKeySet();
    private final Predicate<Path> beingWritten;

    /** Which lines to turn into events at all: a cheap look at the text before the JSON is read. */
    interface LinePrefilter {
        LinePrefilter ALL = line -> true;

        boolean mayMatch(String line);
    }

    FileReading(Predicate<Path> beingWritten) {
        this.beingWritten = beingWritten;
    }

    /**
     * Hands every event of the file that passes {@code prefilter} to {@code visitor}.
     *
     * @return true when the file is damaged (read up to the damage)
     */
    boolean read(Path file, LinePrefilter prefilter, Consumer<SecurityEvent> visitor) {
        Lines lines = new Lines();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file), 64 * 1024)) {
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) > 0) {
                String bad = lines.add(buffer, n, prefilter, visitor);
                if (bad != null) {
                    report(file, bad);
                    return true;
                }
            }
            if (lines.pending() > 0) {
                report(file, "its last line has no end");
                return true;
            }
            return false;
        } catch (IOException e) {
            // the lines inflated before the error were handed over already (a reader of whole chunks would lose them)
            if (beingWritten.test(file)) {
                // the rest is in the writer's buffers: read up to its last flushed batch
                return false;
            }
            report(file, (e instanceof EOFException ? "cut short" : "unreadable") + " after line " + lines.number
                    + " (" + e + ")");
            return true;
        }
    }

    /** Cuts inflated bytes into lines and lines into events. */
    private static final class Lines {
        private byte[] partial = new byte[0];
        private int partialLength;
        long number;

        int pending() {
            return partialLength;
        }

        /** @return what is wrong with a line that is not an event, or null */
        String add(byte[] chunk, int length, LinePrefilter prefilter, Consumer<SecurityEvent> visitor) {
            int start = 0;
            for (int i = 0; i < length; i++) {
                if (chunk[i] != '\n') {
                    continue;
                }
                String line;
                if (partialLength > 0) {
                    append(chunk, start, i - start);
                    line = new String(partial, 0, partialLength, StandardCharsets.UTF_8);
                    partialLength = 0;
                } else {
                    line = new String(chunk, start, i - start, StandardCharsets.UTF_8);
                }
                start = i + 1;
                number++;
                if (!prefilter.mayMatch(line)) {
                    continue;
                }
                try {
                    visitor.accept(SecurityEvent.of(MAPPER.readValue(line, FIELDS)));
                } catch (JsonProcessingException notAnEvent) {
                    return "line " + number + " is not an event (" + notAnEvent.getOriginalMessage() + ")";
                }
            }
            append(chunk, start, length - start);
            return null;
        }

        private void append(byte[] chunk, int from, int length) {
            if (partialLength + length > partial.length) {
                partial = Arrays.copyOf(partial, Math.max(partial.length * 2, partialLength + length));
            }
            System.arraycopy(chunk, from, partial, partialLength, length);
            partialLength += length;
        }
    }

    private void report(Path file, String what) {
        if (reported.add(file)) {
            LOG.warn("Event archive file {} is damaged: {}; its events up to there are read, the rest is skipped",
                    file, what);
        } else {
            LOG.debug("Event archive file {} is damaged: {}", file, what);
        }
    }

    /** Forgets a deleted file. */
    void forget(Path file) {
        reported.remove(file);
    }
}
