package io.yagura.archive;

import java.io.IOException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the archive within its bounds: deletes the files of hours that ended more than the retention
 * ago, then, while the archive is above its size cap, the oldest hours' files (every customer's), each
 * deletion logged. Files being written are never deleted. Empty directories of past days go too.
 */
final class Retention {

    private static final Logger LOG = LoggerFactory.getLogger(Retention.class);

    private final ArchiveLayout layout;
    private final Predicate<Path> beingWritten;
    private final Consumer<Path> deleted;
    private final Duration keep;
    private final long maxBytes;
    private final InstantSource clock;

    /** What one run did. */
    record Result(int expiredFiles, int cappedFiles, long freedBytes, long totalBytes) {
    }

    Retention(ArchiveLayout layout, Predicate<Path> beingWritten, Consumer<Path> deleted, Duration keep, long maxBytes,
              InstantSource clock) {
        this.layout = layout;
        this.beingWritten = beingWritten;
        this.deleted = deleted;
        this.keep = keep;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    Result run() {
        Instant expiredBefore = clock.instant().minus(keep);
        List<Sized> kept = new ArrayList<>();
        int expired = 0;
        long freed = 0;
        long total = 0;
        for (ArchiveLayout.ArchiveFile f : layout.all()) {
            long size = size(f.path());
            boolean hourEnded = f.hour().plus(Duration.ofHours(1)).isBefore(expiredBefore);
            if (hourEnded && !beingWritten.test(f.path()) && delete(f.path())) {
                LOG.debug("Event archive: deleted {} ({} bytes, hour {}): older than the retention", f.path(), size,
                        f.hour());
                expired++;
                freed += size;
            } else {
                kept.add(new Sized(f, size));
                total += size;
            }
        }
        if (expired > 0) {
            LOG.info("Event archive: deleted {} file(s), {} MB, of hours ended before {} (retention {} days)", expired,
                    mb(freed), expiredBefore, keep.toDays());
        }
        long above = total;
        int capped = 0;
        Instant oldestCapped = null;
        Instant newestCapped = null;
        for (Sized s : kept) {
            if (total <= maxBytes) {
                break;
            }
            if (!beingWritten.test(s.file.path()) && delete(s.file.path())) {
                LOG.debug("Event archive: deleted {} ({} bytes, hour {}): above the size cap", s.file.path(), s.size,
                        s.file.hour());
                oldestCapped = oldestCapped == null ? s.file.hour() : oldestCapped;
                newestCapped = s.file.hour();
                capped++;
                freed += s.size;
                total -= s.size;
            }
        }
        if (capped > 0) {
            LOG.warn("Event archive was above its size cap of {} MB ({} MB): deleted its {} oldest file(s), hours {} to {};"
                    + " it now holds {} MB", mb(maxBytes), mb(above), capped, oldestCapped, newestCapped, mb(total));
        }
        if (total > maxBytes) {
            LOG.warn("Event archive still above its size cap of {} MB ({} MB): only files being written are left",
                    mb(maxBytes), mb(total));
        }
        removeEmptyDirectories();
        return new Result(expired, capped, freed, total);
    }

    private static long mb(long bytes) {
        return bytes / (1024 * 1024);
    }

    private record Sized(ArchiveLayout.ArchiveFile file, long size) {
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException gone) {
            return 0;
        }
    }

    private boolean delete(Path p) {
        try {
            Files.deleteIfExists(p);
            deleted.accept(p);
            return true;
        } catch (IOException e) {
            LOG.warn("Event archive: cannot delete {} ({}); tried again at the next run", p, e.toString());
            return false;
        }
    }

    /**
     * Customer and day directories left empty, of days before yesterday (the writer is creating files in
     * today's and, just after midnight, yesterday's).
     */
    private void removeEmptyDirectories() {
        LocalDate recent = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
        for (LocalDate d : layout.days(null, null)) {
            if (!d.isBefore(recent)) {
                continue;
            }
            Path day = layout.root().resolve(d.toString());
            for (Path customer : ArchiveLayout.list(day)) {
                removeIfEmpty(customer);
            }
            removeIfEmpty(day);
        }
    }

    private static void removeIfEmpty(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                Files.delete(dir);
            }
        } catch (DirectoryNotEmptyException | NoSuchFileException inUse) {
            // still holds files, or went meanwhile
        } catch (IOException e) {
            LOG.debug("Event archive: cannot remove the empty directory {}", dir, e);
        }
    }
}
