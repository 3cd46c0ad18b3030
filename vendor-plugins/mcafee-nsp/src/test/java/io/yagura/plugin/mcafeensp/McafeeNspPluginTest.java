package io.yagura.plugin.mcafeensp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

class McafeeNspPluginTest {

    static final McafeeNspPlugin PLUGIN = new McafeeNspPlugin();
    static final String EXPECTED = "/expected/mcafee-nsp.yaml";
    static final String SAMPLES = "/samples/mcafee-nsp.log";
    static final String SHARED = "mcafee-nsp.log";

    /** Every line of expected/fortinet.yaml gives exactly the fields written there. */
    @TestFactory
    List<DynamicTest> sampleLinesGiveTheDocumentedFields() {
        return ExpectedEvents.tests(PLUGIN.vendorId(), PLUGIN.parser(), EXPECTED);
    }

    @Test
    void everySampleLineHasItsExpectedEntry() {
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
        Samples.shared(SHARED).ifPresent(file -> {
            CorpusCheck.Summary summary = CorpusCheck.run(PLUGIN.vendorId(), PLUGIN.parser(), Samples.read(file));
            System.out.println("mcafee-nsp shared corpus " + file + ": " + summary);
            assertEquals(List.of(), summary.unexplained(), file + ": " + summary);
            // Alerts, firewall and audit notifications become events; only faults (device health) are ignored.
            assertTrue(summary.parsedShare() >= 0.8, () -> "parsed share " + summary.parsedShare() + ": " + summary);
        });
    }

    @Test
    void hostileInputIsRejectedOrIgnoredWithAReasonAndNeverThrows() {
        HostileInput.check(PLUGIN, Samples.resource(SAMPLES));
    }

    @Test
    void theProbeRecognisesItsOwnLinesAndNoOthers() {
        Samples.resource(SAMPLES).forEach(l -> assertTrue(PLUGIN.probe(l), () -> "own line not recognised: " + l));
        assertFalse(PLUGIN.probe("%ASA-4-106023: Deny tcp src outside:203.0.113.5/4455 dst inside:10.0.0.5/22 by access-group \"outside_in\" [0x0, 0x0]"));
        assertFalse(PLUGIN.probe("CEF:0|Other|Product|1.0|100|Name|5|src=192.0.2.1"));
        assertFalse(PLUGIN.probe("<189>date=2024-03-12 time=09:15:02 devname=\"FGT-HQ\" devid=\"FGT60FTK2209A0B1\" logid=\"0000000013\" type=\"traffic\""));
        assertFalse(PLUGIN.probe("Mar 12 09:15:02 host MySyslogForwarderApp: attack_name=x"));
    }

    /** Lines of every other family in the shared corpus: the probe claims none of them. */
    @Test
    void theProbeClaimsNoLineOfAnotherFamily() throws IOException {
        String dir = System.getProperty("yagura.shared.samples");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            return;
        }
        List<String> claimed = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            for (Path f : files.filter(p -> !p.getFileName().toString().equals(SHARED)
                    && !p.getFileName().toString().endsWith(".txt")).toList()) {
                for (String l : Samples.read(f)) {
                    if (PLUGIN.probe(l)) {
                        claimed.add(f.getFileName() + ": " + l);
                    }
                }
            }
        }
        assertEquals(List.of(), claimed);
    }

    /** Common types at well above 50,000 lines/s on one core (the floor leaves room for a busy, shared build machine). */
    @Test
    void parsingIsFast() {
        List<String> lines = Samples.resource(SAMPLES);
        long perSecond = 0;
        for (int attempt = 0; attempt < 3 && perSecond < 50_000; attempt++) {
            int n = 0;
            long start = 0;
            while (n < 600_000) {
                if (n >= 200_000 && start == 0) {
                    start = System.nanoTime(); // after the warm-up
                }
                for (String l : lines) {
                    if (PLUGIN.parser().parse(Samples.envelope(PLUGIN.vendorId(), l)) instanceof ParseResult.Rejected r) {
                        throw new AssertionError(r.reason());
                    }
                }
                n += lines.size();
            }
            perSecond = Math.max(perSecond, (long) ((n - 200_000) / ((System.nanoTime() - start) / 1e9)));
        }
        System.out.println(PLUGIN.vendorId() + ": " + perSecond + " lines/s");
        assertTrue(perSecond > 10_000, "too slow: " + perSecond + " lines/s");
    }
}
