package io.yagura.plugin.ciscoasa;

import java.util.Locale;
import java.util.Map;

/**
 * Address, port, protocol and duration helpers. All hand-written and side-effect free:
 * no {@code InetAddress} (it may resolve names), no exceptions escape.
 */
final class Net {

    /** IANA protocol numbers ASA prints as "protocol 47" and the like, as ECS network.transport. */
    private static final Map<String, String> PROTOCOL_NUMBERS = Map.ofEntries(
            Map.entry("1", "icmp"), Map.entry("2", "igmp"), Map.entry("4", "ipv4"),
            Map.entry("6", "tcp"), Map.entry("17", "udp"), Map.entry("41", "ipv6"),
            Map.entry("47", "gre"), Map.entry("50", "esp"), Map.entry("51", "ah"),
            Map.entry("58", "ipv6-icmp"), Map.entry("88", "eigrp"), Map.entry("89", "ospf"),
            Map.entry("103", "pim"), Map.entry("112", "vrrp"), Map.entry("132", "sctp"));

    /** Port names ASA prints instead of numbers ("to outside:192.0.2.1/ssh"). */
    private static final Map<String, Long> SERVICES = Map.ofEntries(
            Map.entry("echo", 7L), Map.entry("discard", 9L), Map.entry("daytime", 13L),
            Map.entry("chargen", 19L), Map.entry("ftp-data", 20L), Map.entry("ftp", 21L),
            Map.entry("ssh", 22L), Map.entry("telnet", 23L), Map.entry("smtp", 25L),
            Map.entry("whois", 43L), Map.entry("tacacs", 49L), Map.entry("domain", 53L),
            Map.entry("bootps", 67L), Map.entry("bootpc", 68L), Map.entry("tftp", 69L),
            Map.entry("gopher", 70L), Map.entry("finger", 79L), Map.entry("http", 80L),
            Map.entry("www", 80L), Map.entry("kerberos", 88L), Map.entry("pop2", 109L),
            Map.entry("pop3", 110L), Map.entry("sunrpc", 111L), Map.entry("ident", 113L),
            Map.entry("nntp", 119L), Map.entry("ntp", 123L), Map.entry("netbios-ns", 137L),
            Map.entry("netbios-dgm", 138L), Map.entry("netbios-ssn", 139L), Map.entry("imap4", 143L),
            Map.entry("snmp", 161L), Map.entry("snmptrap", 162L), Map.entry("xdmcp", 177L),
            Map.entry("bgp", 179L), Map.entry("irc", 194L), Map.entry("ldap", 389L),
            Map.entry("https", 443L), Map.entry("isakmp", 500L), Map.entry("biff", 512L),
            Map.entry("exec", 512L), Map.entry("login", 513L), Map.entry("who", 513L),
            Map.entry("cmd", 514L), Map.entry("rsh", 514L), Map.entry("syslog", 514L),
            Map.entry("lpd", 515L), Map.entry("talk", 517L), Map.entry("rip", 520L),
            Map.entry("uucp", 540L), Map.entry("klogin", 543L), Map.entry("kshell", 544L),
            Map.entry("rtsp", 554L), Map.entry("ldaps", 636L), Map.entry("lotusnotes", 1352L),
            Map.entry("citrix-ica", 1494L), Map.entry("sqlnet", 1521L), Map.entry("radius", 1645L),
            Map.entry("radius-acct", 1646L), Map.entry("h323", 1720L), Map.entry("pptp", 1723L),
            Map.entry("nfs", 2049L), Map.entry("ctiqbe", 2748L), Map.entry("cifs", 3020L),
            Map.entry("sip", 5060L), Map.entry("aol", 5190L), Map.entry("pcanywhere-data", 5631L));

    private Net() {
    }

