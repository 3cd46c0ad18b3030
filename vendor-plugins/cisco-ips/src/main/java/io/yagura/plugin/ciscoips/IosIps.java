package io.yagura.plugin.ciscoips;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.net.Addresses;
import io.yagura.format.net.Numbers;
import io.yagura.format.parser.Events;
import io.yagura.format.parser.Line;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.regex.Pattern;

/**
 * The syslog form of Cisco IOS IPS (and of the older IOS Firewall IDS, {@code ip audit}):
 * <pre>
 * [seq: ][host: ][*|.]Mmm dd [yyyy ]hh:mm:ss[.mmm][ ZONE]: %IPS-4-SIGNATURE: Sig:3051 Subsig:1 Sev:4 TCP Connection Window Size DoS [192.0.2.1:1234 -> 203.0.113.5:80][ VRF:NONE RiskRating:100]
 * %IDS-4-ICMP_ECHO_SIG: Sig:2004:ICMP Echo Request - from 192.0.2.1 to 203.0.113.5
 * </pre>
 * The line does not say whether the router dropped the packet, so the verdict is alert. The
 * router's own timestamp is used when its clock is authoritative (no leading {@code *}); a
 * {@code *} marks an unset clock, and the syslog header time is used then. Other {@code %IPS-}
 * messages (engine builds, signature loading, errors) are housekeeping and ignored.
 */
final class IosIps {

    static final String IPS_MARKER = "%IPS-";
    static final String IDS_MARKER = "%IDS-";
    private static final String SIGNATURE = "SIGNATURE";
    private static final Pattern SPACES = Pattern.compile(" +");
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private IosIps() {
    }

    /** Index of the %IPS-/%IDS- mnemonic in the body, or -1. */
    static int marker(String body) {
        int at = body.indexOf(IPS_MARKER);
        return at >= 0 ? at : body.indexOf(IDS_MARKER);
    }

    static ParseResult parse(Line line, String body, int at) {
        // %FAC-SEV-MNEMONIC: text
        int sevDash = body.indexOf('-', at + 1);
        int mnemonicDash = sevDash < 0 ? -1 : body.indexOf('-', sevDash + 1);
        int colon = mnemonicDash < 0 ? -1 : body.indexOf(':', mnemonicDash + 1);
        if (colon < 0 || mnemonicDash != sevDash + 2 || body.charAt(sevDash + 1) < '0' || body.charAt(sevDash + 1) > '7') {
            return ParseResult.rejected("expected %IPS-<level>-<MNEMONIC>: after the IOS header");
        }
        boolean ids = body.startsWith(IDS_MARKER, at);
        String mnemonic = body.substring(mnemonicDash + 1, colon);
        String text = body.substring(colon + 1).strip();
        if (ids) {
            if (!mnemonic.endsWith("_SIG")) {
                return ParseResult.ignored("IOS IDS " + mnemonic + ": housekeeping, no attack");
            }
            return idsSignature(line, body.substring(0, at), mnemonic, text);
        }
        if (!mnemonic.equals(SIGNATURE)) {
            return ParseResult.ignored("IOS IPS " + mnemonic + ": engine or signature housekeeping, no attack");
        }
        return ipsSignature(line, body.substring(0, at), text);
    }

