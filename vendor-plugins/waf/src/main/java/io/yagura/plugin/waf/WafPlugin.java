package io.yagura.plugin.waf;

import io.yagura.api.plugin.DeviceType;
import io.yagura.api.plugin.LogParser;
import io.yagura.api.plugin.VendorPlugin;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * Web application firewalls: ModSecurity, F5 BIG-IP ASM, Imperva SecureSphere and Cloud WAF, Fortinet
 * FortiWeb, Penta Security WAPPLES. The only service this bundle registers: the platform builds the
 * route yagura.raw.waf → {@link WafParser} → yagura.events and asks {@link WafProbe} about lines from
 * unregistered sources. See docs/vendors/waf.md.
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
        return "Web application firewalls";
    }

    @Override
    public Set<String> products() {
        return Set.of("ModSecurity", "BIG-IP ASM", "SecureSphere", "Cloud WAF", "FortiWeb", "WAPPLES");
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
