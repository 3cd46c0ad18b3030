package io.yagura.console;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.DeviceType;
import io.yagura.api.plugin.LogParser;
import io.yagura.api.plugin.ParseContext;
import io.yagura.api.plugin.ParseResult;
import io.yagura.api.plugin.VendorPlugin;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ParseCommandTest {

    /** A plugin whose parser reads "ok", ignores "stats" and rejects anything else. */
    static final VendorPlugin PLUGIN = new VendorPlugin() {
        public String vendorId() {
            return "demo";
        }

        public String vendorName() {
            return "Demo";
        }

        public Set<String> products() {
            return Set.of("Demo");
        }

        public Set<DeviceType> deviceTypes() {
            return Set.of(DeviceType.FIREWALL);
        }

        public boolean probe(String line) {
            return true;
        }

        public LogParser parser() {
            return (envelope, context) -> switch (envelope.raw()) {
                case "ok" -> ParseResult.parsed(new SecurityEvent().set("event.action", "allowed")
                        .set("yagura.zone", context.zone().getId()));
                case "stats" -> ParseResult.ignored("statistics");
                default -> ParseResult.rejected("not a demo line");
            };
        }
    };

    @Test
    void everyLineIsPrintedAsAnEventOrWithItsReasonAndCounted() throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        int[] counts = ParseCommand.run(PLUGIN, new ParseContext(java.time.ZoneId.of("Asia/Tokyo"), null),
                new BufferedReader(new StringReader("ok\nstats\n\ngarbage\n")), new PrintStream(buffer, true, StandardCharsets.UTF_8),
                false);
        String out = buffer.toString(StandardCharsets.UTF_8);
        assertArrayEquals(new int[] {1, 1, 1}, counts);
        assertTrue(out.contains("\"event.action\":\"allowed\""), out);
        assertTrue(out.contains("\"yagura.zone\":\"Asia/Tokyo\""), "the device context reaches the parser: " + out);
        assertTrue(out.contains("line 2 ignored: statistics"), out);
        assertTrue(out.contains("line 4 REJECTED: not a demo line"), out);
        assertTrue(out.contains("1 parsed, 1 ignored, 1 rejected (4 lines)"), out);
    }
}
