package io.yagura.plugin.ciscofirepower;

import io.yagura.api.plugin.DeviceType;
import io.yagura.api.plugin.LogParser;
import io.yagura.api.plugin.VendorPlugin;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * Cisco Firepower Threat Defense. The only service this bundle registers: the platform builds the route
 * yagura.raw.cisco-firepower → {@link CiscoFirepowerParser} → yagura.events and asks {@link CiscoFirepowerProbe} about
 * lines from unregistered sources. See docs/vendors/cisco-firepower.md.
 */
@Component(service = VendorPlugin.class)
public final class CiscoFirepowerPlugin implements VendorPlugin {

    static final String ID = "cisco-firepower";

    private final CiscoFirepowerParser parser = new CiscoFirepowerParser();

    @Override
    public String vendorId() {
        return ID;
    }

    @Override
    public String vendorName() {
        return CiscoFirepowerParser.OBSERVER.vendor();
    }

    @Override
    public Set<String> products() {
        return Set.of("Firepower Threat Defense");
    }

    @Override
    public Set<DeviceType> deviceTypes() {
        return Set.of(DeviceType.NGFW);
    }

    @Override
    public boolean probe(String line) {
        return CiscoFirepowerProbe.probe(line);
    }

    @Override
    public LogParser parser() {
        return parser;
    }
}
