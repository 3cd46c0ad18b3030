package io.yagura.plugin.ciscoips;

/**
 * Cheap recognition of Cisco IPS records from unregistered sources: a Cisco IOS IPS or IOS IDS
 * mnemonic ({@code %IPS-4-SIGNATURE:}, {@code %IDS-4-ICMP_ECHO_SIG:}) near the start of a syslog
 * line, or a record whose first element is a CIDEE event ({@code <evIdsAlert}, {@code <sd:evIdsAlert},
 * {@code <evStatus}...) or an SDEE envelope in the CIDEE namespace. No regex, never throws, and
 * nothing other vendors write ({@code %ASA-}, {@code %FTD-} are other facilities).
 */
final class CiscoIpsProbe {

    /** CIDEE event elements a record may start with (the sd: prefix aside). */
    private static final String[] EVENTS = {"evIdsAlert", "evAlert", "evStatus", "evError", "evShunRqst", "evLogTransaction"};

    private CiscoIpsProbe() {
    }

    static boolean probe(String line) {
        if (line == null || line.isEmpty()) {
            return false;
        }
        int limit = Math.min(line.length(), 256);
        for (int at = line.indexOf('%'); at >= 0 && at < limit; at = line.indexOf('%', at + 1)) {
            if ((line.startsWith(IosIps.IPS_MARKER, at) || line.startsWith(IosIps.IDS_MARKER, at)) && mnemonic(line, at + 5)) {
                return true;
            }
        }
        return cideeElement(line, limit);
    }

    /**
     * The first element of the line (after an XML declaration) is a CIDEE event, or an SDEE
     * envelope in the CIDEE namespace.
     */
    private static boolean cideeElement(String line, int limit) {
        int lt = line.indexOf('<');
        while (lt >= 0 && lt + 1 < limit) {
            char c = line.charAt(lt + 1);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                int name = line.startsWith("sd:", lt + 1) ? lt + 4 : lt + 1;
                for (String ev : EVENTS) {
                    if (line.startsWith(ev, name) && boundary(line, name + ev.length())) {
                        return true;
                    }
                }
                return line.startsWith("env:Envelope", lt + 1) && boundary(line, lt + 13)
                        && line.indexOf("www.cisco.com/cids/") > 0;
            }
            lt = line.indexOf('<', lt + 1);
        }
        return false;
    }

    private static boolean boundary(String line, int at) {
        if (at >= line.length()) {
            return true;
        }
        char c = line.charAt(at);
        return c == ' ' || c == '>' || c == '/' || c == '\t' || c == '\n' || c == '\r';
    }

    /** After "%IPS-": a level digit, '-', an upper-case mnemonic and ':'. */
    private static boolean mnemonic(String line, int at) {
        if (at + 3 >= line.length() || line.charAt(at) < '0' || line.charAt(at) > '7' || line.charAt(at + 1) != '-') {
            return false;
        }
        int i = at + 2;
        int start = i;
        while (i < line.length() && i - start < 40) {
            char c = line.charAt(i);
            if (c == ':') {
                return i > start;
            }
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) {
                return false;
            }
            i++;
        }
        return false;
    }
}
