package io.yagura.portal.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.portal.PortalConfig;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** The key pair made once, and Pax Web's configuration written only when it differs. */
class PortalTlsTest {

    @TempDir
    Path data;

    final Dictionary<String, Object> paxWeb = new Hashtable<>();
    final List<Dictionary<String, Object>> updates = new CopyOnWriteArrayList<>();

    private ConfigurationAdmin configAdmin() {
        Configuration c = (Configuration) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Configuration.class}, (p, m, a) -> switch (m.getName()) {
                    case "getProperties" -> paxWeb.isEmpty() ? null : new Hashtable<>(java.util.Collections.list(
                            paxWeb.keys()).stream().collect(java.util.stream.Collectors.toMap(k -> k, paxWeb::get)));
                    case "update" -> {
                        @SuppressWarnings("unchecked")
                        Dictionary<String, Object> d = (Dictionary<String, Object>) a[0];
                        updates.add(d);
                        java.util.Collections.list(d.keys()).forEach(k -> paxWeb.put(k, d.get(k)));
                        yield null;
                    }
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        return (ConfigurationAdmin) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ConfigurationAdmin.class}, (p, m, a) -> {
                    assertEquals(PortalTls.PAX_WEB_PID, a[0]);
                    return c;
                });
    }

    private static PortalConfig config(int port) {
        return (PortalConfig) Proxy.newProxyInstance(PortalConfig.class.getClassLoader(),
                new Class<?>[] {PortalConfig.class}, (p, m, a) -> switch (m.getName()) {
                    case "port" -> port;
                    case "http_enabled" -> false;
                    default -> m.getDefaultValue();
                });
    }

    @Test
    void theFirstStartMakesTheKeyPairAndSwitchesPaxWebToHttpsOnce() throws Exception {
        System.setProperty("karaf.data", data.toString());
        try {
            paxWeb.put("org.osgi.service.http.enabled", "true");
            new PortalTls(configAdmin(), config(9443));
            assertEquals(1, updates.size());
            assertEquals("true", paxWeb.get("org.osgi.service.http.secure.enabled"));
            assertEquals("9443", paxWeb.get("org.osgi.service.http.port.secure"));
            assertEquals("false", paxWeb.get("org.osgi.service.http.enabled"));
            Path ks = Path.of((String) paxWeb.get("org.ops4j.pax.web.ssl.keystore"));
            assertEquals(data.resolve("yagura/tls/portal.p12").toAbsolutePath(), ks);
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (var in = Files.newInputStream(ks)) {
                store.load(in, ((String) paxWeb.get("org.ops4j.pax.web.ssl.keystore.password")).toCharArray());
            }
            assertTrue(store.isKeyEntry(PortalKeyStore.ALIAS));
            assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                    Files.getPosixFilePermissions(ks.resolveSibling("portal.p12.password"))));

            // a restart of the bundle: same key pair, nothing written, so Pax Web is not restarted
            new PortalTls(configAdmin(), config(9443));
            assertEquals(1, updates.size());
            // a new port is written
            new PortalTls(configAdmin(), config(9444));
            assertEquals(2, updates.size());
            assertEquals("9444", paxWeb.get("org.osgi.service.http.port.secure"));
        } finally {
            System.clearProperty("karaf.data");
        }
    }
}
