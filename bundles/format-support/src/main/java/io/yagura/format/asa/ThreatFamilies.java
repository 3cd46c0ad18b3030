package io.yagura.format.asa;

import static io.yagura.api.event.Ecs.ACTION_ALERT;
import static io.yagura.api.event.Ecs.ACTION_ALLOWED;
import static io.yagura.api.event.Ecs.ACTION_BLOCKED;
import static io.yagura.api.event.Ecs.ACTION_DROPPED;
import static io.yagura.api.event.Ecs.ACTION_RESET;
import static io.yagura.api.event.Ecs.CATEGORY_IDS;
import static io.yagura.api.event.Ecs.CATEGORY_MALWARE;
import static io.yagura.api.event.Ecs.CATEGORY_NETWORK;
import static io.yagura.api.event.Ecs.CATEGORY_THREAT;
import static io.yagura.api.event.Ecs.KIND_ALERT;
import static io.yagura.api.event.Ecs.KIND_EVENT;
import static io.yagura.api.event.Ecs.OUTCOME_FAILURE;
import static io.yagura.api.event.Ecs.OUTCOME_SUCCESS;
import static io.yagura.api.event.Ecs.OUTCOME_UNKNOWN;
import static io.yagura.format.asa.Rules.A;
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
import io.yagura.format.net.Addresses;
import io.yagura.format.net.Numbers;
import io.yagura.format.net.Ports;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Detections: basic threat detection (733100), ASA "ip audit" signatures (400000-400051), the IPS
 * module (420xxx), the FirePOWER/SFR module (434xxx), TCP anomalies (419xxx) and the Botnet Traffic
 * Filter (338xxx).
 *
 * <p>Verdicts: a detection let through is {@code alert} (event.kind alert); traffic an inspection
 * function stopped (the IPS or SFR module, the Botnet Traffic Filter) is {@code blocked}; a module
 * that is down and fails closed {@code dropped}s traffic without a detection. Signature ids and
 * names (ip audit "IPS:4051 UDP Snork attack") are rule.id / rule.name.
 */
final class ThreatFamilies {

    private static final String FLOW = "from " + endpointPattern('s') + " to " + endpointPattern('d');
    private static final String PROTO_WORD = "(?<proto>[\\w\\-]{1,16})";

    private ThreatFamilies() {
    }

    static void register(Map<String, Handler> t) {
        threatDetection(t);
        ipAudit(t);
        ipsModule(t);
        sfrModule(t);
        tcpAnomalies(t);
        botnetFilter(t);
    }

    // ---------------------------------------------------------------- 733100 threat detection

    private static void threatDetection(Map<String, Handler> t) {
        // "[ Scanning] drop rate-1 exceeded. Current burst rate is 0 per second, max configured
        // rate is 8; Current average rate is 5 per second, max configured rate is 4; Cumulative
        // total count is 19269". The object is padded inside the brackets.
        t.put("733100", rule("[<object>] drop rate-<n> exceeded. Current burst rate is <n> per second, max configured rate is <n>; Current average rate is <n> per second, max configured rate is <n>; Cumulative total count is <n>",
                "(?:\\[ {0,64}(?<obj>[^\\]]{0,128}?) {0,64}\\]|(?<obj2>\\S{1,64})) drop rate[- ](?<rid>\\d{1,3}) exceeded\\.?"
                        + "(?: Current burst rate is (?<br>-?\\d{1,10}) per second, max configured rate is (?<bm>-?\\d{1,10});"
                        + " Current average rate is (?<ar>-?\\d{1,10}) per second, max configured rate is (?<am>-?\\d{1,10});"
                        + " Cumulative total count is (?<tot>\\d{1,20}))?",
                (g, e, m) -> {
                    verdict(e, KIND_ALERT, ACTION_ALERT, OUTCOME_UNKNOWN, CATEGORY_THREAT, CATEGORY_NETWORK);
                    String object = Rules.blankToNull(g.first("obj", "obj2"));
                    e.set(Ecs.RULE_NAME, object);
                    e.set(Ecs.RULE_RULESET, "threat-detection");
                    e.set(Ecs.RULE_CATEGORY, objectClass(object, e));
                    e.set("cisco.asa.rate_id", "rate-" + g.get("rid"));
                    e.set("cisco.asa.burst_rate", Numbers.number(g.get("br")));
                    e.set("cisco.asa.burst_rate_max", Numbers.number(g.get("bm")));
                    e.set("cisco.asa.average_rate", Numbers.number(g.get("ar")));
                    e.set("cisco.asa.average_rate_max", Numbers.number(g.get("am")));
                    e.set("cisco.asa.total_count", Numbers.number(g.get("tot")));
                    e.set(Ecs.EVENT_REASON, "drop rate exceeded");
                }));
    }

