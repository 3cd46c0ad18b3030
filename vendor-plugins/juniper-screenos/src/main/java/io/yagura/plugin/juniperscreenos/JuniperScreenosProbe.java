package io.yagura.plugin.juniperscreenos;

/**
 * Cheap recognition of ScreenOS lines from unregistered sources: "NetScreen device_id=" (any case)
 * near the start, or the event-log form "[nnnnn] yyyy-mm-dd hh:mm:ss [vsys]system-". No regex, no
 * allocation; never throws.
 */
final class JuniperScreenosProbe {

    static final String MARKER = "device_id=";

    /** The marker sits right after the syslog header (and a relay's), well within this many characters. */
    static final int SCAN_LIMIT = 200;

    private JuniperScreenosProbe() {
    }

    static boolean probe(String line) {
        if (line == null || line.length() < 20) {
            return false;
        }
        int at = ScreenosMessage.indexOfIgnoreCase(line, MARKER, SCAN_LIMIT);
        if (at >= 10 && line.regionMatches(true, at - 10, "NetScreen ", 0, 10)) {
            return true;
        }
        // event-log form: "[00001] 2007-04-01 15:32:00 [Root]system-critical-00031: ..."
        if (line.charAt(0) != '[') {
            return false;
        }
        int close = line.indexOf(']');
        if (close < 2 || close > 8 || line.length() < close + 30 || line.charAt(close + 1) != ' '
                || line.charAt(close + 6) != '-' || line.charAt(close + 9) != '-' || line.charAt(close + 12) != ' ') {
            return false;
        }
        int sys = line.indexOf("system-", close + 21);
        return sys > 0 && sys < close + 60;
    }
}
