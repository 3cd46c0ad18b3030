package io.yagura.format.asa;

import static io.yagura.api.event.Ecs.ACTION_ALLOWED;
import static io.yagura.api.event.Ecs.ACTION_BLOCKED;
import static io.yagura.api.event.Ecs.ACTION_DENIED;
import static io.yagura.api.event.Ecs.ACTION_DROPPED;
import static io.yagura.api.event.Ecs.CATEGORY_IDS;
import static io.yagura.api.event.Ecs.CATEGORY_NETWORK;
import static io.yagura.api.event.Ecs.CATEGORY_WEB;
import static io.yagura.api.event.Ecs.KIND_EVENT;
import static io.yagura.api.event.Ecs.OUTCOME_FAILURE;
import static io.yagura.api.event.Ecs.OUTCOME_SUCCESS;
import static io.yagura.api.event.Ecs.TYPE_ACCESS;
import static io.yagura.api.event.Ecs.TYPE_ALLOWED;
import static io.yagura.api.event.Ecs.TYPE_CONNECTION;
import static io.yagura.api.event.Ecs.TYPE_DENIED;
import static io.yagura.api.event.Ecs.TYPE_END;
import static io.yagura.api.event.Ecs.TYPE_START;
import static io.yagura.format.asa.Rules.A;
import static io.yagura.format.asa.Rules.DURATION;
import static io.yagura.format.asa.Rules.ICMP_TYPE_CODE;
import static io.yagura.format.asa.Rules.IF;
import static io.yagura.format.asa.Rules.P;
import static io.yagura.format.asa.Rules.PROTO;
import static io.yagura.format.asa.Rules.deniedTypes;
import static io.yagura.format.asa.Rules.endpointPattern;
import static io.yagura.format.asa.Rules.mappedPattern;
import static io.yagura.format.asa.Rules.rule;
import static io.yagura.format.asa.Rules.types;
import static io.yagura.format.asa.Rules.verdict;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.asa.Rules.Fill;
import io.yagura.format.asa.Rules.Handler;
import io.yagura.format.net.Numbers;
import io.yagura.format.net.Transports;
import java.util.Map;

/**
 * Access-control and connection messages: ACL and packet denies (1060xx, 1061xx), connection
 * build/teardown (3020xx, 3023xx), NAT translations (3050xx), ICMP denies (3130xx), to-the-box
 * access (7100xx) and URL filtering (3040xx).
 *
 * <p>Verdicts follow the shared vocabulary: a connection built or torn down is {@code allowed} with
 * event.type connection + start / end; a refused packet or connection is {@code denied} (an ACL or
 * check refused it) or {@code dropped} (discarded without a rule), event.type connection + denied.
 * ACL names go to yagura.policy and the ACE hash to cisco.asa.ace_hash: a policy is never a
 * signature (rule.*).
 */
final class FirewallFamilies {

    private static final String SRC = endpointPattern('s');
    private static final String DST = endpointPattern('d');
    private static final String FROM_TO_PORTS =
            "from (?<sa>" + A + ")/(?<sp>" + P + ") to (?<da>" + A + ")/(?<dp>" + P + ")";
    private static final String FROM_TO = "from (?<sa>" + A + ") to (?<da>" + A + ")";
    private static final String ON_IF = "(?:\\s{1,4}on interface (?<in>\\S{1,64}))?";
    /** "[0x8ed66b60, 0xf8852875]": hashes of the ACE and of the ACL; 0x0 when not available. */
    private static final String HASHES =
            "(?: \\[(?<hash>0x[0-9a-fA-F]{1,8}), (?<hash2>0x[0-9a-fA-F]{1,8})\\])?";
    private static final String FLAGS = "(?: flags(?: (?<flags>[A-Z]{1,8}(?: [A-Z]{1,8}){0,7}+))?)?";

    private FirewallFamilies() {
    }

    static void register(Map<String, Handler> t) {
        denies(t);
        connections(t);
        translations(t);
        icmp(t);
        toTheBox(t);
        url(t);
    }

    // ---------------------------------------------------------------- 1060xx / 1061xx denies

