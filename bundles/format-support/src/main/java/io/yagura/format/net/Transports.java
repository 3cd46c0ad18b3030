package io.yagura.format.net;

import java.util.Locale;
import java.util.Map;

/** ECS {@code network.transport} from the protocol names and IANA numbers devices print. */
public final class Transports {

    private static final Map<String, String> PROTOCOL_NUMBERS = Map.ofEntries(
            Map.entry("1", "icmp"), Map.entry("2", "igmp"), Map.entry("4", "ipv4"),
            Map.entry("6", "tcp"), Map.entry("17", "udp"), Map.entry("41", "ipv6"),
            Map.entry("47", "gre"), Map.entry("50", "esp"), Map.entry("51", "ah"),
            Map.entry("58", "ipv6-icmp"), Map.entry("88", "eigrp"), Map.entry("89", "ospf"),
            Map.entry("103", "pim"), Map.entry("112", "vrrp"), Map.entry("132", "sctp"));

    private Transports() {
    }

    /**
     * Lower-case transport for "TCP", "tcp", "6", "protocol 47", "icmpv6" and the like; unknown
     * numbers stay numbers, null or blank gives null.
     */
    public static String transport(String protocol) {
        if (protocol == null || protocol.isBlank()) {
            return null;
        }
        String t = protocol.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("protocol ")) {
            t = t.substring("protocol ".length()).trim();
        }
        if (Numbers.isDigits(t)) {
            return PROTOCOL_NUMBERS.getOrDefault(t, t);
        }
        return switch (t) {
            case "icmp6", "icmpv6", "ipv6-icmp", "ipv6_icmp" -> "ipv6-icmp";
            case "tcp6" -> "tcp";
            case "udp6" -> "udp";
            default -> t;
        };
    }

    /** Transports whose "ports" in device logs are ICMP types/codes or GRE call ids, not ports. */
    public static boolean portless(String transport) {
        return transport != null && switch (transport) {
            case "icmp", "ipv6-icmp", "gre", "esp", "ah", "igmp", "pim", "ospf", "eigrp", "vrrp" -> true;
            default -> false;
        };
    }
}
