package io.yagura.plugin.paloalto;

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

class PaloaltoPluginTest {

    static final PaloaltoPlugin PLUGIN = new PaloaltoPlugin();
    static final String EXPECTED = "/expected/paloalto.yaml";
    static final String SAMPLES = "/samples/paloalto.log";

    /** Every line of expected/paloalto.yaml gives exactly the fields written there. */
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
        Samples.shared("paloalto.log").ifPresent(file -> {
            CorpusCheck.Summary summary = CorpusCheck.run(PLUGIN.vendorId(), PLUGIN.parser(), Samples.read(file));
            assertEquals(List.of(), summary.unexplained(), file + ": " + summary);
        });
    }

    /**
     * Traffic and threat logs are the security events of PAN-OS: every one in the shared corpus
     * (CSV, CEF or LEEF) becomes an event; the rest (User-ID, HIP match, housekeeping SYSTEM...)
     * may be ignored, but the parsed share of the whole file stays high.
     */
    @Test
    void theSharedCorpusSecurityEventsAreParsed() {
        Samples.shared("paloalto.log").ifPresent(file -> {
            List<String> lines = Samples.read(file);
            List<String> notParsed = new ArrayList<>();
            for (String line : lines) {
                boolean security = line.contains(",TRAFFIC,") || line.contains(",THREAT,") || line.contains("|TRAFFIC|")
                        || line.contains("|THREAT|") || line.contains("cat=TRAFFIC") || line.contains("cat=THREAT")
                        || line.contains(",auth-fail,");
                ParseResult r = PLUGIN.parser().parse(Samples.envelope(PLUGIN.vendorId(), line), ParseContext.DEFAULT);
                if (security && !(r instanceof ParseResult.Parsed)) {
                    notParsed.add(r + " <- " + line);
                }
            }
            assertEquals(List.of(), notParsed, "traffic/threat/auth-failure lines not parsed");
            CorpusCheck.Summary summary = CorpusCheck.run(PLUGIN.vendorId(), PLUGIN.parser(), lines);
            assertTrue(summary.parsedShare() >= 0.7, "parsed share " + summary.parsedShare() + ": " + summary);
        });
    }

    @Test
    void hostileInputIsRejectedOrIgnoredWithAReasonAndNeverThrows() {
        HostileInput.check(PLUGIN, Samples.resource(SAMPLES));
    }

    @Test
    void theProbeRecognisesItsOwnLinesAndNoOthers() {
        Samples.resource(SAMPLES).forEach(l -> assertTrue(PLUGIN.probe(l), () -> "own line not recognised: " + l));
        Samples.shared("paloalto.log").ifPresent(file ->
                Samples.read(file).forEach(l -> assertTrue(PLUGIN.probe(l), () -> "shared line not recognised: " + l)));
        assertFalse(PLUGIN.probe("%ASA-4-106023: Deny tcp src outside:203.0.113.5/4455 dst inside:10.0.0.5/22 by access-group \"outside_in\" [0x0, 0x0]"));
        assertFalse(PLUGIN.probe("CEF:0|Other|Product|1.0|100|Name|5|src=192.0.2.1"));
        assertFalse(PLUGIN.probe("<14>Nov 14 10:00:00 host app: 1,2023/11/14 10:00:00,XYZ,TRAFFICJAM,end,1"));
        assertFalse(PLUGIN.probe("date=2023-11-14 time=10:00:00 devname=\"fw1\" type=\"traffic\" subtype=\"forward\" srcip=192.0.2.1"));
    }

    /**
     * Lines of other families' shared samples that are in fact PAN-OS logs (filed there by their
     * source): juniper-srx.log carries a PAN-OS SYSTEM auth-success line from a Sekoia Juniper test.
     */
    static final List<String> MISFILED_PAN_OS = List.of("1,2025/08/07 10:59:08,016301006286,SYSTEM,auth,");

    /** Every other family's shared samples: the probe claims none of them (but the misfiled PAN-OS line). */
    @Test
    void theProbeClaimsNoLineOfOtherFamilies() throws IOException {
        String dir = System.getProperty("yagura.shared.samples");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            return;
        }
        List<String> claimed = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            for (Path f : files.filter(p -> !p.getFileName().toString().startsWith("paloalto")
                    && !p.getFileName().toString().endsWith(".txt")).toList()) {
                for (String line : Samples.read(f)) {
                    if (PLUGIN.probe(line) && MISFILED_PAN_OS.stream().noneMatch(line::startsWith)) {
                        claimed.add(f.getFileName() + ": " + line);
                    }
                }
            }
        }
        assertEquals(List.of(), claimed);
    }

    /**
     * The common types must read at well over 50,000 lines/s on one core; the bound here is lower so
     * that a loaded build machine does not fail it, but a pathological slowdown (a backtracking
     * pattern, a parser built per line) does.
     */
    @Test
    void commonTypesAreReadFast() {
        List<String> lines = Samples.resource(SAMPLES).stream()
                .filter(l -> l.contains("TRAFFIC") || l.contains("THREAT")).toList();
        var envelopes = lines.stream().map(l -> Samples.envelope(PLUGIN.vendorId(), l)).toList();
        for (int i = 0; i < 20_000; i++) {
            PLUGIN.parser().parse(envelopes.get(i % envelopes.size()), ParseContext.DEFAULT);
        }
        int n = 100_000;
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            PLUGIN.parser().parse(envelopes.get(i % envelopes.size()), ParseContext.DEFAULT);
        }
        double perSecond = n / ((System.nanoTime() - start) / 1e9);
        System.out.printf("paloalto: %.0f lines/s (traffic and threat samples, one thread)%n", perSecond);
        assertTrue(perSecond > 20_000, "only " + (long) perSecond + " lines/s");
    }
}
