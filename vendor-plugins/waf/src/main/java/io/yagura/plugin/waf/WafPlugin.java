package io.yagura.plugin.waf;

import io.yagura.api.plugin.DeviceType;
import io.yagura.api.plugin.LogParser;
import io.yagura.api.plugin.VendorPlugin;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * ModSecurity WAF. The only service this bundle registers: the platform builds the route
 * yagura.raw.waf → {@link WafParser} → yagura.events and asks {@link WafProbe} about
 * lines from unregistered sources. See docs/vendors/waf.md.
 */
@Component(service = VendorPlugin.class)
public final class WafPlugin implements VendorPlugin {

    static final String ID = "waf";

    private final WafParser parser = new WafParser();

    @Override
    public String vendorId() {
        return ID;
    }

    @Override
    public String vendorName() {
        return WafParser.OBSERVER.vendor();
    }

    @Override
    public Set<String> products() {
        return Set.of("WAF");
    }

    @Override
    public Set<DeviceType> deviceTypes() {
        return Set.of(DeviceType.WAF);
    }

    @Override
    public boolean probe(String line) {
        return WafProbe.probe(line);
    }

    @Override
    public LogParser parser() {
        return parser;
    }
}
