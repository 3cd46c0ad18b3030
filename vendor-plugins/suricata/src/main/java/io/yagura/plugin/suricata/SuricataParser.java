package io.yagura.plugin.suricata;

import io.yagura.api.plugin.ParseResult;
import io.yagura.format.parser.GuardedParser;
import io.yagura.format.parser.Line;
import io.yagura.format.parser.Observer;

/**
 * Reads Suricata's EVE JSON records ({@link EveRecords}) and the fast/syslog alert line Suricata and
 * Snort write ({@link FastAlerts}), with or without a syslog header in front. {@link GuardedParser}
 * has already rejected empty, oversized and binary lines, read the syslog header in the device's zone,
 * and turns any exception into a rejection.
 */
final class SuricataParser extends GuardedParser {

    static final Observer SURICATA = new Observer("OISF", "Suricata", "ids");
    static final Observer SNORT = new Observer("Cisco", "Snort", "ids");

    /** A syslog tag before the JSON ("suricata[1234]: {") is at most this long. */
    private static final int TAG_LIMIT = 96;

    /** EVE alerts with payload, packet or HTTP body logging exceed the default 64 KiB. */
    static final int MAX_CHARS = 256 * 1024;

    SuricataParser() {
        super(MAX_CHARS, false);
    }

    @Override
    protected ParseResult parseLine(Line line) {
        String body = line.body();
        int brace = jsonStart(body);
        if (brace >= 0) {
            return EveRecords.parse(line, body, brace);
        }
        return FastAlerts.parse(line, body);
    }

    /** Offset of the EVE object: the body starts with '{', or a syslog tag and ": {" come first. */
    static int jsonStart(String body) {
        int i = 0;
        int n = body.length();
        while (i < n && body.charAt(i) == ' ') {
            i++;
        }
        if (i < n && body.charAt(i) == '{') {
            return i;
        }
        int limit = Math.min(n - 2, i + TAG_LIMIT);
        for (int k = i; k < limit; k++) {
            char c = body.charAt(k);
            if (c == ':') {
                int j = k + 1;
                while (j < n && body.charAt(j) == ' ') {
                    j++;
                }
                return j < n && body.charAt(j) == '{' ? j : -1;
            }
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '/' || c == '['
                    || c == ']')) {
                return -1;
            }
        }
        return -1;
    }
}
