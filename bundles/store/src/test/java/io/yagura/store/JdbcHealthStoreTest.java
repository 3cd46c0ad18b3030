package io.yagura.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.health.DeviceHealth;
import io.yagura.api.health.HealthSettings;
import io.yagura.api.health.HealthState;
import io.yagura.api.health.HealthTransition;
import io.yagura.testing.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Device health states, history and settings, on the embedded H2 and on PostgreSQL (when one is available). */
class JdbcHealthStoreTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    static java.util.stream.Stream<String> databases() {
        return TestDatabases.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aSavedStateIsReadBackWithEveryFieldAndReplacedBySavingAgain(String db) throws Exception {
        JdbcHealthStore store = new JdbcHealthStore(TestDatabases.fresh(db));
        DeviceHealth retrying = new DeviceHealth("acme-fw1", "acme", HealthState.RETRYING, T0, T0.plusSeconds(60),
                T0.minusSeconds(120), T0.minusSeconds(30), T0, null, "no ICMP echo reply from 198.18.0.2", Duration.ofMinutes(40));
        store.save(retrying);
        assertEquals(retrying, store.find("acme-fw1").orElseThrow(), "read back as saved");

        DeviceHealth fault = new DeviceHealth("acme-fw1", "acme", HealthState.FAULT, T0.plusSeconds(900),
                T0.plusSeconds(900), T0.minusSeconds(120), T0.minusSeconds(30), T0, "INC-20261205-H1", "still no answer", null);
        store.save(fault);
        assertEquals(List.of(fault), store.list(null), "one row per device: the second save replaced the first");
        store.save(DeviceHealth.unknown("other-fw", "other", T0));
        assertEquals(List.of(fault), store.list("acme"), "a customer's devices only");
        assertEquals(2, store.list(null).size(), "all customers");

        store.remove("acme-fw1");
        assertTrue(store.find("acme-fw1").isEmpty(), "removed");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theLastLogNeverGoesBackWhenANodeThatSawOlderLinesSaves(String db) throws Exception {
        JdbcHealthStore store = new JdbcHealthStore(TestDatabases.fresh(db));
        DeviceHealth up = new DeviceHealth("fw1", "acme", HealthState.UP, T0, T0, T0, T0.plusSeconds(60), null, null, "ok", null);
        store.save(up);
        store.save(new DeviceHealth("fw1", "acme", HealthState.UP, T0, T0.plusSeconds(5), T0, T0, null, null, "ok", null));
        assertEquals(T0.plusSeconds(60), store.find("fw1").orElseThrow().lastLog(), "an older last log is not stored");
        assertEquals(T0.plusSeconds(5), store.find("fw1").orElseThrow().lastCheck(), "the rest is");
        store.save(new DeviceHealth("fw1", "acme", HealthState.UP, T0, T0, T0, null, null, null, "ok", null));
        assertEquals(T0.plusSeconds(60), store.find("fw1").orElseThrow().lastLog(), "nor is no last log");
        store.save(new DeviceHealth("fw1", "acme", HealthState.UP, T0, T0, T0, T0.plusSeconds(90), null, null, "ok", null));
        assertEquals(T0.plusSeconds(90), store.find("fw1").orElseThrow().lastLog(), "a newer one is");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void historyIsListedNewestFirstPerDevice(String db) throws Exception {
        JdbcHealthStore store = new JdbcHealthStore(TestDatabases.fresh(db));
        store.addTransition(new HealthTransition("fw1", T0, HealthState.UNKNOWN, HealthState.UP, "answered"));
        store.addTransition(new HealthTransition("fw1", T0.plusSeconds(180), HealthState.UP, HealthState.RETRYING,
                "no ICMP echo reply"));
        store.addTransition(new HealthTransition("fw2", T0.plusSeconds(5), HealthState.UNKNOWN, HealthState.UP, "x"));
        List<HealthTransition> history = store.history("fw1", 10);
        assertEquals(List.of(HealthState.RETRYING, HealthState.UP), history.stream().map(HealthTransition::to).toList());
        assertEquals("no ICMP echo reply", history.get(0).reason());
        assertEquals(T0.plusSeconds(180), history.get(0).at());
        assertEquals(1, store.history("fw1", 1).size(), "the limit is kept");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void settingsKeepTheirNullsAsDefaultsAndAreReplacedWhole(String db) throws Exception {
        JdbcHealthStore store = new JdbcHealthStore(TestDatabases.fresh(db));
        HealthSettings full = new HealthSettings("fw1", "198.18.0.2", false, 22, Duration.ofSeconds(60),
                Duration.ofMinutes(45), "core-rtr", 4, Duration.ofSeconds(30), Duration.ofMinutes(5));
        store.putSettings(full);
        assertEquals(full, store.settings("fw1").orElseThrow());
        HealthSettings onlyPort = new HealthSettings("fw1", null, null, 443, null, null, null);
        store.putSettings(onlyPort);
        assertEquals(onlyPort, store.settings("fw1").orElseThrow(), "nulls stay nulls (the defaults apply)");
        store.putSettings(HealthSettings.defaults("fw2"));
        assertEquals(List.of("fw1", "fw2"), store.allSettings().stream().map(HealthSettings::deviceId).toList());
        assertTrue(store.removeSettings("fw1"));
        assertFalse(store.removeSettings("fw1"), "already gone");
    }
}
