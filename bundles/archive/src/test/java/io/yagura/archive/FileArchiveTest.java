package io.yagura.archive;

import static io.yagura.archive.ArchiveFixtures.T0;
import static io.yagura.archive.ArchiveFixtures.alert;
import static io.yagura.archive.ArchiveFixtures.deny;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.archive.ArchiveQuery;
import io.yagura.api.archive.ArchiveSearch;
import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The archive on real files: writing, files per day, customer and hour, search, replay, damage. */
class FileArchiveTest {

    static final FileArchive.Settings SETTINGS = new FileArchive.Settings(Duration.ofDays(30), 1L << 30, true, 256);

    @TempDir
    Path dir;

    final ArchiveFixtures.TestClock clock = new ArchiveFixtures.TestClock(T0);
    final List<FileArchive> opened = new ArrayList<>();

    FileArchive archive() {
        FileArchive a = new FileArchive(dir, SETTINGS, clock);
        opened.add(a);
        return a;
    }

    @AfterEach
    void closeArchives() {
        opened.forEach(FileArchive::close);
    }

    static List<String> sources(ArchiveSearch s) {
        return s.events().stream().map(e -> e.getString(Ecs.SOURCE_IP)).toList();
    }

    List<Path> files() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).sorted().toList();
        }
    }

    @Test
    void eventsAreWrittenAsGzipJsonLinesPerDayCustomerAndHourOfReception() throws IOException {
        FileArchive a = archive();
        a.append(List.of(deny("acme", T0, "203.0.113.5", "10.0.0.5"),
                deny("globex", T0.plusSeconds(1), "198.51.100.7", "10.1.0.8"),
                deny("acme", T0.plus(Duration.ofHours(14)), "203.0.113.6", "10.0.0.5"),
                deny(null, T0, "192.0.2.99", "10.9.9.9")));
        a.close();

        List<String> names = files().stream().map(p -> dir.relativize(p).toString().replaceAll("-\\d{13}\\.", "-*."))
                .toList();
        assertEquals(List.of("2026-11-27/_unregistered/10-*.jsonl.gz", "2026-11-27/acme/10-*.jsonl.gz",
                "2026-11-28/acme/00-*.jsonl.gz", "2026-11-27/globex/10-*.jsonl.gz").stream().sorted().toList(),
                names, "one file per day, customer and hour (UTC of event.ingested); no customer: _unregistered");
        Path acme = files().stream().filter(p -> p.toString().contains("2026-11-27/acme/")).findFirst().orElseThrow();
        String text = gunzip(acme);
        assertTrue(text.startsWith("{\"yagura.schema\":\"1.0.0\""), text);
        assertTrue(text.contains("\"source.ip\":\"203.0.113.5\"") && text.endsWith("}\n"), "one JSON line per event: " + text);
    }

    @Test
    void aCustomersSearchFindsOnlyItsOwnEventsAndAllCustomersIsExplicit() throws IOException {
        FileArchive a = archive();
        a.append(List.of(deny("acme", T0, "203.0.113.5", "10.0.0.5"),
                deny("globex", T0.plusSeconds(1), "203.0.113.5", "10.1.0.8"),
                deny(null, T0.plusSeconds(2), "203.0.113.5", "10.9.9.9")));

        assertEquals(List.of("10.0.0.5"), a.search(ArchiveQuery.customer("acme"), 10).events().stream()
                .map(e -> e.getString(Ecs.DESTINATION_IP)).toList());
        assertEquals(3, a.search(ArchiveQuery.allCustomers(), 10).events().size(),
                "all customers, and the unregistered sources");
        assertEquals(0, a.search(ArchiveQuery.customer("initech"), 10).events().size());
        assertThrows(IllegalArgumentException.class, () -> ArchiveQuery.customer(" "));
        IllegalArgumentException traversal = assertThrows(IllegalArgumentException.class,
                () -> a.search(ArchiveQuery.customer("../acme"), 10));
        assertTrue(traversal.getMessage().contains("'../acme' is not a customer id"), traversal.getMessage());
    }

    @Test
    void addressSearchMatchesSourceOrDestinationBeforeOrAfterNatAndWholeNetworks() throws IOException {
        FileArchive a = archive();
        a.append(List.of(deny("acme", T0, "203.0.113.5", "10.0.0.5"),
                deny("acme", T0.plusSeconds(1), "10.0.0.9", "203.0.113.5"),
                deny("acme", T0.plusSeconds(2), "10.0.0.7", "198.51.100.1").set(Ecs.SOURCE_NAT_IP, "203.0.113.5"),
                deny("acme", T0.plusSeconds(3), "203.0.113.50", "10.0.0.5"),
                deny("acme", T0.plusSeconds(4), "2001:db8::7", "2001:db8:1::1"),
                deny("acme", T0.plusSeconds(5), "::ffff:203.0.113.5", "10.0.0.6")));

        assertEquals(List.of("203.0.113.5", "10.0.0.9", "10.0.0.7", "::ffff:203.0.113.5"),
                sources(a.search(ArchiveQuery.customer("acme").address("203.0.113.5"), 10)),
                "as source, destination, NAT address, IPv4-mapped; not 203.0.113.50");
        assertEquals(List.of("203.0.113.5", "10.0.0.9", "10.0.0.7", "203.0.113.50", "::ffff:203.0.113.5"),
                sources(a.search(ArchiveQuery.customer("acme").address("203.0.113.0/24"), 10)));
        assertEquals(List.of("2001:db8::7"), sources(a.search(ArchiveQuery.customer("acme").address("2001:DB8:0::7"), 10)));
        IllegalArgumentException notAnAddress = assertThrows(IllegalArgumentException.class,
                () -> a.search(ArchiveQuery.customer("acme").address("cafe.bad"), 10));
        assertTrue(notAnAddress.getMessage().contains("'cafe.bad' is not an IP address or CIDR network"),
                notAnAddress.getMessage());
    }

    @Test
    void ruleSearchMatchesTheSignatureIdOrPartOfItsName() throws IOException {
        FileArchive a = archive();
        a.append(List.of(alert("acme", T0, "203.0.113.5", "10.0.0.5", "4051", "UDP Snork attack"),
                alert("acme", T0.plusSeconds(1), "203.0.113.6", "10.0.0.5", "40510", "Other"),
                deny("acme", T0.plusSeconds(2), "203.0.113.7", "10.0.0.5")));

        assertEquals(List.of("203.0.113.5"), sources(a.search(ArchiveQuery.customer("acme").rule("4051"), 10)));
        assertEquals(List.of("203.0.113.5"), sources(a.search(ArchiveQuery.customer("acme").rule("snork"), 10)));
        assertEquals(List.of(), sources(a.search(ArchiveQuery.customer("acme").rule("4051").address("203.0.113.6"), 10)));
    }

    @Test
    void timeRangeIsOnReceptionFromInclusiveToExclusiveAcrossHoursAndDays() throws IOException {
        FileArchive a = archive();
        List<SecurityEvent> batch = new ArrayList<>();
        for (int h = 0; h < 30; h++) {
            batch.add(deny("acme", T0.plus(Duration.ofHours(h)), "192.0.2." + h, "10.0.0.5"));
        }
        a.append(batch);

        ArchiveSearch s = a.search(ArchiveQuery.customer("acme")
                .between(T0.plus(Duration.ofHours(13)), T0.plus(Duration.ofHours(16))), 10);
        assertEquals(List.of("192.0.2.13", "192.0.2.14", "192.0.2.15"), sources(s), "23:15, 00:15 of the next day, 01:15");
        assertEquals(4, s.filesRead(), "only the files of the hours in the range are read: 23:00 to 02:00");
        assertThrows(IllegalArgumentException.class, () -> ArchiveQuery.customer("acme").between(T0, T0));
    }

    @Test
    void searchIsOldestFirstStopsAtTheLimitAndSaysMoreMatched() throws IOException {
        FileArchive first = archive();
        first.append(List.of(deny("acme", T0.plusSeconds(10), "192.0.2.2", "10.0.0.5")));
        first.close();
        // a second writer (a restart) writes an earlier event of the same hour in another file
        FileArchive second = archive();
        second.append(List.of(deny("acme", T0.plusSeconds(5), "192.0.2.1", "10.0.0.5"),
                deny("acme", T0.plusSeconds(20), "192.0.2.3", "10.0.0.5"),
                deny("acme", T0.plus(Duration.ofHours(2)), "192.0.2.4", "10.0.0.5")));

        ArchiveSearch two = second.search(ArchiveQuery.customer("acme"), 2);
        assertEquals(List.of("192.0.2.1", "192.0.2.2"), sources(two), "ordered by reception across the hour's files");
        assertTrue(two.more());
        ArchiveSearch all = second.search(ArchiveQuery.customer("acme"), 4);
        assertEquals(List.of("192.0.2.1", "192.0.2.2", "192.0.2.3", "192.0.2.4"), sources(all));
        assertFalse(all.more(), "exactly the limit matched");
        assertThrows(IllegalArgumentException.class, () -> second.search(ArchiveQuery.customer("acme"), 0));
    }

    @Test
    void aFileBeingWrittenIsReadUpToItsLastBatchWithoutAWarning() throws IOException {
        FileArchive a = archive();
        a.append(List.of(deny("acme", T0, "192.0.2.1", "10.0.0.5")));
        a.append(List.of(deny("acme", T0.plusSeconds(1), "192.0.2.2", "10.0.0.5")));

        ArchiveSearch s = a.search(ArchiveQuery.customer("acme"), 10);
        assertEquals(List.of("192.0.2.1", "192.0.2.2"), sources(s));
        assertEquals(List.of(), s.damagedFiles());
        assertEquals(1, a.openFiles());
    }

    @Test
    void aFileAWriterLeftUnfinishedIsReadToItsLastBatchAndReportedAsCutShort() throws IOException {
        FileArchive crashed = new FileArchive(dir, SETTINGS, clock); // never closed: the process died
        crashed.append(List.of(deny("acme", T0, "192.0.2.1", "10.0.0.5")));
        crashed.append(List.of(deny("acme", T0.plusSeconds(1), "192.0.2.2", "10.0.0.5")));

        FileArchive restarted = archive();
        restarted.append(List.of(deny("acme", T0.plusSeconds(2), "192.0.2.3", "10.0.0.5")));
        ArchiveSearch s = restarted.search(ArchiveQuery.customer("acme"), 10);
        assertEquals(List.of("192.0.2.1", "192.0.2.2", "192.0.2.3"), sources(s), "nothing acknowledged is lost");
        assertEquals(1, s.damagedFiles().size(), "the unfinished file is named: " + s.damagedFiles());
        assertEquals(2, files().size(), "the new writer opened its own file");
    }

    @Test
    void corruptAndTruncatedFilesAreSkippedWithTheirNamesAndTheOthersStillAnswer() throws IOException {
        FileArchive a = archive();
        List<SecurityEvent> many = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            many.add(deny("acme", T0.plusMillis(i), "192.0.2." + (i % 250), "10.0.0.5").set(Ecs.MESSAGE, "event " + i));
        }
        a.append(many);
        a.append(List.of(deny("acme", T0.plus(Duration.ofHours(1)), "198.51.100.1", "10.0.0.5")));
        a.close();
        Path tenOClock = files().get(0);
        byte[] whole = Files.readAllBytes(tenOClock);
        Files.write(tenOClock, java.util.Arrays.copyOf(whole, whole.length / 2));
        Path garbage = dir.resolve("2026-11-27/acme/12-0000000000001.jsonl.gz");
        Files.writeString(garbage, "this is not gzip");
        Path notEvents = dir.resolve("2026-11-27/acme/13-0000000000001.jsonl.gz");
        Files.write(notEvents, gzip("{\"source.ip\":\"203.0.113.200\"}\nnot json at all\n{\"source.ip\":\"203.0.113.201\"}\n"));

        ArchiveSearch s = archive().search(ArchiveQuery.customer("acme"), 10_000);
        assertEquals(List.of(tenOClock.toString(), garbage.toString(), notEvents.toString()), s.damagedFiles());
        List<String> found = sources(s);
        assertTrue(found.size() > 1 && found.size() < 2000, "the truncated file's first events: " + found.size());
        assertTrue(found.contains("198.51.100.1"), "the intact file is read");
        assertTrue(found.contains("203.0.113.200") && !found.contains("203.0.113.201"), "read up to the bad line: "
                + found.subList(Math.max(0, found.size() - 3), found.size()));
    }

    @Test
    void replayHandsOverEveryEventOfTheRangeInArchiveOrder() throws IOException {
        FileArchive a = archive();
        a.append(List.of(deny("acme", T0, "192.0.2.1", "10.0.0.5"),
                deny("globex", T0.plusSeconds(1), "192.0.2.2", "10.0.0.5"),
                deny("acme", T0.plusSeconds(2), "192.0.2.3", "10.0.0.5"),
                deny("acme", T0.plus(Duration.ofHours(3)), "192.0.2.4", "10.0.0.5")));

        List<String> acme = new ArrayList<>();
        long n = a.replay(Optional.of("acme"), T0, T0.plus(Duration.ofHours(3)), e -> acme.add(e.getString(Ecs.SOURCE_IP)));
        assertEquals(List.of("192.0.2.1", "192.0.2.3"), acme);
        assertEquals(2, n);
        assertEquals(4, a.replay(Optional.empty(), T0.minusSeconds(1), T0.plus(Duration.ofDays(1)), e -> { }));
    }

    @Test
    void filesOfPastHoursAreFinishedByHousekeepingAndTheQuietestClosedBeyondTheOpenLimit() throws IOException {
        FileArchive limited = new FileArchive(dir, new FileArchive.Settings(Duration.ofDays(30), 1L << 30, false, 2), clock);
        opened.add(limited);
        limited.append(List.of(deny("a1", T0, "192.0.2.1", "10.0.0.5"), deny("a2", T0, "192.0.2.1", "10.0.0.5"),
                deny("a3", T0, "192.0.2.1", "10.0.0.5")));
        assertEquals(2, limited.openFiles(), "at most max.open.files");
        clock.advance(Duration.ofMinutes(44)); // 10:59: the 10 o'clock files stay open for late events
        limited.housekeeping();
        assertEquals(2, limited.openFiles());
        clock.advance(Duration.ofMinutes(6));  // 11:05, past the grace
        limited.housekeeping();
        assertEquals(0, limited.openFiles());
        for (Path f : files()) {
            assertTrue(gunzip(f).contains("192.0.2.1"), "a complete gzip file: " + f);
        }
    }

    static String gunzip(Path file) throws IOException {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
