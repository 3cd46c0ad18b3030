package io.yagura.plugin.paloalto;

import io.yagura.api.plugin.DeviceType;
import io.yagura.api.plugin.FirewallDriver;
import io.yagura.api.plugin.LogParser;
import io.yagura.api.plugin.VendorPlugin;
import io.yagura.plugin.paloalto.driver.PanOsFirewallDriver;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * Palo Alto Networks PAN-OS. The only service this bundle registers: the platform builds the route
 * yagura.raw.paloalto → {@link PaloaltoParser} → yagura.events and asks {@link PaloaltoProbe} about
 * lines from unregistered sources; its firewall driver places emergency blocks. See docs/vendors/paloalto.md.
 */
@Component(service = VendorPlugin.class)
public final class PaloaltoPlugin implements VendorPlugin {

    static final String ID = "paloalto";

    private final PaloaltoParser parser = new PaloaltoParser();
    private final PanOsFirewallDriver driver = new PanOsFirewallDriver();

    @Override
    public String vendorId() {
        return ID;
    }

    @Override
    public String vendorName() {
        return PaloaltoParser.OBSERVER.vendor();
    }

    @Override
    public Set<String> products() {
        return Set.of("PAN-OS");
    }

    @Override
    public Set<DeviceType> deviceTypes() {
        return Set.of(DeviceType.NGFW);
    }

    @Override
    public boolean probe(String line) {
        return PaloaltoProbe.probe(line);
    }

    @Override
    public LogParser parser() {
        return parser;
    }

    /** Emergency blocks through the PAN-OS XML API (docs/vendors/paloalto.md, "Emergency block"). */
    @Override
    public Optional<FirewallDriver> firewallDriver() {
        return Optional.of(driver);
    }
}
