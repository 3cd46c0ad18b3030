package io.yagura.plugin.ciscoips;

import io.yagura.api.plugin.DeviceType;
import io.yagura.api.plugin.LogParser;
import io.yagura.api.plugin.PullConnector;
import io.yagura.api.plugin.VendorPlugin;
import java.util.Optional;
import java.util.Set;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Cisco IPS: IPS 4200/4300/4500 sensors and IPS modules (pulled over SDEE by
 * {@link SdeeConnector}) and Cisco IOS IPS routers (syslog). The only service this bundle
 * registers: the platform builds the route yagura.raw.cisco-ips → {@link CiscoIpsParser} →
 * yagura.events, schedules the connector for the devices that have a management endpoint, and
 * asks {@link CiscoIpsProbe} about lines from unregistered sources. See docs/vendors/cisco-ips.md.
 */
@Component(service = VendorPlugin.class)
public final class CiscoIpsPlugin implements VendorPlugin {

    static final String ID = "cisco-ips";

    private final CiscoIpsParser parser = new CiscoIpsParser();
    private final SdeeConnector connector = new SdeeConnector(SdeeConnector.Settings.DEFAULT);

    /** Closes the sensors' subscriptions when the plugin stops. */
    @Deactivate
    void deactivate() {
        connector.closeAll();
    }

    @Override
    public String vendorId() {
        return ID;
    }

    @Override
    public String vendorName() {
        return CiscoIpsParser.OBSERVER.vendor();
    }

    @Override
    public Set<String> products() {
        return Set.of("IPS 4200", "IPS 4300", "IPS 4500", "ASA IPS module", "IOS IPS");
    }

    @Override
    public Set<DeviceType> deviceTypes() {
        return Set.of(DeviceType.IPS);
    }

    @Override
    public boolean probe(String line) {
        return CiscoIpsProbe.probe(line);
    }

    @Override
    public LogParser parser() {
        return parser;
    }

    @Override
    public Optional<PullConnector> pullConnector() {
        return Optional.of(connector);
    }
}