    /** {@code Sig:3051 Subsig:1 Sev:4 Name words [a:p -> b:p] VRF:x RiskRating:n}. */
    private static ParseResult ipsSignature(Line line, String prefix, String text) {
        if (!text.startsWith("Sig:")) {
            return ParseResult.rejected("IOS IPS SIGNATURE without 'Sig:<id>'");
        }
        int sigEnd = digitsEnd(text, 4);
        String sig = text.substring(4, sigEnd);
        if (sig.isEmpty()) {
            return ParseResult.rejected("IOS IPS SIGNATURE: 'Sig:' without a number");
        }
        int p = skipSpaces(text, sigEnd);
        String subsig = null;
        if (text.startsWith("Subsig:", p)) {
            int end = digitsEnd(text, p + 7);
            subsig = text.substring(p + 7, end);
            p = skipSpaces(text, end);
        }
        String sev = null;
        if (text.startsWith("Sev:", p)) {
            int end = digitsEnd(text, p + 4);
            sev = text.substring(p + 4, end);
            p = skipSpaces(text, end);
        }
        int open = text.lastIndexOf(" [");
        int arrow = open < 0 ? -1 : text.indexOf(" -> ", open);
        int close = arrow < 0 ? -1 : text.indexOf(']', arrow);
        if (close < 0 || open < p) {
            return ParseResult.rejected("IOS IPS SIGNATURE without '[attacker:port -> target:port]'");
        }
        String name = text.substring(p, open).strip();
        SecurityEvent e = alert(line, prefix, sig, name);
        e.set(IdsAlerts.VENDOR + "subsig_id", Numbers.number(subsig));
        Long level = Numbers.number(sev);
        if (level != null) {
            String word = Severities.word(level);
            e.set(Ecs.EVENT_SEVERITY, level);
            e.set(Ecs.YAGURA_VENDOR_SEVERITY, sev);
            e.set(Ecs.LOG_LEVEL, word);
            if (word.equals("informational")) {
                Events.types(e, Ecs.TYPE_INFO);
            }
        }
        String from = text.substring(open + 2, arrow).strip();
        String to = text.substring(arrow + 4, close).strip();
        boolean portless = endpointPort(from).equals("0") && endpointPort(to).equals("0");
        endpoint(e, from, Ecs.SOURCE_IP, Ecs.SOURCE_PORT, portless);
        endpoint(e, to, Ecs.DESTINATION_IP, Ecs.DESTINATION_PORT, portless);
        if (!e.has(Ecs.SOURCE_IP) || !e.has(Ecs.DESTINATION_IP)) {
            return ParseResult.rejected("IOS IPS SIGNATURE: addresses in '[" + from + " -> " + to + "]' unreadable");
        }
        // optional trailer of the 5.x format: VRF:name RiskRating:n
        for (String token : text.substring(close + 1).strip().split(" ")) {
            if (token.startsWith("VRF:")) {
                String vrf = Events.value(token.substring(4));
                e.set(IdsAlerts.VENDOR + "vrf", vrf == null || vrf.equalsIgnoreCase("NONE") ? null : vrf);
            } else if (token.startsWith("RiskRating:")) {
                e.set("event.risk_score", Numbers.number(token.substring(11)));
            }
        }
        return ParseResult.parsed(e);
    }

    /** {@code Sig:2004:ICMP Echo Request - from 192.0.2.1 to 203.0.113.5}. */
    private static ParseResult idsSignature(Line line, String prefix, String mnemonic, String text) {
        if (!text.startsWith("Sig:")) {
            return ParseResult.rejected("IOS IDS " + mnemonic + " without 'Sig:<id>:'");
        }
        int sigEnd = digitsEnd(text, 4);
        int from = text.lastIndexOf(" - from ");
        int to = from < 0 ? -1 : text.indexOf(" to ", from + 8);
        if (sigEnd == 4 || sigEnd >= text.length() || text.charAt(sigEnd) != ':' || to < 0) {
            return ParseResult.rejected("IOS IDS " + mnemonic + ": expected 'Sig:<id>:<name> - from <address> to <address>'");
        }
        SecurityEvent e = alert(line, prefix, text.substring(4, sigEnd), text.substring(sigEnd + 1, from).strip());
        Events.address(e, Ecs.SOURCE_IP, Addresses.clean(text.substring(from + 8, to)));
        String dst = text.substring(to + 4).strip();
        int space = dst.indexOf(' ');
        Events.address(e, Ecs.DESTINATION_IP, Addresses.clean(space < 0 ? dst : dst.substring(0, space)));
        if (!e.has(Ecs.SOURCE_IP) || !e.has(Ecs.DESTINATION_IP)) {
            return ParseResult.rejected("IOS IDS " + mnemonic + ": addresses unreadable");
        }
        return ParseResult.parsed(e);
    }

    private static SecurityEvent alert(Line line, String prefix, String sig, String name) {
        SecurityEvent e = line.newEvent(CiscoIpsParser.OBSERVER);
        e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
        Events.verdict(e, Ecs.ACTION_ALERT, Ecs.OUTCOME_UNKNOWN, Ecs.CATEGORY_IDS);
        e.set(Ecs.RULE_ID, sig);
        e.set(Ecs.RULE_NAME, Events.value(name));
        Events.vulnerabilities(e, name);
        iosPrefix(line, prefix, e);
        return e;
    }

