package io.yagura.plugin.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.LogParser;
import io.yagura.api.plugin.ParseContext;
import io.yagura.api.plugin.ParseResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.DynamicTest;

/**
 * Expected outputs beside the tests, compared field by field: a YAML file lists sample lines and,
 * for each, every field its event must carry (written from the vendor's documentation of the
 * field, not copied from what the parser printed), or the reason it is ignored or rejected.
 * <pre>
 * - line: '%ASA-4-106023: Deny tcp src outside:203.0.113.5/4455 dst inside:10.0.0.5/22 by access-group "outside_in" [0x0, 0x0]'
 *   doc: "ASA syslog guide, 106023"        # where the expectation comes from (optional)
 *   zone: Asia/Tokyo                       # device zone for the ParseContext (optional)
 *   version: "10.1"                        # device product version (optional)
 *   fields:                                # exactly the fields of the one event
 *     event.action: denied
 *     source.ip: 203.0.113.5
 *     source.port: 4455
 * - line: '...'
 *   events: [ {fields...}, {fields...} ]   # a line that gives several events
 * - line: '...'
 *   ignored: "statistics"                  # a part of the reason
 * - line: '...'
 *   rejected: "truncated"
 * </pre>
 * A field the parser sets and the file does not list fails, as does a listed field the parser
 * leaves out or sets otherwise; {@code yagura.schema} and {@code event.original} are not
 * compared (the platform sets them). Numbers compare as numbers, lists as lists.
 */
public final class ExpectedEvents {

    private static final Set<String> NOT_COMPARED = Set.of("yagura.schema", "event.original");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private ExpectedEvents() {
    }

    /** One JUnit dynamic test per entry of the resource, named by its line. */
    public static List<DynamicTest> tests(String vendor, LogParser parser, String resource) {
        JsonNode root = load(resource);
        List<DynamicTest> tests = new ArrayList<>();
        int index = 0;
        for (JsonNode entry : root) {
            int n = ++index;
            String line = entry.path("line").asText(null);
            if (line == null) {
                throw new IllegalArgumentException(resource + " entry " + n + " has no 'line'");
            }
            String name = n + ": " + (line.length() > 90 ? line.substring(0, 90) + "..." : line);
            tests.add(DynamicTest.dynamicTest(name, () -> check(vendor, parser, resource + " entry " + n, entry)));
        }
        if (tests.isEmpty()) {
            throw new IllegalArgumentException(resource + " lists no lines");
        }
        return tests;
    }

    /** The lines of an expected-events file (for corpus and hostile-input checks). */
    public static List<String> lines(String resource) {
        List<String> out = new ArrayList<>();
        for (JsonNode entry : load(resource)) {
            out.add(entry.path("line").asText());
        }
        return out;
    }

    /** The lines an expected-events file says are rejected (composed to show what the parser refuses). */
    public static List<String> rejectedLines(String resource) {
        List<String> out = new ArrayList<>();
        for (JsonNode entry : load(resource)) {
            if (entry.has("rejected")) {
                out.add(entry.path("line").asText());
            }
        }
        return out;
    }

    static void check(String vendor, LogParser parser, String where, JsonNode entry) {
        String line = entry.get("line").asText();
        ParseContext context = new ParseContext(entry.hasNonNull("zone") ? java.time.ZoneId.of(entry.get("zone").asText())
                : null, entry.hasNonNull("version") ? entry.get("version").asText() : null);
        ParseResult result = parser.parse(Samples.envelope(vendor, line), context);
        if (entry.has("ignored")) {
            expectReason(where, result, ParseResult.Ignored.class, entry.get("ignored").asText());
            return;
        }
        if (entry.has("rejected")) {
            expectReason(where, result, ParseResult.Rejected.class, entry.get("rejected").asText());
            return;
        }
        if (!(result instanceof ParseResult.Parsed parsed)) {
            fail(where + ": expected an event but got " + result + "\n  line: " + line);
            return;
        }
        List<JsonNode> expected = new ArrayList<>();
        if (entry.has("events")) {
            entry.get("events").forEach(expected::add);
        } else if (entry.has("fields")) {
            expected.add(entry.get("fields"));
        } else {
            fail(where + ": the entry says neither fields, events, ignored nor rejected");
        }
        if (expected.size() != parsed.events().size()) {
            fail(where + ": expected " + expected.size() + " event(s), got " + parsed.events().size() + ": "
                    + parsed.events());
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            compare(expected.get(i), parsed.events().get(i), expected.size() > 1 ? "event " + (i + 1) + " " : "",
                    problems);
        }
        if (!problems.isEmpty()) {
            fail(where + ": " + problems.size() + " field(s) differ\n  line: " + line + "\n  " + String.join("\n  ", problems));
        }
    }

    private static void compare(JsonNode fields, SecurityEvent event, String prefix, List<String> problems) {
        Map<String, Object> actual = new LinkedHashMap<>(event.fields());
        NOT_COMPARED.forEach(actual::remove);
        Set<String> seen = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> it = fields.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            seen.add(f.getKey());
            Object want = value(f.getValue());
            Object got = normalise(actual.get(f.getKey()));
            if (want == null && got != null) {
                problems.add(prefix + f.getKey() + ": expected absent, got " + got);
            } else if (want != null && !Objects.equals(want, got)) {
                problems.add(prefix + f.getKey() + ": expected " + want + ", got " + (got == null ? "(absent)" : got));
            }
        }
        for (String key : new TreeSet<>(actual.keySet())) {
            if (!seen.contains(key)) {
                problems.add(prefix + key + ": not expected, got " + actual.get(key));
            }
        }
    }

    private static Object value(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isArray()) {
            List<Object> out = new ArrayList<>();
            node.forEach(n -> out.add(value(n)));
            return out;
        }
        if (node.isIntegralNumber()) {
            return node.asLong();
        }
        if (node.isBoolean()) {
            return node.asBoolean();
        }
        if (node.isNumber()) {
            return node.asDouble();
        }
        return node.asText();
    }

    private static Object normalise(Object v) {
        if (v instanceof Integer i) {
            return i.longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>();
            l.forEach(x -> out.add(normalise(x)));
            return out;
        }
        return v;
    }

    private static void expectReason(String where, ParseResult result, Class<?> type, String reasonPart) {
        String reason = result instanceof ParseResult.Ignored i ? i.reason()
                : result instanceof ParseResult.Rejected r ? r.reason() : null;
        if (!type.isInstance(result)) {
            fail(where + ": expected " + type.getSimpleName() + " (" + reasonPart + ") but got " + result);
        }
        if (reason == null || reason.isBlank() || !reason.contains(reasonPart)) {
            fail(where + ": reason '" + reason + "' does not say '" + reasonPart + "'");
        }
    }

    private static JsonNode load(String resource) {
        try (InputStream in = ExpectedEvents.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException(resource + " is not on the test class path");
            }
            JsonNode root = YAML.readTree(in);
            if (root == null || !root.isArray()) {
                throw new IllegalArgumentException(resource + " must be a YAML list of entries");
            }
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException(resource + ": " + e.getMessage(), e);
        }
    }
}
