package io.yagura.plugin.suricata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.plugin.ParseContext;
import io.yagura.api.plugin.ParseResult;
import io.yagura.plugin.testkit.PluginContract;
import io.yagura.plugin.testkit.Samples;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuricataPluginTest extends PluginContract {

    static final SuricataPlugin PLUGIN = new SuricataPlugin();

    /**
     * The shared corpus: both shared files (EVE JSON without stats, Snort fast alerts) hold security
     * or traffic events only: every line becomes one.
     * <p>
     * The probe must also refuse: a Sourcefire SFIMS alert, a JSON line that is not EVE, a FortiWeb
     * attack log.
     */
    SuricataPluginTest() {
        super(PLUGIN, 1.0,
                "<13>Nov 28 10:00:00 fmc SFIMS: [Primary Detection Engine (a1b2)][Default Policy] [1:2000419:5]"
                        + " ET POLICY PE EXE Install [Classification: Potential Corporate Privacy Violation] [Priority: 1] {TCP} 192.0.2.1:80 -> 192.0.2.2:1234",
                "{\"type\":\"log\",\"message\":\"not an EVE record\",\"host\":\"web1\"}",
                "time=10:29:22 devname=waf1 log_id=0202006010 type=attack subtype=waf msg=\"{test}\"");
    }

    /** Every alert of the shared files is read as an alert with its signature. */
    @Test
    void theSharedCorpusAlertsBecomeAlerts() {
        for (String name : sharedCorpusFiles()) {
            Samples.shared(name).ifPresent(file -> {
                List<String> lines = Samples.read(file);
                assertTrue(lines.size() >= 10, "the shared corpus lost its lines: " + file);
                for (String line : lines) {
                    if (line.contains("\"event_type\":\"alert\"") || line.contains("[**]") || line.contains("snort:")) {
                        ParseResult r = PLUGIN.parser().parse(Samples.envelope(PLUGIN.vendorId(), line), ParseContext.DEFAULT);
                        assertTrue(r instanceof ParseResult.Parsed p && "alert".equals(p.events().get(0).getString("event.kind"))
                                && p.events().get(0).has("rule.id"), () -> "alert not read as one: " + r + "\n  " + line);
                    }
                }
            });
        }
    }

    @Test
    void aSyslogTagBeforeTheJsonIsFoundButTextIsNot() {
        assertEquals(16, SuricataParser.jsonStart("suricata[2201]: {\"event_type\":\"dns\"}"));
        assertEquals(1, SuricataParser.jsonStart(" {\"event_type\":\"dns\"}"));
        assertEquals(-1, SuricataParser.jsonStart("ET POLICY x [**] {TCP} 192.0.2.1:1 -> 192.0.2.2:2"));
        assertEquals(-1, SuricataParser.jsonStart("a b: {\"x\":1}"), "a tag has no space");
    }
}
