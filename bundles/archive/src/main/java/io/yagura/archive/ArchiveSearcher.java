package io.yagura.archive;

import io.yagura.api.archive.ArchiveQuery;
import io.yagura.api.archive.ArchiveSearch;
import io.yagura.api.event.SecurityEvent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Search and replay over the files of a time range, hour by hour, oldest first. A search keeps at most
 * limit + 1 matches of an hour in memory (the earliest ones), so its memory does not grow with the data
 * read, and stops after the hour in which the limit was passed. No index: the cost is reading (inflating
 * and parsing) every event of the customer's hours in the range, minus lines a cheap text test rules out.
 */
final class ArchiveSearcher {

    private final ArchiveLayout layout;
    private final FileReading reading;

    ArchiveSearcher(ArchiveLayout layout, FileReading reading) {
        this.layout = layout;
        this.reading = reading;
    }

    /** A match with what orders it: time received, then reading order. */
    private record Match(Instant received, long seq, SecurityEvent event) {
        static final Comparator<Match> ORDER = Comparator.comparing(Match::received).thenComparingLong(Match::seq);
    }

    ArchiveSearch search(ArchiveQuery query, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("the limit must be at least 1, not " + limit);
        }
        EventFilter filter = new EventFilter(query);
        String customer = query.customerId().map(ArchiveSearcher::directoryOf).orElse(null);
        Instant from = query.from().orElse(null);
        Instant to = query.to().orElse(null);
        List<SecurityEvent> found = new ArrayList<>();
        List<String> damaged = new ArrayList<>();
        int filesRead = 0;
        long seq = 0;
        for (LocalDate day : layout.days(from, to)) {
            for (Map.Entry<Instant, List<ArchiveLayout.ArchiveFile>> hour
                    : layout.hoursOf(day, customer, from, to).entrySet()) {
                int room = limit - found.size() + 1;
                // the newest match on top, dropped when a better (earlier) one comes and there is no room
                PriorityQueue<Match> earliest = new PriorityQueue<>(Match.ORDER.reversed());
                for (ArchiveLayout.ArchiveFile f : hour.getValue()) {
                    filesRead++;
                    long[] counter = {seq};
                    boolean damagedFile = reading.read(f.path(), filter.prefilter(), e -> {
                        Instant received = ArchiveLayout.receivedAt(e, f.hour());
                        if (filter.inTime(received) && filter.matches(e)) {
                            earliest.add(new Match(received, counter[0]++, e));
                            if (earliest.size() > room) {
                                earliest.poll();
                            }
                        }
                    });
                    seq = counter[0];
                    if (damagedFile) {
                        damaged.add(f.path().toString());
                    }
                }
                List<Match> ordered = new ArrayList<>(earliest);
                ordered.sort(Match.ORDER);
                for (Match m : ordered) {
                    if (found.size() == limit) {
                        return new ArchiveSearch(found, true, filesRead, damaged);
                    }
                    found.add(m.event());
                }
            }
        }
        return new ArchiveSearch(found, false, filesRead, damaged);
    }

    long replay(Optional<String> customerId, Instant from, Instant to, Consumer<SecurityEvent> consumer) {
        String customer = customerId.map(ArchiveSearcher::directoryOf).orElse(null);
        EventFilter window = new EventFilter(ArchiveQuery.allCustomers().between(from, to));
        long[] count = {0};
        for (LocalDate day : layout.days(from, to)) {
            for (List<ArchiveLayout.ArchiveFile> files : layout.hoursOf(day, customer, from, to).values()) {
                for (ArchiveLayout.ArchiveFile f : files) {
                    reading.read(f.path(), FileReading.LinePrefilter.ALL, e -> {
                        if (window.inTime(ArchiveLayout.receivedAt(e, f.hour()))) {
                            consumer.accept(e);
                            count[0]++;
                        }
                    });
                }
            }
        }
        return count[0];
    }

    /** A customer id that cannot be a directory of the archive reads nothing (never another directory). */
    private static String directoryOf(String customerId) {
        if (!ArchiveLayout.isCustomerId(customerId)) {
            throw new IllegalArgumentException("'" + customerId + "' is not a customer id (lower-case letters, digits, "
                    + "'.', '_', '-', starting with a letter or digit)");
        }
        return customerId;
    }
}
