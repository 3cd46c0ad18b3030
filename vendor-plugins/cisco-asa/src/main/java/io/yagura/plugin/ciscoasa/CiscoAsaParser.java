package io.yagura.plugin.ciscoasa;

import io.yagura.api.plugin.ParseResult;
import io.yagura.format.asa.AsaEngine;
import io.yagura.format.asa.AsaMarker;
import io.yagura.format.parser.GuardedParser;
import io.yagura.format.parser.Line;
import io.yagura.format.parser.Observer;
import java.util.Set;

/**
 * Parser for Cisco ASA and PIX syslog lines ({@code %ASA-} and {@code %PIX-} tags). The messages are
 * read by the shared ASA message engine ({@link AsaEngine}, in format-support): this class finds the
 * tag, keeps to its products and names the observer.
 *
 * <p>Firepower Threat Defense sends the same engine's messages as {@code %FTD-} lines; those belong
 * to the cisco-firepower plugin (which also reads FTD's own 4300xx events), so a {@code %FTD-} line
 * given to this parser is rejected with a reason saying so.
 *
 * <p>Thread-safe; never throws ({@link GuardedParser} has rejected empty, oversized and binary lines,
 * read the syslog header in the device's zone, and turns anything unexpected into a rejection).
 */
public final class CiscoAsaParser extends GuardedParser {

    /** ASA messages are at most about 1 KB; anything far beyond is not a syslog line from an ASA. */
    public static final int MAX_LINE = 16 * 1024;

    static final String PLUGIN_ID = "cisco-asa";

    static final Observer ASA = new Observer("Cisco", "ASA", "firewall");
    static final Observer PIX = ASA.withProduct("PIX");

    static final String FTD_REJECTION = "%FTD- line: Firepower Threat Defense messages (ASA engine and 4300xx)"
            + " are read by the cisco-firepower plugin, not cisco-asa; register the device with vendor cisco-firepower";

    public CiscoAsaParser() {
        super(MAX_LINE, false);
    }

    /** Message ids that have a parsing rule (the others are ignored with a reason). */
    public static Set<String> parsedMessageIds() {
        return AsaEngine.parsedMessageIds();
    }

    @Override
    protected ParseResult parseLine(Line line) {
        String text = line.text();
        AsaMarker marker = AsaMarker.find(text);
        if (marker == null) {
            if (text.contains("%FTD-") && !text.contains("%ASA-") && !text.contains("%PIX-")) {
                return ParseResult.rejected(FTD_REJECTION);
            }
            return ParseResult.rejected(AsaMarker.mentionsProduct(text)
                    ? "malformed or truncated message tag: expected %ASA-<level 0-7>-<6-digit id>"
                    : "no %ASA-/%PIX- message marker");
        }
        return switch (marker.product()) {
            case "ASA" -> AsaEngine.parse(line, ASA, marker);
            case "PIX" -> AsaEngine.parse(line, PIX, marker);
            default -> ParseResult.rejected(FTD_REJECTION);
        };
    }
}
