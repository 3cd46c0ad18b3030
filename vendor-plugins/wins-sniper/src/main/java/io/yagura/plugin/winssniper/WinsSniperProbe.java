package io.yagura.plugin.winssniper;

/**
 * Cheap recognition of WINS SniperIPS lines from unregistered sources: the sensor bracket
 * {@code [SNIPER-} and a digit near the start, followed by a {@code [Key=} field. No regex, never throws.
 */
final class WinsSniperProbe {

    private static final int WINDOW = 256;

    private WinsSniperProbe() {
    }

    static boolean probe(String line) {
        if (line == null) {
            return false;
        }
        int at = line.indexOf(WinsSniperParser.MARKER);
        if (at < 0 || at > WINDOW) {
            return false;
        }
        int d = at + WinsSniperParser.MARKER.length();
        if (d >= line.length() || !Character.isDigit(line.charAt(d))) {
            return false;
        }
        int close = line.indexOf(']', d);
        return close > 0 && close < d + 24 && line.indexOf("=", close) > 0 && line.indexOf(" [", close) == close + 1;
    }
}
