package io.yagura.correlation.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

/** The fast ISO-8601 parser agrees with java.time and rejects what it does not handle. */
class TimestampsTest {

    @Test
    void agreesWithJavaTime() {
        for (String s : new String[] {"2024-03-12T10:15:05Z", "2024-03-12T10:15:05.1Z", "2024-03-12T10:15:05.123456789Z",
            "1970-01-01T00:00:00Z", "2000-02-29T23:59:59.999Z", "1969-12-31T23:59:59Z", "2100-03-01T00:00:00Z"}) {
            assertEquals(Instant.parse(s).toEpochMilli(), Timestamps.parseIso(s), s);
        }
        for (String s : new String[] {"2024-03-12T10:15:05+09:00", "2024-03-12T10:15:05.5-04:30"}) {
            assertEquals(OffsetDateTime.parse(s).toInstant().toEpochMilli(), Timestamps.parseIso(s), s);
        }
    }

    @Test
    void rejectsOtherForms() {
        for (String s : new String[] {"2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-03-12 10:15:05", "May  9 15:01:41",
            "2024-03-12T10:15:05", "2024-03-12T24:00:00Z", "2024-03-12T10:15:05.Z", "2024-03-12T10:15:05+0900"}) {
            assertEquals(Long.MIN_VALUE, Timestamps.parseIso(s), s);
        }
    }
}
