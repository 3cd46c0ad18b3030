package io.yagura.bench.plugins;

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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** The vendor plugins under benchmark and their sample lines. */
final class Plugins {

    private Plugins() {
    }

    /**
     * Every shipped plugin, made as Declarative Services makes it (no-argument constructor), in the
     * order of {@link PluginBenchmark.Vendor#vendor}. A new plugin goes here, in that list and in
     * the pom; PluginsTest fails until it does.
     */
    static List<VendorPlugin> all() {
        return List.of(new CheckpointPlugin(), new CiscoAsaPlugin(), new CiscoFirepowerPlugin(), new CiscoIpsPlugin(),
                new FortinetPlugin(), new IbmGxPlugin(), new JuniperScreenosPlugin(), new JuniperSrxPlugin(),
                new McafeeNspPlugin(), new PaloaltoPlugin(), new SuricataPlugin(), new WafPlugin(),
                new WinsSniperPlugin());
    }

    static VendorPlugin byId(String id) {
        return all().stream().filter(p -> p.vendorId().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no vendor plugin '" + id + "'; known: " + ids()));
    }

    static List<String> ids() {
        return all().stream().map(VendorPlugin::vendorId).toList();
    }

    /**
     * The plugin's own sample lines, as its tests read them. The pom copies the plugins' test
     * resources to the class path under vendor-plugins/; each keeps samples/&lt;id&gt;.log.
     */
    static List<String> samples(String id) {
        String base = "/vendor-plugins/" + id + "/src/test/resources/";
        String path = base + "samples/" + id + ".log";
        if (Plugins.class.getResource(path) != null) {
            return Samples.resource(path);
        }
        throw new IllegalStateException("no sample file for " + id + " under vendor-plugins/" + id
                + "/src/test/resources (samples/" + id + ".log)");
    }

    /**
     * All plugins' sample lines in one fixed, shuffled order: a mixed stream from unregistered
     * sources, without long runs of one vendor that would flatter the branch predictor.
     */
    static List<String> mixed() {
        List<String> lines = new ArrayList<>();
        ids().forEach(id -> lines.addAll(samples(id)));
        Collections.shuffle(lines, new Random(20261128L));
        return List.copyOf(lines);
    }
}