    private static void denies(Map<String, Handler> t) {
        t.put("106001", rule("Inbound <proto> connection denied from <addr>/<port> to <addr>/<port> flags <flags> on interface <if>",
                "(?<dir>Inbound) (?<proto>[\\w\\-]{1,16}) connection denied " + FROM_TO_PORTS + FLAGS + ON_IF,
                deny(null)));
        t.put("106002", rule("<proto> Connection denied by outbound list <acl> src <addr> <port> dest <addr> <port>",
                "(?<proto>[\\w\\-]{1,16}) [Cc]onnection denied by outbound list (?<acl>\\S{1,128}) src (?<sa>" + A
                        + ")(?:[ /](?<sp>\\d{1,5}))? dest (?<da>" + A + ")(?:[ /](?<dp>\\d{1,5}))?",
                deny(null)));
        t.put("106006", rule("Deny inbound UDP from <addr>/<port> to <addr>/<port> on interface <if>",
                "Deny (?<dir>inbound) (?<proto>[\\w\\-]{1,16}) " + FROM_TO_PORTS + ON_IF,
                deny(null)));
        t.put("106007", rule("Deny inbound UDP from <addr>/<port> to <addr>/<port> due to DNS {Response|Query}",
                "Deny (?<dir>inbound) (?<proto>[\\w\\-]{1,16}) " + FROM_TO_PORTS + " due to (?<reason>DNS \\w{1,16})",
                deny(null)));
        t.put("106010", rule("Deny inbound <proto> src <if>:<addr>[/<port>] dst <if>:<addr>[/<port>]",
                "Deny (?<dir>inbound) " + PROTO + " src " + SRC + " dst " + DST + ICMP_TYPE_CODE,
                deny(null)));
        t.put("106011", rule("Deny inbound (No xlate) <proto> src <if>:<addr>[/<port>] [dst <if>:<addr>[/<port>]]",
                "Deny (?<dir>inbound) \\(No xlate\\) " + PROTO + " src " + SRC + "(?: dst " + DST + ")?" + ICMP_TYPE_CODE,
                deny("no xlate")));
        t.put("106012", rule("Deny IP from <addr> to <addr>, IP options: <options>",
                "Deny IP " + FROM_TO + ",? IP options:? ?\"?(?<opt>[^\"]{0,128})",
                (g, e, m) -> {
                    verdict(e, KIND_EVENT, ACTION_DENIED, OUTCOME_FAILURE, CATEGORY_NETWORK);
                    deniedTypes(e);
                    e.set(Ecs.EVENT_REASON, "IP options " + g.get("opt").trim());
                }));
        t.put("106013", rule("Dropping echo request from <addr> to PAT address <addr>",
                "Dropping echo request from (?<sa>" + A + ") to PAT address (?<da>" + A + ")",
                (g, e, m) -> {
                    verdict(e, KIND_EVENT, ACTION_DROPPED, OUTCOME_FAILURE, CATEGORY_NETWORK);
                    deniedTypes(e);
                    e.set(Ecs.NETWORK_TRANSPORT, "icmp");
                    e.set(Ecs.EVENT_REASON, "echo request to PAT address");
                }));
        t.put("106014", rule("Deny {inbound|outbound} icmp src <if>:<addr> dst <if>:<addr> (type <n>, code <n>)",
                "Deny (?<dir>inbound|outbound) " + PROTO + " src " + SRC + " dst " + DST + ICMP_TYPE_CODE,
                deny(null)));
        t.put("106015", rule("Deny TCP (no connection) from <addr>/<port> to <addr>/<port> flags <flags> on interface <if>",
                "Deny (?<proto>[\\w\\-]{1,16}) \\(no connection\\) " + FROM_TO_PORTS + FLAGS + ON_IF,
                deny("no connection")));
        t.put("106016", rule("Deny IP spoof from (<addr>) to <addr> on interface <if>",
                "Deny IP spoof from \\((?<sa>" + A + ")\\) to (?<da>" + A + ")" + ON_IF,
                attackDeny("IP spoof")));
        t.put("106017", rule("Deny IP due to Land Attack from <addr> to <addr>",
                "Deny IP due to Land Attack " + FROM_TO,
                attackDeny("Land Attack")));
        t.put("106018", rule("<proto> packet type <type> denied by outbound list <acl> src <addr> dest <addr>",
                "(?<proto>[\\w\\-]{1,16}) packet type (?<icmpt>\\S{1,16}) denied by outbound list (?<acl>\\S{1,128}) src (?<sa>"
                        + A + ") dest (?<da>" + A + ")",
                deny(null)));
        t.put("106020", rule("Deny IP teardrop fragment (size = <n>, offset = <n>) from <addr> to <addr>",
                "Deny IP teardrop fragment \\(size = (?<size>\\d{1,6}), offset = (?<off>\\d{1,6})\\) " + FROM_TO,
                attackDeny("teardrop fragment")));
        t.put("106021", rule("Deny <proto> reverse path check from <addr> to <addr> on interface <if>",
                "Deny (?<proto>[\\w\\-]{1,16}) reverse path check " + FROM_TO + ON_IF,
                attackDeny("reverse path check")));
        t.put("106022", rule("Deny <proto> connection spoof from <addr> to <addr> on interface <if>",
                "Deny (?<proto>[\\w\\-]{1,16}) connection spoof " + FROM_TO + ON_IF,
                attackDeny("connection spoof")));
        t.put("106023", rule("Deny <proto> src <if>:<addr>[/<port>] dst <if>:<addr>[/<port>] [(type <n>, code <n>)] by access-group \"<acl>\" [<hash>, <hash>]",
                "Deny " + PROTO + " src " + SRC + " dst " + DST + ICMP_TYPE_CODE
                        + " by access-group \"(?<acl>[^\"]{0,128})\"" + HASHES,
                (g, e, m) -> {
                    verdict(e, KIND_EVENT, ACTION_DENIED, OUTCOME_FAILURE, CATEGORY_NETWORK);
                    deniedTypes(e);
                    aceHash(g, e);
                }));
        t.put("106100", rule("access-list <acl> {permitted|denied|est-allowed} <proto> <if>/<addr>(<port>) -> <if>/<addr>(<port>) hit-cnt <n> {first hit|<n>-second interval} [<hash>, <hash>]",
                "access-list (?<acl>\\S{1,128}) (?<verdict>permitted|denied|est-allowed) (?<proto>[\\w\\-]{1,16}) "
                        + "(?<sif>[^/\\s]{1,64})/(?<sa>[^(\\s]{1,255}+)\\((?<sp>\\d{1,5})\\)(?: ?\\((?<sid>[^()]{1,128})\\))? -> "
                        + "(?<dif>[^/\\s]{1,64})/(?<da>[^(\\s]{1,255}+)\\((?<dp>\\d{1,5})\\)(?: ?\\((?<did>[^()]{1,128})\\))? "
                        + "hit-cnt (?<hits>\\d{1,10}) (?<interval>first hit|\\d{1,6}-second interval)" + HASHES,
                (g, e, m) -> {
                    boolean denied = "denied".equals(g.get("verdict"));
                    verdict(e, KIND_EVENT, denied ? ACTION_DENIED : ACTION_ALLOWED,
                            denied ? OUTCOME_FAILURE : OUTCOME_SUCCESS, CATEGORY_NETWORK);
                    types(e, TYPE_CONNECTION, denied ? TYPE_DENIED : TYPE_ALLOWED);
                    e.set("cisco.asa.hit_count", Numbers.number(g.get("hits")));
                    e.set("cisco.asa.hit_interval", g.get("interval"));
                    e.set("cisco.asa.acl_verdict", g.get("verdict"));
                    if (Transports.portless(e.getString(Ecs.NETWORK_TRANSPORT))) {
                        // for ICMP the parenthesised numbers are type and code
                        e.set("cisco.asa.icmp_type", Numbers.number(g.get("sp")));
                        e.set("cisco.asa.icmp_code", Numbers.number(g.get("dp")));
                    }
                    aceHash(g, e);
                }));
    }

