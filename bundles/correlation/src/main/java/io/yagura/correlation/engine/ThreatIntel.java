package io.yagura.correlation.engine;

import io.yagura.correlation.rules.FileStamps;
import io.yagura.format.net.NetworkTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Threat-intelligence lists: bad addresses (IPv4/IPv6, networks in CIDR form) and bad domains,
 * read from plain text files.
 *
 * <p>File format: one entry per line; {@code #} starts a comment (whole line or after the entry);
 * blank lines are skipped; an optional label follows a comma ({@code 203.0.113.81,c2},
 * {@code evil.example.net,phishing}). A domain also matches its sub-domains. The file name without
 * extension is the list's source name ({@code yagura.ti.source}). A line that is neither an
 * address, a network nor a domain is skipped and reported in {@link #problems()}.
 *
 * <p>Lookups read an immutable snapshot (no locking, no I/O); {@link #reloadIfChanged()} — called
 * periodically by the OSGi layer — checks the files' modification times and sizes (and, for a
 * directory, the set of files) and swaps in a new snapshot when anything changed.
 */
public final class ThreatIntel {

    private static final Logger LOG = LoggerFactory.getLogger(ThreatIntel.class);
    private static final Pattern DOMAIN = Pattern.compile("(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\\.)+"
            + "[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?");

    /** One list entry that matched: the value looked up, the entry it matched, its list and label. */
    public record Match(String indicator, String entry, String source, String label) {
    }

    private record Entry(String entry, String source, String label) {
    }

    private record Snapshot(NetworkTable<Entry> addresses, Map<String, Entry> domains, List<String> problems,
                            FileStamps stamps) {
    }

    private final Path directory;
    private final List<Path> files;
    private volatile Snapshot snapshot;

    private ThreatIntel(Path directory, List<Path> files, Snapshot snapshot) {
        this.directory = directory;
        this.files = files;
        this.snapshot = snapshot;
    }

    public static ThreatIntel empty() {
        return new ThreatIntel(null, List.of(), new Snapshot(NetworkTable.empty(), Map.of(), List.of(), FileStamps.NONE));
    }

    /** All {@code *.txt}, {@code *.list} and {@code *.csv} files of a directory (not recursive), loaded now. */
    public static ThreatIntel fromDirectory(Path directory) {
        ThreatIntel ti = new ThreatIntel(directory, List.of(), null);
        ti.snapshot = ti.read();
        return ti;
    }

    /** The given files, loaded now. */
    public static ThreatIntel fromFiles(List<Path> files) {
        ThreatIntel ti = new ThreatIntel(null, List.copyOf(files), null);
        ti.snapshot = ti.read();
        return ti;
    }

    /** In-memory lists (tests, tools): source name → file text. Never reloads. */
    public static ThreatIntel of(Map<String, String> sources) {
        Builder b = new Builder();
        sources.forEach(b::parse);
        return new ThreatIntel(null, List.of(), b.build(FileStamps.NONE));
    }

    /**
     * Re-reads the lists when a file was added, removed or changed (modification time or size).
     *
     * @return true when a new snapshot was loaded
     */
    public synchronized boolean reloadIfChanged() {
        if (directory == null && files.isEmpty()) {
            return false;
        }
        if (FileStamps.of(currentFiles()).equals(snapshot.stamps())) {
            return false;
        }
        snapshot = read();
        LOG.info("threat intelligence reloaded: {} addresses/networks, {} domains, {} problems",
                snapshot.addresses().size(), snapshot.domains().size(), snapshot.problems().size());
        return true;
    }

    /** The list entry covering the address (most specific network first), if any. */
    public Optional<Match> matchAddress(String ip) {
        Entry e = snapshot.addresses().lookup(ip);
        return e == null ? Optional.empty() : Optional.of(new Match(ip, e.entry(), e.source(), e.label()));
    }

    /** The list entry equal to the domain or to one of its parent domains, if any. */
    public Optional<Match> matchDomain(String domain) {
        Map<String, Entry> domains = snapshot.domains();
        if (domain == null || domains.isEmpty()) {
            return Optional.empty();
        }
        String d = domain.toLowerCase(Locale.ROOT);
        if (d.endsWith(".")) {
            d = d.substring(0, d.length() - 1);
        }
        String probe = d;
        while (true) {
            Entry e = domains.get(probe);
            if (e != null) {
                return Optional.of(new Match(domain, e.entry(), e.source(), e.label()));
            }
            int dot = probe.indexOf('.');
            if (dot < 0) {
                return Optional.empty();
            }
            probe = probe.substring(dot + 1);
        }
    }

    /** Number of addresses, networks and domains loaded. */
    public int size() {
        Snapshot s = snapshot;
        return s.addresses().size() + s.domains().size();
    }

    /** Lines that were skipped, as "source:line: reason". */
    public List<String> problems() {
        return snapshot.problems();
    }

    private List<Path> currentFiles() {
        if (directory == null) {
            return files;
        }
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return out;
        }
        try (Stream<Path> s = Files.list(directory)) {
            s.filter(Files::isRegularFile).filter(ThreatIntel::isListFile).sorted().forEach(out::add);
        } catch (IOException e) {
            LOG.warn("cannot list threat-intelligence directory {}: {}", directory, e.toString());
        }
        return out;
    }

    private static boolean isListFile(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return !n.startsWith(".") && (n.endsWith(".txt") || n.endsWith(".list") || n.endsWith(".csv"));
    }

    private Snapshot read() {
        Builder b = new Builder();
        FileStamps stamps = FileStamps.of(currentFiles());
        for (Path p : stamps.files()) {
            String name = p.getFileName().toString();
            int dot = name.lastIndexOf('.');
            String source = dot > 0 ? name.substring(0, dot) : name;
            try {
                b.parse(source, Files.readString(p, StandardCharsets.UTF_8));
            } catch (IOException e) {
                b.problems.add(source + ":0: cannot read " + p + ": " + e.getMessage());
            }
        }
        return b.build(stamps);
    }

    private static final class Builder {
        final NetworkTable.Builder<Entry> addresses = NetworkTable.builder();
        final Map<String, Entry> domains = new HashMap<>();
        final List<String> problems = new ArrayList<>();

        void parse(String source, String text) {
            String[] lines = text.split("\r?\n");
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i];
                int hash = line.indexOf('#');
                if (hash >= 0) {
                    line = line.substring(0, hash);
                }
                line = line.trim();
                if (line.isEmpty()) {
                    continue;
                }
                String entry = line;
                String label = null;
                int comma = line.indexOf(',');
                if (comma >= 0) {
                    entry = line.substring(0, comma).trim();
                    label = line.substring(comma + 1).trim().toLowerCase(Locale.ROOT);
                    if (label.isEmpty()) {
                        label = null;
                    }
                }
                String lower = entry.toLowerCase(Locale.ROOT);
                Entry value = new Entry(entry, source, label);
                try {
                    addresses.add(lower, value);
                    continue;
                } catch (IllegalArgumentException notAnAddress) {
                    // maybe a domain
                }
                String d = lower.startsWith("*.") ? lower.substring(2) : lower;
                if (d.endsWith(".")) {
                    d = d.substring(0, d.length() - 1);
                }
                if (d.length() <= 253 && DOMAIN.matcher(d).matches()) {
                    domains.putIfAbsent(d, value);
                } else {
                    problems.add(source + ":" + (i + 1) + ": not an address, network or domain: '" + entry + "'");
                }
            }
        }

        Snapshot build(FileStamps stamps) {
            return new Snapshot(addresses.build(), Map.copyOf(domains), List.copyOf(problems), stamps);
        }
    }
}
