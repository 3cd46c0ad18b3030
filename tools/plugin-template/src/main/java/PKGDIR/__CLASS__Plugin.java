package io.yagura.plugin.__PKG__;

import io.yagura.api.plugin.DeviceType;
import io.yagura.api.plugin.LogParser;
import io.yagura.api.plugin.VendorPlugin;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * __VENDOR__ __PRODUCT__. The only service this bundle registers: the platform builds the route
 * yagura.raw.__ID__ → {@link __CLASS__Parser} → yagura.events and asks {@link __CLASS__Probe} about
 * lines from unregistered sources. See docs/vendors/__ID__.md.
 */
@Component(service = VendorPlugin.class)
public final class __CLASS__Plugin implements VendorPlugin {

    static final String ID = "__ID__";

    private final __CLASS__Parser parser = new __CLASS__Parser();

    @Override
    public String vendorId() {
        return ID;
    }

    @Override
    public String vendorName() {
        return __CLASS__Parser.OBSERVER.vendor();
    }

    @Override
    public Set<String> products() {
        return Set.of("__PRODUCT__");
    }

    @Override
    public Set<DeviceType> deviceTypes() {
        return Set.of(DeviceType.__TYPE__);
    }

    @Override
    public boolean probe(String line) {
        return __CLASS__Probe.probe(line);
    }

    @Override
    public LogParser parser() {
        return parser;
    }
}
