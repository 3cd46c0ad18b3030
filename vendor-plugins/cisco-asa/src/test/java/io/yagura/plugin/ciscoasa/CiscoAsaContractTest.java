package io.yagura.plugin.ciscoasa;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.plugin.testkit.ExpectedEvents;
import io.yagura.plugin.testkit.PluginContract;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The plugin test kit's contract for cisco-asa (expected fields, samples, shared corpus, hostile
 * input, probe), plus what only the ASA has: FTD lines carry ASA message ids but are Firepower's.
 */
class CiscoAsaContractTest extends PluginContract {

    static final CiscoAsaPlugin PLUGIN = new CiscoAsaPlugin();

    /**
     * The shared corpus: the corpus was collected for its security events: most lines must become
     * events.
     * <p>
     * The probe must also refuse: other vendors' lines, real ones from Apache-2.0 projects and
     * generic ones (see {@link ProbeTest}).
     */
    CiscoAsaContractTest() {
        super(PLUGIN, 0.7, ProbeTest.OTHER_VENDORS.toArray(String[]::new));
    }

    /** Older than the samples/ convention; other modules read the file by this name. */
    @Override
    protected String samplesResource() {
        return "/samples/cisco-asa.log";
    }

    /**
     * Sample lines without an entry in expected/cisco-asa.yaml nor a field-by-field scenario in
     * {@link CiscoAsaParserTest}; they are checked per message family by {@link SharedCorpusTest}
     * only. The number may only go down: a new sample line needs its entry.
     */
    static final int LINES_STILL_WITHOUT_ENTRY = 0;

    /**
     * The sample file is older than expected/cisco-asa.yaml: some of its lines are asserted field by
     * field in {@link CiscoAsaParserTest} (its String constants), the others still wait for entries.
     */
    @Test
    @Override
    protected void everySampleLineHasAnExpectedEntry() {
        Set<String> covered = new HashSet<>(ExpectedEvents.lines(expectedResource()));
        for (Field f : CiscoAsaParserTest.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                try {
                    f.setAccessible(true);
                    covered.add((String) f.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        List<String> without = samples().stream().filter(l -> !covered.contains(l)).toList();
        assertTrue(without.size() <= LINES_STILL_WITHOUT_ENTRY, () -> without.size() + " sample lines neither in "
                + expectedResource() + " nor asserted in CiscoAsaParserTest (at most " + LINES_STILL_WITHOUT_ENTRY
                + "): give the new ones an entry");
    }

    @Test
    void theProbeLeavesFirepowerLinesToTheirPlugin() {
        String malformed = "%ASA-4-1060";
        assertFalse(PLUGIN.probe(malformed), "a cut tag is not claimed");
        List<String> expected = ExpectedEvents.lines(expectedResource());
        expected.stream().filter(l -> (l.contains("%ASA-") || l.contains("%PIX-")) && !l.equals(malformed))
                .forEach(l -> assertTrue(PLUGIN.probe(l), () -> "own line not recognised: " + l));
        expected.stream().filter(l -> l.contains("%FTD-"))
                .forEach(l -> assertFalse(PLUGIN.probe(l), () -> "FTD line claimed: " + l));
    }
}
