package io.yagura.archive;

import static io.yagura.archive.ArchiveFixtures.T0;
import static io.yagura.archive.ArchiveFixtures.deny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.archive.ArchiveQuery;
import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Retention in days and the size cap, on real files. */
class RetentionTest {

    @TempDir
    Path dir;

    final ArchiveFixtures.TestClock clock = new ArchiveFixtures.TestClock(T0);

    /** One event per hour for {@code hours} hours from T0, for acme and globex; files finished. */
    void fill(long maxBytes, int hours) throws IOException {
        try (FileArchive a = new FileArchive(dir, new FileArchive.Settings(Duration.ofDays(2), maxBytes, false, 256), clock)) {
            List<SecurityEvent> batch = new ArrayList<>();
            for (int h = 0; h < hours; h++) {
                batch.add(deny("acme", T0.plus(Duration.ofHours(h)), "192.0.2.1", "10.0.0.5"));
                batch.add(deny("globex", T0.plus(Duration.ofHours(h)), "192.0.2.1", "10.0.0.5"));
            }
            a.append(batch);
        }
    }

    List<String> remainingHours(FileArchive a) {
        return a.search(ArchiveQuery.allCustomers(), 1000).events().stream()
                .map(e -> e.getString(Ecs.EVENT_INGESTED).substring(0, 13)).distinct().toList();
    }

    @Test
    void hoursOlderThanTheRetentionAreDeletedWithTheirEmptyDirectories() throws IOException {
        fill(1L << 30, 24);
        clock.set(Instant.parse("2026-11-29T10:30:00Z"));
        try (FileArchive a = new FileArchive(dir, new FileArchive.Settings(Duration.ofDays(2), 1L << 30, false, 256), clock)) {
            Retention.Result r = a.housekeeping();
            // hours that ended before 2026-11-27T10:30 go: none yet (the first, 10:00, ends at 11:00)
            assertEquals(0, r.expiredFiles(), "everything is younger than two days: " + r);
            clock.set(Instant.parse("2026-11-29T11:00:01Z"));
            r = a.housekeeping();
            assertEquals(2, r.expiredFiles(), "the 2026-11-27T10 hour of both customers");
            assertEquals(List.of("2026-11-27T11"), remainingHours(a).subList(0, 1));
            clock.set(Instant.parse("2026-12-01T00:00:00Z"));
            a.housekeeping();
            assertEquals(List.of(), remainingHours(a));
            assertFalse(Files.exists(dir.resolve("2026-11-27")), "empty day directories go");
        }
    }

    @Test
    void aboveTheSizeCapTheOldestHoursGoFirstUntilTheArchiveFits() throws IOException {
        fill(1L << 30, 10);
        long total;
        try (var files = Files.walk(dir)) {
            total = files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        }
        long perHour = total / 10;
        try (FileArchive a = new FileArchive(dir, new FileArchive.Settings(Duration.ofDays(30), total - perHour * 3, false,
                256), clock)) {
            Retention.Result r = a.housekeeping();
            assertEquals(6, r.cappedFiles(), "three hours of two customers: " + r);
            assertTrue(r.totalBytes() <= total - perHour * 3);
            assertEquals(List.of("2026-11-27T13", "2026-11-27T14"), remainingHours(a).subList(0, 2));
        }
    }

    @Test
    void aFileBeingWrittenIsNeverDeleted() throws IOException {
        try (FileArchive a = new FileArchive(dir, new FileArchive.Settings(Duration.ofDays(1), 1, false, 256), clock)) {
            a.append(List.of(deny("acme", T0, "192.0.2.1", "10.0.0.5")));
            Retention.Result r = a.housekeeping();
            assertEquals(0, r.cappedFiles(), "above a 1-byte cap, but open");
            assertEquals(1, a.search(ArchiveQuery.customer("acme"), 10).events().size());
        }
    }
}
