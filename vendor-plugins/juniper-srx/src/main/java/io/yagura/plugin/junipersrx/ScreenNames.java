package io.yagura.plugin.junipersrx;

import java.util.Locale;
import java.util.Map;

/**
 * Screen (RT_IDS) attack names as the SRX logs them ("TCP port scan!") and the screen option of
 * {@code set security screen ids-option <name> ...} that raises each, which becomes rule.id: a
 * stable signature id for correlation ("tcp port-scan", "icmp ip-sweep" are reconnaissance).
 */
final class ScreenNames {

    private static final Map<String, String> OPTIONS = Map.ofEntries(
            Map.entry("syn flood", "tcp syn-flood"),
            Map.entry("syn flood src-ip based", "tcp syn-flood"),
            Map.entry("syn flood dst-ip based", "tcp syn-flood"),
            Map.entry("port scan", "tcp port-scan"),
            Map.entry("tcp port scan", "tcp port-scan"),
            Map.entry("udp port scan", "udp port-scan"),
            Map.entry("tcp sweep", "tcp tcp-sweep"),
            Map.entry("udp sweep", "udp udp-sweep"),
            Map.entry("address sweep", "icmp ip-sweep"),
            Map.entry("winnuke attack", "tcp winnuke"),
            Map.entry("land attack", "tcp land"),
            Map.entry("syn and fin bits", "tcp syn-fin"),
            Map.entry("fin but no ack bit", "tcp fin-no-ack"),
            Map.entry("no tcp flag", "tcp tcp-no-flag"),
            Map.entry("syn fragment", "tcp syn-frag"),
            Map.entry("syn-ack-ack proxy dos", "tcp syn-ack-ack-proxy"),
            Map.entry("udp flood", "udp flood"),
            Map.entry("icmp flood", "icmp flood"),
            Map.entry("icmp fragment", "icmp fragment"),
            Map.entry("large icmp packet", "icmp large"),
            Map.entry("ping of death", "icmp ping-death"),
            Map.entry("icmpv6 malformed packet", "icmp icmpv6-malformed"),
            Map.entry("ip spoofing", "ip spoofing"),
            Map.entry("source route ip option", "ip source-route-option"),
            Map.entry("loose src route ip option", "ip loose-source-route-option"),
            Map.entry("strict src route ip option", "ip strict-source-route-option"),
            Map.entry("record route ip option", "ip record-route-option"),
            Map.entry("timestamp ip option", "ip timestamp-option"),
            Map.entry("security ip option", "ip security-option"),
            Map.entry("stream ip option", "ip stream-option"),
            Map.entry("bad ip option", "ip bad-option"),
            Map.entry("unknown protocol", "ip unknown-protocol"),
            Map.entry("teardrop attack", "ip tear-drop"),
            Map.entry("fragmented traffic", "ip block-frag"),
            Map.entry("bad inner header", "ip tunnel bad-inner-header"),
            Map.entry("tunnel gre 4in4", "ip tunnel gre gre-4in4"),
            Map.entry("tunnel gre 4in6", "ip tunnel gre gre-4in6"),
            Map.entry("tunnel gre 6in4", "ip tunnel gre gre-6in4"),
            Map.entry("tunnel gre 6in6", "ip tunnel gre gre-6in6"),
            Map.entry("tunnel ipinip 4in4", "ip tunnel ipip ipip-4in4"),
            Map.entry("tunnel ipinip 4in6", "ip tunnel ipip ipip-4in6"),
            Map.entry("tunnel ipinip 6in4", "ip tunnel ipip ipip-6in4"),
            Map.entry("tunnel ipinip 6in6", "ip tunnel ipip ipip-6in6"),
            Map.entry("tunnel ipinip 6over4", "ip tunnel ipip ipip-6over4"),
            Map.entry("tunnel ipinip 6to4relay", "ip tunnel ipip ipip-6to4relay"),
            Map.entry("tunnel ipinip isatap", "ip tunnel ipip isatap"),
            Map.entry("tunnel ipinip ds-lite", "ip tunnel ipip dslite"),
            Map.entry("tunnel ip-udp teredo", "ip tunnel ip-in-udp teredo"),
            Map.entry("src ip session limit", "limit-session source-ip-based"),
            Map.entry("dst ip session limit", "limit-session destination-ip-based"));

    private ScreenNames() {
    }

    /** The attack name without the exclamation mark the SRX appends ("SYN flood!" → "SYN flood"). */
    static String name(String attackName) {
        String n = attackName.trim();
        while (n.endsWith("!")) {
            n = n.substring(0, n.length() - 1).trim();
        }
        return n;
    }

    /** The screen option for a name from {@link #name}, or null for a name this table does not know. */
    static String option(String name) {
        return OPTIONS.get(name.toLowerCase(Locale.ROOT));
    }
}
