package io.yagura.response;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import io.yagura.api.registry.Contact;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.api.registry.ManagementEndpoint;
import io.yagura.api.registry.Secret;
import io.yagura.registry.DeviceRegistryService;
import io.yagura.registry.MemoryRegistryRepository;
import io.yagura.store.JdbcBlockStore;
import io.yagura.store.JdbcIncidentStore;
import io.yagura.testing.TestDatabases;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/**
 * The platform around the block service, real where it counts: the block and incident stores on
 * an embedded H2 (the same database for every service built here, so a second service is a
 * restart), the registry service, the response settings. Notices handed to the mail channel
 * are recorded instead of sent to a broker.
 */
final class Platform {

    static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    final DataSource h2 = TestDatabases.freshH2();
    final JdbcBlockStore blocks;
    final JdbcIncidentStore incidents;
    final DeviceRegistryService registry;
    final JdbcResponseSettings settings;
    final TestFirewall firewall = new TestFirewall();
    final List<Notification> sent = new CopyOnWriteArrayList<>();
    private int incidentNumber;

    Platform() throws Exception {
        blocks = new JdbcBlockStore(h2);
        incidents = new JdbcIncidentStore(h2);
        settings = new JdbcResponseSettings(h2, blocks);
        registry = new DeviceRegistryService(new MemoryRegistryRepository());
        Contact soc = new Contact("Ken", "ken@acme.example", null, 1, List.of("mail"), List.of(), "ja", null);
        registry.putCustomer(new Customer("acme", "ACME Corp", List.of("10.0.0.0/16", "198.51.100.0/24"), List.of(soc), null));
        registry.putCustomer(new Customer("other", "Other Inc", List.of()));
        firewall("acme-fw1", "acme");
    }

    /** A registered firewall of the test vendor with a management endpoint, its key accepted. */
    Device firewall(String id, String customer) throws Exception {
        Device d = new Device(id, customer, "testfw", "FW", List.of("192.0.2." + (registry.devices().size() + 10)))
                .withManagement(new ManagementEndpoint("ssh://192.0.2.1:22?acl=outside_in", "yagura",
                        Secret.of(firewall.expectedSecret), null, null));
        registry.putDevice(d);
        blocks.pinFingerprint(id, TestFirewall.KEY, "setup", T0);
        return d;
    }

    /** A block service as the component runtime builds it, with the test vendor's plugin and a recording outbox. */
    BlockService service(Map<String, Object> config) {
        return service(config, T0);
    }

    /** A service whose clock stands at {@code now}: a later one over the same database is the platform after a restart. */
    BlockService service(Map<String, Object> config, Instant now) {
        return service(config, now, SocOwnAddresses.none());
    }

    /** A service that also protects these SOC addresses. */
    BlockService service(Map<String, Object> config, Instant now, SocOwnAddresses socOwn) {
        BlockService s = new BlockService(blocks, incidents, registry, settings, config(config),
                Clock.fixed(now, ZoneOffset.UTC), socOwn);
        s.bindPlugin(firewall.plugin("testfw"));
        s.bindOutbox(sent::add);
        return s;
    }

    BlockService service() {
        return service(Map.of());
    }

    /** An open incident of acme with these attackers, and its evidence. */
    Incident incident(Level level, List<String> attackers, SecurityEvent... evidence) {
        Incident i = incidents.create(Incident.builder().id("INC-20261205-" + (++incidentNumber)).customerId("acme")
                .key("k" + incidentNumber).proposedLevel(level).status(IncidentStatus.NEW).category("intrusion")
                .title("web shell upload").attackers(attackers).targets(List.of("10.0.0.5")).rules(List.of("rule"))
                .eventCount(evidence.length).firstSeen(T0).lastSeen(T0).detectedAt(T0).deadline(T0.plusSeconds(60))
                .build());
        for (SecurityEvent e : evidence) {
            incidents.addEvidence(i.id(), e);
        }
        return i;
    }

    /** An event of the attacker towards 10.0.0.5 (fields as the plugins normalize them). */
    static SecurityEvent event(String attacker, String transport, String action, String... types) {
        SecurityEvent e = new SecurityEvent().timestamp(T0).set(Ecs.SOURCE_IP, attacker).set(Ecs.DESTINATION_IP, "10.0.0.5")
                .set(Ecs.NETWORK_TRANSPORT, transport).set(Ecs.EVENT_ACTION, action).set(Ecs.EVENT_CODE, "302013");
        if (types.length > 0) {
            e.set(Ecs.EVENT_TYPE, List.of(types));
        }
        return e;
    }

    /** An established TCP session of the attacker: a connection built through the firewall. */
    static SecurityEvent established(String attacker) {
        return event(attacker, "tcp", Ecs.ACTION_ALLOWED, "connection", "start");
    }

    /** A configuration as ConfigAdmin would give it: the defaults, with some values replaced (by method name). */
    static ResponseConfig config(Map<String, Object> values) {
        Map<String, Object> v = new HashMap<>(values);
        return (ResponseConfig) Proxy.newProxyInstance(ResponseConfig.class.getClassLoader(),
                new Class<?>[] {ResponseConfig.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> ResponseConfig.class;
                    case "toString" -> "ResponseConfig" + v;
                    case "hashCode" -> v.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> v.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }
}
