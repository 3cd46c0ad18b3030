package io.yagura.ingest.relp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.metrics.Metric;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.ingest.LineDispatcher;
import io.yagura.metrics.CountersService;
import io.yagura.registry.DeviceRegistryService;
import io.yagura.registry.MemoryRegistryRepository;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The RELP protocol against the real listener on a real socket; lines are stored in memory. */
class RelpServerTest {

    private static final String ASA = "<166>%ASA-6-302013: Built outbound TCP connection 1 for outside:203.0.113.7/4444";
    private static final int MAX_FRAME = 2048;

    private final CountersService counters = new CountersService();
    private final MemoryLines store = new MemoryLines();
    private RelpServer server;

    @BeforeEach
    void start() throws Exception {
        DeviceRegistryService registry = new DeviceRegistryService(new MemoryRegistryRepository());
        registry.putCustomer(new Customer("acme", "ACME", List.of("10.0.0.0/8")));
        registry.putDevice(new Device("acme-fw1", "acme", "cisco-asa", "ASA", List.of("127.0.0.1")));
        LineDispatcher dispatcher = new LineDispatcher(registry, counters, new ArrayList<>());
        server = RelpServer.start(new RelpSettings("127.0.0.1", 0, MAX_FRAME, 128, 5, 1024, 2048, 1),
                "relp:test", dispatcher, counters, store);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private long counter(String metric) {
        return counters.counter(Metric.SCOPE_LISTENER, "relp:test", metric).sum();
    }

    private RelpTestClient openedClient() throws Exception {
        RelpTestClient client = new RelpTestClient(server.port());
        RelpFrame answer = client.open();
        assertEquals("rsp", answer.command());
        assertEquals(1, answer.txnr());
        assertTrue(answer.text().startsWith("200 OK\n"), answer.text());
        assertTrue(answer.text().contains("commands=syslog"), answer.text());
        assertTrue(answer.text().contains("relp_version=0"), answer.text());
        return client;
    }

    @Test
    void aWindowOfSyslogFramesIsAnsweredOkAfterItsLinesAreStored() throws Exception {
        try (RelpTestClient client = openedClient()) {
            List<Integer> sent = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                sent.add(client.send("syslog", "yagura-id=line-" + i + " " + ASA + " n=" + i));
            }
            List<Integer> answered = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                RelpFrame rsp = client.read();
                assertEquals("rsp", rsp.command());
                assertEquals("200 OK", rsp.text());
                // every answered line is already in the store
                assertTrue(store.snapshot().size() >= answered.size() + 1, "answered before stored");
                answered.add(rsp.txnr());
            }
            assertEquals(sent, answered, "each frame answered once, in order");
            int close = client.send("close", "");
            RelpFrame closed = client.read();
            assertEquals(close, closed.txnr());
            assertEquals("rsp", closed.command());
            assertEquals("", closed.text());
            assertTrue(client.closedByServer());
        }
        List<String> raw = store.rawLines();
        assertEquals(300, raw.size());
        assertEquals(ASA + " n=0", raw.get(0), "the id prefix is removed before the vendor's parser sees the line");
        LineDispatcher.Routed first = store.snapshot().get(0);
        assertEquals("yagura.raw.cisco-asa", first.queue());
        assertEquals("acme-fw1", first.envelope().deviceId());
        assertEquals("relp:test", first.envelope().listener());
        assertTrue(store.commits() < 300, "frames are committed in windows, not one by one: " + store.commits());
        assertEquals(300, counter(Metric.RECEIVED));
    }

    @Test
    void linesSentAgainOnANewConnectionAreCountedAsDuplicatesAndNotStoredTwice() throws Exception {
        try (RelpTestClient client = openedClient()) {
            for (int i = 0; i < 10; i++) {
                client.send("syslog", "yagura-id=u" + i + " " + ASA);
            }
            for (int i = 0; i < 10; i++) {
                assertEquals("200 OK", client.read().text());
            }
        }
        try (RelpTestClient again = openedClient()) {
            for (int i = 5; i < 15; i++) { // 5..9 again, as after a lost answer, then new lines
                again.send("syslog", "yagura-id=u" + i + " " + ASA);
            }
            for (int i = 5; i < 15; i++) {
                assertEquals("200 OK", again.read().text(), "a duplicate is acknowledged, so the sender drops it");
            }
        }
        assertEquals(15, store.rawLines().size());
        assertEquals(5, counter(RelpCounters.DUPLICATE));
    }

    @Test
    void aRestartedListenerRecognisesDuplicatesFromTheStoredIds() throws Exception {
        try (RelpTestClient client = openedClient()) {
            client.send("syslog", "yagura-id=before-restart " + ASA);
            assertEquals("200 OK", client.read().text());
        }
        server.close();
        start(); // a new listener: an empty memory, the same store
        try (RelpTestClient client = openedClient()) {
            client.send("syslog", "yagura-id=before-restart " + ASA);
            client.send("syslog", "yagura-id=after-restart " + ASA);
            assertEquals("200 OK", client.read().text());
            assertEquals("200 OK", client.read().text());
        }
        assertEquals(2, store.rawLines().size());
    }

    @Test
    void aSourceForgottenForOthersIsReadBackFromTheStore() throws Exception {
        DuplicateFilter filter = new DuplicateFilter(16);
        DurableLines lines = store.open();
        filter.commit("192.0.2.1", List.of("first"), lines, (fresh, ids, tail) -> lines.commit(List.of(), "192.0.2.1", ids, tail));
        for (int i = 0; i < DuplicateFilter.MAX_SOURCES; i++) { // other sources push it out of memory
            String other = "198.51.100." + i;
            filter.commit(other, List.of("x" + i), lines, (fresh, ids, tail) -> lines.commit(List.of(), other, ids, tail));
        }
        // what another listener stored meanwhile for that source is known only to the store
        store.idsBySource.put("192.0.2.1", List.of("first", "only-in-store"));
        DuplicateFilter.Filtered again = filter.commit("192.0.2.1", List.of("only-in-store", "second"), lines,
                (fresh, ids, tail) -> lines.commit(List.of(), "192.0.2.1", ids, tail));
        assertEquals(1, again.duplicates(), "the forgotten source's ids come back from the store");
        assertEquals(List.of(1), again.fresh());
    }

    @Test
    void linesWithoutAnIdAreDeliveredWhole() throws Exception {
        try (RelpTestClient client = openedClient()) {
            client.send("syslog", ASA);
            client.send("syslog", "yagura-id=bad!id " + ASA);
            client.read();
            client.read();
        }
        assertEquals(List.of(ASA, "yagura-id=bad!id " + ASA), store.rawLines());
    }

    @Test
    void syslogBeforeOpenIsRefusedAndTheConnectionClosed() throws Exception {
        try (RelpTestClient client = new RelpTestClient(server.port())) {
            int txnr = client.send("syslog", ASA);
            RelpFrame rsp = client.read();
            assertEquals(txnr, rsp.txnr());
            assertTrue(rsp.text().startsWith("500 syslog before open"), rsp.text());
            assertTrue(rsp.text().length() <= 80, "RELP allows 80 characters: " + rsp.text());
            assertTrue(client.closedByServer());
        }
        assertDeadLettered(ASA, "RELP frame refused: syslog before open");
        assertEquals(1, counter(RelpCounters.BAD_FRAME));
    }

    /** A sender drops a frame answered 500: its line must be in the dead-letter queue. */
    private void assertDeadLettered(String line, String reason) {
        List<LineDispatcher.Routed> stored = store.snapshot();
        assertEquals(1, stored.size(), "one line stored");
        assertEquals("yagura.deadletter", stored.get(0).queue());
        assertEquals(line, stored.get(0).envelope().raw());
        assertTrue(stored.get(0).deadLetter().reason().startsWith(reason), stored.get(0).deadLetter().reason());
    }

    @Test
    void aFrameWhoseDataLengthIsWrongIsDeadLetteredAndRefused() throws Exception {
        try (RelpTestClient client = openedClient()) {
            client.raw("2 syslog 5 hello world\n");
            RelpFrame rsp = client.read();
            assertEquals(2, rsp.txnr());
            assertTrue(rsp.text().startsWith("500 frame 2 has no LF after its 5 bytes"), rsp.text());
            assertTrue(client.closedByServer());
        }
        assertDeadLettered("hello", "RELP frame refused: frame 2 has no LF");
    }

    @Test
    void aSecondOpenAnUnknownCommandAndATxnrGapAreRefused() throws Exception {
        try (RelpTestClient client = openedClient()) {
            client.send("open", RelpTestClient.OPEN_OFFERS);
            assertTrue(client.read().text().startsWith("500 open sent twice"));
        }
        try (RelpTestClient client = openedClient()) {
            client.send("starttls", "");
            assertTrue(client.read().text().startsWith("500 unsupported command 'starttls'"));
        }
        try (RelpTestClient client = openedClient()) {
            client.raw("5 syslog 3 abc\n");
            assertTrue(client.read().text().startsWith("500 txnr 5 does not follow 1"));
        }
        assertDeadLettered("abc", "RELP frame refused: txnr 5 does not follow 1");
        try (RelpTestClient client = new RelpTestClient(server.port())) {
            client.send("open", "relp_version=0\ncommands=other");
            assertTrue(client.read().text().startsWith("500 the open offers no commands=syslog"));
        }
        assertEquals(4, counter(RelpCounters.BAD_FRAME));
    }

    @Test
    void theTxnrWrapsAfterOneBillionAsLibrelpCountsThem() throws Exception {
        try (RelpTestClient client = openedClient()) {
            client.raw("2 syslog 1 a\n");
            assertEquals("200 OK", client.read().text());
        }
        try (RelpTestClient client = new RelpTestClient(server.port())) {
            client.raw(new String(RelpFrame.encode(999_999_999, "open", RelpTestClient.OPEN_OFFERS)));
            assertTrue(client.read().text().startsWith("200 OK"));
            client.raw("1000000000 syslog 1 b\n1 syslog 1 c\n");
            assertEquals(1_000_000_000, client.read().txnr());
            assertEquals(1, client.read().txnr());
        }
        assertEquals(List.of("a", "b", "c"), store.rawLines());
    }

    @Test
    void garbageGetsServercloseAndNothingIsStored() throws Exception {
        try (RelpTestClient client = new RelpTestClient(server.port())) {
            client.raw("GET / HTTP/1.1\r\n\r\n");
            RelpFrame answer = client.read();
            assertEquals("serverclose", answer.command());
            assertEquals(0, answer.txnr());
            assertTrue(client.closedByServer());
        }
        assertEquals(1, counter(RelpCounters.BAD_FRAME));
    }

    @Test
    void anOversizedFrameIsDeadLetteredAnswered500AndTheConnectionClosed() throws Exception {
        try (RelpTestClient client = openedClient()) {
            client.send("syslog", "yagura-id=ok " + ASA);
            int big = client.send("syslog", "yagura-id=big " + "x".repeat(MAX_FRAME * 3));
            assertEquals("200 OK", client.read().text());
            RelpFrame rsp = client.read();
            assertEquals(big, rsp.txnr());
            assertTrue(rsp.text().startsWith("500 frame longer than max.frame.bytes (2048)"), rsp.text());
            assertTrue(client.closedByServer());
        }
        List<LineDispatcher.Routed> stored = store.snapshot();
        assertEquals(2, stored.size());
        LineDispatcher.Routed dead = stored.get(1);
        assertEquals("yagura.deadletter", dead.queue());
        assertTrue(dead.deadLetter().reason().startsWith("oversized"), dead.deadLetter().reason());
        assertEquals(MAX_FRAME - "yagura-id=big ".length(), dead.envelope().raw().length(), "its head is kept");
        assertEquals(1, counter(RelpCounters.BAD_FRAME));
    }

    @Test
    void aFrameCutOffByTheSenderClosingIsNeitherStoredNorAnswered() throws Exception {
        try (RelpTestClient client = openedClient()) {
            client.raw("2 syslog 100 only part of it");
        }
        // a complete frame sent after the cut-off one on another connection is stored: the listener is fine
        try (RelpTestClient client = openedClient()) {
            client.send("syslog", ASA);
            assertEquals("200 OK", client.read().text());
        }
        assertEquals(List.of(ASA), store.rawLines(), "only the complete frame");
    }

    @Test
    void whenTheStoreFailsNothingIsAcknowledgedAndTheSenderIsToldToReconnect() throws Exception {
        store.failCommits = true;
        try (RelpTestClient client = openedClient()) {
            client.send("syslog", "yagura-id=x1 " + ASA);
            RelpFrame answer = client.read();
            assertEquals("serverclose", answer.command(), "no 200 OK for a line that is not stored");
            assertTrue(client.closedByServer());
        }
        assertEquals(1, counter(Metric.FAILED));
        store.failCommits = false;
        try (RelpTestClient client = openedClient()) {
            client.send("syslog", "yagura-id=x1 " + ASA);
            assertEquals("200 OK", client.read().text());
        }
        assertEquals(1, store.rawLines().size(), "the line sent again is stored once the store is back");
        assertEquals(List.of("x1"), store.idsBySource.get("127.0.0.1"), "its id is stored with it");
    }
}
