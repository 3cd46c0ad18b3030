package io.yagura.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.archive.ArchiveQuery;
import io.yagura.api.archive.ArchiveSearch;
import io.yagura.api.archive.EventArchive;
import io.yagura.api.event.SecurityEvent;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

/** yagura:events: times as analysts type them, and no search that silently crosses customers. */
class EventsCommandTest {

    static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");

    /** Records the queries it is asked; holds nothing. */
    static final class RecordingArchive implements EventArchive {
        final List<ArchiveQuery> queries = new ArrayList<>();
        List<String> damagedFiles = List.of();

        @Override
        public ArchiveSearch search(ArchiveQuery query, int limit) {
            queries.add(query);
            return new ArchiveSearch(List.of(), false, 0, damagedFiles);
        }

        @Override
        public long replay(Optional<String> customerId, Instant from, Instant to, Consumer<SecurityEvent> consumer) {
            return 0;
        }
    }

    @Test
    void timesAreAbsoluteInUtcOrHowLongAgo() {
        assertEquals(Instant.parse("2026-11-27T10:00:00Z"), EventsCommand.time("--from", "2026-11-27T10:00:00Z", NOW));
        assertEquals(Instant.parse("2026-11-27T01:00:00Z"), EventsCommand.time("--from", "2026-11-27T10:00+09:00", NOW));
        assertEquals(Instant.parse("2026-11-27T10:00:00Z"), EventsCommand.time("--from", "2026-11-27T10:00", NOW));
        assertEquals(Instant.parse("2026-11-27T00:00:00Z"), EventsCommand.time("--from", "2026-11-27", NOW));
        assertEquals(Instant.parse("2026-11-27T10:30:00Z"), EventsCommand.time("--from", "90m", NOW));
        assertEquals(Instant.parse("2026-11-20T12:00:00Z"), EventsCommand.time("--from", "7d", NOW));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EventsCommand.time("--to", "yesterday", NOW));
        assertTrue(e.getMessage().startsWith("--to 'yesterday' is not a time"), e.getMessage());
    }

    @Test
    void aSearchNamesOneCustomerOrAllCustomersExplicitly() {
        RecordingArchive archive = new RecordingArchive();
        assertTrue(run(archive, null, false).contains("name one customer (--customer ID) or search --all-customers"));
        assertTrue(run(archive, "acme", true).contains("name one customer"));
        assertEquals(0, archive.queries.size(), "nothing searched");
        assertEquals("", run(archive, "acme", false));
        assertEquals("", run(archive, null, true));
        assertEquals(List.of(Optional.of("acme"), Optional.empty()),
                archive.queries.stream().map(ArchiveQuery::customerId).toList());
        assertTrue(archive.queries.get(0).from().isPresent(), "the last 24 hours by default");
    }

    @Test
    void aSearchThatMetADamagedArchiveFileFailsAfterWhatItRead() {
        RecordingArchive archive = new RecordingArchive();
        archive.damagedFiles = List.of("2026/11/27/acme.jsonl.gz", "2026/11/28/acme.jsonl.gz");
        assertEquals("Damaged archive file, read up to the damage (see the log): 2026/11/27/acme.jsonl.gz\n"
                + "Damaged archive file, read up to the damage (see the log): 2026/11/28/acme.jsonl.gz",
                run(archive, "acme", false));
    }

    /** Runs the command; returns its refusal, or "" when it searched. */
    private static String run(EventArchive archive, String customer, boolean all) {
        EventsCommand c = new EventsCommand();
        c.archive = archive;
        c.customer = customer;
        c.allCustomers = all;
        PrintStream out = System.out;
        System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        try {
            c.execute();
            return "";
        } catch (CommandException refused) {
            return refused.getMessage();
        } finally {
            System.setOut(out);
        }
    }
}
