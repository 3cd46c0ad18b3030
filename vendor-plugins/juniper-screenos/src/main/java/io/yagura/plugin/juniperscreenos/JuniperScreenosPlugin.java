package io.yagura.plugin.juniperscreenos;

import io.yagura.api.plugin.DeviceType;
import io.yagura.api.plugin.LogParser;
import io.yagura.api.plugin.VendorPlugin;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * Juniper ScreenOS. The only service this bundle registers: the platform builds the route
 * yagura.raw.juniper-screenos → {@link JuniperScreenosParser} → yagura.events and asks {@link JuniperScreenosProbe} about
 * lines from unregistered sources. See docs/vendors/juniper-screenos.md.
 */
@Component(service = VendorPlugin.class)
public final class JuniperScreenosPlugin implements VendorPlugin {

    static final String ID = "juniper-screenos";

    private final JuniperScreenosParser parser = new JuniperScreenosParser();

    @Override
    public String vendorId() {
        return ID;
    }

    @Override
    public String vendorName() {
        return JuniperScreenosParser.OBSERVER.vendor();
    }

    @Override
    public Set<String> products() {
        return Set.of("ScreenOS", "SSG", "ISG", "NetScreen");
    }

    @Override
    public Set<DeviceType> deviceTypes() {
        return Set.of(DeviceType.FIREWALL, DeviceType.VPN);
    }

    @Override
    public boolean probe(String line) {
        return JuniperScreenosProbe.probe(line);
    }

    @Override
    public LogParser parser() {
        return parser;
    }
}
