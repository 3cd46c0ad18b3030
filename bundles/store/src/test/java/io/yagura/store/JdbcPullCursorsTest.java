package io.yagura.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.testing.TestDatabases;
import java.io.IOException;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The pulled devices' cursors in the database, shared by the nodes; H2 and PostgreSQL. */
class JdbcPullCursorsTest {

    static Stream<String> databases() {
        return TestDatabases.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theNodeThatTakesPullOverReadsOnFromTheCursorThePreviousHolderStored(String db) throws Exception {
        DataSource ds = TestDatabases.fresh(db);
        JdbcPullCursors nodeA = new JdbcPullCursors(ds);
        JdbcPullCursors nodeB = new JdbcPullCursors(ds);
        assertNull(nodeA.get("acme-ips1"), "never polled: no cursor");

        nodeA.put("acme-ips1", "1200 1764950400000000000");
        nodeA.put("acme-ips2", "7 1764950000000000000");
        assertEquals("1200 1764950400000000000", nodeB.get("acme-ips1"), "node B sees node A's cursor");

        nodeB.put("acme-ips1", "1250 1764950460000000000");
        assertEquals("1250 1764950460000000000", nodeA.get("acme-ips1"), "and node A node B's, after a move back");
        assertEquals(Map.of("acme-ips1", "1250 1764950460000000000", "acme-ips2", "7 1764950000000000000"), nodeA.all());
        assertEquals(List.of("acme-ips1", "acme-ips2"), List.copyOf(nodeA.all().keySet()), "listed by device id");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aRemovedOrNullCursorIsForgottenAndTheNextPollIsAFirstOne(String db) throws Exception {
        JdbcPullCursors cursors = new JdbcPullCursors(TestDatabases.fresh(db));
        cursors.put("acme-ips1", "5 1");
        cursors.put("acme-ips2", "9 1");
        cursors.remove("acme-ips1");
        cursors.put("acme-ips2", null);
        cursors.remove("never-stored");
        assertNull(cursors.get("acme-ips1"));
        assertNull(cursors.get("acme-ips2"), "put(null) forgets, as the file store did");
        assertTrue(cursors.all().isEmpty());
        cursors.put("acme-ips1", "6 2");
        assertEquals("6 2", cursors.get("acme-ips1"), "stored again after removal");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aCursorThatCannotBeStoredIsAnIoExceptionAndThePreviousOneStays(String db) throws Exception {
        DataSource ds = TestDatabases.fresh(db);
        JdbcPullCursors cursors = new JdbcPullCursors(ds);
        cursors.put("acme-ips1", "5 1");
        IOException tooLong = assertThrows(IOException.class, () -> cursors.put("acme-ips1", "x".repeat(4001)));
        assertTrue(tooLong.getMessage().contains("acme-ips1"), tooLong.getMessage());
        assertEquals("5 1", cursors.get("acme-ips1"));

        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE pull_cursor RENAME TO pull_cursor_away");
        }
        IOException lost = assertThrows(IOException.class, () -> cursors.put("acme-ips1", "6 2"));
        assertTrue(lost.getMessage().startsWith("the cursor of device acme-ips1 was not stored"), lost.getMessage());
        assertThrows(IOException.class, () -> cursors.remove("acme-ips1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void nodesStoringANewDevicesFirstCursorAtOnceAllSucceed(String db) throws Exception {
        DataSource ds = TestDatabases.fresh(db);
        List<JdbcPullCursors> nodes = List.of(new JdbcPullCursors(ds), new JdbcPullCursors(ds), new JdbcPullCursors(ds));
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        try {
            for (int round = 0; round < 10; round++) {
                String device = "race-" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<String>> stored = new ArrayList<>();
                for (int n = 0; n < nodes.size(); n++) {
                    JdbcPullCursors node = nodes.get(n);
                    String cursor = round + " " + n;
                    stored.add(pool.submit(() -> {
                        start.await();
                        node.put(device, cursor);
                        return cursor;
                    }));
                }
                start.countDown();
                List<String> cursors = new ArrayList<>();
                for (Future<String> f : stored) {
                    cursors.add(f.get()); // a duplicate key would surface here as an IOException
                }
                assertTrue(cursors.contains(nodes.get(0).get(device)), "one of the stored cursors: " + nodes.get(0).get(device));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
