package io.yagura.plugin.ciscoasa;

import io.yagura.api.event.EventTail;
import io.yagura.api.metrics.Counters;
import io.yagura.camel.support.VendorRouteBuilder;
import org.apache.camel.RoutesBuilder;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The plugin's route: yagura.raw.cisco-asa → {@link CiscoAsaParser} → yagura.events
 * (unreadable lines → yagura.deadletter). All the plumbing is in
 * {@link VendorRouteBuilder}; the Camel runtime adds this route when the bundle starts
 * and removes exactly it when the bundle stops.
 */
@Component(service = RoutesBuilder.class)
public class CiscoAsaRoutes extends VendorRouteBuilder {

    @Activate
    public CiscoAsaRoutes(@Reference Counters counters, @Reference EventTail tail) {
        super(new CiscoAsaPlugin(), counters, tail);
    }
}
