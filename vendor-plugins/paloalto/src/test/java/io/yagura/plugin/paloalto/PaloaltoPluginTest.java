package io.yagura.plugin.paloalto;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseContext;
import io.yagura.api.plugin.ParseResult;
import io.yagura.plugin.testkit.PluginContract;
import io.yagura.plugin.testkit.Samples;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaloaltoPluginTest extends PluginContract {

    static final PaloaltoPlugin PLUGIN = new PaloaltoPlugin();

    /**
     * The shared corpus: traffic and threat logs all become events; User-ID, HIP match and
     * housekeeping SYSTEM lines may be ignored.
     * <p>
     * The probe must also refuse: a CSV line with an unknown log type; a FortiGate traffic line.
     */
    PaloaltoPluginTest() {
        super(PLUGIN, 0.7,
                "<14>Nov 14 10:00:00 host app: 1,2023/11/14 10:00:00,XYZ,TRAFFICJAM,end,1",
                "date=2023-11-14 time=10:00:00 devname=\"fw1\" type=\"traffic\" subtype=\"forward\" srcip=192.0.2.1");
    }

    /**
     * Traffic and threat logs are the security events of PAN-OS: every one in the shared corpus
     * (CSV, CEF or LEEF) becomes an event, as does every authentication failure.
     */
    @Test
    void theSharedCorpusSecurityEventsAreParsed() {
        Samples.shared("paloalto.log").ifPresent(file -> {
            List<String> notParsed = new ArrayList<>();
            for (String line : Samples.read(file)) {
                boolean security = line.contains(",TRAFFIC,") || line.contains(",THREAT,") || line.contains("|TRAFFIC|")
                        || line.contains("|THREAT|") || line.contains("cat=TRAFFIC") || line.contains("cat=THREAT")
                        || line.contains(",auth-fail,");
                ParseResult r = PLUGIN.parser().parse(Samples.envelope(PLUGIN.vendorId(), line), ParseContext.DEFAULT);
                if (security && !(r instanceof ParseResult.Parsed)) {
                    notParsed.add(r + " <- " + line);
                }
            }
            assertEquals(List.of(), notParsed, "traffic/threat/auth-failure lines not parsed");
        });
    }
}
