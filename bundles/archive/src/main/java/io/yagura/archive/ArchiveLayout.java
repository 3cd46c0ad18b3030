package io.yagura.archive;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where events lie on disk: {@code <root>/<yyyy-MM-dd>/<customer>/<HH>-<opened>.jsonl.gz}, days and hours in
 * UTC of the time Yagura received the line. Days first, so that retention and a search of every customer
 * walk one directory per day; one file per writer of an hour (a restart or a late event opens another),
 * named by when it was opened so that names sort in writing order. Events without a customer (unregistered
 * sources) go to {@value #UNREGISTERED}, which is no valid customer id.
 */
final class ArchiveLayout {

    static final String UNREGISTERED = "_unregistered";
    static final String SUFFIX = ".jsonl.gz";
    /** The registry's customer ids: never "..", never a path separator. */
    private static final Pattern CUSTOMER = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    private static final Pattern FILE = Pattern.compile("([0-2][0-9])-[0-9]+" + Pattern.quote(SUFFIX));

    private final Path root;

    ArchiveLayout(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    /** One archive file: its hour, its customer directory, its path. */
    record ArchiveFile(Instant hour, String customer, Path path) {
    }

    static String customerDirectory(String customerId) {
        return customerId != null && CUSTOMER.matcher(customerId).matches() ? customerId : UNREGISTERED;
    }

    static boolean isCustomerId(String text) {
        return text != null && CUSTOMER.matcher(text).matches();
    }

    /**
     * When Yagura received the event's line (set by the platform on every event), else the device's time,
     * else {@code fallback}.
     */
    static Instant receivedAt(SecurityEvent event, Instant fallback) {
        for (String field : new String[] {Ecs.EVENT_INGESTED, Ecs.TIMESTAMP}) {
            String text = event.getString(field);
            if (text != null) {
                try {
                    return Instant.parse(text);
                } catch (DateTimeParseException notATime) {
                    // try the next field
                }
            }
        }
        return fallback;
    }

    static Instant hourOf(Instant t) {
        return t.truncatedTo(ChronoUnit.HOURS);
    }

    /** A new file's path for this customer directory and hour, named by {@code openedMillis}. */
    Path newFile(String customer, Instant hour, long openedMillis) {
        var utc = hour.atOffset(ZoneOffset.UTC);
        return root.resolve(utc.toLocalDate().toString()).resolve(customer)
                .resolve(String.format("%02d-%013d%s", utc.getHour(), openedMillis, SUFFIX));
    }

    /** Day directories, oldest first, that may hold hours in [from, to) (null: open end). */
    List<LocalDate> days(Instant from, Instant to) {
        List<LocalDate> days = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return days;
        }
        LocalDate first = from == null ? LocalDate.MIN : from.atOffset(ZoneOffset.UTC).toLocalDate();
        LocalDate last = to == null ? LocalDate.MAX : to.minusNanos(1).atOffset(ZoneOffset.UTC).toLocalDate();
        for (Path p : list(root)) {
            parseDay(p.getFileName().toString())
                    .filter(d -> !d.isBefore(first) && !d.isAfter(last) && Files.isDirectory(p))
                    .ifPresent(days::add);
        }
        days.sort(null);
        return days;
    }

    /**
     * The files of one day whose hour overlaps [from, to), hour by hour; within an hour by customer, then in
     * writing order.
     *
     * @param customer one customer directory, or null for all
     */
    TreeMap<Instant, List<ArchiveFile>> hoursOf(LocalDate day, String customer, Instant from, Instant to) {
        TreeMap<Instant, List<ArchiveFile>> hours = new TreeMap<>();
        Path dayDir = root.resolve(day.toString());
        List<Path> customers = customer == null ? list(dayDir) : List.of(dayDir.resolve(customer));
        for (Path c : customers) {
            if (!Files.isDirectory(c)) {
                continue;
            }
            for (Path f : list(c)) {
                Matcher m = FILE.matcher(f.getFileName().toString());
                if (!m.matches()) {
                    continue;
                }
                Instant hour = day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Integer.parseInt(m.group(1)), ChronoUnit.HOURS);
                boolean overlaps = (from == null || hour.plus(1, ChronoUnit.HOURS).isAfter(from))
                        && (to == null || hour.isBefore(to));
                if (overlaps) {
                    hours.computeIfAbsent(hour, h -> new ArrayList<>())
                            .add(new ArchiveFile(hour, c.getFileName().toString(), f));
                }
            }
        }
        return hours;
    }

    /** Every archive file, oldest hour first. */
    List<ArchiveFile> all() {
        List<ArchiveFile> files = new ArrayList<>();
        for (LocalDate day : days(null, null)) {
            hoursOf(day, null, null, null).values().forEach(files::addAll);
        }
        return files;
    }

    private static Optional<LocalDate> parseDay(String name) {
        try {
            return Optional.of(LocalDate.parse(name));
        } catch (DateTimeParseException notADay) {
            return Optional.empty();
        }
    }

    /** A directory's entries sorted by name; none when it does not exist. */
    static List<Path> list(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
    }
}
