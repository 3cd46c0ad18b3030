package io.yagura.plugin.suricata;

/**
 * Cheap recognition of Suricata and Snort lines from unregistered sources; no regex, no full parse,
 * never throws:
 * <ul>
 *   <li>EVE JSON: an object opening near the start ({@code {"}) with the keys {@code "event_type"} and
 *       one of {@code "src_ip"}, {@code "flow_id"}, {@code "stats"}, {@code "engine"};</li>
 *   <li>fast/syslog alerts: the rule token {@code [gid:sid:rev]} near the start, preceded by
 *       {@code [**]} (fast.log) or by a {@code snort}/{@code suricata} syslog tag (alert_syslog), and
 *       followed by {@code [Priority: }, {@code [Classification: } or {@code [**]}. Sourcefire/Firepower
 *       "SFIMS:" lines, which carry the same token without either, are not claimed.</li>
 * </ul>
 */
final class SuricataProbe {

    /** The JSON object opens right after the syslog header and tag. */
    private static final int JSON_WINDOW = 200;
    /** The rule token follows the time, action and [**] or the syslog header and tag. */
    private static final int TOKEN_WINDOW = 400;

    private SuricataProbe() {
    }

    static boolean probe(String line) {
        if (line == null || line.length() < 16) {
            return false;
        }
        return isEve(line) || isAlert(line);
    }

    private static boolean isEve(String line) {
        int brace = line.indexOf('{');
        if (brace < 0 || brace > JSON_WINDOW) {
            return false;
        }
        int q = brace + 1;
        while (q < line.length() && line.charAt(q) == ' ') {
            q++;
        }
        if (q >= line.length() || line.charAt(q) != '"') {
            return false;
        }
        return line.indexOf("\"event_type\"", brace) > 0
                && (line.indexOf("\"src_ip\"", brace) > 0 || line.indexOf("\"flow_id\"", brace) > 0
                || line.indexOf("\"stats\"", brace) > 0 || line.indexOf("\"engine\"", brace) > 0);
    }

    private static boolean isAlert(String line) {
        int token = FastAlerts.ruleToken(line, Math.min(line.length(), TOKEN_WINDOW));
        if (token < 0) {
            return false;
        }
        boolean fast = token >= 5 && line.startsWith("[**]", token - 5);
        if (!fast && !tagged(line, token)) {
            return false;
        }
        return line.indexOf("[Priority: ", token) > 0 || line.indexOf("[Classification: ", token) > 0
                || line.indexOf("[**]", token) > 0;
    }

    /** "snort" or "suricata" (any case) before the token: the alert_syslog tag. */
    private static boolean tagged(String line, int before) {
        for (int i = 0; i + 5 <= before; i++) {
            char c = line.charAt(i);
            if ((c == 's' || c == 'S') && (line.regionMatches(true, i, "snort", 0, 5)
                    || line.regionMatches(true, i, "suricata", 0, 8))) {
                return true;
            }
        }
        return false;
    }
}
