package io.yagura.plugin.junipersrx;

import io.yagura.api.plugin.DeviceType;
import io.yagura.api.plugin.FirewallDriver;
import io.yagura.api.plugin.LogParser;
import io.yagura.api.plugin.VendorPlugin;
import io.yagura.plugin.junipersrx.driver.SrxFirewallDriver;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * Juniper SRX. The only service this bundle registers: the platform builds the route
 * yagura.raw.juniper-srx → {@link JuniperSrxParser} → yagura.events and asks {@link JuniperSrxProbe} about
 * lines from unregistered sources. See docs/vendors/juniper-srx.md.
 */
@Component(service = VendorPlugin.class)
public final class JuniperSrxPlugin implements VendorPlugin {

    static final String ID = "juniper-srx";

    private final JuniperSrxParser parser = new JuniperSrxParser();
    private final SrxFirewallDriver driver = new SrxFirewallDriver();

    @Override
    public String vendorId() {
        return ID;
    }

    @Override
    public String vendorName() {
        return JuniperSrxParser.OBSERVER.vendor();
    }

    @Override
    public Set<String> products() {
        return Set.of("SRX");
    }

    @Override
    public Set<DeviceType> deviceTypes() {
        return Set.of(DeviceType.FIREWALL, DeviceType.IPS, DeviceType.UTM);
    }

    @Override
    public boolean probe(String line) {
        return JuniperSrxProbe.probe(line);
    }

    @Override
    public LogParser parser() {
        return parser;
    }

    @Override
    public Optional<FirewallDriver> firewallDriver() {
        return Optional.of(driver);
    }
}
