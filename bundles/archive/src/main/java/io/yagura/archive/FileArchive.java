package io.yagura.archive;

import io.yagura.api.archive.ArchiveQuery;
import io.yagura.api.archive.ArchiveSearch;
import io.yagura.api.archive.EventArchive;
import io.yagura.api.event.SecurityEvent;
import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The archive on disk, plain Java (no OSGi, no broker): writing, searching, replaying and keeping it
 * within its bounds. {@link ArchiveService} feeds it from the broker and runs its housekeeping.
 */
final class FileArchive implements EventArchive, Closeable {

    private final ArchiveWriter writer;
    private final FileReading reading;
    private final ArchiveSearcher searcher;
    private final Retention retention;

    /** How the archive is bounded and written. */
    record Settings(Duration retention, long maxBytes, boolean syncWrites, int maxOpenFiles) {
    }

    FileArchive(Path directory, Settings settings, InstantSource clock) {
        ArchiveLayout layout = new ArchiveLayout(directory);
        this.writer = new ArchiveWriter(layout, settings.syncWrites(), settings.maxOpenFiles(), clock);
        this.reading = new FileReading(writer::isOpen);
        this.searcher = new ArchiveSearcher(layout, reading);
        this.retention = new Retention(layout, writer::isOpen, reading::forget, settings.retention(),
                settings.maxBytes(), clock);
    }

    /** @see ArchiveWriter#append */
    void append(List<SecurityEvent> events) throws IOException {
        writer.append(events);
    }

    /** Finishes the files of past hours, then applies retention and the size cap. */
    Retention.Result housekeeping() {
        writer.closeIdle();
        return retention.run();
    }

    int openFiles() {
        return writer.openFiles();
    }

    @Override
    public ArchiveSearch search(ArchiveQuery query, int limit) {
        return searcher.search(query, limit);
    }

    @Override
    public long replay(Optional<String> customerId, Instant from, Instant to, Consumer<SecurityEvent> consumer) {
        return searcher.replay(customerId, from, to, consumer);
    }

    @Override
    public void close() {
        writer.close();
    }
}
