package io.yagura.plugin.suricata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.yagura.api.plugin.ParseContext;
import io.yagura.api.plugin.ParseResult;
import io.yagura.plugin.testkit.CorpusCheck;
import io.yagura.plugin.testkit.ExpectedEvents;
import io.yagura.plugin.testkit.HostileInput;
import io.yagura.plugin.testkit.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class SuricataPluginTest {

    static final SuricataPlugin PLUGIN = new SuricataPlugin();
    static final String EXPECTED = "/expected/suricata.yaml";
    static final String SAMPLES = "/samples/suricata.log";
    /** The plugin reads both shared files: EVE JSON and the fast/syslog alert lines of Suricata and Snort. */
    static final Set<String> SHARED = Set.of("suricata-eve.json", "snort-fast.log");

    /** Every line of expected/suricata.yaml gives exactly the fields written there. */
    @TestFactory
    List<DynamicTest> sampleLinesGiveTheDocumentedFields() {
        return ExpectedEvents.tests(PLUGIN.vendorId(), PLUGIN.parser(), EXPECTED);
    }

    @Test
    void everySampleLineHasAnExpectation() throws IOException {
        List<String> accepted = new ArrayList<>();
        for (JsonNode entry : new ObjectMapper(new YAMLFactory()).readTree(Samples.resourceText(EXPECTED))) {
            if (!entry.has("rejected")) {
                accepted.add(entry.get("line").asText());
            }
        }
        assertEquals(Samples.resource(SAMPLES), accepted,
                "samples/suricata.log and the parsed or ignored entries of expected/suricata.yaml list the same lines in the same order");
    }

    @Test
    void everySampleLineIsParsedOrClassifiedWithAReason() {
        CorpusCheck.Summary summary = CorpusCheck.run(PLUGIN.vendorId(), PLUGIN.parser(), Samples.resource(SAMPLES));
        assertEquals(List.of(), summary.unexplained(), "sample lines rejected: " + summary);
    }

    @Test
    void theSharedCorpusIsReadWhenPresent() {
        for (String name : SHARED) {
            Samples.shared(name).ifPresent(file -> {
                CorpusCheck.Summary summary = CorpusCheck.run(PLUGIN.vendorId(), PLUGIN.parser(), Samples.read(file));
                assertEquals(List.of(), summary.unexplained(), file + ": " + summary);
            });
        }
    }

    /**
     * The shared EVE file holds alerts and protocol records of Suricata 4-7 (no stats), the fast file
     * Snort alerts only: every line is a security or traffic event, so every line becomes one, every
     * alert an alert.
     */
    @Test
    void theSharedCorpusLinesBecomeEvents() {
        for (String name : SHARED) {
            Samples.shared(name).ifPresent(file -> {
                List<String> lines = Samples.read(file);
                CorpusCheck.Summary summary = CorpusCheck.run(PLUGIN.vendorId(), PLUGIN.parser(), lines);
                assertTrue(lines.size() >= 10, "the shared corpus lost its lines: " + file);
                assertEquals(1.0, summary.parsedShare(), file + ": " + summary);
                for (String line : lines) {
                    if (line.contains("\"event_type\":\"alert\"") || line.contains("[**]") || line.contains("snort:")) {
                        ParseResult r = PLUGIN.parser().parse(Samples.envelope(PLUGIN.vendorId(), line), ParseContext.DEFAULT);
                        assertTrue(r instanceof ParseResult.Parsed p && "alert".equals(p.events().get(0).getString("event.kind"))
                                && p.events().get(0).has("rule.id"), () -> "alert not read as one: " + r + "\n  " + line);
                    }
                }
            });
        }
    }

    @Test
    void hostileInputIsRejectedOrIgnoredWithAReasonAndNeverThrows() {
        HostileInput.check(PLUGIN, Samples.resource(SAMPLES));
    }

    @Test
    void theProbeRecognisesItsOwnLines() {
        List<String> own = new ArrayList<>(Samples.resource(SAMPLES));
        SHARED.forEach(name -> Samples.shared(name).ifPresent(file -> own.addAll(Samples.read(file))));
        for (String line : own) {
            assertTrue(PLUGIN.probe(line), () -> "own line not recognised: " + line);
        }
    }

    @Test
    void theProbeClaimsNoOtherVendorsLines() throws IOException {
        assertFalse(PLUGIN.probe("%ASA-4-106023: Deny tcp src outside:203.0.113.5/4455 dst inside:10.0.0.5/22 by access-group \"outside_in\" [0x0, 0x0]"));
        assertFalse(PLUGIN.probe("CEF:0|Other|Product|1.0|100|Name|5|src=192.0.2.1"));
        assertFalse(PLUGIN.probe("<13>Nov 28 10:00:00 fmc SFIMS: [Primary Detection Engine (a1b2)][Default Policy] [1:2000419:5]"
                + " ET POLICY PE EXE Install [Classification: Potential Corporate Privacy Violation] [Priority: 1] {TCP} 192.0.2.1:80 -> 192.0.2.2:1234"));
        assertFalse(PLUGIN.probe("{\"type\":\"log\",\"message\":\"not an EVE record\",\"host\":\"web1\"}"));
        assertFalse(PLUGIN.probe("time=10:29:22 devname=waf1 log_id=0202006010 type=attack subtype=waf msg=\"{test}\""));
        String dir = System.getProperty("yagura.shared.samples");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            return;
        }
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            for (Path file : files.filter(f -> !SHARED.contains(f.getFileName().toString())
                    && !f.getFileName().toString().endsWith(".txt")).toList()) {
                for (String line : Samples.read(file)) {
                    assertFalse(PLUGIN.probe(line), () -> "claims a line of " + file.getFileName() + ": " + line);
                }
            }
        }
    }

    @Test
    void aSyslogTagBeforeTheJsonIsFoundButTextIsNot() {
        assertEquals(16, SuricataParser.jsonStart("suricata[2201]: {\"event_type\":\"dns\"}"));
        assertEquals(1, SuricataParser.jsonStart(" {\"event_type\":\"dns\"}"));
        assertEquals(-1, SuricataParser.jsonStart("ET POLICY x [**] {TCP} 192.0.2.1:1 -> 192.0.2.2:2"));
        assertEquals(-1, SuricataParser.jsonStart("a b: {\"x\":1}"), "a tag has no space");
    }
}
