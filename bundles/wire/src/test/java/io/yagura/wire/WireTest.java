package io.yagura.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.yagura.api.event.DeadLetter;
import io.yagura.api.event.Ecs;
import io.yagura.api.event.RawEnvelope;
import io.yagura.api.event.SecurityEvent;
import java.nio.charset.StandardCharsets;
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
    void aForeignBodyIsAClearError() {
        Wire.WireFormatException ex = assertThrows(Wire.WireFormatException.class,
                () -> Wire.readEnvelopes("not json".getBytes(StandardCharsets.UTF_8)));
        assertEquals(true, ex.getMessage().startsWith("not a Yagura batch"));
    }
}
