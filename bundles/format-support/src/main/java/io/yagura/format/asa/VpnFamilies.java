package io.yagura.format.asa;

import static io.yagura.api.event.Ecs.ACTION_ALLOWED;
import static io.yagura.api.event.Ecs.ACTION_DENIED;
import static io.yagura.api.event.Ecs.ACTION_DROPPED;
import static io.yagura.api.event.Ecs.CATEGORY_AUTHENTICATION;
import static io.yagura.api.event.Ecs.CATEGORY_NETWORK;
import static io.yagura.api.event.Ecs.KIND_EVENT;
import static io.yagura.api.event.Ecs.OUTCOME_FAILURE;
import static io.yagura.api.event.Ecs.OUTCOME_SUCCESS;
import static io.yagura.api.event.Ecs.OUTCOME_UNKNOWN;
import static io.yagura.api.event.Ecs.TYPE_CONNECTION;
import static io.yagura.api.event.Ecs.TYPE_DENIED;
import static io.yagura.api.event.Ecs.TYPE_END;
import static io.yagura.api.event.Ecs.TYPE_INFO;
import static io.yagura.api.event.Ecs.TYPE_START;
import static io.yagura.format.asa.Rules.A;
import static io.yagura.format.asa.Rules.IF;
import static io.yagura.format.asa.Rules.P;
import static io.yagura.format.asa.Rules.deniedTypes;
import static io.yagura.format.asa.Rules.rule;
import static io.yagura.format.asa.Rules.types;
import static io.yagura.format.asa.Rules.verdict;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.asa.Rules.Groups;
import io.yagura.format.asa.Rules.Handler;
import io.yagura.format.asa.Rules.Msg;
import io.yagura.format.asa.Rules.Rx;
import io.yagura.format.net.Addresses;
import io.yagura.format.net.Numbers;
import io.yagura.format.net.Transports;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Authentication and VPN: AAA (113xxx), logins to the device (605xxx, 611xxx), privilege and
 * configuration changes (502103, 111008/111010), IPsec data-plane problems (402xxx), SA life cycle
 * (602303/602304), IKEv1 (713xxx), WebVPN / AnyConnect (716xxx, 722xxx, 113039), SSL (725xxx),
 * IKEv2 (750xxx, 751xxx) and the tunnel manager (752xxx).
 *
 * <p>The VPN families have hundreds of ids sharing one prefix ("Group = g, IP = p, ...",
 * "Group &lt;g&gt; User &lt;u&gt; IP &lt;p&gt; ...", "Local:a:p Remote:b:q Username:u ..."). They are read by
 * prefix and classified by the wording of the rest ({@link #classify}): failures, session
 * start/end and address assignment become events; negotiation chatter is ignored with a reason.
 *
 * <p>Verdicts follow the shared vocabulary: an authentication that succeeded is {@code allowed}
 * (category authentication, outcome success, event.type start), one that failed {@code denied}
 * (outcome failure); a VPN session or tunnel that came up or went down is {@code allowed} with
 * category network + session and event.type start / end; a tunnel the device refused is
 * {@code denied}, an IPsec packet it discarded {@code dropped}.
 */
final class VpnFamilies {

    static final String CATEGORY_SESSION = Ecs.CATEGORY_SESSION;
    static final String CATEGORY_CONFIGURATION = Ecs.CATEGORY_CONFIGURATION;
    static final String CATEGORY_IAM = "iam";
    static final String TYPE_CHANGE = "change";

    private VpnFamilies() {
    }

    static void register(Map<String, Handler> t) {
        aaa(t);
        deviceLogins(t);
        ipsec(t);
        prefixed(t);
    }

    // ---------------------------------------------------------------- 113xxx AAA

    private static void aaa(Map<String, Handler> t) {
        t.put("113004", rule("AAA user {authentication|authorization|accounting} Successful : server = <addr> : user = <user>",
                "AAA user (?<aaa>authentication|authorization|accounting) Successful\\s{0,4}:\\s{0,4}server =\\s{0,4}(?<srv>[^\\s:]{1,255})"
                        + "\\s{0,4}:\\s{0,4}user =\\s{0,4}(?<user>.{0,128})",
                (g, e, m) -> aaaVerdict(g, e, true)));
        t.put("113005", rule("AAA user {authentication|authorization} Rejected : reason = <reason> : server = <addr> : user = <user> : user IP = <addr>",
                "AAA user (?<aaa>authentication|authorization|accounting) Rejected\\s{0,4}:\\s{0,4}reason =\\s{0,4}(?<reason>.{1,256}?)"
                        + "\\s{0,4}:\\s{0,4}server =\\s{0,4}(?<srv>[^\\s:]{1,255})\\s{0,4}:\\s{0,4}user =\\s{0,4}(?<user>.{0,128}?)"
                        + "(?:\\s{0,4}:\\s{0,4}user IP =\\s{0,4}(?<sa>" + A + "))?\\s{0,4}$",
                (g, e, m) -> aaaVerdict(g, e, false)));
        t.put("113012", rule("AAA user authentication Successful : local database : user = <user>",
                "AAA user (?<aaa>authentication) Successful\\s{0,4}:\\s{0,4}local database\\s{0,4}:\\s{0,4}user =\\s{0,4}(?<user>.{0,128})",
                (g, e, m) -> {
                    aaaVerdict(g, e, true);
                    e.set("cisco.asa.aaa_server", "LOCAL");
                }));
        t.put("113015", rule("AAA user authentication Rejected : reason = <reason> : local database : user = <user> : user IP = <addr>",
                "AAA user (?<aaa>authentication) Rejected\\s{0,4}:\\s{0,4}reason =\\s{0,4}(?<reason>.{1,256}?)\\s{0,4}:\\s{0,4}local database"
                        + "\\s{0,4}:\\s{0,4}user =\\s{0,4}(?<user>.{0,128}?)(?:\\s{0,4}:\\s{0,4}user IP =\\s{0,4}(?<sa>" + A + "))?\\s{0,4}$",
                (g, e, m) -> {
                    aaaVerdict(g, e, false);
                    e.set("cisco.asa.aaa_server", "LOCAL");
                }));
        t.put("113006", rule("User <user> locked out on exceeding <n> successive failed authentication attempts",
                "User '?(?<user>[^' ]{1,128})'? locked out on exceeding '?(?<n>\\d{1,6})'? successive failed authentication attempts",
                (g, e, m) -> {
                    // the lockout itself, not one more attempt: event.type info
                    verdict(e, KIND_EVENT, ACTION_DENIED, OUTCOME_FAILURE, CATEGORY_AUTHENTICATION);
                    types(e, TYPE_INFO);
                    e.set(Ecs.EVENT_REASON, "account locked out after " + g.get("n") + " failed attempts");
                }));
        t.put("113014", rule("AAA authentication server not accessible : server = <addr> : user = <user>",
                "AAA authentication server not accessible\\s{0,4}:\\s{0,4}server =\\s{0,4}(?<srv>[^\\s:]{1,255})\\s{0,4}:\\s{0,4}user =\\s{0,4}(?<user>.{0,128})",
                (g, e, m) -> {
                    authentication(e, false);
                    e.set(Ecs.EVENT_REASON, "AAA server not accessible");
                    e.set("cisco.asa.aaa_server", g.get("srv"));
                }));
        t.put("113019", rule("Group = <group>, Username = <user>, IP = <addr>, Session disconnected. Session Type: <type>, Duration: <duration>, Bytes xmt: <n>, Bytes rcv: <n>, Reason: <reason>",
                "Group = (?<grp>[^,]{0,128}), Username = (?<user>[^,]{0,128}), IP = (?<sa>" + A + "), Session disconnected\\.? "
                        + "Session Type: (?<stype>[^,]{1,64}), Duration: (?<vdur>[^,]{1,32}), Bytes xmt: (?<xmt>\\d{1,20}), "
                        + "Bytes rcv: (?<rcv>\\d{1,20}), Reason: (?<reason>.{1,256})",
                (g, e, m) -> {
                    session(e, false);
                    e.set(Ecs.GROUP_NAME, Rules.blankToNull(g.get("grp")));
                    e.set("cisco.asa.session_type", g.get("stype"));
                    e.set(Ecs.EVENT_DURATION, Durations.nanos(g.get("vdur")));
                    // xmt = sent by the ASA to the peer (source); rcv = received from the peer
                    Long xmt = Numbers.number(g.get("xmt"));
                    Long rcv = Numbers.number(g.get("rcv"));
                    e.set(Ecs.SOURCE_BYTES, rcv);
                    e.set("destination.bytes", xmt);
                    if (xmt != null && rcv != null) {
                        e.set(Ecs.NETWORK_BYTES, xmt + rcv);
                    }
                }));
        t.put("113021", rule("Attempted console login failed. User <user> did NOT have appropriate Admin Rights.",
                "Attempted console login failed\\.? User (?<user>\\S{1,128}) did NOT have appropriate Admin Rights",
                (g, e, m) -> {
                    authentication(e, false);
                    e.set(Ecs.EVENT_REASON, "user did not have appropriate admin rights");
                }));
    }

    /**
     * AAA results: authentication succeeded/failed as a logon (event.type start); authorization
     * granted/refused (event.type allowed/denied) and accounting (info) keep category
     * authentication with the same allowed/denied verdict; cisco.asa.aaa_type tells them apart.
     */
    private static void aaaVerdict(Groups g, SecurityEvent e, boolean success) {
        String type = g.get("aaa");
        if ("authentication".equals(type)) {
            authentication(e, success);
        } else {
            verdict(e, KIND_EVENT, success ? ACTION_ALLOWED : ACTION_DENIED, success ? OUTCOME_SUCCESS : OUTCOME_FAILURE,
                    CATEGORY_AUTHENTICATION);
            types(e, "accounting".equals(type) ? TYPE_INFO : success ? Ecs.TYPE_ALLOWED : TYPE_DENIED);
        }
        e.set("cisco.asa.aaa_type", type);
        String server = g.get("srv");
        e.set("cisco.asa.aaa_server", server);
    }

    /** A logon attempt: allowed/success or denied/failure, category authentication, event.type start. */
    static void authentication(SecurityEvent e, boolean success) {
        verdict(e, KIND_EVENT, success ? ACTION_ALLOWED : ACTION_DENIED, success ? OUTCOME_SUCCESS : OUTCOME_FAILURE,
                CATEGORY_AUTHENTICATION);
        types(e, TYPE_START);
    }

    /** A VPN session or tunnel that came up (start) or went down (end): allowed, network + session. */
    static void session(SecurityEvent e, boolean start) {
        verdict(e, KIND_EVENT, ACTION_ALLOWED, OUTCOME_SUCCESS, CATEGORY_NETWORK, CATEGORY_SESSION);
        types(e, start ? TYPE_START : TYPE_END);
    }

    // ---------------------------------------------------------------- logins to the device

    private static void deviceLogins(Map<String, Handler> t) {
        t.put("605004", rule("Login denied from <addr>/<port> to <if>:<addr>/<service> for user \"<user>\"",
                "Login (?<verdict>denied) from (?<sa>" + A + ")/(?<sp>" + P + ") to (?<in>" + IF + "):(?<da>" + A + ")/(?<dp>" + P
                        + ") for user \"(?<user>[^\"]{0,128})\"",
                (g, e, m) -> authentication(e, false)));
        t.put("605005", rule("Login permitted from <addr>/<port> to <if>:<addr>/<service> for user \"<user>\"",
                "Login (?<verdict>permitted) from (?<sa>" + A + ")/(?<sp>" + P + ") to (?<in>" + IF + "):(?<da>" + A + ")/(?<dp>" + P
                        + ") for user \"(?<user>[^\"]{0,128})\"",
                (g, e, m) -> authentication(e, true)));
        t.put("611101", rule("User authentication succeeded: IP address: <addr>, Uname: <user>",
                "User authentication succeeded: (?:IP,? )?IP address: (?<sa>" + A + "),? Uname: (?<user>.{0,128})",
                (g, e, m) -> authentication(e, true)));
        t.put("611102", rule("User authentication failed: IP address: <addr>, Uname: <user>",
                "User authentication failed: (?:IP,? )?IP address: (?<sa>" + A + "),? Uname: (?<user>.{0,128})",
                (g, e, m) -> authentication(e, false)));
        t.put("611103", rule("User logged out: Uname: <user>",
                "User logged out: Uname: (?<user>.{0,128})",
                (g, e, m) -> {
                    verdict(e, KIND_EVENT, ACTION_ALLOWED, OUTCOME_SUCCESS, CATEGORY_AUTHENTICATION, CATEGORY_SESSION);
                    types(e, TYPE_END);
                }));
        t.put("502103", rule("User priv level changed: Uname: <user> From: <n> To: <n>",
                "User priv level changed: Uname: (?<user>\\S{1,128}) From: (?<from>\\d{1,2}) To: (?<to>\\d{1,2})",
                (g, e, m) -> {
                    verdict(e, KIND_EVENT, ACTION_ALLOWED, OUTCOME_SUCCESS, CATEGORY_IAM);
                    types(e, TYPE_CHANGE);
                    e.set("cisco.asa.privilege_level_old", Numbers.number(g.get("from")));
                    e.set("cisco.asa.privilege_level_new", Numbers.number(g.get("to")));
                }));
        t.put("111008", rule("User '<user>' executed the '<command>' command.",
                "User '(?<user>[^']{0,128})' executed the '(?<cmd>.{0,1024})' command",
                VpnFamilies::configCommand));
        t.put("111010", rule("User '<user>', running '<app>' from IP <addr>, executed '<command>'",
                "User '(?<user>[^']{0,128})', running '(?<app>[^']{0,64})' from IP (?<sa>" + A + "), executed '(?<cmd>.{0,1024})'",
                VpnFamilies::configCommand));
    }

    private static void configCommand(Groups g, SecurityEvent e, Msg m) {
        verdict(e, KIND_EVENT, ACTION_ALLOWED, OUTCOME_SUCCESS, CATEGORY_CONFIGURATION);
        types(e, TYPE_CHANGE);
        e.set("cisco.asa.command", g.get("cmd"));
        e.set("cisco.asa.command_source", Rules.blankToNull(g.get("app")));
    }

    // ---------------------------------------------------------------- 402xxx / 602xxx IPsec

    private static void ipsec(Map<String, Handler> t) {
        Rx inner = new Rx("its destination as <addr>, its source as <addr>, and its protocol as <n>",
                "its destination as (?<idst>" + A + "), its source as (?<isrc>" + A + "), and its protocol as (?<iproto>\\d{1,3})");
        Handler packet = rule("IPSEC: Received an <proto> packet (SPI= <spi>, sequence number= <seq>) from <addr> (user= <user>) to <addr> <problem>",
                "IPSEC: Received an? (?<proto>[\\w\\-]{1,8}) packet \\(SPI=\\s?(?<spi>[^,\\s]{1,16}),? sequence number\\s?=?\\s?(?<seq>[^)\\s]{1,16})\\) "
                        + "from (?<sa>" + A + ")(?: \\((?:user=\\s?)?(?<user>[^)]{0,128})\\))? to (?<da>" + A + ")\\s{0,4}(?<rest>.{0,2048})",
                (g, e, m) -> {
                    verdict(e, KIND_EVENT, ACTION_DROPPED, OUTCOME_FAILURE, CATEGORY_NETWORK);
                    deniedTypes(e);
                    e.set("cisco.asa.ipsec_spi", g.get("spi"));
                    e.set("cisco.asa.ipsec_sequence_number", g.get("seq"));
                    Rules.reason(e, firstSentence(g.get("rest")));
                    Groups in = inner.find(g.get("rest"));
                    if (in != null) {
                        e.set("cisco.asa.inner_destination_ip", Addresses.clean(in.get("idst")));
                        e.set("cisco.asa.inner_source_ip", Addresses.clean(in.get("isrc")));
                        e.set("cisco.asa.inner_protocol", Transports.transport(in.get("iproto")));
                    }
                });
        for (String id : new String[] {"402116", "402118", "402119", "402120"}) {
            t.put(id, packet);
        }
        t.put("402117", rule("IPSEC: Received a non-IPsec (<proto>) packet from <addr> to <addr>",
                "IPSEC: Received a non-IPsec \\((?<proto>[^)]{1,16})\\) packet from (?<sa>" + A + ") to (?<da>" + A + ")",
                (g, e, m) -> {
                    verdict(e, KIND_EVENT, ACTION_DROPPED, OUTCOME_FAILURE, CATEGORY_NETWORK);
                    deniedTypes(e);
                    e.set(Ecs.EVENT_REASON, "non-IPsec packet received on an IPsec SA");
                }));
        Handler sa = rule("IPSEC: An {inbound|outbound} <type> SA (SPI= <spi>) between <local addr> and <peer addr> (user= <user>) has been {created|deleted}.",
                "IPSEC: An? (?<sadir>inbound|outbound) (?<ttype>[\\w\\- ]{1,32}?) SA \\(SPI=\\s?(?<spi>[^)\\s]{1,16})\\) between (?<da>" + A
                        + ") and (?<sa>" + A + ")(?: \\((?:user=\\s?)?(?<user>[^)]{0,128})\\))? has been (?<ev>created|deleted)",
                (g, e, m) -> {
                    session(e, "created".equals(g.get("ev")));
                    e.set("cisco.asa.ipsec_spi", g.get("spi"));
                    e.set("cisco.asa.sa_direction", g.get("sadir"));
                    e.set("cisco.asa.tunnel_type", g.get("ttype"));
                });
        t.put("602303", sa);
        t.put("602304", sa);
    }

    private static String firstSentence(String rest) {
        String r = Rules.blankToNull(rest);
        if (r == null) {
            return null;
        }
        if (r.startsWith("that ")) {
            r = r.substring(5);
        }
        int end = r.indexOf(". ");
        return end > 0 ? r.substring(0, end) : r;
    }

    // ---------------------------------------------------------------- prefixed VPN families

    /** "Group = g, [Username = u,] IP = peer, text" (IKEv1 713xxx and friends). */
    private static final Rx IKE_PREFIX = new Rx("[Group = <group>,] [Username = <user>,] IP = <peer>, <text>",
            "(?:Group = (?<grp>[^,]{0,128}+), )?(?:Username = (?<user>[^,]{0,128}+), )?IP = (?<sa>[^,\\s]{1,64}+),?\\s{0,4}(?<rest>.{0,2048})");
    /** "[Group <g>] [User <u>] IP <peer> text" (WebVPN 716xxx, AnyConnect 722xxx, 113039). */
    private static final Rx USER_PREFIX = new Rx("[TunnelGroup <tg>] [GroupPolicy <gp>] Group <group> User <user> IP <peer> <text>",
            "(?:TunnelGroup <?(?<tg>[^<>]{0,128}?)>? )?(?:GroupPolicy <?(?<gp>[^<>]{0,128}?)>? )?(?:Group <?(?<grp>[^<>]{0,128}?)>? )?"
                    + "(?:User <?(?<user>[^<>]{0,128}?)>? )?IP <?(?<sa>[^<>\\s,]{1,64}+)>?,?\\s{0,4}(?<rest>.{0,2048})");
    /** "Local:a:p Remote:b:q Username:u text" (IKEv2 750xxx, 751xxx). */
    private static final Rx IKEV2_PREFIX = new Rx("Local:<addr>:<port> Remote:<addr>:<port> Username:<user> <text>",
            "Local:\\s?(?<da>\\S{1,64}?):(?<dp>\\d{1,5})\\s{1,4}Remote:\\s?(?<sa>\\S{1,64}?):(?<sp>\\d{1,5})\\s{1,4}"
                    + "Username:\\s?(?<user>\\S{0,128}+)\\s{0,4}(?<rest>.{0,2048})");
    /** SSL (725xxx): "... with {client|server} if:addr/port to addr/port ...". */
    private static final Rx SSL_FLOW = new Rx("... with {client|server} <if>:<addr>/<port> to <addr>/<port> ...",
            "with (?<peer>client|server) (?<in>" + IF + "):(?<sa>" + A + ")/(?<sp>" + P + ") to (?<da>" + A + ")/(?<dp>" + P + ")");
    /** The flow part of a 725xxx text, left out of its reason ("Device failed SSL handshake"). */
    private static final Pattern SSL_FLOW_TEXT = Pattern.compile(" ?with (?:client|server) " + IF + ":\\S{1,64}+ to \\S{1,64}+");
    /** "IKEv2 Group:<group>" after the IKEv2 prefix (751025 and other 751xxx session messages). */
    private static final Rx IKEV2_GROUP = new Rx("IKEv2 Group:<group>", "IKEv2 Group:\\s?(?<grp>[^\\s,]{1,128}+)");
    private static final Rx MAP_TAG = new Rx("Map Tag = <tag>. Map Sequence Number = <n>",
            "Map Tag ?= ?(?<map>[^.\\s]{1,64})\\.?\\s{1,4}Map Sequence Number ?= ?(?<seq>\\d{1,10})");
    private static final Rx ASSIGNED = new Rx("IPv4 Address <addr>", "IPv4 Address[= ]<?(?<ip>[^<>\\s,]{1,64})");

    private enum Prefix { IKE, USER, IKEV2, SSL, TUNNEL_MANAGER }

    /** What a VPN message says happened, from its wording. */
    enum Kind { AUTH_FAILED, FAILED, ASSIGNED, ENDED, STARTED, ESTABLISHED, REQUESTED, INFO }

    private static void prefixed(Map<String, Handler> t) {
        Handler ike = vpn(Prefix.IKE);
        Handler user = vpn(Prefix.USER);
        Handler ssl = vpn(Prefix.SSL);
        Handler ikev2 = vpn(Prefix.IKEV2);
        Handler tunnelManager = vpn(Prefix.TUNNEL_MANAGER);
        range(t, 713000, 713999, ike);
        range(t, 716000, 716999, user);
        range(t, 722000, 722999, user);
        t.put("113039", user);
        range(t, 725000, 725999, ssl);
        range(t, 750000, 751999, ikev2);
        range(t, 752000, 752999, tunnelManager);
    }

    private static void range(Map<String, Handler> t, int first, int last, Handler h) {
        for (int id = first; id <= last; id++) {
            t.put(Integer.toString(id), h);
        }
    }

    private static Handler vpn(Prefix prefix) {
        return (msg, e) -> parseVpn(prefix, msg, e);
    }

    private static ParseResult parseVpn(Prefix prefix, Msg msg, SecurityEvent e) {
        String text = msg.text();
        String rest = text;
        Groups g = switch (prefix) {
            case IKE -> IKE_PREFIX.match(text);
            case USER -> USER_PREFIX.match(text);
            case IKEV2 -> IKEV2_PREFIX.match(text);
            case SSL -> SSL_FLOW.find(text);
            case TUNNEL_MANAGER -> MAP_TAG.find(text);
        };
        if (g != null && prefix != Prefix.SSL && prefix != Prefix.TUNNEL_MANAGER) {
            rest = g.get("rest");
        }
        Kind kind = classify(msg.id(), rest);
        if (kind == Kind.INFO) {
            return ParseResult.ignored("vpn: " + msg.id() + " negotiation/session detail, not a failure or session change");
        }
        if (g != null) {
            if (prefix == Prefix.SSL && "server".equals(g.get("peer"))) {
                g.swapSides(); // the ASA is the TLS client: it initiated
            }
            if (prefix != Prefix.TUNNEL_MANAGER) {
                Rules.applyStandard(g, e);
            }
            Groups ikev2Group = prefix == Prefix.IKEV2 ? IKEV2_GROUP.find(rest) : null;
            e.set(Ecs.GROUP_NAME, Rules.blankToNull(ikev2Group != null ? ikev2Group.get("grp") : g.first("grp", "gp")));
            e.set("cisco.asa.tunnel_group", Rules.blankToNull(g.get("tg")));
            e.set("cisco.asa.crypto_map", g.get("map"));
            e.set("cisco.asa.crypto_map_sequence", Numbers.number(g.get("seq")));
        }
        if (prefix == Prefix.IKEV2 || prefix == Prefix.SSL) {
            e.set(Ecs.NETWORK_TRANSPORT, prefix == Prefix.SSL ? "tcp" : "udp");
        }
        boolean userSession = prefix == Prefix.USER || prefix == Prefix.IKEV2;
        switch (kind) {
            case AUTH_FAILED -> authentication(e, false);
            case FAILED -> {
                // the device refused the tunnel or handshake; "... dropping" packets were discarded
                boolean dropping = rest != null && rest.toLowerCase(Locale.ROOT).contains("dropping");
                verdict(e, KIND_EVENT, dropping ? ACTION_DROPPED : ACTION_DENIED, OUTCOME_FAILURE, CATEGORY_NETWORK);
                deniedTypes(e);
            }
            case ASSIGNED -> {
                verdict(e, KIND_EVENT, ACTION_ALLOWED, OUTCOME_SUCCESS, CATEGORY_NETWORK, CATEGORY_SESSION);
                types(e, TYPE_INFO);
                Groups a = ASSIGNED.find(rest);
                if (a != null) {
                    e.set("cisco.asa.assigned_ip", Addresses.normalize(Addresses.clean(a.get("ip"))));
                }
            }
            case ENDED -> session(e, false);
            case STARTED -> {
                if (userSession) {
                    // "AnyConnect parent session started": the user logged on
                    verdict(e, KIND_EVENT, ACTION_ALLOWED, OUTCOME_SUCCESS, CATEGORY_AUTHENTICATION, CATEGORY_SESSION);
                    types(e, TYPE_START);
                } else {
                    session(e, true);
                }
            }
            case ESTABLISHED -> session(e, true);
            case REQUESTED -> {
                // the device took up a peer's request (IKE_INIT_SA): accepted for negotiation, result unknown
                verdict(e, KIND_EVENT, ACTION_ALLOWED, OUTCOME_UNKNOWN, CATEGORY_NETWORK);
                types(e, TYPE_CONNECTION, TYPE_START);
            }
            default -> throw new IllegalStateException("unhandled " + kind);
        }
        if (kind == Kind.FAILED || kind == Kind.AUTH_FAILED || kind == Kind.ENDED) {
            String reason = vpnReason(rest);
            if (reason == null && kind != Kind.ENDED) {
                // the failure message itself is the best reason there is, without its addresses
                String failure = prefix == Prefix.SSL ? SSL_FLOW_TEXT.matcher(rest).replaceFirst("") : rest;
                reason = firstSentence(failure);
            }
            if (reason != null && reason.length() > 256) {
                reason = reason.substring(0, 256);
            }
            Rules.reason(e, reason);
        }
        return ParseResult.parsed(e);
    }

    private static final String[] AUTH_FAILURE = {"authentication: rejected", "authentication rejected",
        "authentication failed", "failed user authentication", "authorization failed", "not member of group",
        "login failed", "invalid password", "password has expired", "account has been locked"};
    private static final String[] FAILURE = {"fail", "reject", "unacceptable", "error", "no matching", "mismatch",
        "invalid", "denied", "unable", "could not", "cannot", "unsuccessful", "doesn't have", "does not have",
        "aborted", "expired", "lost contact", "dropping", "not allowed", "refused", "no proposal", "no valid"};
    private static final String[] ENDED = {"terminated", "disconnected", "torn down", "session deleted",
        "has been deleted", "closed", "logged out", "session ended", "deleting connection"};
    private static final String[] STARTED = {"session started", "session created", "has been created"};
    private static final String[] ESTABLISHED = {"completed", "complete", "established", "successful", "succeeded"};
    private static final String[] REQUESTED = {"ike_init_sa request", "received request to establish"};

    /** Classifies a VPN message by its wording; the order of the checks matters. */
    static Kind classify(String id, String rest) {
        String t = rest == null ? "" : rest.toLowerCase(Locale.ROOT);
        if (containsAny(t, AUTH_FAILURE)) {
            return Kind.AUTH_FAILED;
        }
        if (containsAny(t, FAILURE)) {
            return Kind.FAILED;
        }
        if (t.contains("assigned to session")) {
            return Kind.ASSIGNED;
        }
        if (containsAny(t, ENDED)) {
            return Kind.ENDED;
        }
        if (containsAny(t, STARTED)) {
            return Kind.STARTED;
        }
        if (containsAny(t, ESTABLISHED)) {
            return Kind.ESTABLISHED;
        }
        if (containsAny(t, REQUESTED)) {
            return Kind.REQUESTED;
        }
        return Kind.INFO;
    }

    /** "Reason: x", "reason = x", "due to x" or "terminated: x", cut at a double space. */
    private static String vpnReason(String rest) {
        if (rest == null) {
            return null;
        }
        String lower = rest.toLowerCase(Locale.ROOT);
        int at = -1;
        for (String marker : new String[] {"reason: ", "reason = ", "reason - ", "due to ", "terminated: "}) {
            int i = lower.indexOf(marker);
            if (i >= 0) {
                at = i + marker.length();
                break;
            }
        }
        if (at < 0) {
            return null;
        }
        String r = rest.substring(at);
        int cut = r.indexOf("  ");
        return Rules.blankToNull(cut > 0 ? r.substring(0, cut) : r);
    }

    private static boolean containsAny(String text, String[] words) {
        for (String w : words) {
            if (text.contains(w)) {
                return true;
            }
        }
        return false;
    }
}
