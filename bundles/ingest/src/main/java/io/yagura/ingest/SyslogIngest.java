package io.yagura.ingest;

import io.yagura.api.metrics.Counters;
import io.yagura.api.plugin.VendorPlugin;
import io.yagura.api.health.LogActivity;
import io.yagura.format.tls.SelfSignedKeyStore;
import io.yagura.api.registry.DeviceRegistry;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.camel.RoutesBuilder;
import org.apache.camel.support.jsse.KeyManagersParameters;
import org.apache.camel.support.jsse.KeyStoreParameters;
import org.apache.camel.support.jsse.SSLContextParameters;
import org.apache.camel.support.jsse.SSLContextServerParameters;
import org.apache.camel.support.jsse.SecureSocketProtocolsParameters;
import org.apache.camel.support.jsse.TrustManagersParameters;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the syslog listeners: builds the TLS material, the dispatcher, and registers the
 * listener routes with the Camel runtime. Installed vendor plugins are tracked so that
 * lines from unregistered sources can be recognised by their probes.
 */
@Component(service = SyslogIngest.class, immediate = true, configurationPid = "io.yagura.ingest")
@Designate(ocd = IngestConfig.class)
public class SyslogIngest {

    private static final Logger LOG = LoggerFactory.getLogger(SyslogIngest.class);

    private final List<VendorPlugin> plugins = new CopyOnWriteArrayList<>();
    private volatile LineDispatcher dispatcher;
    private ServiceRegistration<RoutesBuilder> routes;

    @Reference
    private DeviceRegistry registry;

    @Reference
    private Counters counters;

    /** Device health, when installed: told when a device's lines arrive (its log-silence check). */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile LogActivity logActivity;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void bindPlugin(VendorPlugin plugin) {
        plugins.add(plugin);
        forget();
    }

    void unbindPlugin(VendorPlugin plugin) {
        plugins.remove(plugin);
        forget();
    }

    private void forget() {
        LineDispatcher d = dispatcher;
        if (d != null) {
            d.forgetDetections();
        }
    }

    @Activate
    void activate(IngestConfig config, BundleContext context) throws Exception {
        // An agent forwards every unattributed line as it is: a plugin it runs for pulling must not take syslog lines.
        dispatcher = new LineDispatcher(registry, counters, config.probe_unregistered() ? plugins : List.of(), (deviceId, at) -> {
            LogActivity health = logActivity;
            if (health != null) {
                health.received(deviceId, at);
            }
        });
        SSLContextParameters tls = null;
        boolean requireClientCert = !config.tls_truststore().isBlank();
        if (config.tls_port() > 0) {
            tls = tlsParameters(config);
        }
        IngestRoutes builder = new IngestRoutes(config, dispatcher, counters, tls, requireClientCert);
        routes = context.registerService(RoutesBuilder.class, builder, null);
        LOG.info("Syslog ingest on {}: udp={} tcp={} tls={}{}{}", config.bind_address(),
                portText(config.udp_port()), portText(config.tcp_port()), portText(config.tls_port()),
                requireClientCert ? " (client certificates required)" : "",
                config.probe_unregistered() ? "" : "; lines of unregistered sources are not probed (probe.unregistered=false)");
    }

    @Deactivate
    void deactivate() {
        if (routes != null) {
            routes.unregister();
        }
    }

    /** For yagura:unknown-replay. */
    public LineDispatcher dispatcher() {
        return dispatcher;
    }

    private static String portText(int port) {
        return port > 0 ? Integer.toString(port) : "off";
    }

    private static SSLContextParameters tlsParameters(IngestConfig config) throws Exception {
        String storePath = config.tls_keystore();
        String storePassword = config.tls_keystorePassword();
        if (storePath.isBlank()) {
            Path dir = Paths.get(System.getProperty("karaf.data", "data"), "yagura", "tls");
            java.nio.file.Path file = dir.resolve("server.p12");
            boolean made = !java.nio.file.Files.exists(file);
            String host = SelfSignedKeyStore.localHostName();
            SelfSignedKeyStore.Location generated = SelfSignedKeyStore.ensure(file, "yagura-syslog", "Yagura SOC", host);
            if (made) {
                LOG.info("Generated a self-signed TLS key pair for the syslog TLS listener in {} (CN={}). "
                        + "Configure tls.keystore in etc/io.yagura.ingest.cfg to use your own.", file, host);
            }
            storePath = generated.file().toString();
            storePassword = generated.password();
        }
        KeyStoreParameters ks = new KeyStoreParameters();
        ks.setResource("file:" + storePath);
        ks.setPassword(storePassword);
        ks.setType("PKCS12");
        KeyManagersParameters km = new KeyManagersParameters();
        km.setKeyStore(ks);
        km.setKeyPassword(storePassword);

        SSLContextParameters params = new SSLContextParameters();
        params.setKeyManagers(km);
        SSLContextServerParameters server = new SSLContextServerParameters();
        if (!config.tls_truststore().isBlank()) {
            KeyStoreParameters ts = new KeyStoreParameters();
            ts.setResource("file:" + config.tls_truststore());
            ts.setPassword(config.tls_truststorePassword());
            ts.setType(config.tls_truststore().endsWith(".jks") ? "JKS" : "PKCS12");
            TrustManagersParameters tm = new TrustManagersParameters();
            tm.setKeyStore(ts);
            params.setTrustManagers(tm);
            server.setClientAuthentication("REQUIRE");
        } else {
            server.setClientAuthentication("NONE");
        }
        params.setServerParameters(server);
        // RFC 5425 asks for TLS 1.2 at least; many devices offer nothing newer.
        params.setSecureSocketProtocol("TLSv1.3");
        SecureSocketProtocolsParameters protocols = new SecureSocketProtocolsParameters();
        protocols.setSecureSocketProtocol(List.of("TLSv1.3", "TLSv1.2"));
        params.setSecureSocketProtocols(protocols);
        return params;
    }
}
