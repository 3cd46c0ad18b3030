package io.yagura.plugin.junipersrx;

/**
 * Cheap recognition of Juniper SRX security logs from unregistered sources: the structured data of
 * Junos ({@code [junos@2636.} with Juniper's enterprise number, or the {@code junos@} SD-ID) or an event
 * name of the SRX security processes (RT_FLOW_SESSION_, RT_SCREEN_, IDP_ATTACK_LOG_EVENT, WEBFILTER_URL_,
 * AAMW_, SECINTEL_..., and RTLOG_ of the security-log daemon) followed by ':', ' [' or ' -' near the
 * start. No regex, no allocation; never throws. Junos system messages (mgd UI_*, cron) are generic syslog and are not claimed.
 */
final class JuniperSrxProbe {

    /** The markers sit right after the syslog header (and a relay's), well within this many characters. */
    static final int SCAN_LIMIT = 240;

    private static final String[] NAMES = {
        "RT_FLOW_SESSION_", "APPTRACK_SESSION_", "RT_SCREEN_", "IDP_ATTACK_LOG_EVENT", "IDP_APPDDOS_",
        "WEBFILTER_URL_", "AV_VIRUS_DETECTED", "ANTISPAM_SPAM_DETECTED", "CONTENT_FILTERING_BLOCKED",
        "AAMW_", "SECINTEL_ACTION_LOG", "FLOW_REASSEMBLE_", "RTLOG_"};

    private JuniperSrxProbe() {
    }

    static boolean probe(String line) {
        if (line == null || line.isEmpty()) {
            return false;
        }
        int limit = Math.min(line.length(), SCAN_LIMIT);
        int sd = line.indexOf("[junos@");
        if (sd >= 0 && sd < limit) {
            return true;
        }
        for (int i = 0; i < limit; i++) {
            char c = line.charAt(i);
            if ((c == 'R' || c == 'A' || c == 'I' || c == 'W' || c == 'C' || c == 'S' || c == 'F')
                    && (i == 0 || line.charAt(i - 1) == ' ')) {
                for (String name : NAMES) {
                    if (line.startsWith(name, i)) {
                        return followedByDelimiter(line, i + name.length());
                    }
                }
            }
        }
        return false;
    }

    /** The event name runs on in capitals, digits and '_' and ends with ':', " [" or " -". */
    private static boolean followedByDelimiter(String line, int from) {
        int i = from;
        while (i < line.length() && i - from < 40) {
            char c = line.charAt(i);
            if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_') {
                i++;
            } else {
                break;
            }
        }
        if (i >= line.length()) {
            return false;
        }
        char c = line.charAt(i);
        return c == ':' || (c == ' ' && i + 1 < line.length() && (line.charAt(i + 1) == '[' || line.charAt(i + 1) == '-'));
    }
}
