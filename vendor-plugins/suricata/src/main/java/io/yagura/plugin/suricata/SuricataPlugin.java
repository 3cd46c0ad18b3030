package io.yagura.plugin.suricata;

import io.yagura.api.plugin.DeviceType;
import io.yagura.api.plugin.LogParser;
import io.yagura.api.plugin.VendorPlugin;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * OISF Suricata and Snort (the fast alert line both write). The only service this bundle registers:
 * the platform builds the route yagura.raw.suricata → {@link SuricataParser} → yagura.events and asks
 * {@link SuricataProbe} about lines from unregistered sources. See docs/vendors/suricata.md.
 */
@Component(service = VendorPlugin.class)
public final class SuricataPlugin implements VendorPlugin {

    static final String ID = "suricata";

    private final SuricataParser parser = new SuricataParser();

    @Override
    public String vendorId() {
        return ID;
    }

    @Override
    public String vendorName() {
        return SuricataParser.SURICATA.vendor();
    }

    @Override
    public Set<String> products() {
        return Set.of("Suricata", "Snort");
    }

    @Override
    public Set<DeviceType> deviceTypes() {
        return Set.of(DeviceType.IDS, DeviceType.IPS);
    }

    @Override
    public boolean probe(String line) {
        return SuricataProbe.probe(line);
    }

    @Override
    public LogParser parser() {
        return parser;
    }
}