    /** ECS network.transport for an ASA protocol word or "protocol NN"; lower case. */
    static String transport(String protocol) {
        if (protocol == null || protocol.isBlank()) {
            return null;
        }
        String t = protocol.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("protocol ")) {
            t = t.substring("protocol ".length()).trim();
        }
        if (isDigits(t)) {
            return PROTOCOL_NUMBERS.getOrDefault(t, t);
        }
        return switch (t) {
            case "icmp6", "icmpv6", "ipv6-icmp" -> "ipv6-icmp";
            default -> t;
        };
    }

    /** Transports whose "ports" in ASA messages are ICMP ids/types or GRE call ids, not ports. */
    static boolean portless(String transport) {
        return transport != null && switch (transport) {
            case "icmp", "ipv6-icmp", "gre", "esp", "ah", "igmp", "pim", "ospf", "eigrp", "vrrp" -> true;
            default -> false;
        };
    }

    /** Port number 0-65535 from digits or an ASA service name; null otherwise. */
    static Long port(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (isDigits(text)) {
            if (text.length() > 5) {
                return null;
            }
            long v = Long.parseLong(text);
            return v <= 65_535 ? v : null;
        }
        return SERVICES.get(text.toLowerCase(Locale.ROOT));
    }

    /** True when a port token is a service name ("ssh"), which then names the application protocol. */
    static boolean isServiceName(String text) {
        return text != null && !text.isEmpty() && !isDigits(text)
                && SERVICES.containsKey(text.toLowerCase(Locale.ROOT));
    }

    /** Strips sentence punctuation glued to an address token ("10.0.0.1." / "10.0.0.1:" / "10.0.0.1,"). */
    static String cleanAddress(String a) {
        if (a == null) {
            return null;
        }
        String s = a.trim();
        while (!s.isEmpty()) {
            char last = s.charAt(s.length() - 1);
            if (last == '.' || last == ',' || last == ';') {
                s = s.substring(0, s.length() - 1);
            } else if (last == ':' && !isIp(s) && s.length() > 1) {
                s = s.substring(0, s.length() - 1); // "10.0.0.1:" but not an IPv6 "2001:db8::"
            } else {
                break;
            }
        }
        return s;
    }

    static boolean isIp(String s) {
        return isIpv4(s) || isIpv6(s);
    }

    static boolean isIpv4(String s) {
        if (s == null) {
            return false;
        }
        int n = s.length();
        if (n < 7 || n > 15) {
            return false;
        }
        int octets = 0;
        int i = 0;
        while (i < n) {
            int start = i;
            int value = 0;
            while (i < n && isDigit(s.charAt(i)) && i - start < 3) {
                value = value * 10 + (s.charAt(i) - '0');
                i++;
            }
            if (i == start || value > 255) {
                return false;
            }
            octets++;
            if (i == n) {
                break;
            }
            if (s.charAt(i) != '.' || octets == 4) {
                return false;
            }
            i++;
            if (i == n) {
                return false;
            }
        }
        return octets == 4;
    }

    static boolean isIpv6(String s) {
        if (s == null) {
            return false;
        }
        int pct = s.indexOf('%');
        if (pct == 0 || pct == s.length() - 1) {
            return false;
        }
        String a = pct > 0 ? s.substring(0, pct) : s;
        int n = a.length();
        if (n < 2 || n > 45 || a.indexOf(':') < 0) {
            return false;
        }
        int groups = 0;
        boolean compressed = false;
        int i = 0;
        if (a.startsWith("::")) {
            compressed = true;
            i = 2;
            if (n == 2) {
                return true;
            }
        } else if (a.charAt(0) == ':') {
            return false;
        }
        while (i < n) {
            int start = i;
            while (i < n && isHex(a.charAt(i)) && i - start <= 4) {
                i++;
            }
            if (i < n && a.charAt(i) == '.') {
                // embedded IPv4 in the last 32 bits
                if (!isIpv4(a.substring(start))) {
                    return false;
                }
                groups += 2;
                break;
            }
            int len = i - start;
            if (len == 0 || len > 4) {
                return false;
            }
            groups++;
            if (i == n) {
                break;
            }
            if (a.charAt(i) != ':') {
                return false;
            }
            i++;
            if (i < n && a.charAt(i) == ':') {
                if (compressed) {
                    return false;
                }
                compressed = true;
                i++;
            } else if (i == n) {
                return false;
            }
        }
        return compressed ? groups <= 7 : groups == 8;
    }

    /** A host name as ASA prints it with the "names" feature: letters, digits, '-', '_', '.'. */
    static boolean isHostName(String s) {
        if (s == null || s.isEmpty() || s.length() > 253) {
            return false;
        }
        boolean letter = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
                letter = true;
            } else if (!(isDigit(c) || c == '-' || c == '_' || c == '.')) {
                return false;
            }
        }
        return letter;
    }

    /**
     * ASA durations in nanoseconds (ECS event.duration): "0:00:32", "1:00:04" (h:mm:ss, also m:ss)
     * and the VPN form "12d 9h:11m:22s" / "0h:32m:16s". Null when unreadable.
     */
    static Long durationNanos(String text) {
        if (text == null) {
            return null;
        }
        String s = text.trim();
        while (s.endsWith(".") || s.endsWith(",")) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.isEmpty() || s.length() > 32) {
            return null;
        }
        long seconds = 0;
        boolean unitForm = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == 'd' || c == 'h' || c == 'm' || c == 's') {
                unitForm = true;
                break;
            }
        }
        if (unitForm) {
            int i = 0;
            while (i < s.length()) {
                int start = i;
                long v = 0;
                while (i < s.length() && isDigit(s.charAt(i))) {
                    v = v * 10 + (s.charAt(i) - '0');
                    i++;
                }
                if (i == start) {
                    char sep = s.charAt(i);
                    if (sep != ':' && sep != ' ') {
                        return null;
                    }
                    i++;
                    continue;
                }
                if (i == s.length()) {
                    return null;
                }
                long unit = switch (s.charAt(i)) {
                    case 'd' -> 86_400;
                    case 'h' -> 3_600;
                    case 'm' -> 60;
                    case 's' -> 1;
                    default -> -1;
                };
                if (unit < 0) {
                    return null;
                }
                seconds += v * unit;
                i++;
            }
        } else {
            String[] parts = s.split(":", -1);
            if (parts.length < 2 || parts.length > 3) {
                return null;
            }
            for (String part : parts) {
                if (!isDigits(part) || part.length() > 6) {
                    return null;
                }
                seconds = seconds * 60 + Long.parseLong(part);
            }
        }
        return seconds * 1_000_000_000L;
    }

    /** Number from digits (at most 18 of them), else null. */
    static Long number(String digits) {
        if (digits == null) {
            return null;
        }
        String d = digits.trim();
        if (d.startsWith("-") && d.length() > 1 && isDigits(d.substring(1)) && d.length() <= 19) {
            return Long.parseLong(d);
        }
        return isDigits(d) && d.length() <= 18 ? Long.parseLong(d) : null;
    }

    static boolean isDigits(String s) {
        if (s == null || s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isHex(char c) {
        return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }
}