    /** A plain policy deny; reason only when the message id itself states one. */
    private static Fill deny(String reason) {
        return (g, e, m) -> {
            verdict(e, KIND_EVENT, ACTION_DENIED, OUTCOME_FAILURE, CATEGORY_NETWORK);
            deniedTypes(e);
            e.set("cisco.asa.tcp_flags", Rules.blankToNull(g.get("flags")));
            if (reason != null && !e.has(Ecs.EVENT_REASON)) {
                e.set(Ecs.EVENT_REASON, reason);
            }
        };
    }

    /** Denies by the built-in anti-spoofing / attack checks (not by an ACL). */
    private static Fill attackDeny(String reason) {
        return (g, e, m) -> {
            verdict(e, KIND_EVENT, ACTION_DENIED, OUTCOME_FAILURE, CATEGORY_NETWORK, CATEGORY_IDS);
            deniedTypes(e);
            e.set(Ecs.EVENT_REASON, reason);
            if (g.get("proto") == null) {
                e.set(Ecs.NETWORK_TRANSPORT, null);
            }
            e.set(Ecs.RULE_NAME, reason);
            e.set(Ecs.RULE_CATEGORY, "basic-threat-check");
        };
    }

    /**
     * The ACE hash identifies the access-list entry (a policy, like the ACL name in yagura.policy,
     * so not rule.id); 0x0 means "not available".
     */
    private static void aceHash(Rules.Groups g, SecurityEvent e) {
        String hash = g.get("hash");
        if (hash != null && !isZeroHash(hash)) {
            e.set("cisco.asa.ace_hash", hash);
        }
    }

