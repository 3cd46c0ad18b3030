package io.yagura.plugin.mcafeensp;

import io.yagura.api.plugin.DeviceType;
import io.yagura.api.plugin.LogParser;
import io.yagura.api.plugin.VendorPlugin;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * McAfee Network Security Platform. The only service this bundle registers: the platform builds the route
 * yagura.raw.mcafee-nsp → {@link McafeeNspParser} → yagura.events and asks {@link McafeeNspProbe} about
 * lines from unregistered sources. See docs/vendors/mcafee-nsp.md.
 */
@Component(service = VendorPlugin.class)
public final class McafeeNspPlugin implements VendorPlugin {

    static final String ID = "mcafee-nsp";

    private final McafeeNspParser parser = new McafeeNspParser();

    @Override
    public String vendorId() {
        return ID;
    }

    @Override
    public String vendorName() {
        return McafeeNspParser.OBSERVER.vendor();
    }

    @Override
    public Set<String> products() {
        return Set.of("Network Security Platform");
    }

    @Override
    public Set<DeviceType> deviceTypes() {
        return Set.of(DeviceType.IPS);
    }

    @Override
    public boolean probe(String line) {
        return McafeeNspProbe.probe(line);
    }

    @Override
    public LogParser parser() {
        return parser;
    }
}
