package io.yagura.plugin.junipersrx;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.plugin.ParseContext;
import io.yagura.api.plugin.ParseResult;
import io.yagura.plugin.testkit.CorpusCheck;
import io.yagura.plugin.testkit.PluginContract;
import io.yagura.plugin.testkit.Samples;
import java.util.List;
import org.junit.jupiter.api.Test;

class JuniperSrxPluginTest extends PluginContract {

    static final JuniperSrxPlugin PLUGIN = new JuniperSrxPlugin();

    /**
     * The shared corpus: the shared file mixes SRX security logs with Junos system messages (mgd,
     * cron, sshd), which are ignored.
     * <p>
     * The probe must also refuse: a ScreenOS traffic log; a Junos sshd line.
     */
    JuniperSrxPluginTest() {
        super(PLUGIN, 0.6,
                "Jun  2 14:55:46 fire00 fire00: NetScreen device_id=fire00  [Root]system-notification-00257(traffic): "
                        + "start_time=\"2006-06-02 14:55:45\" duration=0 policy_id=119 service=udp/port:7001 proto=17 src zone=Trust dst zone=Untrust action=Deny",
                "<38>Nov 14 11:19:00 srx-edge1 sshd[6161]: Accepted publickey for admin from 192.0.2.5 port 50022 ssh2");
    }

    /**
     * Of the shared-corpus lines the probe claims as SRX security logs, nearly all become events (the
     * rest are AppTrack volume updates and routing/fragment housekeeping); every session, screen, IDP,
     * UTM, ATP and SecIntel line does.
     */
    @Test
    void theSharedCorpusSecurityLinesBecomeEvents() {
        Samples.shared("juniper-srx.log").ifPresent(file -> {
            List<String> claimed = Samples.read(file).stream().filter(PLUGIN::probe).toList();
            CorpusCheck.Summary summary = CorpusCheck.run(PLUGIN.vendorId(), PLUGIN.parser(), claimed);
            assertTrue(claimed.size() >= 50, "the shared corpus lost its SRX lines: " + claimed.size());
            assertTrue(summary.parsedShare() >= 0.9, "parsed share " + summary.parsedShare() + ": " + summary);
            for (String line : claimed) {
                if (line.contains("RT_FLOW_SESSION_") || line.contains("RT_SCREEN_") || line.contains("IDP_ATTACK_LOG_EVENT")
                        || line.contains("IDP_APPDDOS_APP_ATTACK") || line.contains("WEBFILTER_URL_") || line.contains("AAMW_ACTION_LOG")
                        || line.contains("SECINTEL_ACTION_LOG")) {
                    ParseResult r = PLUGIN.parser().parse(Samples.envelope(PLUGIN.vendorId(), line), ParseContext.DEFAULT);
                    assertTrue(r instanceof ParseResult.Parsed, () -> "security line not parsed: " + r + "\n  " + line);
                }
            }
        });
    }
}
