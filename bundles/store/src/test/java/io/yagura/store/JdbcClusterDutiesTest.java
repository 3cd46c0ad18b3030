package io.yagura.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.cluster.ClusterDuties;
import io.yagura.api.cluster.ClusterDuties.Lease;
import io.yagura.testing.TestDatabases;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Two or more "nodes" (instances on one database) and their duties; H2 and PostgreSQL. */
class JdbcClusterDutiesTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    static Stream<String> databases() {
        return TestDatabases.names();
    }

    private static JdbcClusterDuties node(DataSource ds, String id, Duration ttl) throws Exception {
        return new JdbcClusterDuties(ds, id, ttl, System::nanoTime);
    }

    /** Nodes "a" and "b" on one fresh database, with leases of 30 s. */
    private static List<JdbcClusterDuties> twoNodes(String db) throws Exception {
        DataSource ds = TestDatabases.fresh(db);
        return List.of(node(ds, "a", LONG), node(ds, "b", LONG));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void eachDutyHasOneHolderWhoKeepsItWhileRenewing(String db) throws Exception {
        List<JdbcClusterDuties> nodes = twoNodes(db);
        JdbcClusterDuties a = nodes.get(0);
        JdbcClusterDuties b = nodes.get(1);

        assertTrue(a.holds(ClusterDuties.HEALTH_CHECK), "the first to ask takes a free duty");
        assertFalse(b.holds(ClusterDuties.HEALTH_CHECK), "held by a");
        assertTrue(b.holds(ClusterDuties.PULL));
        assertFalse(a.holds(ClusterDuties.PULL), "held by b");

        long term = a.term(ClusterDuties.HEALTH_CHECK);
        for (int i = 0; i < 3; i++) {
            b.renewAll();
            a.renewAll();
        }
        assertEquals(term, a.term(ClusterDuties.HEALTH_CHECK), "renewals continue one term");
        assertEquals(0, b.term(ClusterDuties.HEALTH_CHECK));
        assertTrue(b.holds(ClusterDuties.PULL));
        assertFalse(a.holds(ClusterDuties.PULL));

        List<Lease> leases = a.leases();
        assertEquals(List.of(ClusterDuties.HEALTH_CHECK, ClusterDuties.PULL), leases.stream().map(Lease::duty).toList());
        assertEquals(List.of("a", "b"), leases.stream().map(Lease::holder).toList());
        assertTrue(leases.stream().allMatch(l -> l.until() != null), leases.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void ofNodesAskingForANewDutyAtOnceExactlyOneHoldsIt(String db) throws Exception {
        DataSource ds = TestDatabases.fresh(db);
        List<JdbcClusterDuties> nodes = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            nodes.add(node(ds, "node-" + i, LONG));
        }
        ExecutorService pool = Executors.newFixedThreadPool(nodes.size());
        try {
            for (int round = 0; round < 10; round++) {
                String duty = "race-" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> answers = new ArrayList<>();
                for (JdbcClusterDuties n : nodes) {
                    answers.add(pool.submit(() -> {
                        start.await();
                        return n.holds(duty);
                    }));
                }
                start.countDown();
                int holders = 0;
                for (Future<Boolean> f : answers) {
                    holders += f.get() ? 1 : 0;
                }
                assertEquals(1, holders, "holders of " + duty);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theSurvivorTakesTheDutyOnceTheHolderStoppedRenewingAndNeverBefore(String db) throws Exception {
        DataSource ds = TestDatabases.fresh(db);
        Duration ttl = Duration.ofMillis(1500);
        JdbcClusterDuties a = node(ds, "a", ttl);
        JdbcClusterDuties b = node(ds, "b", ttl);
        assertTrue(a.holds(ClusterDuties.NOTIFY_DEADLINES));
        assertFalse(b.holds(ClusterDuties.NOTIFY_DEADLINES));
        long died = System.nanoTime(); // a stops renewing: as if killed

        long deadline = died + Duration.ofSeconds(10).toNanos();
        while (!b.holds(ClusterDuties.NOTIFY_DEADLINES) && System.nanoTime() < deadline) {
            assertTrue(System.nanoTime() - died < ttl.toNanos() || !a.holds(ClusterDuties.NOTIFY_DEADLINES),
                    "a counts itself holder no longer than the lease");
            Thread.sleep(50);
            b.renewAll();
        }
        long idle = System.nanoTime() - died;
        assertTrue(b.holds(ClusterDuties.NOTIFY_DEADLINES), "b took the duty over");
        assertFalse(a.holds(ClusterDuties.NOTIFY_DEADLINES), "a no longer claims it");
        assertTrue(idle >= ttl.toNanos() - Duration.ofMillis(100).toNanos(),
                "not taken before the lease ran out: " + Duration.ofNanos(idle));
        assertTrue(idle < ttl.toNanos() + Duration.ofSeconds(2).toNanos(), "taken soon after: " + Duration.ofNanos(idle));

        a.renewAll(); // a comes back (a long pause, not a death): it finds the duty taken
        assertFalse(a.holds(ClusterDuties.NOTIFY_DEADLINES));
        assertTrue(b.holds(ClusterDuties.NOTIFY_DEADLINES));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aStoppingNodeHandsItsDutiesOverAtOnce(String db) throws Exception {
        List<JdbcClusterDuties> nodes = twoNodes(db);
        JdbcClusterDuties a = nodes.get(0);
        JdbcClusterDuties b = nodes.get(1);
        assertTrue(a.holds(ClusterDuties.NOTIFY_DIGEST));
        assertTrue(a.holds(ClusterDuties.MONTHLY_REPORTS));
        assertFalse(b.holds(ClusterDuties.NOTIFY_DIGEST));
        assertFalse(b.holds(ClusterDuties.MONTHLY_REPORTS));

        a.deactivate();
        assertFalse(a.holds(ClusterDuties.NOTIFY_DIGEST), "a stopped node holds nothing");
        b.renewAll();
        assertTrue(b.holds(ClusterDuties.NOTIFY_DIGEST), "taken at b's next renewal, not after the lease");
        assertTrue(b.holds(ClusterDuties.MONTHLY_REPORTS));
        a.renewAll();
        assertFalse(a.holds(ClusterDuties.NOTIFY_DIGEST), "a stopped node does not take a lease again");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aDatabaseErrorMeansNotHeldAndIsLoggedOnce(String db) throws Exception {
        DataSource ds = TestDatabases.fresh(db);
        AtomicBoolean broken = new AtomicBoolean();
        JdbcClusterDuties a = node(breakable(ds, broken), "a", LONG);
        JdbcClusterDuties b = node(ds, "b", LONG);
        assertTrue(a.holds(ClusterDuties.RESPONSE_EXPIRY));

        try (LogCapture log = new LogCapture()) {
            broken.set(true);
            a.renewAll();
            a.renewAll();
            a.renewAll();
            assertFalse(a.holds(ClusterDuties.RESPONSE_EXPIRY), "unknown is not held");
            assertFalse(a.holds(ClusterDuties.HEALTH_CHECK), "a new duty cannot be taken either");
            assertFalse(b.holds(ClusterDuties.RESPONSE_EXPIRY), "b waits for a's lease to run out: never two holders");
            assertEquals(1, count(log.text(), "the database could not be asked"), log.text());

            broken.set(false);
            a.renewAll();
            assertTrue(a.holds(ClusterDuties.RESPONSE_EXPIRY), "a renews its own lease once the database answers");
            assertTrue(log.text().contains("the database answers again"), log.text());
        }
    }

    @Test
    void aHoldEndsOnTheNodesOwnClockBeforeTheDatabaseLetsAnotherNodeTakeIt() throws Exception {
        DataSource ds = TestDatabases.fresh("h2");
        AtomicLong now = new AtomicLong();
        JdbcClusterDuties a = new JdbcClusterDuties(ds, "a", LONG, now::get);
        assertTrue(a.holds(ClusterDuties.PULL));
        long first = a.term(ClusterDuties.PULL);

        now.addAndGet(LONG.toNanos() / 3 * 2 - 1);
        assertEquals(first, a.term(ClusterDuties.PULL), "held until two thirds of the time to live");
        now.addAndGet(1);
        assertFalse(a.holds(ClusterDuties.PULL), "not renewed in time: no longer claimed");

        a.renewAll();
        long second = a.term(ClusterDuties.PULL);
        assertNotEquals(0, second);
        assertNotEquals(first, second, "a hold after a gap is a new term: what a dead node left is looked at again");
    }

    @Test
    void theConfigurationIsCheckedAndTheNodeIdHasADefault() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> JdbcClusterDuties.ttl(2));
        assertEquals(Duration.ofSeconds(30), JdbcClusterDuties.ttl(30));
        assertEquals("centre-1", JdbcClusterDuties.nodeId(" centre-1 "));
        assertTrue(JdbcClusterDuties.nodeId("").contains("@"), "instance name @ host name");
        assertThrows(IllegalArgumentException.class, () -> JdbcClusterDuties.nodeId("x".repeat(257)));
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }

    /** The data source, whose new connections fail while {@code broken} is set. */
    private static DataSource breakable(DataSource ds, AtomicBoolean broken) {
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (broken.get() && method.getName().equals("getConnection")) {
                        throw new SQLException("Connection refused (test)", "08001");
                    }
                    try {
                        return method.invoke(ds, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
