package io.yagura.ingest.relp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LineIdTest {

    private static LineId of(String data) {
        return LineId.of(data.getBytes(StandardCharsets.UTF_8));
    }

    private static String line(LineId id) {
        return new String(id.line(), StandardCharsets.UTF_8);
    }

    @Test
    void anRsyslogUuidPrefixIsTheIdAndIsRemovedFromTheLine() {
        LineId id = of("yagura-id=0F5B9A4C-5E2B-4B7A-9C3F-2D1E0A9B8C7D <134>Dec  5 fw1 %ASA-6-302013: x");
        assertEquals("0F5B9A4C-5E2B-4B7A-9C3F-2D1E0A9B8C7D", id.id());
        assertEquals("<134>Dec  5 fw1 %ASA-6-302013: x", line(id));
    }

    @Test
    void aHostAndSequenceIdIsAccepted() {
        assertEquals("relay1.example:42", of("yagura-id=relay1.example:42 line").id());
        assertEquals("", line(of("yagura-id=only-an-id")), "an id with an empty line");
    }

    @Test
    void whatIsNotAnIdLeavesTheLineWhole() {
        for (String text : new String[] {
                "<13>no prefix at all",
                "yagura-id= empty id",
                "yagura-id=bad!id line",
                "yagura-id=" + "a".repeat(65) + " too long",
                "yagura-idx=abc line"}) {
            LineId id = of(text);
            assertNull(id.id(), text);
            assertEquals(text, line(id), text);
        }
        assertEquals("a".repeat(64), of("yagura-id=" + "a".repeat(64) + " longest").id());
    }
}
