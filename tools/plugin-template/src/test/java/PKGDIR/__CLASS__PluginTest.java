package io.yagura.plugin.__PKG__;

import io.yagura.plugin.testkit.PluginContract;

/**
 * The plugin contract of the test kit runs here: expected/__ID__.yaml field by field, every line of
 * samples/__ID__.log parsed or classified, the shared corpus when present, hostile input, and the
 * probe on its own and others' lines. Add below only what is this plugin's own.
 */
class __CLASS__PluginTest extends PluginContract {

    static final __CLASS__Plugin PLUGIN = new __CLASS__Plugin();

    /**
     * The shared corpus (its files for this family are named in the test kit's
     * SharedCorpus.FAMILIES): at least 90% of each file's lines become events, the rest are ignored
     * with a reason; say why when you change it.
     * <p>
     * The probe must also refuse lines of the vendor's other products and look-alikes: here the
     * marker deep inside another program's message.
     */
    __CLASS__PluginTest() {
        super(PLUGIN, 0.9,
                "<13>Mar 12 10:00:00 web01 app: " + "x".repeat(200) + " __MARKER__: action=deny src=203.0.113.5");
    }
}
