package io.yagura.plugin.ibmgx;

import io.yagura.api.plugin.DeviceType;
import io.yagura.api.plugin.LogParser;
import io.yagura.api.plugin.VendorPlugin;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * IBM Security Network IPS GX. The only service this bundle registers: the platform builds the route
 * yagura.raw.ibm-gx → {@link IbmGxParser} → yagura.events and asks {@link IbmGxProbe} about
 * lines from unregistered sources. See docs/vendors/ibm-gx.md.
 */
@Component(service = VendorPlugin.class)
public final class IbmGxPlugin implements VendorPlugin {

    static final String ID = "ibm-gx";

    private final IbmGxParser parser = new IbmGxParser();

    @Override
    public String vendorId() {
        return ID;
    }

    @Override
    public String vendorName() {
        return IbmGxParser.OBSERVER.vendor();
    }

    @Override
    public Set<String> products() {
        return Set.of("Security Network IPS GX");
    }

    @Override
    public Set<DeviceType> deviceTypes() {
        return Set.of(DeviceType.IPS);
    }

    @Override
    public boolean probe(String line) {
        return IbmGxProbe.probe(line);
    }

    @Override
    public LogParser parser() {
        return parser;
    }
}
