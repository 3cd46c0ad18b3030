package io.yagura.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.incident.AuditEntry;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.ManagementEndpoint;
import io.yagura.api.registry.Secret;
import io.yagura.registry.DeviceRegistryService;
import io.yagura.registry.MemoryRegistryRepository;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** device-add, device-secret, device and devices on the real registry service; the secret never shows. */
class DeviceCommandsTest {

    private static final String CLEAR = "hunter2-Cl3ar-secret";

    @TempDir
    Path dir;

    DeviceRegistryService registry;
    final List<AuditEntry> audit = new ArrayList<>();
    final Deque<String> typed = new ArrayDeque<>();
    final List<Character> masks = new ArrayList<>();
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stdout;
    PrintStream stderr;

    @BeforeEach
    void setUp() throws Exception {
        registry = new DeviceRegistryService(new MemoryRegistryRepository());
        registry.putCustomer(new Customer("acme", "ACME", List.of()));
        stdout = System.out;
        stderr = System.err;
        PrintStream both = new PrintStream(out, true, StandardCharsets.UTF_8);
        System.setOut(both);
        System.setErr(both);
    }

    @AfterEach
    void restore() {
        System.setOut(stdout);
        System.setErr(stderr);
        stdout.print(out.toString(StandardCharsets.UTF_8));
    }

