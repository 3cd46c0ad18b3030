package io.yagura.plugin.juniperscreenos;

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
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class JuniperScreenosPluginTest {

    static final JuniperScreenosPlugin PLUGIN = new JuniperScreenosPlugin();
    static final String EXPECTED = "/expected/juniper-screenos.yaml";
    static final String SAMPLES = "/samples/juniper-screenos.log";
    static final String SHARED = "juniper-screenos.log";

    /** Every line of expected/juniper-screenos.yaml gives exactly the fields written there. */
    @TestFactory
    List<DynamicTest> sampleLinesGiveTheDocumentedFields() {
        return ExpectedEvents.tests(PLUGIN.vendorId(), PLUGIN.parser(), EXPECTED);
    }

    @Test
    void everySampleLineHasAnExpectation() {
        assertEquals(Samples.resource(SAMPLES), ExpectedEvents.lines(EXPECTED),
                "samples/juniper-screenos.log and expected/juniper-screenos.yaml list the same lines in the same order");
    }

    @Test
    void everySampleLineIsParsedOrClassifiedWithAReason() {
        List<String> lines = new ArrayList<>(Samples.resource(SAMPLES));
        // the two composed lines that must be rejected are checked by the expectations
        lines.removeIf(l -> l.endsWith("policy_id=2") || l.endsWith("restarting"));
        CorpusCheck.Summary summary = CorpusCheck.run(PLUGIN.vendorId(), PLUGIN.parser(), lines);
        assertEquals(List.of(), summary.unexplained(), "sample lines rejected: " + summary);
    }

    @Test
    void theSharedCorpusIsReadWhenPresent() {
        // The shared corpus (../shared/samples, not in a fresh clone) holds real lines of this format.
        Samples.shared(SHARED).ifPresent(file -> {
            CorpusCheck.Summary summary = CorpusCheck.run(PLUGIN.vendorId(), PLUGIN.parser(), Samples.read(file));
            assertEquals(List.of(), summary.unexplained(), file + ": " + summary);
        });
    }

    /**
     * The shared corpus holds traffic logs, attack alarms and management messages. Every traffic log
     * and every "<attack>! From ..." alarm becomes an event; the management and system messages (admin
     * login, configuration saved, policy modified, VPN up/down, PKI, ARP) are the only ones ignored.
     */
    @Test
    void theSharedCorpusSecurityLinesBecomeEvents() {
        Samples.shared(SHARED).ifPresent(file -> {
            List<String> lines = Samples.read(file);
            CorpusCheck.Summary summary = CorpusCheck.run(PLUGIN.vendorId(), PLUGIN.parser(), lines);
            assertTrue(lines.size() >= 30, "the shared corpus lost its ScreenOS lines: " + lines.size());
            assertTrue(summary.parsedShare() >= 0.7, "parsed share " + summary.parsedShare() + ": " + summary);
            for (String line : lines) {
                if (line.contains("(traffic)") || line.contains("! From ")) {
                    ParseResult r = PLUGIN.parser().parse(Samples.envelope(PLUGIN.vendorId(), line), ParseContext.DEFAULT);
                    assertTrue(r instanceof ParseResult.Parsed, () -> "security line not parsed: " + r + "\n  " + line);
                }
            }
        });
    }

    @Test
    void hostileInputIsRejectedOrIgnoredWithAReasonAndNeverThrows() {
        HostileInput.check(PLUGIN, Samples.resource(SAMPLES));
    }

    @Test
    void theProbeRecognisesItsOwnLines() {
        Samples.resource(SAMPLES).forEach(l -> assertTrue(PLUGIN.probe(l), () -> "own line not recognised: " + l));
        Samples.shared(SHARED).ifPresent(file -> Samples.read(file)
                .forEach(l -> assertTrue(PLUGIN.probe(l), () -> "shared line not recognised: " + l)));
    }

    @Test
    void theProbeClaimsNoOtherVendorsLines() throws IOException {
        assertFalse(PLUGIN.probe("%ASA-4-106023: Deny tcp src outside:203.0.113.5/4455 dst inside:10.0.0.5/22 by access-group \"outside_in\" [0x0, 0x0]"));
        assertFalse(PLUGIN.probe("CEF:0|Other|Product|1.0|100|Name|5|src=192.0.2.1"));
        assertFalse(PLUGIN.probe("<14>1 2023-11-14T10:00:01.123Z srx1 RT_FLOW - RT_FLOW_SESSION_CREATE [junos@2636.1.1.1.2.129 "
                + "source-address=\"192.0.2.10\" device_id=\"x\"]"));
        assertFalse(PLUGIN.probe("date=2023-11-14 time=10:00:00 devname=\"FG100\" devid=\"FG100E\" logid=\"0000000013\" device_id=1"));
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
}
