package io.yagura.correlation.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.event.SecurityEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Memory bounds with counted evictions, wall-clock expiry of aggregation, concurrent customers. */
class EngineBoundsTest {

    final TestContext ctx = new TestContext();
    final Fixtures.MutableClock clock = Fixtures.clock();

    static SecurityEvent deny(String customer, int second, String src, long port) {
        return CorrelationTypesTest.ev(String.format("%02d:%02d", second / 60, second % 60), "customer.id", customer,
                "event.action", "denied", "source.ip", src, "destination.ip", "10.0.0.1", "destination.port", port);
    }

    @Test
    void windowsPerCustomerAreBoundedAndEvictionsCounted() {
        CorrelationEngine e = new CorrelationEngine(CorrelationTypesTest.rules(CorrelationTypesTest.COUNT), ctx, clock,
                EngineSettings.defaults().withBounds(3, 1000, 100));
        for (int i = 0; i < 5; i++) {
            e.process(deny("c1", i, "203.0.113." + i, 1));
        }
        assertEquals(3, e.windowCount("c1"), "windowCount capped");
        assertEquals(2, e.stats().windowEvictions(), "windowEvictions");
    }

    @Test
    void entriesPerWindowAreBounded() {
        CorrelationEngine e = new CorrelationEngine(CorrelationTypesTest.rules(CorrelationTypesTest.COUNT
                .replace("gte: 3", "gte: 100")), ctx, clock, EngineSettings.defaults().withBounds(10, 4, 100));
        for (int i = 0; i < 10; i++) {
            e.process(deny("c1", i, "203.0.113.1", 1));
        }
        assertEquals(6, e.stats().entryEvictions(), "entryEvictions: 10 events into 4 slots");
    }

    @Test
    void incidentsPerCustomerAreBoundedAndExpireByWallClock() {
        CorrelationEngine e = new CorrelationEngine(CorrelationTypesTest.rules(""), ctx, clock,
                EngineSettings.defaults().withBounds(10, 10, 2));
        for (int i = 0; i < 3; i++) {
            e.process(deny("c1", i, "203.0.113." + i, 1)); // the unreferenced "deny" rule generates
        }
        assertEquals(2, e.incidentCount("c1"), "incidentCount capped");
        assertEquals(1, e.stats().incidentEvictions(), "incidentEvictions");
        clock.advance(Duration.ofMinutes(61));
        e.expire();
        assertEquals(0, e.incidentCount("c1"), "aggregation entries expired after the 1 h window");
        assertEquals(3, e.stats().opened());
    }

    @Test
    void customersAreIndependentAndProcessedConcurrently() throws Exception {
        CorrelationEngine e = new CorrelationEngine(CorrelationTypesTest.rules(CorrelationTypesTest.COUNT
                .replace("group-by: [source.ip]", "group-by: [destination.ip]")), ctx, clock, EngineSettings.defaults());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Integer>> results = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            String customer = "cust" + c;
            results.add(pool.submit(() -> {
                int changes = 0;
                for (int i = 0; i < 3000; i++) {
                    changes += e.process(deny(customer, i % 3600, "203.0.113." + (i % 200), i)).size();
                }
                return changes;
            }));
        }
        for (Future<Integer> f : results) {
            assertEquals(1000, f.get(), "every third deny per customer completes a count of 3");
        }
        pool.shutdown();
        assertEquals(4, ctx.ids.get(), "one incident per customer (same key, aggregated)");
        assertEquals(12000, e.stats().events());
        assertTrue(ctx.store.isEmpty(), "the engine itself does not store");
    }
}
