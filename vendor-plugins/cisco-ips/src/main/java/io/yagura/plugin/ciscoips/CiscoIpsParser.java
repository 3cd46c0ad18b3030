package io.yagura.plugin.ciscoips;

import io.yagura.api.plugin.ParseResult;
import io.yagura.format.parser.GuardedParser;
import io.yagura.format.parser.Line;
import io.yagura.format.parser.Observer;

/**
 * Reads Cisco IPS records: the CIDEE {@code evIdsAlert} elements the {@link SdeeConnector} pulls
 * from IPS 4200/4300/4500 sensors (one element per record, or a whole SDEE envelope), and the
 * syslog lines of Cisco IOS IPS ({@code %IPS-4-SIGNATURE}) and IOS Firewall IDS
 * ({@code %IDS-4-..._SIG}). Records may span lines (pretty-printed XML), so the guard allows
 * line breaks; XML is read without DTDs or entities ({@link SdeeXml}). See
 * docs/vendors/cisco-ips.md for the field mapping.
 */
final class CiscoIpsParser extends GuardedParser {

    static final Observer OBSERVER = new Observer("Cisco", "IPS", "ips");

    /** An alert with a verbose trigger packet stays far below this; a whole SDEE answer may not. */
    static final int MAX_CHARS = 256 * 1024;

    CiscoIpsParser() {
        super(MAX_CHARS, true);
    }

    @Override
    protected ParseResult parseLine(Line line) {
        String body = line.body();
        if (isXml(body)) {
            return IdsAlerts.parse(line, body);
        }
        int at = IosIps.marker(body);
        if (at >= 0 && at < 256) {
            return IosIps.parse(line, body, at);
        }
        return ParseResult.rejected("expected an SDEE <evIdsAlert> element or a Cisco IOS %IPS-/%IDS- syslog line");
    }

    /** An XML declaration, DOCTYPE or element start: '<' then a letter, '?' or '!' (a syslog PRI has a digit). */
    static boolean isXml(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        if (i + 1 >= s.length() || s.charAt(i) != '<') {
            return false;
        }
        char c = s.charAt(i + 1);
        return c == '?' || c == '!' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }
}
