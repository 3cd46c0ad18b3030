package io.yagura.plugin.ibmgx;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.kv.KeyValues;
import io.yagura.format.leef.Leef;
import io.yagura.format.leef.LeefRecord;
import io.yagura.format.parser.GuardedParser;
import io.yagura.format.parser.Line;
import io.yagura.format.parser.Observer;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads IBM Security Network IPS (GX4004/GX5008/GX5108/GX6116/GX7412/GX7800, firmware 4.x;
 * Proventia Network IPS G/GX before it) events in the forms IBM documents for sending them off
 * the appliance:
 * <ul>
 *   <li>LEEF log forwarding ({@code LEEF:1.0|IBM|NIPS|<version>|<event name>|cat=Attack<TAB>devTime=...
 *       <TAB>proto=...<TAB>sev=...<TAB>src=...<TAB>dst=...<TAB>srcPort=...<TAB>dstPort=...<TAB>status=...});</li>
 *   <li>the SNMP response's trap (ISS MIB, enterprise 2499: variables 1.3.6.1.4.1.2499.1.1.2.1.1.1.1.N.0 =
 *       1 event name, 2 time, 3 protocol, 4 source address, 5 destination address, 6 ICMP type,
 *       7 ICMP code, 8 source port, 9 destination port, 10 response (action) list, 11 event attributes)
 *       as a trap receiver writes it on one line;</li>
 *   <li>the event attribute list alone ({@code Protocol Name:TCP; target-ip-addr-start:...; :URL:...;
 *       event-type:Attack;}), as trap forwarders pass variable 11 on.</li>
 * </ul>
 * Only one public sample line exists (an attribute list); the rest is built from IBM's documented
 * event fields. See docs/vendors/ibm-gx.md.
 */
final class IbmGxParser extends GuardedParser {

    static final Observer OBSERVER = new Observer("IBM", "Security Network IPS GX", "ips");

    /** LEEF attributes written with blanks instead of tabs (some relays replace tabs). */
    private static final KeyValues BLANK_ATTRIBUTES = KeyValues.syntax().spacesInValues().build();

    /** Normalised key (lower case, letters and digits) → canonical field. */
    private static final Map<String, String> ALIASES = new HashMap<>();

    static {
        alias("name", "tagname", "eventname", "signame", "signaturename", "name", "attackname");
        alias("issueid", "issueid", "algorithmid", "sigid", "signatureid", "eventid");
        alias("severity", "sev", "severity", "priority");
        alias("time", "devtime", "time", "eventtime", "date");
        alias("proto", "proto", "protocol", "protocolname");
        alias("srcip", "src", "srcip", "sourceip", "intruderip", "sourceipaddrstart", "intruderipaddrstart", "srcaddr");
        alias("dstip", "dst", "dstip", "targetip", "victimip", "destinationip", "targetipaddrstart", "victimipaddrstart",
                "dstaddr");
        alias("srcport", "srcport", "sourceport", "intruderport");
        alias("dstport", "dstport", "targetport", "destinationport", "victimport");
        alias("response", "status", "response", "responses", "responselist", "action", "actions", "actionlist");
        alias("adapter", "adapter", "interface");
        alias("sensor", "sensor", "sensorname", "agentname");
        alias("object", "objectname");
        alias("objecttype", "objecttype");
        alias("xpu", "xpu");
        alias("cve", "cve", "cveid", "vuln", "vulnerability", "vulnid");
        alias("url", "url");
        alias("user", "usrname", "user", "username");
        alias("cat", "cat", "eventtype", "category");
        alias("httpstatus", "code", "httpcode");
        alias("icmptype", "icmptype");
        alias("icmpcode", "icmpcode");
        alias("targethost", "hostname", "targethost", "targetname");
    }

    private static final String[] TRAP_FIELDS = {null, "name", "time", "proto", "srcip", "dstip", "icmptype",
        "icmpcode", "srcport", "dstport", "response", "attributes"};

    private static void alias(String canonical, String... keys) {
        for (String k : keys) {
            ALIASES.putIfAbsent(k, canonical);
        }
    }

