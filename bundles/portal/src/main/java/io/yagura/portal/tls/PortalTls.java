package io.yagura.portal.tls;

import io.yagura.portal.PortalConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Map;
import java.util.Objects;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts Pax Web on HTTPS: makes the key pair at first start (data/yagura/tls/portal.p12) and
 * writes the secure connector's settings into Pax Web's configuration (PID org.ops4j.pax.web)
 * through ConfigurationAdmin; Pax Web restarts its server when that configuration changes. Only
 * keys that differ are written, so a restart of this bundle does not restart the web server.
 */
@Component(immediate = true, configurationPid = "io.yagura.portal")
public class PortalTls {

    private static final Logger LOG = LoggerFactory.getLogger(PortalTls.class);
    public static final String PAX_WEB_PID = "org.ops4j.pax.web";

    @Activate
    public PortalTls(@Reference ConfigurationAdmin configAdmin, PortalConfig config) throws IOException {
        Path data = Path.of(System.getProperty("karaf.data", "data"));
        io.yagura.format.tls.SelfSignedKeyStore.Location ks = PortalKeyStore.ensure(data.resolve("yagura/tls/portal.p12"),
                InetAddress.getLocalHost().getCanonicalHostName());
        Map<String, Object> wanted = paxWebSettings(ks, config);
        Configuration c = configAdmin.getConfiguration(PAX_WEB_PID, null);
        Dictionary<String, Object> props = c.getProperties() == null ? new Hashtable<>() : c.getProperties();
        boolean changed = false;
        for (Map.Entry<String, Object> e : wanted.entrySet()) {
            if (!Objects.equals(String.valueOf(props.get(e.getKey())), String.valueOf(e.getValue()))) {
                props.put(e.getKey(), e.getValue());
                changed = true;
            }
        }
        if (changed) {
            c.update(props);
            LOG.info("Portal: Pax Web set to HTTPS on port {} with {} (HTTP {})", config.port(), ks.file(),
                    config.http_enabled() ? "on" : "off");
        }
    }

    /** The Pax Web 8 keys of the secure connector (values as strings, as in etc/org.ops4j.pax.web.cfg). */
    static Map<String, Object> paxWebSettings(io.yagura.format.tls.SelfSignedKeyStore.Location ks, PortalConfig config) {
        return Map.of(
                "org.osgi.service.http.secure.enabled", "true",
                "org.osgi.service.http.port.secure", String.valueOf(config.port()),
                "org.osgi.service.http.enabled", String.valueOf(config.http_enabled()),
                "org.ops4j.pax.web.ssl.keystore", ks.file().toAbsolutePath().toString(),
                "org.ops4j.pax.web.ssl.keystore.type", "PKCS12",
                "org.ops4j.pax.web.ssl.keystore.password", ks.password(),
                "org.ops4j.pax.web.ssl.key.password", ks.password(),
                "org.ops4j.pax.web.ssl.key.alias", PortalKeyStore.ALIAS);
    }
}
