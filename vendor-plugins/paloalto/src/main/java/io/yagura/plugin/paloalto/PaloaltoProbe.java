package io.yagura.plugin.paloalto;

import io.yagura.format.cef.Cef;

/**
 * Cheap recognition of PAN-OS lines from unregistered sources (no regex, no full parse, never
 * throws): the syslog CSV's documented start {@code <FUTURE_USE>,<receive time>,<serial>,<TYPE>,}
 * with a PAN-OS log type, or a CEF/LEEF header whose vendor is "Palo Alto Networks".
 */
final class PaloaltoProbe {

    static final String VENDOR = "|Palo Alto Networks|";

    private PaloaltoProbe() {
    }

    static boolean probe(String line) {
        try {
            if (line == null || line.length() < 20) {
                return false;
            }
            int vendor = line.indexOf(VENDOR);
            if (vendor >= 0 && vendor < 300) {
                return headerBefore(line, vendor);
            }
            return PanCsv.locate(line) >= 0;
        } catch (RuntimeException unexpected) {
            return false;
        }
    }

    /** "CEF:0", "CEF: 0" or "LEEF:1.0"/"LEEF:2.0" right before the vendor field. */
    private static boolean headerBefore(String line, int vendor) {
        int leef = line.lastIndexOf("LEEF:", vendor);
        if (leef >= 0 && vendor - leef <= 9) {
            return true;
        }
        int cef = Cef.indexOfTolerant(line);
        return cef >= 0 && cef < vendor && vendor - cef <= 8;
    }

    /** Where the Palo Alto CEF or LEEF record starts in the line, or -1. */
    static int keyedStart(String line, String marker) {
        int vendor = line.indexOf(VENDOR);
        if (vendor < 0) {
            return -1;
        }
        int at = line.lastIndexOf(marker, vendor);
        return at >= 0 && vendor - at <= 9 ? at : -1;
    }
}
