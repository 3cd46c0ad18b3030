package io.yagura.plugin.ciscofirepower;

import io.yagura.api.plugin.DeviceType;
import io.yagura.api.plugin.LogParser;
import io.yagura.api.plugin.VendorPlugin;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * Cisco Firepower: Firepower Threat Defense ({@code %FTD-} lines: its own 4300xx events and the ASA
 * engine's messages), Firepower 7000/8000 NGIPS ({@code %NGIPS-}) and the Sourcefire/FMC {@code SFIMS:}
 * syslog. The only service this bundle registers: the platform builds the route yagura.raw.cisco-firepower
 * → {@link CiscoFirepowerParser} → yagura.events and asks {@link CiscoFirepowerProbe} about lines from
 * unregistered sources. See docs/vendors/cisco-firepower.md.
 */
@Component(service = VendorPlugin.class)
public final class CiscoFirepowerPlugin implements VendorPlugin {

    static final String ID = "cisco-firepower";

    private static final Set<String> PRODUCTS = Set.of("FTD", "NGIPS", "Firepower");
    private static final Set<DeviceType> DEVICE_TYPES = Set.of(DeviceType.NGFW, DeviceType.IPS, DeviceType.VPN);

    private final CiscoFirepowerParser parser = new CiscoFirepowerParser();

    @Override
    public String vendorId() {
        return ID;
    }

    @Override
    public String vendorName() {
        return CiscoFirepowerParser.FTD.vendor();
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
        return CiscoFirepowerProbe.probe(line);
    }

    @Override
    public LogParser parser() {
        return parser;
    }
}
