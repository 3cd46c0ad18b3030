package io.yagura.camel.plugins;

import io.yagura.api.event.EventTail;
import io.yagura.api.metrics.Counters;
import io.yagura.api.plugin.ParseContext;
import io.yagura.api.plugin.VendorPlugin;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.DeviceRegistry;
import io.yagura.camel.runtime.BrokerConfig;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.IdentityHashMap;
import java.util.Map;
import org.apache.camel.RoutesBuilder;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the route of every {@link VendorPlugin} service, so that a plugin bundle registers its
 * plugin and nothing else. When a plugin appears, its {@link PluginRoute} is registered as a
 * {@link RoutesBuilder} service, which the Camel runtime adds; when the plugin goes (bundle
 * stopped, updated, uninstalled), that registration is withdrawn and the runtime stops exactly
 * that route, letting in-flight batches finish: the broker keeps the rest for the next plugin.
 */
@Component(immediate = true, configurationPid = "io.yagura.camel", configurationPolicy = ConfigurationPolicy.OPTIONAL)
public class PluginHost {

    private static final Logger LOG = LoggerFactory.getLogger(PluginHost.class);

    private final Map<VendorPlugin, ServiceRegistration<RoutesBuilder>> routes = new IdentityHashMap<>();
    private final Counters counters;
    private final EventTail tail;
    private final int consumers;
    private volatile DeviceRegistry registry;
    private BundleContext context;

    /** Constructor injection: DS binds the plugins after this, so their routes can be registered at once. */
    @Activate
    public PluginHost(@Reference Counters counters, @Reference EventTail tail, BundleContext bundleContext,
                      BrokerConfig config) {
        this.counters = counters;
        this.tail = tail;
        this.context = bundleContext;
        this.consumers = Math.max(1, config.plugin_consumers());
    }

    @Deactivate
    synchronized void deactivate() {
        routes.values().forEach(PluginHost::unregister);
        routes.clear();
        context = null;
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindRegistry(DeviceRegistry deviceRegistry) {
        this.registry = deviceRegistry;
    }

    void unbindRegistry(DeviceRegistry deviceRegistry) {
        if (this.registry == deviceRegistry) {
            this.registry = null;
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    synchronized void bindPlugin(VendorPlugin plugin) {
        if (context != null) {
            register(plugin);
        }
    }

    synchronized void unbindPlugin(VendorPlugin plugin) {
        ServiceRegistration<RoutesBuilder> reg = routes.remove(plugin);
        if (reg != null) {
            unregister(reg);
            LOG.info("Plugin {} left: its route is stopped, its queue keeps what arrives", plugin.vendorId());
        }
    }

    private void register(VendorPlugin plugin) {
        if (routes.containsKey(plugin)) {
            return;
        }
        PluginRoute route = new PluginRoute(plugin, counters, tail, this::contextOf, consumers);
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("yagura.vendor", plugin.vendorId());
        routes.put(plugin, context.registerService(RoutesBuilder.class, route, props));
        LOG.info("Plugin {} ({}): route {} registered", plugin.vendorId(), plugin.vendorName(),
                PluginRoute.routeIdOf(plugin.vendorId()));
    }

    /** The device's zone and version for its parser; the default for unknown sources. */
    ParseContext contextOf(String deviceId) {
        DeviceRegistry r = registry;
        if (deviceId == null || r == null) {
            return ParseContext.DEFAULT;
        }
        return r.device(deviceId).map(PluginHost::contextOf).orElse(ParseContext.DEFAULT);
    }

    static ParseContext contextOf(Device device) {
        return new ParseContext(device.zone(), device.productVersion());
    }

    private static void unregister(ServiceRegistration<RoutesBuilder> reg) {
        try {
            reg.unregister();
        } catch (IllegalStateException alreadyGone) {
            // the framework withdrew it when this bundle stopped
        }
    }
}