    /**
     * The threat-detection object: a host ("[192.0.2.7]"), a port or protocol ("[ RDP 3389]",
     * "[Port-5432 5432]", "80/HTTP") or one of the system counters ("Scanning", "SYN attck"...).
     */
    private static String objectClass(String object, SecurityEvent e) {
        if (object == null) {
            return "host";
        }
        String ip = Addresses.normalize(object);
        if (ip != null) {
            e.set("related.ip", List.of(ip));
            return "host";
        }
        int cut = Math.max(object.lastIndexOf(' '), object.lastIndexOf('/'));
        String tail = cut >= 0 ? object.substring(cut + 1) : "";
        String head = cut >= 0 ? object.substring(0, cut) : object;
        if (Numbers.isDigits(tail) && Ports.port(tail) != null) {
            e.set(Ecs.DESTINATION_PORT, Ports.port(tail));
            return "port";
        }
        if (Numbers.isDigits(head) && Ports.port(head) != null) {
            e.set(Ecs.DESTINATION_PORT, Ports.port(head));
            return "port";
        }
        return "system";
    }

    // ---------------------------------------------------------------- 4000xx ip audit signatures

    private static void ipAudit(Map<String, Handler> t) {
        // "IPS:2003 ICMP redirect from 10.4.1.2 to 10.2.1.1 on interface dmz" (PIX: "IDS:"),
        // sent without the colon after the message id.
        Handler signature = rule("{IPS|IDS}:<signature id> <signature name> from <addr> to <addr> on interface <if>",
                "(?<engine>IPS|IDS):(?<sig>\\d{1,6}) (?<name>.{1,128}?) from (?<sa>" + A + ") to (?<da>" + A + ")"
                        + "(?: on interface (?<in>\\S{1,64}))?",
                (g, e, m) -> {
                    verdict(e, KIND_ALERT, ACTION_ALERT, OUTCOME_UNKNOWN, CATEGORY_NETWORK, CATEGORY_IDS);
                    e.set(Ecs.RULE_ID, g.get("sig"));
                    e.set(Ecs.RULE_NAME, g.get("name").trim());
                    e.set(Ecs.RULE_RULESET, "ip audit");
                    if (INFORMATIONAL_SIGNATURES.contains(g.get("sig"))) {
                        e.set(Ecs.EVENT_TYPE, List.of("info"));
                    }
                    String family = signatureClass(g.get("name"));
                    e.set(Ecs.RULE_CATEGORY, family);
                    if (family.equals("icmp") || family.equals("tcp") || family.equals("udp")) {
                        e.set(Ecs.NETWORK_TRANSPORT, family);
                    }
                });
        for (int id = 400000; id <= 400051; id++) {
            t.put(Integer.toString(id), signature);
        }
    }

    /**
     * The ip-audit signatures Cisco classes as "Informational" rather than "Attack" in its
     * IP audit signature list (configuration guide, "Configuring IP Audit for Basic IPS
     * Support"): IP options 1000-1006 and ICMP types 2000-2012 (echo, echo reply, unreachable,
     * redirect...). They describe normal traffic as often as an attack, so they are marked
     * event.type "info" (ECS: purely informational) and rules can tell them apart.
     */
    static final java.util.Set<String> INFORMATIONAL_SIGNATURES = java.util.stream.Stream.concat(
            java.util.stream.IntStream.rangeClosed(1000, 1006).boxed(),
            java.util.stream.IntStream.rangeClosed(2000, 2012).boxed()).map(String::valueOf)
            .collect(java.util.stream.Collectors.toUnmodifiableSet());

