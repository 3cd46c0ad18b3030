package io.yagura.format.asa;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.net.Addresses;
import io.yagura.format.net.Numbers;
import io.yagura.format.net.Ports;
import io.yagura.format.net.Transports;
import io.yagura.format.parser.Events;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Building blocks of the per-message-id table: regex fragments, a {@link Rx} pattern that knows its
 * named groups, a {@link Groups} view that can swap the source and destination sides, and the
 * common mapping of the standard group names to ECS fields.
 *
 * <p>Standard group names (any pattern may use any subset):
 * <pre>
 *  proto            protocol word or "protocol 47"      -> network.transport
 *  sif sa sp sid    source interface, address, port, identity (idfw user / FQDN)
 *  sma sma2 smp     source mapped (NAT) address/port, sid2 = identity after the mapped part
 *  dif da dp did    same for the destination; dma dma2 dmp did2
 *  in out           "on interface X" style ingress / egress interface
 *  dir              "inbound"/"outbound" -> network.direction (and the side swap, see rule())
 *  user reason cid icmpt icmpc dur bytes
 *  acl              access-list / access-group name  -> yagura.policy (a policy, never rule.*)
 * </pre>
 * Patterns are anchored ({@link Matcher#lookingAt()}) and bounded ({@code {1,255}+} possessive
 * runs, bounded reluctant parts), so a hostile line costs linear time.
 */
final class Rules {

    /** Interface name: nameif words, up to four of them ("NP Identity Ifc"). */
    static final String IF = "[\\w.\\-]{1,64}(?: [\\w.\\-]{1,64}){0,3}?";
    /** Address token: IPv4, IPv6, a name from the ASA "names" feature, or a {@code <placeholder>}. */
    static final String A = "(?:<[^<>]{1,64}>|[^\\s/(),<>\"]{1,255}+)";
    /** Port: number or service name ("ssh"). */
    static final String P = "[\\w\\-]{1,32}";
    /** Protocol word or "protocol 47". */
    static final String PROTO = "(?<proto>protocol \\d{1,3}|[\\w\\-]{1,16})";
    static final String ICMP_TYPE_CODE = "(?: ?\\(type (?<icmpt>\\d{1,3}), code (?<icmpc>\\d{1,3})\\))?";
    static final String DURATION = "(?<dur>\\d{1,6}(?::\\d{1,2}){1,2})";

    /** Group names that trade places when the sides are swapped ({@link Groups#swapSides()}). */
    private static final Map<String, String> SWAP = Map.ofEntries(
            Map.entry("sif", "dif"), Map.entry("dif", "sif"), Map.entry("sa", "da"), Map.entry("da", "sa"),
            Map.entry("sp", "dp"), Map.entry("dp", "sp"), Map.entry("sid", "did"), Map.entry("did", "sid"),
            Map.entry("sid2", "did2"), Map.entry("did2", "sid2"), Map.entry("sma", "dma"), Map.entry("dma", "sma"),
            Map.entry("sma2", "dma2"), Map.entry("dma2", "sma2"), Map.entry("smp", "dmp"), Map.entry("dmp", "smp"));

    private Rules() {
    }

    /** "iface:addr[/port][(identity)]" with groups prefixed s or d. */
    static String endpointPattern(char side) {
        return "(?<" + side + "if>" + IF + "):(?<" + side + "a>" + A + ")(?:/(?<" + side + "p>" + P + "))?"
                + "(?:\\((?!type )(?<" + side + "id>[^()/]{1,128})\\))?";
    }

    /** Optional " (mapped-addr/mapped-port)" or " (mapped-addr)" and an identity glued after it. */
    static String mappedPattern(char side) {
        return "(?: ?\\((?:(?<" + side + "ma>[^\\s/()]{1,255}+)/(?<" + side + "mp>" + P + ")|(?<" + side
                + "ma2>[0-9A-Fa-f:.]{2,45}+))\\))?(?:\\((?<" + side + "id2>[^()/]{1,128})\\))?";
    }

    /** One ASA message: id, level, product and the text after the tag. */
    record Msg(String id, int level, String product, String text) {
    }

    /** Turns the text of one message id into a result; fills the pre-built base event. */
    @FunctionalInterface
    interface Handler {
        ParseResult handle(Msg msg, SecurityEvent event);
    }

    /** Family-specific part of a regex rule, run after the standard groups were mapped. */
    @FunctionalInterface
    interface Fill {
        void fill(Groups g, SecurityEvent e, Msg msg);
    }

    /** A compiled, anchored pattern plus the names of its groups and the human form for rejects. */
    static final class Rx {
        final Pattern pattern;
        final String form;
        private final Set<String> names;

        Rx(String form, String regex) {
            this.pattern = Pattern.compile(regex);
            this.form = form;
            this.names = groupNames(regex);
        }

        /** Prefix match; trailing text (truncated or extended formats) is tolerated. */
        Groups match(CharSequence text) {
            Matcher m = pattern.matcher(text);
            return m.lookingAt() ? new Groups(m, names) : null;
        }

        /** First match anywhere (for tails like "Map Tag = x"). */
        Groups find(CharSequence text) {
            Matcher m = pattern.matcher(text);
            return m.find() ? new Groups(m, names) : null;
        }

        private static Set<String> groupNames(String regex) {
            Set<String> out = new HashSet<>();
            int i = regex.indexOf("(?<");
            while (i >= 0) {
                int start = i + 3;
                if (start < regex.length() && Character.isLetter(regex.charAt(start))) {
                    int end = regex.indexOf('>', start);
                    if (end > start) {
                        out.add(regex.substring(start, end));
                    }
                }
                i = regex.indexOf("(?<", start);
            }
            return out;
        }
    }

    /** Read access to a match by group name; absent or unmatched groups read as null. */
    static final class Groups {
        private final Matcher m;
        private final Set<String> names;
        private boolean swapped;

        Groups(Matcher m, Set<String> names) {
            this.m = m;
            this.names = names;
        }

        String get(String name) {
            String n = swapped ? SWAP.getOrDefault(name, name) : name;
            return names.contains(n) ? m.group(n) : null;
        }

        /** Reads the "s*" groups as destination and the "d*" groups as source from now on. */
        void swapSides() {
            swapped = !swapped;
        }

        String first(String... names) {
            for (String n : names) {
                String v = get(n);
                if (v != null) {
                    return v;
                }
            }
            return null;
        }
    }

    /** Maps the standard group names to ECS fields (see the class comment). */
    static void applyStandard(Groups g, SecurityEvent e) {
        String transport = Transports.transport(g.get("proto"));
        e.set(Ecs.NETWORK_TRANSPORT, transport);
        boolean portless = Transports.portless(transport);

        String sa = g.get("sa");
        String da = g.get("da");
        endpoint(e, "source", sa, portless ? null : g.get("sp"));
        endpoint(e, "destination", da, portless ? null : g.get("dp"));
        nat(e, "source", sa, g.first("sma", "sma2"), portless ? null : g.get("smp"), g.get("sp"));
        nat(e, "destination", da, g.first("dma", "dma2"), portless ? null : g.get("dmp"), g.get("dp"));

        e.set(Ecs.OBSERVER_INGRESS_INTERFACE, g.first("in", "sif"));
        e.set(Ecs.OBSERVER_EGRESS_INTERFACE, g.first("out", "dif"));
        identity(e, "source", g.first("sid", "sid2"));
        identity(e, "destination", g.first("did", "did2"));

        user(e, g.get("user"));
        e.set(Ecs.YAGURA_POLICY, blankToNull(g.get("acl")));
        reason(e, g.get("reason"));
        e.set("cisco.asa.connection_id", g.get("cid"));
        e.set("cisco.asa.icmp_type", Numbers.number(g.get("icmpt")));
        e.set("cisco.asa.icmp_code", Numbers.number(g.get("icmpc")));
        e.set(Ecs.EVENT_DURATION, Durations.nanos(g.get("dur")));
        e.set(Ecs.NETWORK_BYTES, Numbers.number(g.get("bytes")));
    }

    /**
     * Sets side.address always, side.ip (canonical form) or side.domain when the token is one, and
     * side.port.
     */
    static void endpoint(SecurityEvent e, String side, String rawAddress, String port) {
        String addr = Addresses.clean(rawAddress);
        if (addr == null || addr.isEmpty()) {
            return;
        }
        e.set(side + ".address", addr);
        String ip = Addresses.normalize(addr);
        if (ip != null) {
            e.set(side + ".ip", ip);
        } else if (Addresses.isHostName(addr)) {
            e.set(side + ".domain", addr);
        }
        e.set(side + ".port", Ports.port(port));
        if ("destination".equals(side) && Ports.isServiceName(port)) {
            e.set(Ecs.NETWORK_PROTOCOL, port.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** NAT side: only when the mapped address or port differs from the real one. */
    static void nat(SecurityEvent e, String side, String real, String mapped, String mappedPort, String realPort) {
        String m = Addresses.clean(mapped);
        if (m == null || m.isEmpty()) {
            return;
        }
        boolean sameAddress = m.equals(Addresses.clean(real));
        boolean samePort = mappedPort == null || mappedPort.equals(realPort);
        if (sameAddress && samePort) {
            return;
        }
        e.set(side + ".nat.ip", Addresses.normalize(m));
        e.set(side + ".nat.port", Ports.port(mappedPort));
    }

    /**
     * What ASA prints in parentheses after an address: an idfw user ("LOCAL\\alice"), a TrustSec
     * security group tag ("9999:Engineering"), both ("LOCAL\\alice, 9999:Engineering"), or an FQDN.
     */
    static void identity(SecurityEvent e, String side, String ident) {
        String id = blankToNull(ident);
        if (id == null) {
            return;
        }
        int comma = id.indexOf(", ");
        if (comma > 0) {
            identity(e, side, id.substring(0, comma));
            identity(e, side, id.substring(comma + 2));
            return;
        }
        int bs = id.indexOf('\\');
        int colon = id.indexOf(':');
        if (bs > 0 && bs < id.length() - 1) {
            e.set("source".equals(side) ? Ecs.USER_NAME : "destination.user.name", id.substring(bs + 1));
            e.set("source".equals(side) ? "user.domain" : "destination.user.domain", id.substring(0, bs));
        } else if (colon > 0 && colon < id.length() - 1 && Numbers.isDigits(id.substring(0, colon))) {
            e.set("cisco.asa." + side + "_security_group_tag", Numbers.number(id.substring(0, colon)));
            e.set("cisco.asa." + side + "_security_group_name", id.substring(colon + 1));
        } else {
            e.set("cisco.asa." + side + "_identity", id);
        }
    }

    static void user(SecurityEvent e, String name) {
        String u = blankToNull(name);
        if (u == null || u.equalsIgnoreCase("Unknown")) {
            return; // IKEv2 "Username:Unknown": no user yet
        }
        int bs = u.indexOf('\\');
        if (bs > 0 && bs < u.length() - 1) {
            e.set("user.domain", u.substring(0, bs));
            u = u.substring(bs + 1);
        }
        e.set(Ecs.USER_NAME, u);
    }

    static void reason(SecurityEvent e, String reason) {
        String r = blankToNull(reason);
        if (r != null) {
            while (r.endsWith(".") || r.endsWith("!")) {
                r = r.substring(0, r.length() - 1).trim();
            }
            e.set(Ecs.EVENT_REASON, r.isEmpty() ? null : r);
        }
    }

    /**
     * kind, action, outcome and categories in one call; the action is one of the shared verdicts
     * ({@link Ecs#VERDICTS}, checked by {@link Events#verdict}).
     */
    static void verdict(SecurityEvent e, String kind, String action, String outcome, String... categories) {
        e.set(Ecs.EVENT_KIND, kind);
        Events.verdict(e, action, outcome, categories);
    }

    /** event.type (ECS list), e.g. connection + start. */
    static void types(SecurityEvent e, String... types) {
        Events.types(e, types);
    }

    /** A refused connection or packet: event.type connection + denied. */
    static void deniedTypes(SecurityEvent e) {
        Events.types(e, Ecs.TYPE_CONNECTION, Ecs.TYPE_DENIED);
    }

    static String blankToNull(String s) {
        if (s == null) {
            return null;
        }
        String t = s.trim();
        return t.isEmpty() ? null : t;
    }

    static ParseResult mismatch(Msg msg, Rx rx) {
        return ParseResult.rejected(msg.id() + ": text does not match expected form '" + rx.form + "'");
    }

    /** A regex rule: match, map the standard groups, run the family fill, return Parsed. */
    static Handler rule(String form, String regex, Fill fill) {
        return rule(form, regex, false, fill);
    }

    /**
     * Like {@link #rule(String, String, Fill)}; with {@code swapOnOutbound} an "outbound" value of
     * the {@code dir} group swaps the sides first. ASA prints the lower-security (outside) end first
     * in connection messages; for an outbound connection that end is the responder, so the
     * initiator (ECS source) is the second tuple.
     */
    static Handler rule(String form, String regex, boolean swapOnOutbound, Fill fill) {
        return rule(form, regex, swapOnOutbound, false, fill);
    }

    /**
     * Like {@link #rule(String, String, Fill)} for a message that logs a reply packet (338301's
     * intercepted DNS reply): the reply's destination asked first, so it is the initiator (ECS
     * source) and the sides are swapped.
     */
    static Handler replyRule(String form, String regex, Fill fill) {
        return rule(form, regex, false, true, fill);
    }

    private static Handler rule(String form, String regex, boolean swapOnOutbound, boolean reply, Fill fill) {
        Rx rx = new Rx(form, regex);
        return (msg, e) -> {
            Groups g = rx.match(msg.text());
            if (g == null) {
                return mismatch(msg, rx);
            }
            if (reply) {
                g.swapSides();
            }
            String dir = g.get("dir");
            if (dir != null) {
                e.set(Ecs.NETWORK_DIRECTION, dir.toLowerCase(java.util.Locale.ROOT));
                if (swapOnOutbound && "outbound".equalsIgnoreCase(dir)) {
                    g.swapSides();
                }
            }
            applyStandard(g, e);
            fill.fill(g, e, msg);
            return ParseResult.parsed(e);
        };
    }
}
