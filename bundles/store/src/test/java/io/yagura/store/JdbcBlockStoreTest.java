package io.yagura.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.incident.IncidentStore.ConcurrentChangeException;
import io.yagura.api.response.Block;
import io.yagura.api.response.BlockAudit;
import io.yagura.api.response.BlockState;
import io.yagura.api.response.BlockStore;
import io.yagura.testing.TestDatabases;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Blocks, their audit trail and pinned device fingerprints, on the embedded H2 and on PostgreSQL (when available). */
class JdbcBlockStoreTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

    static Stream<String> databases() {
        return TestDatabases.names();
    }

    private static Block block(String id, String device, String incident, BlockState state, Instant expires) {
        return new Block(id, "acme", device, "203.0.113.7", false, incident, state, "auto", "INC Emergency",
                T0, null, expires, null, null, 0);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aBlockIsReadBackWithEveryFieldAndEachUpdateNeedsTheVersionItRead(String db) throws Exception {
        JdbcBlockStore store = new JdbcBlockStore(TestDatabases.fresh(db));
        Block created = store.create(new Block("BLK-1", "acme", "acme-fw1", "198.51.100.0/28", true, "INC-1",
                BlockState.PENDING_APPROVAL, "alice", "worm spreading", T0, null, T0.plusSeconds(3600), null, null, 0));
        assertEquals(1, created.version(), "created at version 1");
        assertEquals(created, store.find("BLK-1").orElseThrow(), "read back as created");

        Block active = store.update(created.withState(BlockState.ACTIVE, "object-group YAGURA-BLOCK updated", T0.plusSeconds(5)));
        assertEquals(2, active.version());
        Block read = store.find("BLK-1").orElseThrow();
        assertEquals(active, read, "read back as updated");
        assertEquals(T0.plusSeconds(5), read.placedAt(), "placed when it became active");

        ConcurrentChangeException stale = assertThrows(ConcurrentChangeException.class,
                () -> store.update(created.withState(BlockState.REFUSED, "rejected", T0)));
        assertTrue(stale.getMessage().contains("BLK-1"), stale.getMessage());
        assertEquals(BlockState.ACTIVE, store.find("BLK-1").orElseThrow().state(), "the stale change was not stored");
        assertTrue(store.find("nope").isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void listFiltersByCustomerDeviceIncidentAndStateNewestFirst(String db) throws Exception {
        JdbcBlockStore store = new JdbcBlockStore(TestDatabases.fresh(db));
        store.create(block("B1", "fw1", "INC-1", BlockState.ACTIVE, T0.plusSeconds(60)));
        store.create(new Block("B2", "other", "fw9", "192.0.2.1", false, null, BlockState.PENDING_APPROVAL, "bob", "hand",
                T0.plusSeconds(10), null, T0.plusSeconds(60), null, null, 0));
        store.create(new Block("B3", "acme", "fw2", "203.0.113.8", false, "INC-1", BlockState.EXPIRED, "auto", "r",
                T0.plusSeconds(20), null, T0.plusSeconds(60), T0.plusSeconds(60), null, 0));

        assertEquals(List.of("B3", "B2", "B1"), ids(store.list(new BlockStore.Filter(null, null, null, null, 0))));
        assertEquals(List.of("B3", "B1"), ids(store.list(new BlockStore.Filter("acme", null, null, null, 0))));
        assertEquals(List.of("B1"), ids(store.list(new BlockStore.Filter(null, "fw1", null, null, 0))));
        assertEquals(List.of("B3", "B1"), ids(store.list(new BlockStore.Filter(null, null, "INC-1", null, 0))));
        assertEquals(List.of("B2", "B1"), ids(store.list(new BlockStore.Filter(null, null, null,
                Set.of(BlockState.ACTIVE, BlockState.PENDING_APPROVAL), 0))));
        assertEquals(List.of("B3"), ids(store.list(new BlockStore.Filter(null, null, null, null, 1))), "limit");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void dueForExpiryListsOnlyActiveBlocksWhoseExpiryHasComeOldestFirst(String db) throws Exception {
        JdbcBlockStore store = new JdbcBlockStore(TestDatabases.fresh(db));
        store.create(block("late", "fw1", null, BlockState.ACTIVE, T0.plusSeconds(30)));
        store.create(block("early", "fw1", null, BlockState.ACTIVE, T0.minusSeconds(30)));
        store.create(block("exact", "fw1", null, BlockState.ACTIVE, T0));
        store.create(block("future", "fw1", null, BlockState.ACTIVE, T0.plusSeconds(3600)));
        store.create(block("pending", "fw1", null, BlockState.PENDING_APPROVAL, T0.minusSeconds(60)));
        store.create(block("gone", "fw1", null, BlockState.REMOVED, T0.minusSeconds(60)));

        assertEquals(List.of("early", "exact"), ids(store.dueForExpiry(T0, 10)));
        assertEquals(List.of("early"), ids(store.dueForExpiry(T0, 1)), "limit");
        assertEquals(List.of("early", "exact", "late"), ids(store.dueForExpiry(T0.plusSeconds(30), 10)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void theAuditTrailIsKeptInOrderPerBlock(String db) throws Exception {
        JdbcBlockStore store = new JdbcBlockStore(TestDatabases.fresh(db));
        store.audit(new BlockAudit("B1", T0, "auto", "requested", "INC-1 Emergency", null));
        store.audit(new BlockAudit("B2", T0, "alice", "requested", "by hand", null));
        store.audit(new BlockAudit("B1", T0.plusSeconds(2), "auto", "placed", "fw1", "commit complete"));
        store.audit(new BlockAudit("B1", T0.plusSeconds(2), "alice", "extended", "until tomorrow", null));

        List<BlockAudit> trail = store.audit("B1");
        assertEquals(List.of("requested", "placed", "extended"), trail.stream().map(BlockAudit::action).toList());
        assertEquals(new BlockAudit("B1", T0.plusSeconds(2), "auto", "placed", "fw1", "commit complete"), trail.get(1));
        assertEquals(List.of(), store.audit("none"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void anAcceptedFingerprintReplacesTheOneBefore(String db) throws Exception {
        JdbcBlockStore store = new JdbcBlockStore(TestDatabases.fresh(db));
        assertTrue(store.pinnedFingerprint("fw1").isEmpty(), "nothing accepted yet");
        store.pinFingerprint("fw1", "SHA256:aaaa", "alice", T0);
        store.pinFingerprint("fw2", "SHA256:bbbb", "bob", T0);
        assertEquals("SHA256:aaaa", store.pinnedFingerprint("fw1").orElseThrow());
        store.pinFingerprint("fw1", "SHA256:cccc", "bob", T0.plusSeconds(60));
        assertEquals("SHA256:cccc", store.pinnedFingerprint("fw1").orElseThrow(), "the new key replaced the old");
        assertEquals("SHA256:bbbb", store.pinnedFingerprint("fw2").orElseThrow(), "other devices untouched");
    }

    private static List<String> ids(List<Block> blocks) {
        return blocks.stream().map(Block::id).toList();
    }
}
