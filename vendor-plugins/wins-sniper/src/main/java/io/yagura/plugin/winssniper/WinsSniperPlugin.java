package io.yagura.plugin.winssniper;

import io.yagura.api.plugin.DeviceType;
import io.yagura.api.plugin.LogParser;
import io.yagura.api.plugin.VendorPlugin;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * WINS SniperIPS. The only service this bundle registers: the platform builds the route
 * yagura.raw.wins-sniper → {@link WinsSniperParser} → yagura.events and asks {@link WinsSniperProbe} about
 * lines from unregistered sources. See docs/vendors/wins-sniper.md.
 */
@Component(service = VendorPlugin.class)
public final class WinsSniperPlugin implements VendorPlugin {

    static final String ID = "wins-sniper";

    private final WinsSniperParser parser = new WinsSniperParser();

    @Override
    public String vendorId() {
        return ID;
    }

    @Override
    public String vendorName() {
        return WinsSniperParser.OBSERVER.vendor();
    }

    @Override
    public Set<String> products() {
        return Set.of("SniperIPS");
    }

    @Override
    public Set<DeviceType> deviceTypes() {
        return Set.of(DeviceType.IPS);
    }

    @Override
    public boolean probe(String line) {
        return WinsSniperProbe.probe(line);
    }

    @Override
    public LogParser parser() {
        return parser;
    }
}
