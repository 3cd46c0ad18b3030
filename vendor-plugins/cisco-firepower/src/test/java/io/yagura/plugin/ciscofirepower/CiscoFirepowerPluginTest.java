package io.yagura.plugin.ciscofirepower;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.event.Ecs;
import io.yagura.api.plugin.ParseContext;
import io.yagura.api.plugin.ParseResult;
import io.yagura.plugin.testkit.PluginContract;
import io.yagura.plugin.testkit.Samples;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CiscoFirepowerPluginTest extends PluginContract {

    static final CiscoFirepowerPlugin PLUGIN = new CiscoFirepowerPlugin();

    /**
     * The shared corpus: the corpus was collected for its security events (intrusion, connection,
     * file, malware, ASA engine): most must become events.
     * <p>
     * The probe must also refuse: a PIX line; SFIMS: not as the tag.
     */
    CiscoFirepowerPluginTest() {
        super(PLUGIN, 0.85,
                "%PIX-4-400013 IDS:2003 ICMP redirect from 198.51.100.2 to 10.10.10.1 on interface dmz",
                "<13>Mar 12 10:00:00 web01 app: header=SFIMS:1 (the tag starts a word)");
    }

    @Test
    void everyEventUsesTheSharedVerdictsAndNoPolicyIsASignature() {
        List<String> lines = new ArrayList<>(samples());
        Samples.shared("cisco-firepower.log").ifPresent(file -> lines.addAll(Samples.read(file)));
        for (String line : lines) {
            ParseResult r = PLUGIN.parser().parse(Samples.envelope(PLUGIN.vendorId(), line), ParseContext.DEFAULT);
            if (r instanceof ParseResult.Parsed p) {
                p.events().forEach(e -> {
                    assertTrue(Ecs.VERDICTS.contains(e.getString(Ecs.EVENT_ACTION)), () -> "event.action of " + line);
                    String policy = e.getString(Ecs.YAGURA_POLICY);
                    assertTrue(policy == null || !policy.equals(e.getString(Ecs.RULE_NAME)), () -> "policy as rule: " + line);
                    if ("alert".equals(e.getString(Ecs.EVENT_KIND))) {
                        assertTrue(e.has(Ecs.RULE_NAME) || e.has("threat.indicator.ip") || e.has(Ecs.FILE_HASH_SHA256),
                                () -> "an alert names what it detected: " + line);
                    }
                });
            }
        }
    }

    @Test
    void theProbeRefusesNull() {
        assertFalse(PLUGIN.probe(null));
    }
}