    private static boolean isZeroHash(String hash) {
        for (int i = 2; i < hash.length(); i++) {
            if (hash.charAt(i) != '0') {
                return false;
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- 3020xx / 3023xx connections

    private static void connections(Map<String, Handler> t) {
        // Built {inbound|outbound} <proto> connection <id> for A (mapped) to B (mapped) [(user)]
        // also cluster stubs (302022/24/26) and state-bypass (302303) and GRE (302017).
        Handler built = rule("Built {inbound|outbound} <proto> connection <id> for <if>:<addr>/<port> (<mapped>) to <if>:<addr>/<port> (<mapped>)",
                "Built (?:(?<dir>inbound|outbound) )?(?:(?<role>director|backup|forwarder)\\s{1,4}stub )?"
                        + "(?<proto>[\\w\\-]{1,16})(?: state-bypass)? connection(?: (?<cid>\\d{1,20}))? (?:for|from) "
                        + SRC + mappedPattern('s') + " to " + DST + mappedPattern('d') + "(?: \\((?<user>[^()]{1,128})\\))?",
                true,
                (g, e, m) -> {
                    verdict(e, KIND_EVENT, ACTION_ALLOWED, OUTCOME_SUCCESS, CATEGORY_NETWORK);
                    types(e, TYPE_CONNECTION, TYPE_START);
                    e.set("cisco.asa.cluster_role", g.get("role"));
                });
        for (String id : new String[] {"302013", "302015", "302017", "302022", "302024", "302026", "302303"}) {
            t.put(id, built);
        }
        // Teardown: no direction word, the tuples are reported in the same order as in the Built
        // message; without state we keep the logged order (first = source) and rely on
        // cisco.asa.connection_id to join with the Built event.
        Rules.Rx teardownRx = new Rules.Rx(
                "Teardown <proto> connection <id> for <if>:<addr>/<port> to <if>:<addr>/<port> duration <h:mm:ss> bytes <n> [<reason>] [(<user>)]",
                "Teardown (?:stub )?(?<proto>[\\w\\-]{1,16})(?: state-bypass)? connection(?: (?<cid>\\d{1,20}))? (?:for|from) "
                        + SRC + mappedPattern('s') + " to " + DST + mappedPattern('d') + " duration " + DURATION
                        + " (?:forwarded )?bytes (?<bytes>\\d{1,20})(?<tail>.{0,1024})");
        Handler teardown = (msg, e) -> {
            Rules.Groups g = teardownRx.match(msg.text());
            if (g == null) {
                return Rules.mismatch(msg, teardownRx);
            }
            Rules.applyStandard(g, e);
            verdict(e, KIND_EVENT, ACTION_ALLOWED, OUTCOME_SUCCESS, CATEGORY_NETWORK);
            types(e, TYPE_CONNECTION, TYPE_END);
            teardownTail(g.get("tail"), e);
            return ParseResult.parsed(e);
        };
        for (String id : new String[] {"302014", "302016", "302018", "302023", "302025", "302027", "302304"}) {
            t.put(id, teardown);
        }
        // ICMP: faddr = foreign host, gaddr = global (mapped) address of the local host, laddr = local host.
        Handler icmp = rule("{Built {inbound|outbound}|Teardown} ICMP connection for faddr <addr>/<id> gaddr <addr>/<id> laddr <addr>/<id>",
                "(?<ev>Built (?<dir>inbound|outbound)|Teardown) (?<proto>ICMPv6|ICMP|icmp6?) connection for faddr (?<sa>" + A
                        + ")/(?<sp>\\d{1,10})(?:\\((?<sid>[^()/]{1,128})\\))? gaddr (?<dma>" + A + ")/(?<dmp>\\d{1,10}) laddr (?<da>"
                        + A + ")/(?<dp>\\d{1,10})(?:\\((?<did>[^()/]{1,128})\\))?(?: \\((?<user>[^()]{1,128})\\))?"
                        + "(?: type (?<icmpt>\\d{1,3}) code (?<icmpc>\\d{1,3}))?",
                true,
                (g, e, m) -> {
                    boolean start = g.get("ev").startsWith("Built");
                    verdict(e, KIND_EVENT, ACTION_ALLOWED, OUTCOME_SUCCESS, CATEGORY_NETWORK);
                    types(e, TYPE_CONNECTION, start ? TYPE_START : TYPE_END);
                });
        t.put("302020", icmp);
        t.put("302021", icmp);
    }

    /**
     * After "bytes N": "[reason [from initiator]] [(user)]", e.g. " TCP Reset-I",
     * " TCP FINs (alice)", " Cluster flow with CLU removed from due to idle timeout".
     */
    private static void teardownTail(String tail, SecurityEvent e) {
        String rest = Rules.blankToNull(tail);
        if (rest == null) {
            return;
        }
        if (rest.endsWith(")")) {
            int open = rest.lastIndexOf(" (");
            if (open >= 0 || rest.startsWith("(")) {
                int start = open >= 0 ? open + 2 : 1;
                Rules.user(e, rest.substring(start, rest.length() - 1));
                rest = open >= 0 ? rest.substring(0, open).trim() : "";
            }
        }
        int from = rest.lastIndexOf(" from ");
        if (from > 0) {
            String initiator = rest.substring(from + 6).trim();
            if (!initiator.isEmpty() && initiator.indexOf(' ') < 0) {
                e.set("cisco.asa.teardown_initiator", initiator);
                rest = rest.substring(0, from).trim();
            }
        }
        Rules.reason(e, rest);
    }

    // ---------------------------------------------------------------- 3050xx NAT

    private static void translations(Map<String, Handler> t) {
        Handler xlate = rule("{Built|Teardown} {dynamic|static} <proto> translation from <if>:<addr>/<port> to <if>:<mapped-addr>/<port> [duration <h:mm:ss>]",
                "(?<ev>Built|Teardown) (?:(?<type>dynamic|static|identity|portmap) )?(?<proto>[\\w\\-]{1,16}) translation from (?<sif>"
                        + IF + "):(?<sa>" + A + ")(?:/(?<sp>" + P + "))? to (?<dif>" + IF + "):(?<sma>" + A + ")(?:/(?<smp>"
                        + P + "))?(?: duration " + DURATION + ")?",
                (g, e, m) -> {
                    // a translation slot, not a connection: allowed, event.type start / end
                    boolean built = "Built".equals(g.get("ev"));
                    verdict(e, KIND_EVENT, ACTION_ALLOWED, OUTCOME_SUCCESS, CATEGORY_NETWORK);
                    types(e, built ? TYPE_START : TYPE_END);
                    e.set("cisco.asa.nat_type", g.get("type"));
                });
        t.put("305011", xlate);
        t.put("305012", xlate);
        t.put("305005", rule("No translation group found for <proto> src <if>:<addr>[/<port>] dst <if>:<addr>[/<port>]",
                "No translation group found for " + PROTO + " src " + SRC + " dst " + DST + ICMP_TYPE_CODE,
                dropped("no translation group found")));
        t.put("305006", rule("<type> translation creation failed for <proto> src <if>:<addr>[/<port>] dst <if>:<addr>[/<port>]",
                "(?<nt>[\\w ]{1,48}?) translation creation failed for " + PROTO + " src " + SRC + " dst " + DST,
                (g, e, m) -> {
                    verdict(e, KIND_EVENT, ACTION_DROPPED, OUTCOME_FAILURE, CATEGORY_NETWORK);
                    deniedTypes(e);
                    e.set(Ecs.EVENT_REASON, g.get("nt") + " translation creation failed");
                }));
        t.put("305013", rule("Asymmetric NAT rules matched for forward and reverse flows; Connection <proto> src <if>:<addr>/<port> dst <if>:<addr>/<port> denied due to NAT reverse path failure",
                "Asymmetric NAT rules matched for forward and reverse flows; Connection (?:for )?" + PROTO + " src " + SRC + " dst " + DST
                        + " denied due to (?<reason>NAT reverse path failure)",
                deny(null)));
    }

    private static Fill dropped(String reason) {
        return (g, e, m) -> {
            verdict(e, KIND_EVENT, ACTION_DROPPED, OUTCOME_FAILURE, CATEGORY_NETWORK);
            deniedTypes(e);
            if (reason != null && !e.has(Ecs.EVENT_REASON)) {
                e.set(Ecs.EVENT_REASON, reason);
            }
        };
    }

    // ---------------------------------------------------------------- 3130xx ICMP

    private static void icmp(Map<String, Handler> t) {
        Handler toDevice = rule("Denied ICMP type=<n>, code=<n> from <addr> on interface <if>",
                "Denied (?<proto>ICMP|IPv6-ICMP|ICMPv6) type=(?<icmpt>\\d{1,3}), code=(?<icmpc>\\d{1,3}) from (?<sa>" + A
                        + ") on interface (?<in>\\S{1,64})",
                (g, e, m) -> {
                    verdict(e, KIND_EVENT, ACTION_DENIED, OUTCOME_FAILURE, CATEGORY_NETWORK);
                    deniedTypes(e);
                    e.set(Ecs.EVENT_REASON, "ICMP to the device denied by icmp policy");
                });
        t.put("313001", toDevice);
        t.put("313008", toDevice);
        t.put("313004", rule("Denied ICMP type=<n>, [code=<n>,] from [laddr] <addr> on interface <if> to <addr>: no matching session",
                "Denied (?<proto>ICMP|IPv6-ICMP|ICMPv6) type=(?<icmpt>\\d{1,3}),(?: code=(?<icmpc>\\d{1,3}),)? from (?:laddr )?(?<sa>"
                        + A + ") on interface (?<in>\\S{1,64}) to (?<da>" + A + ")(?::\\s?|\\s)(?<reason>.{1,256})",
                deny(null)));
        t.put("313005", rule("No matching connection for ICMP error message: icmp src <if>:<addr> dst <if>:<addr> (type <n>, code <n>) on <if> interface. Original IP payload: <payload>",
                "No matching connection for ICMP error message: " + PROTO + " src " + SRC + " dst " + DST + ICMP_TYPE_CODE
                        + " on (?<in>\\S{1,64}) interface\\.?(?:\\s{1,4}Original IP payload: (?<payload>.{0,512}))?",
                (g, e, m) -> {
                    verdict(e, KIND_EVENT, ACTION_DROPPED, OUTCOME_FAILURE, CATEGORY_NETWORK);
                    deniedTypes(e);
                    e.set(Ecs.EVENT_REASON, "no matching connection for ICMP error message");
                    String payload = Rules.blankToNull(g.get("payload"));
                    e.set("cisco.asa.original_payload", payload == null ? null
                            : payload.endsWith(".") ? payload.substring(0, payload.length() - 1) : payload);
                }));
        t.put("313009", rule("Denied invalid ICMP code <n>, for <if>:<addr>/<id> (<mapped>) to <if>:<addr>/<id> (<mapped>), ICMP id <n>, ICMP type <n>",
                "Denied invalid ICMP code (?<icmpc>\\d{1,3}), for " + SRC + mappedPattern('s') + " to " + DST + mappedPattern('d'),
                (g, e, m) -> {
                    e.set(Ecs.NETWORK_TRANSPORT, "icmp");
                    e.set(Ecs.SOURCE_PORT, null);
                    e.set(Ecs.DESTINATION_PORT, null);
                    verdict(e, KIND_EVENT, ACTION_DENIED, OUTCOME_FAILURE, CATEGORY_NETWORK);
                    deniedTypes(e);
                    e.set(Ecs.EVENT_REASON, "invalid ICMP code");
                }));
    }

    // ---------------------------------------------------------------- 7100xx to-the-device access

    private static void toTheBox(Map<String, Handler> t) {
        String toBox = "from (?<sa>" + A + ")/(?<sp>" + P + ") to (?<in>" + IF + "):(?<da>" + A + ")/(?<dp>" + P + ")";
        Handler access = rule("{TCP|UDP} access {requested|permitted|denied by ACL} from <addr>/<port> to <if>:<addr>/<service>",
                "(?<proto>[\\w\\-]{1,16}) access (?<verdict>requested|permitted|denied by ACL) " + toBox,
                (g, e, m) -> {
                    switch (g.get("verdict")) {
                        case "permitted" -> {
                            // 710002: the handshake completed, the session to the device exists
                            verdict(e, KIND_EVENT, ACTION_ALLOWED, OUTCOME_SUCCESS, CATEGORY_NETWORK);
                            types(e, TYPE_CONNECTION, TYPE_ALLOWED);
                        }
                        case "requested" -> {
                            // 710001: the first SYN, permitted by the telnet/http/ssh access list
                            verdict(e, KIND_EVENT, ACTION_ALLOWED, OUTCOME_SUCCESS, CATEGORY_NETWORK);
                            types(e, TYPE_CONNECTION, TYPE_START);
                        }
                        default -> {
                            verdict(e, KIND_EVENT, ACTION_DENIED, OUTCOME_FAILURE, CATEGORY_NETWORK);
                            deniedTypes(e);
                            e.set(Ecs.EVENT_REASON, "to-the-device access denied by ACL");
                        }
                    }
                    e.set(Ecs.NETWORK_DIRECTION, "inbound");
                });
        t.put("710001", access);
        t.put("710002", access);
        t.put("710003", access);
        t.put("710004", rule("TCP connection limit exceeded from <addr>/<port> to <if>:<addr>/<service> (current connections/connection limit = <n>/<n>)",
                "TCP connection limit exceeded " + toBox
                        + "(?: \\(current connections/connection limit = (?<cur>\\d{1,10})/(?<lim>\\d{1,10})\\))?",
                (g, e, m) -> {
                    e.set(Ecs.NETWORK_TRANSPORT, "tcp");
                    verdict(e, KIND_EVENT, ACTION_DROPPED, OUTCOME_FAILURE, CATEGORY_NETWORK);
                    deniedTypes(e);
                    e.set(Ecs.EVENT_REASON, "to-the-device connection limit exceeded");
                    e.set("cisco.asa.connection_count", Numbers.number(g.get("cur")));
                    e.set("cisco.asa.connection_limit", Numbers.number(g.get("lim")));
                }));
        t.put("710005", rule("{TCP|UDP} request discarded from <addr>/<port> to <if>:<addr>/<service>",
                "(?<proto>[\\w\\-]{1,16}) request discarded " + toBox,
                dropped("request to the device discarded: no listening service")));
        t.put("710006", rule("<proto> request discarded from <addr> to <if>:<addr>",
                "(?<proto>[\\w\\-]{1,16}) request discarded from (?<sa>" + A + ") to (?<in>" + IF + "):(?<da>" + A + ")",
                dropped("request to the device discarded: protocol not served")));
    }

    // ---------------------------------------------------------------- 3040xx URL filtering

    private static void url(Map<String, Handler> t) {
        t.put("304001", rule("<addr>[(<user>)] Accessed [JAVA] URL <addr>:<url>",
                "(?<sa>" + A + ")(?:\\((?<user>[^()]{0,128})\\))? Accessed (?:JAVA )?URL (?<da>[^\\s:]{1,255}):(?<url>\\S{1,2048})",
                (g, e, m) -> {
                    verdict(e, KIND_EVENT, ACTION_ALLOWED, OUTCOME_SUCCESS, CATEGORY_NETWORK, CATEGORY_WEB);
                    types(e, TYPE_ACCESS);
                    e.set(Ecs.URL_ORIGINAL, g.get("url"));
                }));
        t.put("304002", rule("Access denied URL <url> SRC <addr> DEST <addr> on interface <if>",
                "Access denied URL (?<url>\\S{1,2048}) SRC (?<sa>" + A + ") DEST (?<da>" + A + ")" + ON_IF,
                (g, e, m) -> {
                    // refused by the URL filtering server (Websense, N2H2): a filter, not an ACL
                    verdict(e, KIND_EVENT, ACTION_BLOCKED, OUTCOME_FAILURE, CATEGORY_NETWORK, CATEGORY_WEB);
                    types(e, TYPE_ACCESS, TYPE_DENIED);
                    e.set(Ecs.URL_ORIGINAL, g.get("url"));
                    e.set(Ecs.EVENT_REASON, "URL filtering");
                }));
    }
}
