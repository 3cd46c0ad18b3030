package io.yagura.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.testing.TestDatabases;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** When each device last logged at any node, recorded by several nodes; H2 and PostgreSQL. */
class JdbcLastLogStoreTest {

    private static final Instant T0 = Instant.parse("2026-12-06T03:00:00Z");

    static Stream<String> databases() {
        return TestDatabases.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theStoredTimeIsTheNewestAnyNodeRecordedAndNeverGoesBack(String db) throws Exception {
        DataSource ds = TestDatabases.fresh(db);
        JdbcLastLogStore nodeA = new JdbcLastLogStore(ds);
        JdbcLastLogStore nodeB = new JdbcLastLogStore(ds);
        nodeA.record("a", Map.of("acme-fw1", T0.plusSeconds(60), "acme-fw2", T0));
        nodeB.record("b", Map.of("acme-fw1", T0.plusSeconds(30), "acme-fw3", T0.plusSeconds(5)));
        assertEquals(Optional.of(T0.plusSeconds(60)), nodeB.lastLog("acme-fw1"), "b's older arrival does not win");
        assertEquals(Map.of("acme-fw1", T0.plusSeconds(60), "acme-fw2", T0, "acme-fw3", T0.plusSeconds(5)), nodeA.all());

        nodeB.record("b", Map.of("acme-fw1", T0.plusSeconds(90)));
        assertEquals(Optional.of(T0.plusSeconds(90)), nodeA.lastLog("acme-fw1"), "b's newer arrival does");
        nodeA.record("a", Map.of());
        assertTrue(nodeA.lastLog("never-logged").isEmpty());

        nodeA.remove("acme-fw1");
        assertTrue(nodeB.lastLog("acme-fw1").isEmpty(), "a device that left the registry is forgotten");
        assertEquals(2, nodeB.all().size());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void nodesRecordingTheSameNewDevicesAtOnceAllSucceedAndTheNewestStays(String db) throws Exception {
        DataSource ds = TestDatabases.fresh(db);
        int nodes = 3;
        List<JdbcLastLogStore> stores = new ArrayList<>();
        for (int n = 0; n < nodes; n++) {
            stores.add(new JdbcLastLogStore(ds));
        }
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        try {
            for (int round = 0; round < 5; round++) {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> done = new ArrayList<>();
                for (int n = 0; n < nodes; n++) {
                    JdbcLastLogStore store = stores.get(n);
                    Map<String, Instant> arrivals = new HashMap<>();
                    for (int d = 0; d < 50; d++) {
                        // node n's arrival: newer for the higher node numbers
                        arrivals.put("r" + round + "-dev" + d, T0.plusSeconds(round * 10L + n));
                    }
                    String node = "node-" + n;
                    done.add(pool.submit(() -> {
                        start.await();
                        store.record(node, arrivals);
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> f : done) {
                    f.get(); // a duplicate key would surface here
                }
                for (int d = 0; d < 50; d++) {
                    assertEquals(Optional.of(T0.plusSeconds(round * 10L + nodes - 1)), stores.get(0).lastLog("r" + round + "-dev" + d),
                            "round " + round + " device " + d + ": the newest of the nodes' arrivals");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
