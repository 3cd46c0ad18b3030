package io.yagura.correlation.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.yagura.api.event.RawEnvelope;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.plugin.ciscoasa.CiscoAsaParser;
import java.time.Instant;

/** Real Cisco ASA lines through the real parser. */
final class Asa {

    private static final CiscoAsaParser PARSER = new CiscoAsaParser();

    private Asa() {
    }

    /** Parses a whole syslog line as received from device fw-01 of the customer. */
    static SecurityEvent parse(String customerId, String line) {
        ParseResult r = PARSER.parse(new RawEnvelope(Instant.parse("2024-03-12T12:00:00Z").toEpochMilli(),
                "192.0.2.1", "tcp:6514", "fw-01", customerId, "cisco-asa", false, line));
        if (r instanceof ParseResult.Parsed p) {
            // what the platform's plugin route stamps on every event after the parser
            return p.events().get(0).set("customer.id", customerId).set("device.id", "fw-01")
                    .set("yagura.plugin", "cisco-asa").set("event.original", line);
        }
        fail("ASA line not parsed: " + r + " <- " + line);
        return null;
    }

    /** "<164>2024-03-12T10:15:05Z fw-edge-01 : %ASA-..." with the given device time. */
    static SecurityEvent at(String customerId, String isoTime, String message) {
        SecurityEvent e = parse(customerId, "<164>" + isoTime + " fw-edge-01 : " + message);
        assertTrue(e.getString("@timestamp").startsWith(isoTime.substring(0, 16)), "device time parsed: " + e);
        return e;
    }
}
