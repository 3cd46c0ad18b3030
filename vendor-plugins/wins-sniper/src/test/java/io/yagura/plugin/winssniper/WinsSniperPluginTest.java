package io.yagura.plugin.winssniper;

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
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class WinsSniperPluginTest {

    static final WinsSniperPlugin PLUGIN = new WinsSniperPlugin();
    static final String EXPECTED = "/expected/wins-sniper.yaml";
    static final String SAMPLES = "/samples/wins-sniper.log";
    /** The shared corpus names the family after the product. */
    static final String SHARED = "sniper-ips.log";

    /** Every line of expected/wins-sniper.yaml gives exactly the fields written there. */
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
                "samples/wins-sniper.log and the parsed or ignored entries of expected/wins-sniper.yaml list the same lines in the same order");
    }

    @Test
    void everySampleLineIsParsedOrClassifiedWithAReason() {
        CorpusCheck.Summary summary = CorpusCheck.run(PLUGIN.vendorId(), PLUGIN.parser(), Samples.resource(SAMPLES));
        assertEquals(List.of(), summary.unexplained(), "sample lines rejected: " + summary);
    }

    @Test
    void theSharedCorpusIsReadWhenPresent() {
        Samples.shared(SHARED).ifPresent(file -> {
            CorpusCheck.Summary summary = CorpusCheck.run(PLUGIN.vendorId(), PLUGIN.parser(), Samples.read(file));
            assertEquals(List.of(), summary.unexplained(), file + ": " + summary);
        });
    }

    /** Every line of the shared SniperIPS file is a detection: every one becomes an alert with its signature. */
    @Test
    void theSharedCorpusDetectionsBecomeAlerts() {
        Samples.shared(SHARED).ifPresent(file -> {
            List<String> lines = Samples.read(file);
            assertTrue(lines.size() >= 10, "the shared corpus lost its SniperIPS lines: " + lines.size());
            assertEquals(1.0, CorpusCheck.run(PLUGIN.vendorId(), PLUGIN.parser(), lines).parsedShare());
            for (String line : lines) {
                ParseResult r = PLUGIN.parser().parse(Samples.envelope(PLUGIN.vendorId(), line), ParseContext.DEFAULT);
                assertTrue(r instanceof ParseResult.Parsed p && "alert".equals(p.events().get(0).getString("event.kind"))
                        && p.events().get(0).has("rule.id") && p.events().get(0).has("source.ip"),
                        () -> "detection not read as one: " + r + "\n  " + line);
            }
        });
    }

    @Test
    void hostileInputIsRejectedOrIgnoredWithAReasonAndNeverThrows() {
        HostileInput.check(PLUGIN, Samples.resource(SAMPLES));
    }

    @Test
    void theProbeRecognisesItsOwnLines() {
        List<String> own = new ArrayList<>(Samples.resource(SAMPLES));
        Samples.shared(SHARED).ifPresent(file -> own.addAll(Samples.read(file)));
        own.forEach(l -> assertTrue(PLUGIN.probe(l), () -> "own line not recognised: " + l));
    }

    @Test
    void theProbeClaimsNoOtherVendorsLines() throws IOException {
        assertFalse(PLUGIN.probe("%ASA-4-106023: Deny tcp src outside:203.0.113.5/4455 dst inside:10.0.0.5/22 by access-group \"outside_in\" [0x0, 0x0]"));
        assertFalse(PLUGIN.probe("CEF:0|Other|Product|1.0|100|Name|5|src=192.0.2.1"));
        assertFalse(PLUGIN.probe("[SNIPER-GAME] sniper rifle reloaded"));
        String dir = System.getProperty("yagura.shared.samples");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            return;
        }
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            for (Path file : files.filter(f -> !f.getFileName().toString().equals(SHARED)
                    && !f.getFileName().toString().endsWith(".txt")).toList()) {
                for (String line : Samples.read(file)) {
                    assertFalse(PLUGIN.probe(line), () -> "claims a line of " + file.getFileName() + ": " + line);
                }
            }
        }
    }

    @Test
    void fieldValuesMayHoldBracketsAndCommas() {
        Map<String, String> f = WinsSniperParser.fields(
                "[SNIPER-1] [Attack_Name=(1)a[b](c)], [Information=x [], y [z]], [SrcPort=1]", 10);
        assertEquals("(1)a[b](c)", f.get("Attack_Name"));
        assertEquals("x [], y [z]", f.get("Information"));
        assertEquals("1", f.get("SrcPort"));
    }
}
