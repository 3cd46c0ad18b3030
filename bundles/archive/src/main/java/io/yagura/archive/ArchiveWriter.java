package io.yagura.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.InstantSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends events to the archive, one gzip'd JSON line per event, in the file of their customer and hour
 * ({@link ArchiveLayout}). Each batch ends with a sync flush of every file it touched (and, with
 * {@code sync}, a force to disk), so what the broker is told is archived can be read back even if the
 * process dies before the file is finished: such a file lacks only its gzip trailer. Files of an hour
 * that ended more than {@link #GRACE} ago are finished by {@link #closeIdle}; a late event opens a new file.
 * One writer per archive directory; its methods are serialized.
 */
final class ArchiveWriter implements Closeable {

    /** How long after its hour a file stays open for late events. */
    static final Duration GRACE = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(ArchiveWriter.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ArchiveLayout layout;
    private final boolean sync;
    private final int maxOpen;
    private final InstantSource clock;
    /** Least recently written first, so the one evicted beyond maxOpen is the quietest. */
    private final LinkedHashMap<Key, Segment> open = new LinkedHashMap<>(16, 0.75f, true);
    private final Set<Path> openPaths = ConcurrentHashMap.newKeySet();
    private boolean closed;

    private record Key(String customer, Instant hour) {
    }

    ArchiveWriter(ArchiveLayout layout, boolean sync, int maxOpen, InstantSource clock) {
        this.layout = layout;
        this.sync = sync;
        this.maxOpen = Math.max(1, maxOpen);
        this.clock = clock;
    }

    /**
     * Archives a batch: when this returns, every event is readable from the archive (and on disk with
     * {@code sync}).
     *
     * @throws IOException when a file cannot be written; some events of the batch may then be archived
     *                     already, and are archived again when the batch is redelivered
     */
    synchronized void append(List<SecurityEvent> events) throws IOException {
        if (closed) {
            throw new IOException("the event archive is closed");
        }
        Instant now = clock.instant();
        Set<Segment> touched = new LinkedHashSet<>();
        for (SecurityEvent e : events) {
            Key key = new Key(ArchiveLayout.customerDirectory(e.getString(Ecs.CUSTOMER_ID)),
                    ArchiveLayout.hourOf(ArchiveLayout.receivedAt(e, now)));
            Segment s = open.get(key);
            if (s == null) {
                s = openSegment(key, now);
            }
            s.write(MAPPER.writeValueAsBytes(e.fields()));
            touched.add(s);
        }
        for (Segment s : touched) {
            s.flush(sync);
        }
        while (open.size() > maxOpen) {
            Iterator<Map.Entry<Key, Segment>> eldest = open.entrySet().iterator();
            Segment s = eldest.next().getValue();
            eldest.remove();
            finish(s);
        }
    }

    private Segment openSegment(Key key, Instant now) throws IOException {
        long opened = now.toEpochMilli();
        while (true) {
            Path path = layout.newFile(key.customer(), key.hour(), opened);
            Files.createDirectories(path.getParent());
            try {
                Segment s = new Segment(path);
                open.put(key, s);
                openPaths.add(path);
                return s;
            } catch (FileAlreadyExistsException sameMillisecond) {
                opened++;
            }
        }
    }

    /** Finishes the files of hours that ended more than {@link #GRACE} ago. */
    synchronized void closeIdle() {
        Instant limit = clock.instant().minus(GRACE).minus(Duration.ofHours(1));
        Iterator<Map.Entry<Key, Segment>> it = open.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Key, Segment> entry = it.next();
            if (!entry.getKey().hour().isAfter(limit)) {
                it.remove();
                finish(entry.getValue());
            }
        }
    }

    /** True while the file is being written: retention leaves it, search stops quietly at its end. */
    boolean isOpen(Path path) {
        return openPaths.contains(path);
    }

    synchronized int openFiles() {
        return open.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
        open.values().forEach(this::finish);
        open.clear();
    }

    private void finish(Segment s) {
        try {
            s.close(sync);
        } catch (IOException e) {
            LOG.warn("Event archive: cannot finish {} ({}); its events stay readable up to the last batch",
                    s.path, e.toString());
        } finally {
            openPaths.remove(s.path);
        }
    }

    /** One file being written. */
    private static final class Segment {
        final Path path;
        final FileChannel channel;
        final GZIPOutputStream gzip;
        final OutputStream out;

        Segment(Path path) throws IOException {
            this.path = path;
            this.channel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            // syncFlush: flush() ends a deflate block, so every flushed line can be read back
            this.gzip = new GZIPOutputStream(Channels.newOutputStream(channel), 64 * 1024, true);
            this.out = new BufferedOutputStream(gzip, 64 * 1024);
        }

        void write(byte[] json) throws IOException {
            out.write(json);
            out.write('\n');
        }

        void flush(boolean force) throws IOException {
            out.flush();
            if (force) {
                channel.force(false);
            }
        }

        /** Writes the gzip trailer; the file is then a complete gzip file. */
        void close(boolean force) throws IOException {
            try (channel) {
                out.flush();
                gzip.finish();
                if (force) {
                    channel.force(false);
                }
            }
        }
    }
}
