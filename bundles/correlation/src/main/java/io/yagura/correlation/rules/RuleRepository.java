package io.yagura.correlation.rules;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rules of one directory: every {@code *.yml} / {@code *.yaml} file below it (sub-directories
 * included, hidden files and directories skipped, read in path order), each holding one or more
 * rules separated by {@code ---}. A broken rule is reported as a {@link RuleProblem} with its file
 * and line and left out; the others are loaded.
 *
 * <p>{@link #reload()} re-reads the directory and swaps the current {@link RuleSet} atomically
 * (readers see the old set or the new one, never a mix) and tells the listeners; the OSGi layer
 * calls it when the folder changes. Reloads are serialized; reading {@link #current()} never blocks.
 */
public final class RuleRepository {

    private static final Logger LOG = LoggerFactory.getLogger(RuleRepository.class);
    /** Rule files larger than this are reported and skipped. */
    static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    private final Path directory;
    private final List<Consumer<RuleSet>> listeners = new CopyOnWriteArrayList<>();
    private volatile RuleLoad last = new RuleLoad(RuleSet.empty(), List.of());
    private FileStamps lastStamps;
    private volatile Supplier<List<ExtraRules>> extra = List::of;
    private volatile LongSupplier extraStamp = () -> 0;
    private long lastExtraStamp;

    public RuleRepository(Path directory) {
        this.directory = directory;
    }

    public Path directory() {
        return directory;
    }

    /** The rule set of the last (re)load; empty before the first. */
    public RuleSet current() {
        return last.ruleSet();
    }

    /** Problems of the last (re)load. */
    public List<RuleProblem> problems() {
        return last.problems();
    }

    /** Called with the new rule set after every reload (e.g. {@code engine::setRules}). */
    public void addListener(Consumer<RuleSet> listener) {
        listeners.add(listener);
    }

    public void removeListener(Consumer<RuleSet> listener) {
        listeners.remove(listener);
    }

    /**
     * Rules loaded with the directory's files on every reload (the live house rules); {@code stamp}
     * changes when they do, so that {@link #reloadIfChanged()} notices.
     */
    public void setExtraRules(Supplier<List<ExtraRules>> rules, LongSupplier stamp) {
        this.extra = rules;
        this.extraStamp = stamp;
    }

    /** Same as {@link #reload()}. */
    public RuleLoad load() {
        return reload();
    }

    /**
     * Reads the directory again, builds a new rule set, makes it current and tells the listeners.
     * Problems are logged (one warning per problem) and returned.
     */
    public synchronized RuleLoad reload() {
        lastStamps = stamps();
        lastExtraStamp = extraStamp.getAsLong();
        RuleLoad load = read(directory, extra.get());
        last = load;
        for (RuleProblem p : load.problems()) {
            LOG.debug("rule problem {}", p);
        }
        LOG.debug("loaded {} rules from {} ({} problems)", load.ruleSet().size(), directory, load.problems().size());
        for (Consumer<RuleSet> l : listeners) {
            try {
                l.accept(load.ruleSet());
            } catch (RuntimeException e) {
                LOG.warn("rule set listener failed", e);
            }
        }
        return load;
    }

    /**
     * Reloads when a rule file was added, removed or changed since the last (re)load: the
     * housekeeping calls this every few seconds, and a reload re-parses every rule.
     *
     * @return the new load, or empty when nothing changed
     */
    public synchronized java.util.Optional<RuleLoad> reloadIfChanged() {
        if (stamps().equals(lastStamps) && extraStamp.getAsLong() == lastExtraStamp) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(reload());
    }

    /** Stamps of the rule files (and the listing itself: a file added or removed changes it). */
    private FileStamps stamps() {
        if (directory == null || !Files.isDirectory(directory)) {
            return FileStamps.NONE;
        }
        try {
            return FileStamps.of(ruleFiles(directory));
        } catch (IOException | RuntimeException e) {
            return new FileStamps(Map.of(directory, new FileStamps.Stamp(-1, -1)));
        }
    }

    /** The rule files below the directory, in a stable order (hidden directories such as .git left out). */
    private static List<Path> ruleFiles(Path directory) throws IOException {
        try (Stream<Path> walk = Files.walk(directory)) {
            return walk.filter(p -> Files.isRegularFile(p) && isRuleFile(p) && !hidden(directory, p)).sorted().toList();
        }
    }

    /** Reads a directory without keeping the result. */
    public static RuleLoad read(Path directory) {
        return read(directory, List.of());
    }

    /** Reads a directory and extra rule sources without keeping the result. */
    public static RuleLoad read(Path directory, List<ExtraRules> extraRules) {
        List<RuleProblem> problems = new ArrayList<>();
        Map<String, String> files = new LinkedHashMap<>();
        if (directory == null || !Files.isDirectory(directory)) {
            problems.add(new RuleProblem(String.valueOf(directory), 0, "rule directory does not exist or is not a directory"));
            RuleLoad extraOnly = RuleSet.parse(Map.of(), extraRules);
            problems.addAll(extraOnly.problems());
            return new RuleLoad(extraOnly.ruleSet(), problems);
        }
        List<Path> paths = new ArrayList<>();
        try {
            paths.addAll(ruleFiles(directory));
        } catch (IOException | RuntimeException e) {
            problems.add(new RuleProblem(directory.toString(), 0, "cannot list rule directory: " + e));
        }
        for (Path p : paths) {
            String name = directory.relativize(p).toString().replace('\\', '/');
            try {
                if (Files.size(p) > MAX_FILE_BYTES) {
                    problems.add(new RuleProblem(name, 0, "file larger than " + MAX_FILE_BYTES + " bytes: not loaded"));
                    continue;
                }
                files.put(name, Files.readString(p, StandardCharsets.UTF_8));
            } catch (MalformedInputException e) {
                problems.add(new RuleProblem(name, 0, "file is not UTF-8 text: not loaded"));
            } catch (IOException e) {
                problems.add(new RuleProblem(name, 0, "cannot read file: " + e.getMessage()));
            }
        }
        RuleLoad parsed = RuleSet.parse(files, extraRules);
        problems.addAll(parsed.problems());
        return new RuleLoad(parsed.ruleSet(), problems);
    }

    private static boolean isRuleFile(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".yml") || n.endsWith(".yaml");
    }

    private static boolean hidden(Path root, Path p) {
        for (Path part : root.relativize(p)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
