package io.yagura.plugin.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.plugin.VendorPlugin;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * What every vendor plugin's tests check, in one place: a plugin's {@code …PluginTest} extends this
 * class, names (in its constructor) its plugin, the share of its shared-corpus lines that must become
 * events and the other vendors' lines its probe must refuse, and keeps only the tests that are
 * genuinely its own.
 * <ul>
 * <li>every entry of {@code expected/<id>.yaml} gives exactly its fields ({@link ExpectedEvents});</li>
 * <li>every line of {@code samples/<id>.log} has an entry there, and is parsed or ignored with a
 * reason (the lines the expected file says are rejected excepted);</li>
 * <li>the family's shared-corpus files, when present: no line rejected, the parsed share per file at
 * least the floor given to the constructor; the summary is printed;</li>
 * <li>hostile input ({@link HostileInput});</li>
 * <li>the probe claims every own sample and shared-corpus line (but those
 * {@code detection-exceptions.yaml} says no probe can recognise), refuses the known lines of other
 * families ({@link ProbeIsolation#OTHER_FAMILIES}) and the plugin's extra ones, and claims no line of
 * another family in the shared corpus.</li>
 * </ul>
 * The shared corpus is {@code ../shared/samples} (system property {@code yagura.shared.samples}); a
 * fresh clone does not have it and the corpus checks then have nothing to read.
 */
public abstract class PluginContract {

    private final VendorPlugin plugin;
    private final double parsedShareFloor;
    private final List<String> foreignLines;

    /**
     * @param plugin           the plugin under test; one instance serves all the checks
     * @param parsedShareFloor the share of every shared-corpus file of the family that must become
     *                         events (the rest may be ignored with a reason); say in the plugin why
     * @param foreignLines     lines of other vendors (often of a sibling product) the probe must
     *                         refuse, beside the built-in ones
     */
    protected PluginContract(VendorPlugin plugin, double parsedShareFloor, String... foreignLines) {
        this.plugin = plugin;
        this.parsedShareFloor = parsedShareFloor;
        this.foreignLines = List.of(foreignLines);
    }

    protected final VendorPlugin plugin() {
        return plugin;
    }

    protected final double parsedShareFloor() {
        return parsedShareFloor;
    }

    protected final List<String> foreignLinesTheProbeMustRefuse() {
        return foreignLines;
    }

    /** The plugin's sample lines, a class-path resource. */
    protected String samplesResource() {
        return "/samples/" + plugin().vendorId() + ".log";
    }

    /** The plugin's expected events, a class-path resource. */
    protected String expectedResource() {
        return "/expected/" + plugin().vendorId() + ".yaml";
    }

    /** The family's shared-corpus files read line by line ({@link SharedCorpus#FAMILIES}). */
    protected List<String> sharedCorpusFiles() {
        return SharedCorpus.lineFilesOf(plugin().vendorId());
    }

    /** Lines fed to the hostile-input check: the samples and every expected entry. */
    protected List<String> hostileInputSeeds() {
        Set<String> seeds = new LinkedHashSet<>(samples());
        seeds.addAll(ExpectedEvents.lines(expectedResource()));
        return new ArrayList<>(seeds);
    }

    protected final List<String> samples() {
        return Samples.resource(samplesResource());
    }

    @TestFactory
    protected List<DynamicTest> sampleLinesGiveTheDocumentedFields() {
        return ExpectedEvents.tests(plugin().vendorId(), plugin().parser(), expectedResource());
    }

    @Test
    protected void everySampleLineHasAnExpectedEntry() {
        Set<String> expected = new HashSet<>(ExpectedEvents.lines(expectedResource()));
        List<String> missing = samples().stream().filter(l -> !expected.contains(l)).toList();
        assertEquals(List.of(), missing, "sample lines without an entry in " + expectedResource());
    }

    @Test
    protected void everySampleLineIsParsedOrClassifiedWithAReason() {
        List<String> lines = new ArrayList<>(samples());
        lines.removeAll(ExpectedEvents.rejectedLines(expectedResource())); // their reasons are checked there
        CorpusCheck.Summary summary = CorpusCheck.run(plugin().vendorId(), plugin().parser(), lines);
        assertEquals(List.of(), summary.unexplained(), "sample lines rejected: " + summary);
    }

    @Test
    protected void theSharedCorpusIsReadWhenPresent() {
        for (String name : sharedCorpusFiles()) {
            Samples.shared(name).ifPresent(file -> {
                CorpusCheck.Summary summary = CorpusCheck.run(plugin().vendorId(), plugin().parser(), Samples.read(file));
                System.out.println(plugin().vendorId() + " shared corpus " + name + ": " + summary);
                assertEquals(List.of(), summary.unexplained(), file + ": " + summary);
                assertTrue(summary.parsedShare() >= parsedShareFloor(), () -> file + ": parsed share "
                        + summary.parsedShare() + " < " + parsedShareFloor() + ": " + summary);
            });
        }
    }

    @Test
    protected void hostileInputIsRejectedOrIgnoredWithAReasonAndNeverThrows() {
        HostileInput.check(plugin(), hostileInputSeeds());
    }

    @Test
    protected void theProbeRecognisesItsOwnLines() {
        String id = plugin().vendorId();
        List<SharedCorpus.Line> own = new ArrayList<>();
        Set<String> rejected = new HashSet<>(ExpectedEvents.rejectedLines(expectedResource()));
        SharedCorpus.lines("samples/" + id + ".log", Samples.resourceText(samplesResource())).stream()
                .filter(l -> !rejected.contains(l.text())).forEach(own::add);
        for (Path file : SharedCorpus.files()) {
            if (!SharedCorpus.DOCUMENTS.contains(file.getFileName().toString())) { // a document is claimed whole, below
                SharedCorpus.lines(file).stream().filter(l -> SharedCorpus.trueVendor(l).equals(id)).forEach(own::add);
            }
        }
        List<String> missed = new ArrayList<>(own.stream()
                .filter(l -> SharedCorpus.unrecognisable(l).isEmpty() && !plugin().probe(l.text()))
                .map(SharedCorpus.Line::toString).toList());
        for (Path file : SharedCorpus.files()) {
            String name = file.getFileName().toString();
            if (SharedCorpus.DOCUMENTS.contains(name) && SharedCorpus.FAMILIES.get(name).equals(id)
                    && !plugin().probe(SharedCorpus.text(file))) {
                missed.add(name + " (the whole document)");
            }
        }
        assertEquals(List.of(), missed, "own lines the probe does not recognise (explain the ones no probe can in "
                + "plugin-testkit's detection-exceptions.yaml)");
    }

    @Test
    protected void theProbeRefusesKnownLinesOfOtherFamilies() {
        assertEquals(List.of(), ProbeIsolation.claimedKnownLines(plugin(), foreignLinesTheProbeMustRefuse()),
                "lines of other families claimed by the probe");
    }

    @Test
    protected void theProbeClaimsNoLineOfAnotherFamilyInTheSharedCorpus() {
        assertEquals(List.of(), ProbeIsolation.claimedSharedLines(plugin()),
                "shared-corpus lines of other families claimed by the probe");
    }
}
