package io.yagura.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.houserule.HouseRuleState;
import io.yagura.api.houserule.HouseRuleStore;
import io.yagura.api.houserule.HouseRuleTest;
import io.yagura.api.houserule.HouseRuleVersion;
import io.yagura.testing.TestDatabases;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** House rule versions, their audit and test results, on the embedded H2 and on PostgreSQL (when available). */
class JdbcHouseRuleStoreTest {

    private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
    private static final String TEXT = "title: t\nname: jsig_x\ndetection: {sel: {event.code: '1'}, condition: sel}\n";

    static java.util.stream.Stream<String> databases() {
        return TestDatabases.names();
    }

    private static HouseRuleVersion draft(String id) {
        return new HouseRuleVersion(id, 1, HouseRuleState.DRAFT, TEXT, "ab12", List.of(), "alice", T0, "new", null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void everyVersionStaysReadableWithItsAuditAndTheNewestIsTheRulesState(String db) throws Exception {
        JdbcHouseRuleStore store = new JdbcHouseRuleStore(TestDatabases.fresh(db));
        HouseRuleVersion v1 = store.append(draft("jsig_x"));
        HouseRuleVersion v2 = store.append(v1.next(HouseRuleState.CANARY, List.of("acme", "globex"), "bob",
                T0.plusSeconds(60), "try on two customers"));
        store.append(draft("jsig_a"));

        assertEquals(List.of(v1, v2), store.history("jsig_x"), "both versions, oldest first, as stored");
        assertEquals(List.of("acme", "globex"), store.version("jsig_x", 2).orElseThrow().customers());
        assertEquals(v2, store.latest("jsig_x").orElseThrow());
        assertEquals(List.of("jsig_a", "jsig_x"), store.latest().stream().map(HouseRuleVersion::ruleId).toList(),
                "one newest version per rule");
        assertEquals(HouseRuleState.CANARY, store.latest().get(1).state());
        assertEquals(3, store.changeCount());
        assertTrue(store.latest("nope").isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aTestResultIsKeptOnTheVersionItTested(String db) throws Exception {
        JdbcHouseRuleStore store = new JdbcHouseRuleStore(TestDatabases.fresh(db));
        HouseRuleVersion v1 = store.append(draft("jsig_x"));
        HouseRuleTest test = new HouseRuleTest(T0.plusSeconds(5), "alice", "ab12", true, "caught 2 of 2");
        store.recordTest("jsig_x", 1, test);
        assertEquals(test, store.version("jsig_x", 1).orElseThrow().test());
        assertNull(store.append(v1.next(HouseRuleState.VALIDATED, List.of(), "alice", T0, "proven")).test(),
                "a new version starts without a test");
        assertThrows(IllegalArgumentException.class, () -> store.recordTest("jsig_x", 9, test));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void aVersionStoredTwiceIsRefusedNotOverwritten(String db) throws Exception {
        JdbcHouseRuleStore store = new JdbcHouseRuleStore(TestDatabases.fresh(db));
        HouseRuleVersion v1 = store.append(draft("jsig_x"));
        HouseRuleStore.ConcurrentChangeException e = assertThrows(HouseRuleStore.ConcurrentChangeException.class,
                () -> store.append(draft("jsig_x")));
        assertTrue(e.getMessage().contains("jsig_x is at version 1"), e.getMessage());
        assertEquals(List.of(v1), store.history("jsig_x"));
    }
}