    @Override
    protected ParseResult parseLine(Line line) {
        // rsyslog escapes control characters: a tab arrives as "#011"
        String text = line.text().indexOf("#011") >= 0 ? line.text().replace("#011", "\t") : line.text();
        Map<String, String> f;
        String form;
        int leef = Leef.indexOf(text);
        if (leef >= 0) {
            Optional<LeefRecord> record = Leef.parse(text.substring(leef));
            if (record.isEmpty()) {
                return ParseResult.rejected("truncated LEEF header: expected LEEF:1.0|IBM|NIPS|version|event name|attributes");
            }
            LeefRecord r = record.get();
            if (!r.vendor().trim().equalsIgnoreCase("IBM") || !isNips(r.product())) {
                return ParseResult.rejected("LEEF record of another product (" + clip(r.vendor()) + " " + clip(r.product())
                        + "): expected IBM NIPS");
            }
            f = leef(r, text.substring(leef));
            form = "leef";
        } else if (text.indexOf(IbmGxProbe.TRAP_OID) >= 0) {
            f = trap(text);
            form = "snmp";
        } else if (text.indexOf("event-type:") >= 0 || text.indexOf("-ip-addr-start:") >= 0) {
            f = attributes(line.body());
            form = "attributes";
        } else {
            return ParseResult.rejected("not an IBM Network IPS event: expected LEEF:1.0|IBM|NIPS|..., the IPS event trap"
                    + " (1.3.6.1.4.1.2499.1.1.2.1.1.1.1.N) or its attribute list (...-ip-addr-start:...; event-type:...)");
        }
        if (f.get("name") == null && f.get("srcip") == null && f.get("dstip") == null) {
            return ParseResult.rejected("IBM Network IPS event without an event name or an address");
        }
        SecurityEvent e = line.newEvent(OBSERVER);
        return GxEvents.map(e, f, form, line.context().zone());
    }

    private static boolean isNips(String product) {
        String p = product.trim().toLowerCase(java.util.Locale.ROOT);
        return p.equals("nips") || p.contains("network ips") || p.contains("proventia") || p.contains("network intrusion");
    }

    /** The LEEF attributes under canonical names; the event name from the header's EventID. */
    private static Map<String, String> leef(LeefRecord r, String text) {
        Map<String, String> raw = r.attributes();
        if (raw.size() <= 1 && text.indexOf('\t') < 0) {
            int cut = 0;
            for (int bars = 0; bars < 5 && cut >= 0; bars++) {
                cut = text.indexOf('|', cut + 1);
            }
            raw = cut > 0 ? BLANK_ATTRIBUTES.parse(text.substring(cut + 1)) : raw;
        }
        Map<String, String> f = canonical(raw);
        f.putIfAbsent("name", r.eventId().trim());
        f.put("version", r.productVersion().trim());
        return f;
    }

    /**
     * A trap written as a line: each variable {@code ...2499.1.1.2.1.1.1.1.N.0 = [TYPE: ]value}, up to
     * the next variable (net-snmp's {@code snmptrapd}, with or without MIB names, tabs or "#011").
     */
    static Map<String, String> trap(String text) {
        Map<String, String> f = new HashMap<>();
        agent(text, f);
        int from = 0;
        while (true) {
            int at = text.indexOf(IbmGxProbe.TRAP_OID, from);
            if (at < 0) {
                break;
            }
            int i = at + IbmGxProbe.TRAP_OID.length();
            int n = 0;
            while (i < text.length() && Character.isDigit(text.charAt(i)) && n < 100) {
                n = n * 10 + (text.charAt(i) - '0');
                i++;
            }
            if (i + 1 < text.length() && text.charAt(i) == '.' && text.charAt(i + 1) == '0') {
                i += 2;
            }
            int next = text.indexOf(IbmGxProbe.TRAP_OID, i);
            int end = next < 0 ? text.length() : startOfToken(text, next);
            String value = trapValue(text.substring(Math.min(i, end), end));
            if (n > 0 && n < TRAP_FIELDS.length && value != null) {
                if (n == 11) {
                    attributesInto(value, f);
                } else {
                    f.putIfAbsent(TRAP_FIELDS[n], value);
                }
            }
            from = i;
        }
        return f;
    }

