package io.yagura.health;

import io.yagura.api.cluster.ClusterDuties;
import io.yagura.api.health.HealthSettings;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentChanges;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.registry.DeviceRegistryService;
import io.yagura.registry.MemoryRegistryRepository;
import io.yagura.store.JdbcHealthStore;
import io.yagura.store.JdbcIncidentStore;
import io.yagura.store.JdbcLastLogStore;
import io.yagura.store.testing.ManualDuties;
import io.yagura.testing.TestDatabases;
import io.yagura.triage.TriageService;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.sql.DataSource;

/**
 * The platform around the health monitor, real where it counts: the incident and health stores on
 * an embedded H2, the registry service, the triage service that closes incidents. Announcements
 * are recorded instead of sent to a broker.
 */
final class Platform {

    /** One announcement on yagura.incidents. */
    record Announced(String incidentId, IncidentChanges.Change change) {
    }

    final JdbcIncidentStore incidents;
    final JdbcHealthStore health;
    final JdbcLastLogStore lastLogs;
    final DeviceRegistryService registry;
    final TriageService triage;
    final List<Announced> announced = new CopyOnWriteArrayList<>();
    final IncidentChanges changes = (Incident i, IncidentChanges.Change c) -> announced.add(new Announced(i.id(), c));

    Platform() throws Exception {
        DataSource h2 = TestDatabases.freshH2();
        incidents = new JdbcIncidentStore(h2);
        health = new JdbcHealthStore(h2);
        lastLogs = new JdbcLastLogStore(h2);
        registry = new DeviceRegistryService(new MemoryRegistryRepository());
        registry.putCustomer(new Customer("acme", "ACME Corp", List.of(), List.of(), null));
        triage = new TriageService(incidents, changes, registry);
    }

    Device device(String id, String address) throws Exception {
        Device d = new Device(id, "acme", "cisco-asa", "ASA", List.of(address));
        registry.putDevice(d);
        return d;
    }

    void settings(HealthSettings s) {
        health.putSettings(s);
    }

    FaultIncidents faultIncidents() {
        return new FaultIncidents(incidents, changes, triage, registry);
    }

    List<IncidentChanges.Change> changesOf(String incidentId) {
        return announced.stream().filter(a -> a.incidentId().equals(incidentId)).map(Announced::change).toList();
    }

    HealthService service(org.apache.karaf.scheduler.Scheduler scheduler, HealthConfig config) {
        return service(scheduler, new ManualDuties(), config);
    }

    HealthService service(org.apache.karaf.scheduler.Scheduler scheduler, ClusterDuties duties, HealthConfig config) {
        return new HealthService(scheduler, registry, health, lastLogs, faultIncidents(), duties, config,
                io.yagura.health.probe.IcmpSetup.probeHost(), Clock.systemUTC());
    }

    /** A configuration as ConfigAdmin would give it: the defaults, with some values replaced (by method name). */
    static HealthConfig config(Map<String, Object> values) {
        Map<String, Object> v = new HashMap<>(values);
        return (HealthConfig) Proxy.newProxyInstance(HealthConfig.class.getClassLoader(), new Class<?>[] {HealthConfig.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "annotationType" -> HealthConfig.class;
                    case "toString" -> "HealthConfig" + v;
                    case "hashCode" -> v.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> v.getOrDefault(method.getName(), method.getDefaultValue());
                });
    }

    /** Seconds-scale timings for tests that watch real devices: faults within seconds. */
    static HealthConfig compressed() {
        return config(Map.of("check_period_seconds", 1, "interval_seconds", 1, "retry_gap_seconds", 1,
                "fault_after_seconds", 3, "silence_threshold_seconds", 2, "ping_timeout_ms", 500, "tcp_timeout_ms", 1000));
    }
}
