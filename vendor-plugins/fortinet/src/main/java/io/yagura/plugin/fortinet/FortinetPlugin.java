package io.yagura.plugin.fortinet;

import io.yagura.api.plugin.DeviceType;
import io.yagura.api.plugin.FirewallDriver;
import io.yagura.api.plugin.LogParser;
import io.yagura.api.plugin.VendorPlugin;
import io.yagura.plugin.fortinet.driver.FortiGateFirewallDriver;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * Fortinet FortiGate. The only service this bundle registers: the platform builds the route
 * yagura.raw.fortinet → {@link FortinetParser} → yagura.events and asks {@link FortinetProbe} about
 * lines from unregistered sources. See docs/vendors/fortinet.md.
 */
@Component(service = VendorPlugin.class)
public final class FortinetPlugin implements VendorPlugin {

    static final String ID = "fortinet";

    private final FortinetParser parser = new FortinetParser();
    private final FortiGateFirewallDriver driver = new FortiGateFirewallDriver();

    @Override
    public String vendorId() {
        return ID;
    }

    @Override
    public String vendorName() {
        return FortinetParser.OBSERVER.vendor();
    }

    @Override
    public Set<String> products() {
        return Set.of("FortiGate");
    }

    @Override
    public Set<DeviceType> deviceTypes() {
        return Set.of(DeviceType.UTM);
    }

    @Override
    public boolean probe(String line) {
        return FortinetProbe.probe(line);
    }

    @Override
    public LogParser parser() {
        return parser;
    }

    /** Emergency blocks through the FortiGate REST API (docs/vendors/fortinet.md, "Emergency block"). */
    @Override
    public Optional<FirewallDriver> firewallDriver() {
        return Optional.of(driver);
    }
}