    private IncidentStore store() {
        return (IncidentStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {IncidentStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("audit")) {
                        audit.add((AuditEntry) args[0]);
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** A console on which the operator types the lines queued in {@link #typed}. */
    private Session session() {
        return (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("readLine")) {
                        masks.add((Character) args[1]);
                        return typed.poll();
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private DeviceAddCommand add(String id, String... addresses) {
        DeviceAddCommand c = new DeviceAddCommand();
        c.registry = registry;
        c.store = store();
        c.plugins = List.of();
        c.id = id;
        c.customer = "acme";
        c.vendor = "cisco-ips";
        c.addresses = List.of(addresses);
        return c;
    }

    private DeviceSecretCommand secret(String id) {
        DeviceSecretCommand c = new DeviceSecretCommand();
        c.registry = registry;
        c.store = store();
        c.session = session();
        c.id = id;
        return c;
    }

    /** The refusal the operator sees: the command fails (a non-zero exit code through bin/client) with this text. */
    private static String refusal(Action command) {
        return assertThrows(CommandException.class, command::execute).getMessage();
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private Device ips() {
        return registry.device("acme-ips1").orElseThrow();
    }

    private void addIpsWithEndpoint() throws CommandException {
        DeviceAddCommand c = add("acme-ips1", "192.0.2.20");
        c.version = "7.3";
        c.timeZone = "Asia/Tokyo";
        c.managementUrl = "https://192.0.2.20/cgi-bin/sdee-server";
        c.username = "yagura";
        c.pollSeconds = 30;
        c.trustStore = "yagura/ips-ca.p12";
        c.execute();
    }

    @Test
    void deviceAddTakesVersionZoneAndEndpointAndASecretTypedTwiceWithoutEcho() throws Exception {
        addIpsWithEndpoint();
        assertEquals(new Device("acme-ips1", "acme", "cisco-ips", null, List.of("192.0.2.20"), "7.3",
                ZoneId.of("Asia/Tokyo"), new ManagementEndpoint("https://192.0.2.20/cgi-bin/sdee-server", "yagura",
                Secret.NONE, Duration.ofSeconds(30), "yagura/ips-ca.p12")), ips());
        assertTrue(output().contains("has no secret yet: yagura:device-secret acme-ips1 sets it"), output());

        typed.add(CLEAR);
        typed.add(CLEAR);
        secret("acme-ips1").execute();
        assertEquals(List.of('*', '*'), masks, "read twice, echoed as *");
        assertEquals(Secret.of(CLEAR), ips().management().secret());
        assertEquals("device-secret", audit.get(audit.size() - 1).action());
        assertEquals("secret set from the console", audit.get(audit.size() - 1).detail());

        // the device and the list show it masked
        DeviceCommand show = new DeviceCommand();
        show.registry = registry;
        show.id = "acme-ips1";
        show.execute();
        DevicesCommand list = new DevicesCommand();
        list.registry = registry;
        list.execute();
        assertTrue(output().contains("  Secret:      " + Secret.MASK + "\n"), output());
        assertTrue(output().contains("Asia/Tokyo") && output().contains("7.3"), output());
        assertFalse(output().contains(CLEAR), "the secret is shown:\n" + output());
        assertFalse(audit.toString().contains(CLEAR), "the secret is audited: " + audit);
    }

    @Test
    void twoDifferentEntriesOrNoEndpointChangeNothing() throws Exception {
        addIpsWithEndpoint();
        typed.add(CLEAR);
        typed.add(CLEAR + "x");
        String differ = refusal(secret("acme-ips1"));
        assertTrue(differ.startsWith("Not changed: the two entries differ"), differ);
        assertTrue(ips().management().secret().isEmpty());

        add("acme-fw1", "192.0.2.10").execute();
        typed.add(CLEAR);
        typed.add(CLEAR);
        String noEndpoint = refusal(secret("acme-fw1"));
        assertTrue(noEndpoint.startsWith("Not changed: device 'acme-fw1' has no management endpoint"), noEndpoint);
        assertFalse(output().contains(CLEAR) || noEndpoint.contains(CLEAR));
    }

    @Test
    void aSecretFileLosesItsTrailingLineBreak() throws Exception {
        addIpsWithEndpoint();
        Path file = dir.resolve("ips1.pw");
        Files.writeString(file, CLEAR + "\r\n");
        DeviceSecretCommand c = secret("acme-ips1");
        c.secretFile = file.toString();
        c.execute();
        assertEquals(Secret.of(CLEAR), ips().management().secret());
        assertTrue(masks.isEmpty(), "nothing asked at the console");
        assertEquals("secret set from the file " + file.toAbsolutePath(), audit.get(audit.size() - 1).detail());
    }

    @Test
    void changingAnExistingDeviceKeepsWhatIsNotGivenAndEmptyClears() throws Exception {
        addIpsWithEndpoint();
        typed.add(CLEAR);
        typed.add(CLEAR);
        secret("acme-ips1").execute();

        DeviceAddCommand c = add("acme-ips1", "192.0.2.20", "192.0.2.21");
        c.version = "7.4";
        c.execute();
        assertEquals("7.4", ips().productVersion());
        assertEquals(ZoneId.of("Asia/Tokyo"), ips().timeZone(), "kept");
        assertEquals(Secret.of(CLEAR), ips().management().secret(), "endpoint and secret kept");
        assertEquals("device-change", audit.get(audit.size() - 1).action());

        c = add("acme-ips1", "192.0.2.20");
        c.pollSeconds = 0;
        c.timeZone = "";
        c.execute();
        assertNull(ips().management().pollInterval(), "0: the connector's default");
        assertNull(ips().timeZone(), "\"\" clears");
        assertEquals(Secret.of(CLEAR), ips().management().secret());

        c = add("acme-ips1", "192.0.2.20");
        c.managementUrl = "";
        c.execute();
        assertNull(ips().management(), "endpoint removed");
        assertTrue(output().contains("Management endpoint removed, with its secret"), output());
        assertFalse(output().contains(CLEAR) || audit.toString().contains(CLEAR));
    }

    @Test
    void badZoneUrlOrIntervalIsRefusedWithTheReason() throws Exception {
        DeviceAddCommand c = add("acme-ips1", "192.0.2.20");
        c.timeZone = "Asia/Tokio";
        String zone = refusal(c);
        assertTrue(zone.startsWith("Not changed: device 'acme-ips1': time zone 'Asia/Tokio' is not known (a region "
                + "such as Asia/Tokyo"), zone);

        c = add("acme-ips1", "192.0.2.20");
        c.managementUrl = "ftp://192.0.2.20/";
        String url = refusal(c);
        assertTrue(url.contains("must start with http://, https:// or ssh://"), url);

        c = add("acme-ips1", "192.0.2.20");
        c.managementUrl = "https://192.0.2.20/";
        c.pollSeconds = 2;
        String interval = refusal(c);
        assertTrue(interval.contains("poll interval must be whole seconds from 5 s to 1 h"), interval);

        c = add("acme-ips1", "192.0.2.20");
        c.username = "yagura";
        String urlMissing = refusal(c);
        assertTrue(urlMissing.contains("give its --management-url too"), urlMissing);
        assertTrue(registry.device("acme-ips1").isEmpty(), "nothing registered");
        assertTrue(audit.isEmpty(), "nothing audited");
    }
}
