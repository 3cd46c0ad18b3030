package io.yagura.plugin.checkpoint;

import io.yagura.api.plugin.DeviceType;
import io.yagura.api.plugin.FirewallDriver;
import io.yagura.api.plugin.LogParser;
import io.yagura.api.plugin.VendorPlugin;
import io.yagura.plugin.checkpoint.driver.CheckPointFirewallDriver;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * Check Point FireWall-1 / UTM-1 / Quantum Security Gateways (R7x, R8x). The only service this bundle registers: the platform builds the route
 * yagura.raw.checkpoint → {@link CheckpointParser} → yagura.events and asks {@link CheckpointProbe} about
 * lines from unregistered sources. See docs/vendors/checkpoint.md.
 */
@Component(service = VendorPlugin.class)
public final class CheckpointPlugin implements VendorPlugin {

    static final String ID = "checkpoint";

    private final CheckpointParser parser = new CheckpointParser();
    private final CheckPointFirewallDriver driver = new CheckPointFirewallDriver();

    @Override
    public String vendorId() {
        return ID;
    }

    @Override
    public String vendorName() {
        return CheckpointParser.OBSERVER.vendor();
    }

    @Override
    public Set<String> products() {
        return Set.of("FireWall-1", "VPN-1", "UTM-1", "Quantum Security Gateway");
    }

    @Override
    public Set<DeviceType> deviceTypes() {
        return Set.of(DeviceType.FIREWALL, DeviceType.UTM, DeviceType.IPS);
    }

    @Override
    public boolean probe(String line) {
        return CheckpointProbe.probe(line);
    }

    @Override
    public LogParser parser() {
        return parser;
    }

    /** Emergency blocks through the Check Point Management API (docs/vendors/checkpoint.md, "Emergency block"). */
    @Override
    public Optional<FirewallDriver> firewallDriver() {
        return Optional.of(driver);
    }
}
