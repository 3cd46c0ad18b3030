package io.yagura.plugin.ciscofirepower;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.RawEnvelope;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class CiscoFirepowerPluginTest {

    static final CiscoFirepowerPlugin PLUGIN = new CiscoFirepowerPlugin();
    static final String EXPECTED = "/expected/cisco-firepower.yaml";
    static final String SAMPLES = "/samples/cisco-firepower.log";

    /** Every line of expected/cisco-firepower.yaml gives exactly the fields written there. */
    @TestFactory
    List<DynamicTest> sampleLinesGiveTheDocumentedFields() {
        return ExpectedEvents.tests(PLUGIN.vendorId(), PLUGIN.parser(), EXPECTED);
    }

    @Test
    void everySampleLineIsParsedOrClassifiedWithAReason() {
        CorpusCheck.Summary summary = CorpusCheck.run(PLUGIN.vendorId(), PLUGIN.parser(), Samples.resource(SAMPLES));
        assertEquals(List.of(), summary.unexplained(), "sample lines rejected: " + summary);
    }

    @Test
    void theSharedCorpusIsReadWhenPresentAndMostlyBecomesEvents() {
        // The shared corpus (../shared/samples, not in a fresh clone) holds real lines of this format,
        // collected for their security events: intrusion, connection, file, malware, ASA engine.
        Samples.shared("cisco-firepower.log").ifPresent(file -> {
            CorpusCheck.Summary summary = CorpusCheck.run(PLUGIN.vendorId(), PLUGIN.parser(), Samples.read(file));
            System.out.println("cisco-firepower shared corpus: " + summary);
            assertEquals(List.of(), summary.unexplained(), file + ": " + summary);
            assertTrue(summary.parsedShare() > 0.85, "parsed share " + summary.parsedShare() + ": " + summary);
        });
    }

    @Test
    void everyEventUsesTheSharedVerdictsAndNoPolicyIsASignature() {
        List<String> lines = new ArrayList<>(Samples.resource(SAMPLES));
        Samples.shared("cisco-firepower.log").ifPresent(file -> lines.addAll(Samples.read(file)));
        for (String line : lines) {
            ParseResult r = PLUGIN.parser().parse(Samples.envelope(PLUGIN.vendorId(), line), ParseContext.DEFAULT);
            if (r instanceof ParseResult.Parsed p) {
                p.events().forEach(e -> {
                    assertTrue(Ecs.VERDICTS.contains(e.getString(Ecs.EVENT_ACTION)), () -> "event.action of " + line);
                    String policy = e.getString(Ecs.YAGURA_POLICY);
                    assertTrue(policy == null || !policy.equals(e.getString(Ecs.RULE_NAME)), () -> "policy as rule: " + line);
                    if ("alert".equals(e.getString(Ecs.EVENT_KIND))) {
                        assertTrue(e.has(Ecs.RULE_NAME) || e.has("threat.indicator.ip") || e.has(Ecs.FILE_HASH_SHA256),
                                () -> "an alert names what it detected: " + line);
                    }
                });
            }
        }
    }

    @Test
    void hostileInputIsRejectedOrIgnoredWithAReasonAndNeverThrows() {
        List<String> seeds = new ArrayList<>(Samples.resource(SAMPLES));
        seeds.addAll(ExpectedEvents.lines(EXPECTED));
        HostileInput.check(PLUGIN, seeds);
    }

    @Test
    void theProbeRecognisesItsOwnLinesAndNoOthers() throws IOException {
        Samples.resource(SAMPLES).forEach(l -> assertTrue(PLUGIN.probe(l), () -> "own line not recognised: " + l));
        Samples.shared("cisco-firepower.log").ifPresent(file -> Samples.read(file)
                .forEach(l -> assertTrue(PLUGIN.probe(l), () -> "shared Firepower line not recognised: " + l)));
        assertFalse(PLUGIN.probe("%ASA-4-106023: Deny tcp src outside:203.0.113.5/4455 dst inside:10.0.0.5/22 by access-group \"outside_in\" [0x0, 0x0]"));
        assertFalse(PLUGIN.probe("%PIX-4-400013 IDS:2003 ICMP redirect from 198.51.100.2 to 10.10.10.1 on interface dmz"));
        assertFalse(PLUGIN.probe("CEF:0|Other|Product|1.0|100|Name|5|src=192.0.2.1"));
        assertFalse(PLUGIN.probe("<13>Mar 12 10:00:00 web01 app: header=SFIMS:1 (the tag starts a word)"));
        assertFalse(PLUGIN.probe(null));
        // every other family of the shared corpus: not one line claimed
        String dir = System.getProperty("yagura.shared.samples");
        if (dir != null && Files.isDirectory(Path.of(dir))) {
            try (Stream<Path> files = Files.list(Path.of(dir))) {
                for (Path f : files.filter(p -> !p.getFileName().toString().startsWith("cisco-firepower")
                        && p.getFileName().toString().matches(".*\\.(log|json|xml)")).toList()) {
                    for (String l : Samples.read(f)) {
                        assertFalse(PLUGIN.probe(l), () -> f.getFileName() + " line claimed: " + l);
                    }
                }
            }
        }
    }

    /** Common types must be read well above 50,000 lines/s per core; the bound here is loose for shared CI. */
    @Test
    void parsingIsFast() {
        List<RawEnvelope> envelopes = Samples.resource(SAMPLES).stream()
                .map(l -> Samples.envelope(PLUGIN.vendorId(), l)).toList();
        for (int i = 0; i < 2_000; i++) {
            envelopes.forEach(e -> PLUGIN.parser().parse(e, ParseContext.DEFAULT));
        }
        int rounds = 3_000;
        long start = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            envelopes.forEach(e -> PLUGIN.parser().parse(e, ParseContext.DEFAULT));
        }
        double perSecond = rounds * envelopes.size() / ((System.nanoTime() - start) / 1e9);
        System.out.printf("cisco-firepower: %.0f lines/s over the samples%n", perSecond);
        assertTrue(perSecond > 10_000, "lines/s " + perSecond);
    }
}
