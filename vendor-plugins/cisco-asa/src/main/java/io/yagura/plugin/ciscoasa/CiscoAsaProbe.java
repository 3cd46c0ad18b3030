package io.yagura.plugin.ciscoasa;

import io.yagura.format.asa.AsaMarker;
import java.util.List;

/**
 * Cheap recognition of Cisco ASA and PIX lines: a {@code %ASA-} or {@code %PIX-} tag followed by an
 * optional facility word, a level 0-7 and a six-digit message id, within the first
 * {@value AsaMarker#SCAN_LIMIT} characters. No regex, no allocation for other lines beyond the scan;
 * never throws. {@code %FTD-} lines (Firepower Threat Defense, ASA engine or not) are the
 * cisco-firepower plugin's and are not claimed.
 */
public final class CiscoAsaProbe {

    /** The tags this plugin claims. */
    static final List<String> PRODUCTS = List.of("ASA", "PIX");

    private CiscoAsaProbe() {
    }

    public static boolean probe(String line) {
        try {
            return AsaMarker.find(line, PRODUCTS, false) != null;
        } catch (RuntimeException unexpected) {
            return false;
        }
    }
}
