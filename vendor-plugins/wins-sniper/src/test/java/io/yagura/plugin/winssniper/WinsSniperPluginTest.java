package io.yagura.plugin.winssniper;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.plugin.ParseContext;
import io.yagura.api.plugin.ParseResult;
import io.yagura.plugin.testkit.PluginContract;
import io.yagura.plugin.testkit.Samples;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WinsSniperPluginTest extends PluginContract {

    static final WinsSniperPlugin PLUGIN = new WinsSniperPlugin();

    /**
     * The shared corpus: every line of the shared SniperIPS file is a detection: every one becomes an
     * event.
     * <p>
     * The probe must also refuse: a bracketed tag that only looks like SniperIPS.
     */
    WinsSniperPluginTest() {
        super(PLUGIN, 1.0,
                "[SNIPER-GAME] sniper rifle reloaded");
    }

    /** Every detection of the shared file becomes an alert with its signature and attacker. */
    @Test
    void theSharedCorpusDetectionsBecomeAlerts() {
        Samples.shared("sniper-ips.log").ifPresent(file -> {
            List<String> lines = Samples.read(file);
            assertTrue(lines.size() >= 10, "the shared corpus lost its SniperIPS lines: " + lines.size());
            for (String line : lines) {
                ParseResult r = PLUGIN.parser().parse(Samples.envelope(PLUGIN.vendorId(), line), ParseContext.DEFAULT);
                assertTrue(r instanceof ParseResult.Parsed p && "alert".equals(p.events().get(0).getString("event.kind"))
                        && p.events().get(0).has("rule.id") && p.events().get(0).has("source.ip"),
                        () -> "detection not read as one: " + r + "\n  " + line);
            }
        });
    }

    @Test
    void fieldValuesMayHoldBracketsAndCommas() {
        Map<String, String> f = WinsSniperParser.fields(
                "[SNIPER-1] [Attack_Name=(1)a[b](c)], [Information=x [], y [z]], [SrcPort=1]", 10);
        assertEquals("(1)a[b](c)", f.get("Attack_Name"));
        assertEquals("x [], y [z]", f.get("Information"));
        assertEquals("1", f.get("SrcPort"));
    }
}
