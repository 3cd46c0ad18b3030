package io.yagura.plugin.junipersrx;

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

class JuniperSrxPluginTest {

    static final JuniperSrxPlugin PLUGIN = new JuniperSrxPlugin();
    static final String EXPECTED = "/expected/juniper-srx.yaml";
    static final String SAMPLES = "/samples/juniper-srx.log";
    static final String SHARED = "juniper-srx.log";

    /** Every line of expected/juniper-srx.yaml gives exactly the fields written there. */
    @TestFactory
    List<DynamicTest> sampleLinesGiveTheDocumentedFields() {
        return ExpectedEvents.tests(PLUGIN.vendorId(), PLUGIN.parser(), EXPECTED);
    }

    @Test
    void everySampleLineHasAnExpectation() {
        assertEquals(Samples.resource(SAMPLES), ExpectedEvents.lines(EXPECTED),
                "samples/juniper-srx.log and expected/juniper-srx.yaml list the same lines in the same order");
    }

    @Test
    void everySampleLineIsParsedOrClassifiedWithAReason() {
        List<String> lines = new ArrayList<>(Samples.resource(SAMPLES));
        // the two composed lines that must be rejected are checked by the expectations
        lines.removeIf(l -> l.contains("RT_FLOW_SESSION_EXPLODE") || l.endsWith("session created"));
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
     * The shared corpus mixes SRX security logs with Junos system messages (mgd, cron, sshd) and one
     * stray PAN-OS line. Of the lines the probe claims as SRX security logs, nearly all become events
     * (the rest are AppTrack volume updates and routing/fragment housekeeping); every session, screen,
     * IDP, UTM, ATP and SecIntel line does.
     */
    @Test
    void theSharedCorpusSecurityLinesBecomeEvents() {
        Samples.shared(SHARED).ifPresent(file -> {
            List<String> claimed = Samples.read(file).stream().filter(PLUGIN::probe).toList();
            CorpusCheck.Summary summary = CorpusCheck.run(PLUGIN.vendorId(), PLUGIN.parser(), claimed);
            assertTrue(claimed.size() >= 50, "the shared corpus lost its SRX lines: " + claimed.size());
            assertTrue(summary.parsedShare() >= 0.9, "parsed share " + summary.parsedShare() + ": " + summary);
            for (String line : claimed) {
                if (line.contains("RT_FLOW_SESSION_") || line.contains("RT_SCREEN_") || line.contains("IDP_ATTACK_LOG_EVENT")
                        || line.contains("IDP_APPDDOS_APP_ATTACK") || line.contains("WEBFILTER_URL_") || line.contains("AAMW_ACTION_LOG")
                        || line.contains("SECINTEL_ACTION_LOG")) {
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
    void theProbeRecognisesEveryLineThatBecomesAnEvent() {
        for (String line : Samples.resource(SAMPLES)) {
            ParseResult r = PLUGIN.parser().parse(Samples.envelope(PLUGIN.vendorId(), line), ParseContext.DEFAULT);
            if (r instanceof ParseResult.Parsed) {
                assertTrue(PLUGIN.probe(line), () -> "own line not recognised: " + line);
            }
        }
        Samples.shared(SHARED).ifPresent(file -> Samples.read(file).forEach(line -> {
            ParseResult r = PLUGIN.parser().parse(Samples.envelope(PLUGIN.vendorId(), line), ParseContext.DEFAULT);
            if (r instanceof ParseResult.Parsed) {
                assertTrue(PLUGIN.probe(line), () -> "shared line not recognised: " + line);
            }
        }));
    }

    @Test
    void theProbeClaimsNoOtherVendorsLines() throws IOException {
        assertFalse(PLUGIN.probe("%ASA-4-106023: Deny tcp src outside:203.0.113.5/4455 dst inside:10.0.0.5/22 by access-group \"outside_in\" [0x0, 0x0]"));
        assertFalse(PLUGIN.probe("CEF:0|Other|Product|1.0|100|Name|5|src=192.0.2.1"));
        assertFalse(PLUGIN.probe("Jun  2 14:55:46 fire00 fire00: NetScreen device_id=fire00  [Root]system-notification-00257(traffic): "
                + "start_time=\"2006-06-02 14:55:45\" duration=0 policy_id=119 service=udp/port:7001 proto=17 src zone=Trust dst zone=Untrust action=Deny"));
        assertFalse(PLUGIN.probe("<38>Nov 14 11:19:00 srx-edge1 sshd[6161]: Accepted publickey for admin from 192.0.2.5 port 50022 ssh2"));
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
