package io.yagura.plugin.juniperscreenos;

/**
 * Cheap recognition of Juniper ScreenOS lines from unregistered sources: called for every
 * such line, so no regex and no full parse; must never throw and must not claim other vendors'
 * lines (the auto-detection test feeds it every family's samples).
 */
final class JuniperScreenosProbe {

    /** The tag that starts this format's message (replace with the vendor's real marker). */
    static final String MARKER = "NetScreen: ";

    private JuniperScreenosProbe() {
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
