package io.yagura.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.event.DeadLetter;
import io.yagura.api.event.Ecs;
import io.yagura.api.event.RawEnvelope;
import io.yagura.api.event.SecurityEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WireTest {

    @Test
    void envelopesSurviveTheRoundTripIncludingControlCharacters() {
        RawEnvelope e = new RawEnvelope(1700000000000L, "2001:db8::1", "tcp:5514", "fw1", "acme", "cisco-asa", true,
                "line with \"quotes\", tab\t, NUL\u0000 and ü");
        assertEquals(List.of(e), Wire.readEnvelopes(Wire.writeEnvelopes(List.of(e))));
    }

    @Test
    void eventsKeepTheirEcsFieldsAndTypes() {
        SecurityEvent e = new SecurityEvent().set(Ecs.SOURCE_IP, "203.0.113.5").set(Ecs.SOURCE_PORT, 4455L)
                .categories(Ecs.CATEGORY_NETWORK);
        SecurityEvent back = Wire.readEvents(Wire.writeEvents(List.of(e))).get(0);
        assertEquals("203.0.113.5", back.getString(Ecs.SOURCE_IP));
        assertEquals(4455L, back.getLong(Ecs.SOURCE_PORT));
        assertEquals(List.of("network"), back.get(Ecs.EVENT_CATEGORY));
        assertEquals(SecurityEvent.SCHEMA_VERSION, back.getString(Ecs.YAGURA_SCHEMA));
    }

    @Test
    void deadLettersCarryTheirReason() {
        RawEnvelope e = new RawEnvelope(1L, "192.0.2.1", "udp:5514", null, null, null, false, "garbage");
        DeadLetter d = new DeadLetter("parse", "no %ASA- marker", "cisco-asa", e);
        assertEquals(List.of(d), Wire.readDeadLetters(Wire.writeDeadLetters(List.of(d))));
    }

    @Test
    void largeBatchesAreSplitIntoMessagesTheBrokerAcceptsAndReadBackInOrder() {
        // hostile lines: the longest accepted line, all control characters (JSON escapes each as 6 bytes)
        List<RawEnvelope> lines = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String raw = i % 7 == 0 ? "\u0001".repeat(65536) : "line " + i + " " + "x".repeat(i);
            lines.add(new RawEnvelope(i, "192.0.2.1", "tcp:5514", "fw1", "acme", "cisco-asa", false, raw));
        }
        List<Wire.Batch> batches = Wire.envelopeBatches(lines);
        assertTrue(batches.size() > 1, "split: " + batches.size());
        List<RawEnvelope> back = new ArrayList<>();
        for (Wire.Batch b : batches) {
            List<RawEnvelope> part = Wire.readEnvelopes(b.body());
            assertEquals(b.count(), part.size());
            // only a message holding one item may exceed the limit: that item alone is larger
            assertTrue(b.body().length <= Wire.MAX_BATCH_BYTES || b.count() == 1,
                    b.body().length + " bytes in a message of " + b.count());
            back.addAll(part);
        }
        assertEquals(lines, back);
    }

    @Test
    void smallBatchesStayOneMessageIdenticalToTheWholeArray() {
        SecurityEvent a = new SecurityEvent().set(Ecs.SOURCE_IP, "203.0.113.5");
        SecurityEvent b = new SecurityEvent().set(Ecs.SOURCE_IP, "203.0.113.6");
        List<Wire.Batch> batches = Wire.eventBatches(List.of(a, b));
        assertEquals(1, batches.size());
        assertEquals(2, batches.get(0).count());
        assertArrayEquals(Wire.writeEvents(List.of(a, b)), batches.get(0).body());
        assertEquals(List.of(), Wire.deadLetterBatches(List.of()));
    }

    @Test
    void aForeignBodyIsAClearError() {
        Wire.WireFormatException ex = assertThrows(Wire.WireFormatException.class,
                () -> Wire.readEnvelopes("not json".getBytes(StandardCharsets.UTF_8)));
        assertEquals(true, ex.getMessage().startsWith("not a Yagura batch"));
    }
}
