package io.yagura.plugin.juniperscreenos;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.plugin.ParseContext;
import io.yagura.api.plugin.ParseResult;
import io.yagura.plugin.testkit.PluginContract;
import io.yagura.plugin.testkit.Samples;
import java.util.List;
import org.junit.jupiter.api.Test;

class JuniperScreenosPluginTest extends PluginContract {

    static final JuniperScreenosPlugin PLUGIN = new JuniperScreenosPlugin();

    /**
     * The shared corpus: traffic logs and attack alarms become events; management and system messages
     * (admin login, configuration saved, VPN up/down, PKI, ARP) are ignored.
     * <p>
     * The probe must also refuse: an SRX structured line; a FortiGate line with a device_id key.
     */
    JuniperScreenosPluginTest() {
        super(PLUGIN, 0.7,
                "<14>1 2023-11-14T10:00:01.123Z srx1 RT_FLOW - RT_FLOW_SESSION_CREATE [junos@2636.1.1.1.2.129 source-address=\"192.0.2.10\" device_id=\"x\"]",
                "date=2023-11-14 time=10:00:00 devname=\"FG100\" devid=\"FG100E\" logid=\"0000000013\" device_id=1");
    }

    /** Every traffic log and every "<attack>! From ..." alarm of the shared corpus becomes an event. */
    @Test
    void theSharedCorpusSecurityLinesBecomeEvents() {
        Samples.shared("juniper-screenos.log").ifPresent(file -> {
            List<String> lines = Samples.read(file);
            assertTrue(lines.size() >= 30, "the shared corpus lost its ScreenOS lines: " + lines.size());
            for (String line : lines) {
                if (line.contains("(traffic)") || line.contains("! From ")) {
                    ParseResult r = PLUGIN.parser().parse(Samples.envelope(PLUGIN.vendorId(), line), ParseContext.DEFAULT);
                    assertTrue(r instanceof ParseResult.Parsed, () -> "security line not parsed: " + r + "\n  " + line);
                }
            }
        });
    }
}
