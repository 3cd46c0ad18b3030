package io.yagura.plugin.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class CheckpointPluginTest {

    static final CheckpointPlugin PLUGIN = new CheckpointPlugin();
    static final String EXPECTED = "/expected/checkpoint.yaml";
    static final String SAMPLES = "/samples/checkpoint.log";

    /** Every line of expected/checkpoint.yaml gives exactly the fields written there. */
    @TestFactory
    List<DynamicTest> sampleLinesGiveTheDocumentedFields() {
        return ExpectedEvents.tests(PLUGIN.vendorId(), PLUGIN.parser(), EXPECTED);
    }

    @Test
    void everySampleLineHasItsExpectedFields() {
        Set<String> expected = new HashSet<>(ExpectedEvents.lines(EXPECTED));
        List<String> missing = Samples.resource(SAMPLES).stream().filter(l -> !expected.contains(l)).toList();
        assertEquals(List.of(), missing, "sample lines without an entry in " + EXPECTED);
    }

    @Test
    void everySampleLineIsParsedOrClassifiedWithAReason() {
        CorpusCheck.Summary summary = CorpusCheck.run(PLUGIN.vendorId(), PLUGIN.parser(), Samples.resource(SAMPLES));
        assertEquals(List.of(), summary.unexplained(), "sample lines rejected: " + summary);
    }

    @Test
    void theSharedCorpusIsReadWhenPresent() {
        // The shared corpus (../shared/samples, not in a fresh clone) holds real lines of this format.
        Samples.shared("checkpoint.log").ifPresent(file -> {
            CorpusCheck.Summary summary = CorpusCheck.run(PLUGIN.vendorId(), PLUGIN.parser(), Samples.read(file));
            assertEquals(List.of(), summary.unexplained(), file + ": " + summary);
        });
    }

    /**
     * Every complete connection or protection record of the shared corpus (it has a source or a
     * destination and an action) becomes an event; what may be ignored are records without an action
     * (system, update, mobile device status), VPN key exchange and lines cut to their action.
     */
    @Test
    void theSharedCorpusSecurityEventsAreParsed() {
        Samples.shared("checkpoint.log").ifPresent(file -> {
            List<String> lines = Samples.read(file);
            List<String> notParsed = new ArrayList<>();
            for (String line : lines) {
                boolean complete = (line.contains("src:\"") || line.contains(" src=") || line.contains("src: ")
                        || line.contains("dst:\"") || line.contains(" dst=") || line.contains("dst: ")
                        || line.startsWith("\"")) && !line.contains("Key Install");
                ParseResult r = PLUGIN.parser().parse(Samples.envelope(PLUGIN.vendorId(), line), ParseContext.DEFAULT);
                if (complete && !(r instanceof ParseResult.Parsed)) {
                    notParsed.add(r + " <- " + line);
                }
            }
            assertEquals(List.of(), notParsed, "connection/protection records not parsed");
            CorpusCheck.Summary summary = CorpusCheck.run(PLUGIN.vendorId(), PLUGIN.parser(), lines);
            assertTrue(summary.parsedShare() >= 0.6, "parsed share " + summary.parsedShare() + ": " + summary);
        });
    }

    @Test
    void hostileInputIsRejectedOrIgnoredWithAReasonAndNeverThrows() {
        HostileInput.check(PLUGIN, Samples.resource(SAMPLES));
    }

    @Test
    void theProbeRecognisesItsOwnLinesAndNoOthers() {
        Samples.resource(SAMPLES).forEach(l -> assertTrue(PLUGIN.probe(l), () -> "own line not recognised: " + l));
        Samples.shared("checkpoint.log").ifPresent(file ->
                Samples.read(file).forEach(l -> assertTrue(PLUGIN.probe(l), () -> "shared line not recognised: " + l)));
        assertFalse(PLUGIN.probe("%ASA-4-106023: Deny tcp src outside:203.0.113.5/4455 dst inside:10.0.0.5/22 by access-group \"outside_in\" [0x0, 0x0]"));
        assertFalse(PLUGIN.probe("CEF:0|Other|Product|1.0|100|Name|5|src=192.0.2.1"));
        assertFalse(PLUGIN.probe("<14>1 2023-11-14T10:00:00Z srx1 RT_FLOW - RT_FLOW_SESSION_CREATE [junos@2636.1.1.1.2.129 source-address=\"192.0.2.1\"]"));
        assertFalse(PLUGIN.probe("<14>Nov 14 10:00:00 host app: [action:\"deny\"; src:\"192.0.2.1\"]"));
    }

    /** Every other family's shared samples: the probe claims none of them. */
    @Test
    void theProbeClaimsNoLineOfOtherFamilies() throws IOException {
        String dir = System.getProperty("yagura.shared.samples");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            return;
        }
        List<String> claimed = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            for (Path f : files.filter(p -> !p.getFileName().toString().startsWith("checkpoint")
                    && !p.getFileName().toString().endsWith(".txt")).toList()) {
                for (String line : Samples.read(f)) {
                    if (PLUGIN.probe(line)) {
                        claimed.add(f.getFileName() + ": " + line);
                    }
                }
            }
        }
        assertEquals(List.of(), claimed);
    }

    /**
     * Connection and protection records must read at well over 50,000 lines/s on one core; the bound
     * here is lower so that a loaded build machine does not fail it, but a pathological slowdown does.
     */
    @Test
    void commonRecordsAreReadFast() {
        var envelopes = Samples.resource(SAMPLES).stream().map(l -> Samples.envelope(PLUGIN.vendorId(), l)).toList();
        for (int i = 0; i < 20_000; i++) {
            PLUGIN.parser().parse(envelopes.get(i % envelopes.size()), ParseContext.DEFAULT);
        }
        int n = 100_000;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            PLUGIN.parser().parse(envelopes.get(i % envelopes.size()), ParseContext.DEFAULT);
        }
        double perSecond = n / ((System.nanoTime() - start) / 1e9);
        System.out.printf("checkpoint: %.0f lines/s (sample lines, one thread)%n", perSecond);
        assertTrue(perSecond > 20_000, "only " + (long) perSecond + " lines/s");
    }
}