    /** Protocol family of an ip-audit signature from its title ("ICMP redirect" -> "icmp"). */
    private static String signatureClass(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        for (String family : new String[] {"icmp", "tcp", "udp", "dns", "rpc", "ftp", "ip"}) {
            if (n.startsWith(family)) {
                return family;
            }
        }
        return "other";
    }

    // ---------------------------------------------------------------- 420xxx IPS module

    private static void ipsModule(Map<String, Handler> t) {
        t.put("420001", rule("IPS card not up and fail-close mode used, dropping <proto> packet from <if>:<addr>/<port> to <if>:<addr>/<port>",
                "IPS card not up and fail-close mode used, dropping " + PROTO_WORD + " packet " + FLOW,
                moduleVerdict(KIND_EVENT, ACTION_DROPPED, "IPS module down, fail-close")));
        t.put("420002", rule("IPS requested to drop <proto> packet from <if>:<addr>/<port> to <if>:<addr>/<port>",
                "IPS requested to drop " + PROTO_WORD + " packet " + FLOW,
                moduleVerdict(KIND_ALERT, ACTION_BLOCKED, "IPS requested drop")));
        t.put("420003", rule("IPS requested to reset TCP connection from <if>:<addr>/<port> to <if>:<addr>/<port>",
                "IPS requested to reset (?<proto>TCP) connection " + FLOW,
                moduleVerdict(KIND_ALERT, ACTION_RESET, "IPS requested reset")));
        t.put("420006", rule("Virtual Sensor not present and fail-close mode used, dropping <proto> packet from <if>:<addr>/<port> to <if>:<addr>/<port>",
                "Virtual Sensor not present and fail-close mode used, dropping " + PROTO_WORD + " packet " + FLOW,
                moduleVerdict(KIND_EVENT, ACTION_DROPPED, "IPS virtual sensor not present, fail-close")));
    }

    // ---------------------------------------------------------------- 434xxx FirePOWER (SFR) module

    private static void sfrModule(Map<String, Handler> t) {
        t.put("434001", rule("SFR card not up and fail-close mode used, dropping <proto> packet from <if>:<addr>/<port> to <if>:<addr>/<port>",
                "SFR card not up and fail-close mode used, dropping " + PROTO_WORD + " packet " + FLOW,
                moduleVerdict(KIND_EVENT, ACTION_DROPPED, "SFR module down, fail-close")));
        t.put("434002", rule("SFR requested to drop <proto> packet from <if>:<addr>/<port> to <if>:<addr>/<port>",
                "SFR requested to drop " + PROTO_WORD + " packet " + FLOW,
                moduleVerdict(KIND_ALERT, ACTION_BLOCKED, "SFR requested drop")));
        t.put("434003", rule("SFR card not up and fail-open mode used, passing through <proto> packet from <if>:<addr>/<port> to <if>:<addr>/<port>",
                "SFR card not up and fail-open mode used, passing through " + PROTO_WORD + " packet " + FLOW,
                moduleVerdict(KIND_EVENT, ACTION_ALLOWED, "SFR module down, fail-open")));
        t.put("434004", rule("SFR requested ASA to bypass further packet redirection and process <proto> flow from <if>:<addr>/<port> to <if>:<addr>/<port> locally",
                "SFR requested ASA to bypass further packet redirection and process " + PROTO_WORD + " flow " + FLOW,
                moduleVerdict(KIND_EVENT, ACTION_ALLOWED, "SFR requested bypass of further inspection")));
    }

    /** Verdicts of an inspection module (IPS/SFR) on a flow it was given. */
    private static Fill moduleVerdict(String kind, String action, String reason) {
        return (g, e, m) -> {
            String outcome = ACTION_ALLOWED.equals(action) ? OUTCOME_SUCCESS : OUTCOME_FAILURE;
            if (KIND_ALERT.equals(kind)) {
                verdict(e, kind, action, outcome, CATEGORY_NETWORK, CATEGORY_IDS);
            } else {
                verdict(e, kind, action, outcome, CATEGORY_NETWORK);
            }
            e.set(Ecs.EVENT_REASON, reason);
        };
    }

