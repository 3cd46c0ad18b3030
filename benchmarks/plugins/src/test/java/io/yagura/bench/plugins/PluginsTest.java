package io.yagura.bench.plugins;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Param;

/** The benchmark covers every plugin module, each with its samples. Nothing here is timed. */
class PluginsTest {

    /** Surefire runs in this module's directory. */
    static final Path VENDOR_PLUGINS = Path.of("../../vendor-plugins");

    @Test
    void everyPluginModuleIsBenchmarked() throws IOException {
        List<String> modules;
        try (Stream<Path> dirs = Files.list(VENDOR_PLUGINS)) {
            modules = dirs.filter(PluginsTest::isVendorPlugin).map(d -> d.getFileName().toString()).sorted().toList();
        }
        assertEquals(modules, Plugins.ids().stream().sorted().toList(),
                "a plugin module is missing from the benchmark: add it to benchmarks/plugins/pom.xml, "
                        + "Plugins.all() and PluginBenchmark.Vendor's @Param");
    }

    /** A module with a VendorPlugin class (not the test kit, not checks over all plugins). */
    static boolean isVendorPlugin(Path module) {
        Path sources = module.resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            return files.filter(f -> f.toString().endsWith(".java")).anyMatch(PluginsTest::implementsVendorPlugin);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean implementsVendorPlugin(Path source) {
        try {
            return Files.readString(source).contains("implements VendorPlugin");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theParamListsThePluginsInOrder() throws NoSuchFieldException {
        Param param = PluginBenchmark.Vendor.class.getField("vendor").getAnnotation(Param.class);
        assertEquals(Plugins.ids(), List.of(param.value()));
    }

    @Test
    void everyPluginHasSamplesAndTheMixedCorpusHasThemAll() {
        int total = 0;
        for (String id : Plugins.ids()) {
            List<String> lines = Plugins.samples(id);
            assertFalse(lines.isEmpty(), id + " has no sample lines");
            total += lines.size();
        }
        assertEquals(total, Plugins.mixed().size());
    }
}
