package io.yagura.plugin.ciscoasa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.plugin.testkit.CorpusCheck;
import io.yagura.plugin.testkit.ExpectedEvents;
import io.yagura.plugin.testkit.HostileInput;
import io.yagura.plugin.testkit.Samples;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The plugin test kit's checks: every field of the lines in expected/cisco-asa.yaml, the sample file
 * and the shared corpus read without rejections, hostile input, and the probe against the other
 * Cisco family (Firepower) of the shared corpus.
 */
class CiscoAsaExpectedEventsTest {

    static final CiscoAsaPlugin PLUGIN = new CiscoAsaPlugin();
    static final String EXPECTED = "/expected/cisco-asa.yaml";
    static final String SAMPLES = "/cisco-asa-samples.log";

    @TestFactory
    List<DynamicTest> composedLinesGiveTheDocumentedFields() {
        return ExpectedEvents.tests(PLUGIN.vendorId(), PLUGIN.parser(), EXPECTED);
    }

    @Test
    void everySampleLineIsParsedOrIgnoredWithAReason() {
        CorpusCheck.Summary summary = CorpusCheck.run(PLUGIN.vendorId(), PLUGIN.parser(), Samples.resource(SAMPLES));
        assertEquals(List.of(), summary.unexplained(), "sample lines rejected: " + summary);
    }

    @Test
    void theSharedCorpusIsReadAndMostlyParsed() {
        Samples.shared("cisco-asa.log").ifPresent(file -> {
            CorpusCheck.Summary summary = CorpusCheck.run(PLUGIN.vendorId(), PLUGIN.parser(), Samples.read(file));
            System.out.println("cisco-asa shared corpus: " + summary);
            assertEquals(List.of(), summary.unexplained(), file + ": " + summary);
            // the corpus was collected for its security events: most lines must become events
            assertTrue(summary.parsedShare() > 0.7, "parsed share " + summary.parsedShare() + ": " + summary);
        });
    }

    @Test
    void hostileInputIsRejectedOrIgnoredWithAReasonAndNeverThrows() {
        List<String> seeds = new ArrayList<>(Samples.resource(SAMPLES));
        seeds.addAll(ExpectedEvents.lines(EXPECTED));
        HostileInput.check(PLUGIN, seeds);
    }

    @Test
    void theProbeLeavesFirepowerLinesToTheirPlugin() {
        String malformed = "%ASA-4-1060";
        ExpectedEvents.lines(EXPECTED).stream().filter(l -> (l.contains("%ASA-") || l.contains("%PIX-")) && !l.equals(malformed))
                .forEach(l -> assertTrue(PLUGIN.probe(l), () -> "own line not recognised: " + l));
        assertFalse(PLUGIN.probe(malformed), "a cut tag is not claimed");
        ExpectedEvents.lines(EXPECTED).stream().filter(l -> l.contains("%FTD-"))
                .forEach(l -> assertFalse(PLUGIN.probe(l), () -> "FTD line claimed: " + l));
        Samples.shared("cisco-firepower.log").ifPresent(file -> Samples.read(file)
                .forEach(l -> assertFalse(PLUGIN.probe(l), () -> "Firepower line claimed by cisco-asa: " + l)));
    }
}