    /**
     * What IOS writes before the mnemonic, each part ending in ": ": a sequence number
     * ({@code service sequence-numbers}), the host name ({@code logging origin-id}), the timestamp.
     */
    private static void iosPrefix(Line line, String prefix, SecurityEvent e) {
        int p = 0;
        while (p < prefix.length()) {
            int end = prefix.indexOf(": ", p);
            if (end < 0) {
                end = prefix.length();
            }
            String part = prefix.substring(p, end).strip();
            p = end + 2;
            if (part.isEmpty()) {
                continue;
            }
            if (Numbers.isDigits(part)) {
                e.set("event.sequence", Numbers.number(part));
            } else if (part.charAt(0) == '*' || part.charAt(0) == '.' || month(part) >= 0) {
                if (part.charAt(0) != '*') { // '*': the router's clock is not set: keep the header time
                    Instant t = iosTime(part.charAt(0) == '.' ? part.substring(1) : part, line);
                    if (t != null) {
                        e.timestamp(t);
                    }
                }
            } else if (part.indexOf(' ') < 0 && !e.has(Ecs.OBSERVER_HOSTNAME)) {
                e.set(Ecs.OBSERVER_HOSTNAME, part);
            }
        }
    }

    /**
     * {@code Mmm dd [yyyy ]hh:mm:ss[.fff][ ZONE]} ({@code service timestamps log datetime [msec]
     * [year] [localtime] [show-timezone]}). Without a year, the year of the receive time in the
     * device zone (the previous one when that would put the line in the future); a zone other
     * than UTC/GMT is taken to be the device's zone. Null when unreadable (uptime stamps).
     */
    static Instant iosTime(String text, Line line) {
        String[] f = SPACES.split(text.strip());
        if (f.length < 3) {
            return null;
        }
        int month = month(f[0]);
        Long day = Numbers.number(f[1]);
        int i = 2;
        Long year = null;
        if (f[2].length() == 4 && Numbers.isDigits(f[2])) {
            year = Numbers.number(f[2]);
            i = 3;
        }
        if (month < 0 || day == null || i >= f.length) {
            return null;
        }
        String[] hms = f[i].split(":");
        if (hms.length != 3) {
            return null;
        }
        int dot = hms[2].indexOf('.');
        Long h = Numbers.number(hms[0]);
        Long m = Numbers.number(hms[1]);
        Long s = Numbers.number(dot < 0 ? hms[2] : hms[2].substring(0, dot));
        String frac = dot < 0 ? "" : hms[2].substring(dot + 1);
        if (h == null || m == null || s == null || (!frac.isEmpty() && (!Numbers.isDigits(frac) || frac.length() > 9))) {
            return null;
        }
        int nanos = frac.isEmpty() ? 0 : Integer.parseInt((frac + "000000000").substring(0, 9));
        String zoneName = i + 1 < f.length ? f[i + 1] : null;
        ZoneId zone = zoneName != null && (zoneName.equals("UTC") || zoneName.equals("GMT")) ? ZoneOffset.UTC
                : line.context().zone();
        Instant received = Instant.ofEpochMilli(line.envelope().receivedAt());
        try {
            int y = year != null ? year.intValue() : received.atZone(zone).getYear();
            ZonedDateTime t = LocalDateTime.of(y, month + 1, day.intValue(), h.intValue(), m.intValue(), s.intValue(), nanos)
                    .atZone(zone);
            if (year == null && t.toInstant().isAfter(received.plusSeconds(86_400))) {
                t = t.minusYears(1);
            }
            return t.toInstant();
        } catch (DateTimeException impossible) {
            return null;
        }
    }

    private static int month(String word) {
        if (word.length() < 3) {
            return -1;
        }
        for (int i = 0; i < MONTHS.length; i++) {
            if (word.startsWith(MONTHS[i]) && (word.length() == 3 || word.charAt(3) == ' ')) {
                return i;
            }
        }
        return -1;
    }

    private static String endpointPort(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        return colon < 0 ? "" : hostPort.substring(colon + 1);
    }

    /** {@code 192.0.2.1:1234}; a port 0 on both sides means no ports (ICMP, IP-level signatures). */
    private static void endpoint(SecurityEvent e, String hostPort, String ipField, String portField, boolean portless) {
        int colon = hostPort.lastIndexOf(':');
        String host = colon < 0 ? hostPort : hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (!Events.address(e, ipField, host)) {
            Events.address(e, ipField, hostPort); // an IPv6 address without a port
            return;
        }
        if (!portless && colon > 0) {
            Events.port(e, portField, hostPort.substring(colon + 1));
        }
    }

    private static int digitsEnd(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - from < 10) {
            i++;
        }
        return i;
    }

    private static int skipSpaces(String s, int from) {
        int i = from;
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }
}