    // ---------------------------------------------------------------- 419xxx TCP anomalies

    private static void tcpAnomalies(Map<String, Handler> t) {
        t.put("419001", rule("Dropping TCP packet from <if>:<addr>/<port> to <if>:<addr>/<port>, reason: <reason>",
                "Dropping (?<proto>TCP) packet " + FLOW + ", reason: (?<reason>.{1,256})",
                (g, e, m) -> verdict(e, KIND_EVENT, ACTION_DROPPED, OUTCOME_FAILURE, CATEGORY_NETWORK)));
        t.put("419002", rule("Duplicate TCP SYN from <if>:<addr>/<port> to <if>:<addr>/<port> with different initial sequence number",
                "Duplicate (?<proto>TCP) SYN " + FLOW + " with different initial sequence number",
                (g, e, m) -> {
                    // A second SYN with another ISN during the handshake: a sign of spoofed SYNs.
                    verdict(e, KIND_ALERT, ACTION_ALERT, OUTCOME_UNKNOWN, CATEGORY_NETWORK, CATEGORY_IDS);
                    e.set(Ecs.EVENT_REASON, "duplicate TCP SYN with different initial sequence number");
                    e.set(Ecs.RULE_NAME, "duplicate TCP SYN");
                }));
    }

    // ---------------------------------------------------------------- 338xxx Botnet Traffic Filter

    private static void botnetFilter(Map<String, Handler> t) {
        // "Dynamic Filter {monitored|dropped|permitted} {blacklisted|greylisted|whitelisted} TCP
        // traffic from in:ip/port (mapped) to out:ip/port (mapped), {source|destination} <ip>
        // resolved from {local|dynamic} list: <entry>[, threat-level: <level>, category: <cat>]"
        Handler traffic = rule("Dynamic Filter {monitored|dropped} {black|grey|white}listed <proto> traffic from <if>:<addr>/<port> (<mapped>) to <if>:<addr>/<port> (<mapped>), {source|destination} <addr> resolved from {local|dynamic} list: <entry>, threat-level: <level>, category: <category>",
                "Dynamic Filter (?<verdict>monitored|permitted|dropped|action|allowed)(?: (?<list>(?:black|grey|gray|white) ?listed))? "
                        + PROTO_WORD + " traffic from " + endpointPattern('s') + mappedPattern('s')
                        + " to " + endpointPattern('d') + mappedPattern('d')
                        + "(?:, (?<side>source|destination)(?: malicious address)? (?<bad>" + A + ") resolved from (?<listsrc>\\w{1,16}) list: "
                        + "(?<entry>[^,]{1,255}+)(?:, threat-level: (?<level>[\\w\\-]{1,32}), category: (?<cat>.{1,128}))?)?",
                ThreatFamilies::botnetTraffic);
        for (String id : new String[] {"338001", "338002", "338003", "338004", "338005", "338006", "338007", "338008",
            "338101", "338102", "338103", "338104", "338201", "338202", "338203", "338204"}) {
            t.put(id, traffic);
        }
        t.put("338301", Rules.replyRule("Intercepted DNS reply for domain <domain> from <if>:<addr>/<port> to <if>:<addr>/<port>, matched <list>",
                "Intercepted DNS reply for domain (?<domain>\\S{1,255}) from " + endpointPattern('s') + " to " + endpointPattern('d')
                        + ",? matched (?<list>.{1,64})",
                (g, e, m) -> {
                    String list = g.get("list").trim().toLowerCase(Locale.ROOT);
                    boolean bad = !list.startsWith("white");
                    verdict(e, bad ? KIND_ALERT : KIND_EVENT, bad ? ACTION_ALERT : ACTION_ALLOWED,
                            bad ? OUTCOME_UNKNOWN : OUTCOME_SUCCESS, CATEGORY_NETWORK, CATEGORY_THREAT);
                    e.set(Ecs.NETWORK_TRANSPORT, "udp");
                    e.set(Ecs.NETWORK_PROTOCOL, "dns");
                    e.set("dns.question.name", g.get("domain"));
                    e.set(Ecs.RULE_RULESET, g.get("list").trim());
                    e.set(Ecs.RULE_NAME, g.get("domain"));
                }));
        t.put("338302", rule("Address <addr> discovered for domain <domain> from <list>, Adding rule",
                "Address (?<ip>" + A + ") discovered for domain (?<domain>[^\\s,]{1,255}) from (?<list>[^,]{1,64}),? Adding rule",
                (g, e, m) -> intel(g, e, "creation")));
        t.put("338303", rule("Address <addr> (<domain>) timed out, Removing rule",
                "Address (?<ip>" + A + ") \\((?<domain>[^()]{1,255})\\) timed out[.,]? Removing rule",
                (g, e, m) -> intel(g, e, "deletion")));
        // 338304-338310: the updater's database downloads, device health rather than security events
        for (String id : new String[] {"338304", "338305", "338306", "338307", "338308", "338309", "338310"}) {
            t.put(id, (msg, e) -> ParseResult.ignored("dynamic filter updater: " + msg.id()
                    + " database download status (device health, no security event)"));
        }
    }

