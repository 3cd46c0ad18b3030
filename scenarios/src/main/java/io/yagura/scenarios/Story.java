package io.yagura.scenarios;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.yagura.api.incident.Level;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One labelled attack story (a file under stories/): the customer's networks, its devices
 * (id: vendor plugin), the lines they sent in order, and the incidents an analyst expects.
 * The file format is described in stories/README.md.
 */
public record Story(String file, String title, String set, Instant received, List<String> networks,
             Map<String, String> devices, List<Line> lines, List<Expected> expected) {

    /** Stories for tuning the rules; the holdout set is never tuned on. */
    public static final String TUNING = "tuning";
    public static final String HOLDOUT = "holdout";

    public record Line(String device, String text) {
    }

    /** An expected incident: its level, the attacker and the target (an address or a network), if any. */
    public record Expected(Level level, String attacker, String target) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

    /** The file as written: jackson reads it, {@link #load} checks it. */
    record Raw(String title, String story, String set, String received, List<String> families,
               Map<String, Object> customer, Map<String, String> devices, List<Map<String, String>> lines,
               List<Map<String, String>> expected) {
    }

    public static List<Story> loadAll(Path dir) throws IOException {
        List<Story> stories = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                stories.add(load(f));
            }
        }
        return stories;
    }

    @SuppressWarnings("unchecked")
    public static Story load(Path file) throws IOException {
        String name = file.getFileName().toString();
        Raw raw = YAML.readValue(file.toFile(), Raw.class);
        require(raw.title() != null, name, "has no title");
        String set = raw.set() == null ? TUNING : raw.set();
        require(set.equals(TUNING) || set.equals(HOLDOUT), name, "set must be tuning or holdout, not " + set);
        require(raw.devices() != null && !raw.devices().isEmpty(), name, "declares no device");
        require(raw.lines() != null && !raw.lines().isEmpty(), name, "has no line");
        List<String> networks = raw.customer() == null ? List.of()
                : (List<String>) raw.customer().getOrDefault("networks", List.of());
        List<Line> lines = new ArrayList<>();
        for (Map<String, String> l : raw.lines()) {
            require(l.size() == 1, name, "each line is one 'device: text' pair: " + l);
            Map.Entry<String, String> e = l.entrySet().iterator().next();
            require(raw.devices().containsKey(e.getKey()), name, "line of undeclared device " + e.getKey());
            lines.add(new Line(e.getKey(), e.getValue()));
        }
        List<Expected> expected = new ArrayList<>();
        for (Map<String, String> x : raw.expected() == null ? List.<Map<String, String>>of() : raw.expected()) {
            require(x.get("level") != null, name, "expected incident without level: " + x);
            expected.add(new Expected(Level.valueOf(x.get("level").toUpperCase(Locale.ROOT)), x.get("attacker"),
                    x.get("target")));
        }
        Instant received = raw.received() == null ? Instant.parse("2026-03-12T12:00:00Z") : Instant.parse(raw.received());
        return new Story(name, raw.title(), set, received, networks, raw.devices(), lines, expected);
    }

    private static void require(boolean ok, String file, String problem) {
        if (!ok) {
            throw new IllegalArgumentException(file + ": " + problem);
        }
    }
}
