package io.yagura.plugin.ibmgx;

/**
 * Cheap recognition of IBM Security Network IPS (GX, formerly ISS Proventia Network IPS) lines:
 * no regex, no full parse, never throws. Three markers, none written by another product:
 * the LEEF header {@code |IBM|NIPS|}; the ISS enterprise OID of the IPS event trap's variables
 * ({@code 2499.1.1.2.1.1.1.1.}) in a trap a receiver wrote as a line; and the event attribute list
 * of those traps ({@code target-ip-addr-start:} / {@code source-ip-addr-start:} with
 * {@code event-type:}).
 */
final class IbmGxProbe {

    static final String LEEF_MARKER = "|IBM|NIPS|";
    static final String TRAP_OID = "2499.1.1.2.1.1.1.1.";

    private IbmGxProbe() {
    }

    static boolean probe(String line) {
        if (line == null || line.length() < 16) {
            return false;
        }
        int leef = line.indexOf(LEEF_MARKER);
        if (leef > 0 && leef < 512 && line.lastIndexOf("LEEF:", leef) >= 0) {
            return true;
        }
        if (line.indexOf(TRAP_OID) >= 0) {
            return true;
        }
        return line.indexOf("event-type:") > 0
                && (line.indexOf("target-ip-addr-start:") >= 0 || line.indexOf("source-ip-addr-start:") >= 0);
    }
}