    private static void botnetTraffic(Rules.Groups g, SecurityEvent e, Rules.Msg m) {
        String list = g.get("list") == null ? "" : g.get("list").toLowerCase(Locale.ROOT).replace(" ", "");
        boolean white = list.startsWith("white");
        boolean dropped = "dropped".equals(g.get("verdict"));
        if (white) {
            verdict(e, KIND_EVENT, ACTION_ALLOWED, OUTCOME_SUCCESS, CATEGORY_NETWORK);
        } else {
            // monitored/permitted black- or greylisted traffic passed but is flagged; dropped
            // traffic was stopped by the filter (a security function, not an ACL): blocked
            verdict(e, KIND_ALERT, dropped ? ACTION_BLOCKED : ACTION_ALERT,
                    dropped ? OUTCOME_FAILURE : OUTCOME_UNKNOWN, CATEGORY_NETWORK, CATEGORY_MALWARE);
        }
        e.set("cisco.asa.dynamic_filter.list", list.isEmpty() ? null : list);
        String entry = Rules.blankToNull(g.get("entry"));
        e.set(Ecs.RULE_NAME, entry);
        e.set(Ecs.RULE_RULESET, g.get("listsrc") == null ? "dynamic-filter" : g.get("listsrc") + " list");
        e.set(Ecs.RULE_CATEGORY, Rules.blankToNull(g.get("cat")));
        e.set("cisco.asa.threat_level", g.get("level"));
        e.set("threat.indicator.ip", Addresses.normalize(Addresses.clean(g.get("bad"))));
        String side = g.get("side");
        if (entry != null && side != null && entry.indexOf('/') < 0 && !Addresses.isAddress(entry)
                && Addresses.isHostName(entry)) {
            e.set(side + ".domain", entry);
        }
        if (dropped) {
            e.set(Ecs.EVENT_REASON, "dynamic filter dropped " + (list.isEmpty() ? "listed" : list) + " traffic");
        }
    }

    /**
     * 338302/338303: DNS snooping added or timed out an address rule of a listed domain. No traffic
     * verdict: the device installed (allowed) the rule; event.type indicator + creation / deletion.
     */
    private static void intel(Rules.Groups g, SecurityEvent e, String change) {
        verdict(e, KIND_EVENT, ACTION_ALLOWED, OUTCOME_SUCCESS, CATEGORY_THREAT);
        types(e, "indicator", change);
        e.set("threat.indicator.ip", Addresses.normalize(Addresses.clean(g.get("ip"))));
        e.set("threat.indicator.url.domain", g.get("domain"));
        e.set(Ecs.RULE_RULESET, Rules.blankToNull(g.get("list")));
    }
}
