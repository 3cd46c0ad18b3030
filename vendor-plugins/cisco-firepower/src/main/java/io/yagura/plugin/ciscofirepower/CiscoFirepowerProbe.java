package io.yagura.plugin.ciscofirepower;

import io.yagura.format.asa.AsaMarker;
import java.util.List;

/**
 * Cheap recognition of Firepower lines from unregistered sources: a {@code %FTD-}, {@code %NGIPS-}
 * (or the {@code %FDT-} misspelling and the {@code %FTD--6-} empty facility some releases write) tag
 * with a level and a six-digit id within the first {@value AsaMarker#SCAN_LIMIT} characters, or the
 * Sourcefire {@code SFIMS:} tag near the start. No regex; never throws. {@code %ASA-} and
 * {@code %PIX-} lines are the cisco-asa plugin's and are not claimed.
 */
final class CiscoFirepowerProbe {

    /** The tags this plugin reads: FTD (and its misspelling seen in the field), Firepower NGIPS. */
    static final List<String> TAGS = List.of("FTD", "NGIPS", "FDT");

    /** "SFIMS:" follows the syslog header and host; a relay prefix is short. */
    static final int SFIMS_WINDOW = 300;

    private CiscoFirepowerProbe() {
    }

    static boolean probe(String line) {
        if (line == null) {
            return false;
        }
        try {
            return AsaMarker.find(line, TAGS, true) != null || sfims(line) >= 0;
        } catch (RuntimeException unexpected) {
            return false;
        }
    }

    /** Offset of the "SFIMS:" tag (at the start or after a space) within the window, or -1. */
    static int sfims(String line) {
        int at = line.indexOf(Sfims.MARKER);
        if (at < 0 || at > SFIMS_WINDOW) {
            return -1;
        }
        return at == 0 || line.charAt(at - 1) == ' ' || line.charAt(at - 1) == '>' ? at : -1;
    }
}
