package io.yagura.plugin.ibmgx;

/**
 * Cheap recognition of IBM Security Network IPS GX lines from unregistered sources: called for every
 * such line, so no regex and no full parse; must never throw and must not claim other vendors'
 * lines (the auto-detection test feeds it every family's samples).
 */
final class IbmGxProbe {

    /** The tag that starts this format's message (replace with the vendor's real marker). */
    static final String MARKER = "IBMGX: ";

    private IbmGxProbe() {
    }

    static boolean probe(String line) {
        if (line == null) {
            return false;
        }
        int at = line.indexOf(MARKER);
        // the marker sits right after the syslog header, well within the first 200 characters
        return at >= 0 && at < 200;
    }
}