    /**
     * snmptrapd's default line names the agent that sent the trap, the sensor: {@code <host>
     * [UDP: [192.0.2.5]:1037->[198.51.100.20]:162]:} ({@code %B [%b]}).
     */
    private static void agent(String text, Map<String, String> f) {
        int at = text.indexOf(" [UDP: [");
        if (at < 0) {
            at = text.indexOf(" [TCP: [");
        }
        if (at <= 0) {
            return;
        }
        int hostStart = text.lastIndexOf(' ', at - 1) + 1;
        String host = text.substring(hostStart, at);
        if (!host.isEmpty() && !host.startsWith("<") && !host.endsWith(":")) {
            f.put("sensor", host);
        }
        int addrStart = at + " [UDP: [".length();
        int addrEnd = text.indexOf(']', addrStart);
        if (addrEnd > addrStart && addrEnd - addrStart <= 45) {
            f.put("sensorip", text.substring(addrStart, addrEnd));
        }
    }

    /** Back from an OID to the start of its token (its "iso.3.6.1.4.1." or "SNMPv2-SMI::enterprises." prefix). */
    private static int startOfToken(String text, int at) {
        int i = at;
        while (i > 0 && !Character.isWhitespace(text.charAt(i - 1)) && text.charAt(i - 1) != ',') {
            i--;
        }
        return i;
    }

    /** {@code = STRING: "HTTP_Apache_Chunked"}, {@code = IpAddress: 192.0.2.1}, {@code : 80}, {@code = 80}. */
    private static String trapValue(String raw) {
        String v = raw.trim();
        if (v.startsWith("=") || v.startsWith(":")) {
            v = v.substring(1).trim();
        }
        int colon = v.indexOf(": ");
        if (colon > 0 && colon < 20 && isTypeName(v.substring(0, colon))) {
            v = v.substring(colon + 2).trim();
        }
        while (v.endsWith(",") || v.endsWith("\t")) {
            v = v.substring(0, v.length() - 1).trim();
        }
        if (v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"') {
            v = v.substring(1, v.length() - 1);
        }
        return v;
    }

    private static boolean isTypeName(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.isLetter(c) || c == '-' || c == ' ')) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    /** {@code Host Name:; Protocol Name:TCP; target-ip-addr-start:192.0.2.1; :URL:/x; event-type:Attack;}. */
    static Map<String, String> attributes(String text) {
        Map<String, String> f = new HashMap<>();
        attributesInto(text, f);
        return f;
    }

    private static void attributesInto(String text, Map<String, String> f) {
        int start = 0;
        int n = text.length();
        for (int i = 0; i <= n; i++) {
            if (i == n || text.charAt(i) == ';') {
                String piece = text.substring(start, i).trim();
                if (piece.startsWith(":")) {
                    piece = piece.substring(1); // ":URL:/x": an attribute of the event's protocol analysis
                }
                int colon = piece.indexOf(':');
                if (colon > 0) {
                    String key = piece.substring(0, colon).trim();
                    String value = piece.substring(colon + 1).trim();
                    String c = ALIASES.get(normalise(key));
                    if (c != null && !value.isEmpty()) {
                        f.putIfAbsent(c, value);
                    }
                }
                start = i + 1;
            }
        }
    }

    private static Map<String, String> canonical(Map<String, String> raw) {
        Map<String, String> f = new HashMap<>();
        for (Map.Entry<String, String> x : raw.entrySet()) {
            String c = ALIASES.get(normalise(x.getKey()));
            if (c != null && x.getValue() != null && !x.getValue().isBlank()) {
                f.putIfAbsent(c, x.getValue().trim());
            }
        }
        return f;
    }

    static String normalise(String key) {
        StringBuilder b = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                b.append(Character.toLowerCase(c));
            }
        }
        return b.toString();
    }

    static String clip(String s) {
        String t = s == null ? "" : s.trim();
        return t.length() > 40 ? t.substring(0, 40) + "..." : t;
    }
}
