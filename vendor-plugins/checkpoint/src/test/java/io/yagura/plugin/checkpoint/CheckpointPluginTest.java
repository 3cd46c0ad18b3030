package io.yagura.plugin.checkpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseContext;
import io.yagura.api.plugin.ParseResult;
import io.yagura.plugin.testkit.PluginContract;
import io.yagura.plugin.testkit.Samples;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CheckpointPluginTest extends PluginContract {

    static final CheckpointPlugin PLUGIN = new CheckpointPlugin();

    /**
     * The shared corpus: records without an action (system, update, mobile device status) and VPN key
     * exchange may be ignored.
     * <p>
     * The probe must also refuse: a Junos structured line; a Log Exporter look-alike without Check
     * Point's header.
     */
    CheckpointPluginTest() {
        super(PLUGIN, 0.6,
                "<14>1 2023-11-14T10:00:00Z srx1 RT_FLOW - RT_FLOW_SESSION_CREATE [junos@2636.1.1.1.2.129 source-address=\"192.0.2.1\"]",
                "<14>Nov 14 10:00:00 host app: [action:\"deny\"; src:\"192.0.2.1\"]");
    }

    /**
     * Every complete connection or protection record of the shared corpus (it has a source or a
     * destination and an action) becomes an event; what may be ignored are records without an action
     * (system, update, mobile device status), VPN key exchange and lines cut to their action.
     */
    @Test
    void theSharedCorpusSecurityEventsAreParsed() {
        Samples.shared("checkpoint.log").ifPresent(file -> {
            List<String> notParsed = new ArrayList<>();
            for (String line : Samples.read(file)) {
                boolean complete = (line.contains("src:\"") || line.contains(" src=") || line.contains("src: ")
                        || line.contains("dst:\"") || line.contains(" dst=") || line.contains("dst: ")
                        || line.startsWith("\"")) && !line.contains("Key Install");
                ParseResult r = PLUGIN.parser().parse(Samples.envelope(PLUGIN.vendorId(), line), ParseContext.DEFAULT);
                if (complete && !(r instanceof ParseResult.Parsed)) {
                    notParsed.add(r + " <- " + line);
                }
            }
            assertEquals(List.of(), notParsed, "connection/protection records not parsed");
        });
    }
}
