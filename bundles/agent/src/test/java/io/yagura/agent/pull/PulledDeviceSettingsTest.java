package io.yagura.agent.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.registry.Device;
import io.yagura.api.registry.Secret;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** etc/io.yagura.agent.pull-&lt;id&gt;.cfg read into a pulled device, and every wrong field refused by name. */
class PulledDeviceSettingsTest {

    static final String GOOD = """
            id = acme-ips1
            vendor = cisco-ips
            address = 192.0.2.20
            url = https://192.0.2.20/cgi-bin/sdee-server
            username = yagura
            password = Pa55:w0rd
            poll.interval.s = 30
            truststore = yagura/ips1.pem
            """;

    @TempDir
    Path etc;

    /** The file's properties as fileinstall hands them over: strings. */
    static Map<String, Object> cfg(String text) throws IOException {
        Properties p = new Properties();
        p.load(new java.io.StringReader(text));
        Map<String, Object> out = new HashMap<>();
        p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
        return out;
    }

    static Map<String, Object> with(String key, Object value) throws IOException {
        Map<String, Object> m = cfg(GOOD);
        if (value == null) {
            m.remove(key);
        } else {
            m.put(key, value);
        }
        return m;
    }

    Device parse(Map<String, Object> m) throws PulledDeviceSettings.InvalidField {
        return PulledDeviceSettings.parse(m, etc);
    }

    void trustStoreExists() throws IOException {
        Files.createDirectories(etc.resolve("yagura"));
        Files.writeString(etc.resolve("yagura/ips1.pem"), "-----BEGIN CERTIFICATE-----\n");
    }

    @Test
    void aCompleteFileGivesADeviceWithItsEndpointAndNoCustomer() throws Exception {
        trustStoreExists();
        Device d = parse(cfg(GOOD));
        assertEquals("acme-ips1", d.id());
        assertEquals("cisco-ips", d.vendor());
        assertEquals(List.of("192.0.2.20"), d.addresses());
        assertNull(d.customer(), "the centre attributes; the agent knows no customer");
        assertEquals("https://192.0.2.20/cgi-bin/sdee-server", d.management().url());
        assertEquals("yagura", d.management().username());
        assertEquals(Secret.of("Pa55:w0rd"), d.management().secret());
        assertEquals(Duration.ofSeconds(30), d.management().pollInterval());
        assertEquals("yagura/ips1.pem", d.management().trustStore());
        assertFalse(d.management().toString().contains("Pa55"), "the password is masked wherever the endpoint is printed");
    }

    @Test
    void optionalFieldsTakeTheirDefaults() throws Exception {
        Map<String, Object> m = with("vendor", null);
        m.remove("poll.interval.s");
        m.remove("truststore");
        Device d = parse(m);
        assertEquals("cisco-ips", d.vendor());
        assertNull(d.management().pollInterval(), "the pull scheduler's default interval");
        assertNull(d.management().trustStore(), "the JVM's default trust");
    }

    @Test
    void theAddressIsWrittenAsTheCentreRegistersIt() throws Exception {
        trustStoreExists();
        assertEquals(List.of("2001:db8::20"), parse(with("address", "[2001:DB8:0::20]")).addresses());
    }

    void refused(Map<String, Object> m, String field, String why) {
        PulledDeviceSettings.InvalidField e = assertThrows(PulledDeviceSettings.InvalidField.class, () -> parse(m));
        assertEquals(field, e.field());
        assertTrue(e.getMessage().startsWith(field + ": ") && e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void eachWrongFieldIsRefusedByName() throws Exception {
        trustStoreExists();
        refused(with("id", null), "id", "not set");
        refused(with("id", "acme ips/1"), "id", "is not a device id");
        refused(with("address", null), "address", "not set");
        refused(with("address", "ips1.acme.example"), "address", "host names are never resolved");
        refused(with("url", ""), "url", "not set");
        refused(with("url", "http://192.0.2.20/cgi-bin/sdee-server"), "url", "is not an https:// URL");
        refused(with("url", "https://viewer:secret@192.0.2.20/"), "url", "must not hold a user or password");
        refused(with("url", "https://192.0.2.20/a b"), "url", "is not a URL");
        refused(with("username", " "), "username", "not set");
        refused(with("password", null), "password", "not set");
        refused(with("poll.interval.s", "30s"), "poll.interval.s", "'30s' is not a number of seconds");
        refused(with("poll.interval.s", "1"), "poll.interval.s", "outside 5 to 3600");
        refused(with("truststore", "yagura/missing.pem"), "truststore", "does not exist");
    }

    @Test
    void aWrongPasswordFieldNeverShowsThePassword() throws Exception {
        Map<String, Object> m = with("url", "ftp://192.0.2.20/");
        PulledDeviceSettings.InvalidField e = assertThrows(PulledDeviceSettings.InvalidField.class, () -> parse(m));
        assertFalse(e.getMessage().contains("Pa55"), e.getMessage());
    }

    @Test
    void aWrongFileMakesNoDeviceAndIsNamedByItsPath() throws Exception {
        Map<String, Object> m = with("address", "nowhere");
        m.put("felix.fileinstall.filename", etc.resolve("io.yagura.agent.pull-ips1.cfg").toUri().toString());
        PulledDevice entry = new PulledDevice(m, etc);
        assertTrue(entry.device().isEmpty(), "not polled");
        assertEquals(etc.resolve("io.yagura.agent.pull-ips1.cfg").toString(), entry.file());
        assertEquals("configuration io.yagura.agent.pull~ips1", PulledDevice.fileOf(Map.of("service.pid", "io.yagura.agent.pull~ips1")));
    }
}
