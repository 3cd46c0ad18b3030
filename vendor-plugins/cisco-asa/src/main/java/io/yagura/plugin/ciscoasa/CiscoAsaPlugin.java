package io.yagura.plugin.ciscoasa;

import io.yagura.api.plugin.DeviceType;
import io.yagura.api.plugin.FirewallDriver;
import io.yagura.api.plugin.LogParser;
import io.yagura.api.plugin.VendorPlugin;
import io.yagura.plugin.ciscoasa.driver.AsaFirewallDriver;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * Cisco ASA and its PIX predecessor. Firepower Threat Defense, which logs the same ASA-engine
 * messages as {@code %FTD-} lines, is the cisco-firepower plugin's. See docs/vendors/cisco-asa.md.
 */
@Component(service = VendorPlugin.class)
public final class CiscoAsaPlugin implements VendorPlugin {

    private static final Set<String> PRODUCTS = Set.of("ASA", "PIX");
    private static final Set<DeviceType> DEVICE_TYPES = Set.of(DeviceType.FIREWALL, DeviceType.VPN, DeviceType.IPS);

    private final CiscoAsaParser parser = new CiscoAsaParser();
    private final AsaFirewallDriver driver = new AsaFirewallDriver();

    @Override
    public String vendorId() {
        return CiscoAsaParser.PLUGIN_ID;
    }

    @Override
    public String vendorName() {
        return "Cisco";
    }

    @Override
    public Set<String> products() {
        return PRODUCTS;
    }

    @Override
    public Set<DeviceType> deviceTypes() {
        return DEVICE_TYPES;
    }

    @Override
    public boolean probe(String line) {
        return CiscoAsaProbe.probe(line);
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
