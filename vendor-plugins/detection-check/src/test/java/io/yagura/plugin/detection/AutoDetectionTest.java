package io.yagura.plugin.detection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.plugin.ParseContext;
import io.yagura.api.plugin.VendorPlugin;
import io.yagura.plugin.checkpoint.CheckpointPlugin;
import io.yagura.plugin.ciscoasa.CiscoAsaPlugin;
import io.yagura.plugin.ciscofirepower.CiscoFirepowerPlugin;
import io.yagura.plugin.ciscoips.CiscoIpsPlugin;
import io.yagura.plugin.fortinet.FortinetPlugin;
import io.yagura.plugin.ibmgx.IbmGxPlugin;
import io.yagura.plugin.juniperscreenos.JuniperScreenosPlugin;
import io.yagura.plugin.junipersrx.JuniperSrxPlugin;
import io.yagura.plugin.mcafeensp.McafeeNspPlugin;
import io.yagura.plugin.paloalto.PaloaltoPlugin;
import io.yagura.plugin.suricata.SuricataPlugin;
import io.yagura.plugin.waf.WafPlugin;
import io.yagura.plugin.winssniper.WinsSniperPlugin;
import io.yagura.plugin.testkit.Samples;
import io.yagura.plugin.testkit.SharedCorpus;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Auto-detection as ingest does it for a line from an unregistered source: every plugin's probe is
 * asked about every sample line of every plugin ({@code <plugin>/src/test/resources/samples/<id>.log})
 * and, when present, every line of the shared corpus (a whole-document file as one record). The
 * confusion table (true vendor x claiming vendor, 'none', 'several') goes to
 * target/detection-confusion.txt and the test output. A line's true vendor is its file's family
 * unless plugin-testkit's detection-exceptions.yaml says it was misfiled; lines that file says no
 * probe can recognise are counted in 'none' and listed with the reason, and only they are left out
 * of the shares.
 */
class AutoDetectionTest {

    /** Every plugin, in the order of the table (tools/new-plugin adds new ones at the top). */
    static final List<VendorPlugin> PLUGINS = List.of(
            new CiscoAsaPlugin(),
            new CiscoFirepowerPlugin(),
            new CiscoIpsPlugin(),
            new JuniperSrxPlugin(),
            new JuniperScreenosPlugin(),
            new CheckpointPlugin(),
            new PaloaltoPlugin(),
            new IbmGxPlugin(),
            new McafeeNspPlugin(),
            new WinsSniperPlugin(),
            new FortinetPlugin(),
            new SuricataPlugin(),
            new WafPlugin());

    /** Share of a family's lines (and of all lines) its own probe, and only it, must claim. */
    static final double FLOOR = 0.99;

    static ConfusionTable table;

    @BeforeAll
    static void detect() throws IOException {
        List<String> vendors = PLUGINS.stream().map(VendorPlugin::vendorId).toList();
        table = new ConfusionTable(vendors);
        for (VendorPlugin p : PLUGINS) {
            String name = "samples/" + p.vendorId() + ".log";
            for (SharedCorpus.Line line : SharedCorpus.lines(name, Files.readString(sampleFile(p.vendorId()), StandardCharsets.UTF_8))) {
                add(line, SharedCorpus.trueVendor(line));
            }
        }
        for (Path file : SharedCorpus.files()) {
            String name = file.getFileName().toString();
            if (SharedCorpus.DOCUMENTS.contains(name)) {
                SharedCorpus.Line whole = new SharedCorpus.Line(name, 1, SharedCorpus.text(file));
                add(whole, SharedCorpus.FAMILIES.get(name));
                continue;
            }
            for (SharedCorpus.Line line : SharedCorpus.lines(file)) {
                add(line, SharedCorpus.trueVendor(line));
            }
        }
        String report = table.render(SharedCorpus.dir().map(Path::toString).orElse(null));
        System.out.println(report);
        Path out = Path.of(System.getProperty("yagura.detection.report", "target/detection-confusion.txt"));
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
    }

    /** The plugin's own sample file; cisco-asa's is older than the samples/ convention. */
    static Path sampleFile(String vendor) {
        Path resources = Path.of(System.getProperty("yagura.plugins.dir", "..")).resolve(vendor).resolve("src/test/resources");
        Path conventional = resources.resolve("samples/" + vendor + ".log");
        return Files.isRegularFile(conventional) ? conventional : resources.resolve(vendor + "-samples.log");
    }

    static void add(SharedCorpus.Line line, String trueVendor) {
        table.add(line, trueVendor, claimants(line.text()), () -> {
            VendorPlugin own = PLUGINS.stream().filter(p -> p.vendorId().equals(trueVendor)).findFirst().orElseThrow();
            String result = String.valueOf(own.parser().parse(Samples.envelope(trueVendor, line.text()), ParseContext.DEFAULT));
            return result.length() > 200 ? result.substring(0, 200) + "..." : result;
        });
    }

    static List<String> claimants(String line) {
        List<String> out = new ArrayList<>();
        for (VendorPlugin p : PLUGINS) {
            if (p.probe(line)) {
                out.add(p.vendorId());
            }
        }
        return out;
    }

    /** A plugin module left out of {@link #PLUGINS} would go unchecked. */
    @Test
    void everyPluginModuleTakesPart() throws IOException {
        List<String> modules;
        try (var dirs = Files.list(Path.of(System.getProperty("yagura.plugins.dir", "..")))) {
            modules = dirs.filter(AutoDetectionTest::isPluginModule).map(d -> d.getFileName().toString()).sorted().toList();
        }
        assertEquals(modules, PLUGINS.stream().map(VendorPlugin::vendorId).sorted().toList(),
                "vendor-plugins modules and the plugins of the auto-detection check");
    }

    static boolean isPluginModule(Path dir) {
        Path sources = dir.resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
            return false;
        }
        try (var files = Files.walk(sources)) {
            return files.filter(f -> f.toString().endsWith("Plugin.java"))
                    .anyMatch(f -> SharedCorpus.text(f).contains("implements VendorPlugin"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void noLineIsClaimedByTwoPlugins() {
        assertEquals(List.of(), table.several(), "lines claimed by several plugins");
    }

    @Test
    void everyFamilyIsRecognisedByItsOwnProbe() {
        List<String> below = table.familiesBelow(FLOOR);
        assertEquals(List.of(), below, "families whose own probe claims fewer than " + FLOOR + " of their lines:\n"
                + String.join("\n", table.misses()));
    }

    @Test
    void allLinesTogetherAreRecognisedByTheRightProbe() {
        assertTrue(table.overallShare() >= FLOOR, () -> "overall " + table.overallShare() + ":\n"
                + String.join("\n", table.misses()));
    }

    /** An exception that excuses a line its own probe now claims, or no line at all, is stale. */
    @Test
    void everyExceptionStillExplainsALine() {
        assertEquals(List.of(), table.staleExceptions(SharedCorpus.dir().isPresent()), "stale entries in detection-exceptions.yaml");
    }
}
