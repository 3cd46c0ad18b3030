package io.yagura.plugin.ciscoips;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseResult;
import io.yagura.format.net.Addresses;
import io.yagura.format.net.Numbers;
import io.yagura.format.net.Transports;
import io.yagura.format.parser.Events;
import io.yagura.format.parser.Line;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * CIDEE events as the sensor's SDEE server writes them (IPS 5.x-7.x {@code evIdsAlert}, and the
 * IDS 4.x {@code evAlert} of RDEP), one element per record; an {@code env:Envelope} holding
 * several is read whole. Field by field:
 * <ul>
 *   <li>{@code signature@id} → rule.id (the signature; the sub-signature goes to
 *       {@code cisco_ips.subsig_id}, so that one signature's variants share a rule.id, as in
 *       Cisco's signature catalogue), {@code @description} → rule.name, {@code @version} →
 *       rule.version, {@code sigDetails} → rule.description, {@code marsCategory} →
 *       rule.category;</li>
 *   <li>the {@code severity} word → log.level, with Cisco's attack severity rating as
 *       event.severity (informational 25, low 50, medium 75, high 100);</li>
 *   <li>attacker → source, target (4.x victim) → destination; 0.0.0.0 (no address) is left out;</li>
 *   <li>{@code actions}: a packet dropped or a flow or attacker denied → blocked; a TCP reset
 *       sent → reset; a block requested from a managed device → blocked; otherwise (alert,
 *       logging, deny requested but not performed in promiscuous mode) → alert;</li>
 *   <li>{@code time} (nanoseconds since the epoch, UTC) → @timestamp.</li>
 * </ul>
 */
final class IdsAlerts {

    static final String VENDOR = "cisco_ips.";

    private IdsAlerts() {
    }

    /** Reads a record: an event element, or an envelope of them. */
    static ParseResult parse(Line line, String xml) {
        SdeeXml.Node root;
        try {
            root = SdeeXml.read(xml);
        } catch (SdeeXml.Refused refused) {
            return ParseResult.rejected("SDEE XML: " + refused.getMessage());
        }
        if (root.name.equals("Envelope")) {
            return envelope(line, root);
        }
        return event(line, root);
    }

    private static ParseResult envelope(Line line, SdeeXml.Node envelope) {
        SdeeXml.Node body = envelope.child("Body");
        if (body == null) {
            return ParseResult.rejected("SDEE envelope without env:Body");
        }
        if (body.child("Fault") != null) {
            return ParseResult.ignored("SDEE fault answer, no event");
        }
        SdeeXml.Node events = body.child("events");
        if (events == null) {
            return ParseResult.ignored("SDEE answer without events (subscription or status answer)");
        }
        List<SecurityEvent> out = new ArrayList<>();
        String firstReason = null;
        for (SdeeXml.Node ev : events.children) {
            ParseResult r = event(line, ev);
            if (r instanceof ParseResult.Parsed p) {
                out.addAll(p.events());
            } else if (firstReason == null) {
                firstReason = r instanceof ParseResult.Ignored i ? i.reason() : ((ParseResult.Rejected) r).reason();
            }
        }
        if (!out.isEmpty()) {
            return new ParseResult.Parsed(out);
        }
        return ParseResult.ignored("SDEE answer without alerts" + (firstReason == null ? "" : ": " + firstReason));
    }

    static ParseResult event(Line line, SdeeXml.Node ev) {
        switch (ev.name) {
            case "evIdsAlert", "evAlert" -> {
                return alert(line, ev);
            }
            case "evStatus" -> {
                return ParseResult.ignored("SDEE evStatus: sensor status event, no security event");
            }
            case "evError" -> {
                return ParseResult.ignored("SDEE evError: sensor error event, no security event");
            }
            case "evShunRqst" -> {
                return ParseResult.ignored("SDEE evShunRqst: block request, the alert that caused it carries the attack");
            }
            case "evLogTransaction" -> {
                return ParseResult.ignored("SDEE evLogTransaction: blocking device transaction log, no security event");
            }
            default -> {
                return ParseResult.rejected("expected an SDEE evIdsAlert element, got <" + ev.name + ">");
            }
        }
    }

    private static ParseResult alert(Line line, SdeeXml.Node ev) {
        SdeeXml.Node sig = ev.child("signature");
        String sigId = sig == null ? null : first(sig.attr("id"), sig.attr("sigId"));
        if (sigId == null || !Numbers.isDigits(sigId)) {
            return ParseResult.rejected("SDEE " + ev.name + " without a numeric signature id");
        }
        SecurityEvent e = line.newEvent(CiscoIpsParser.OBSERVER);
        e.timestamp(time(ev.child("time"), line));
        e.set(Ecs.EVENT_KIND, Ecs.KIND_ALERT);
        e.set("event.id", Events.value(ev.attr("eventId")));

        SdeeXml.Node originator = ev.child("originator");
        String host = originator == null ? null : Events.value(originator.childText("hostId"));
        if (host != null) {
            e.set(Ecs.OBSERVER_HOSTNAME, host);
        }

        String severity = Events.value(ev.attr("severity"));
        if (severity != null) {
            String word = severity.toLowerCase(Locale.ROOT);
            e.set(Ecs.YAGURA_VENDOR_SEVERITY, severity);
            e.set(Ecs.LOG_LEVEL, word);
            e.set(Ecs.EVENT_SEVERITY, Severities.rating(word));
        }

        String verdict = verdict(ev.child("actions"), e);
        switch (verdict) {
            case Ecs.ACTION_BLOCKED -> Events.verdict(e, Ecs.ACTION_BLOCKED, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_IDS);
            case Ecs.ACTION_RESET -> Events.verdict(e, Ecs.ACTION_RESET, Ecs.OUTCOME_FAILURE, Ecs.CATEGORY_IDS);
            default -> Events.verdict(e, Ecs.ACTION_ALERT, Ecs.OUTCOME_UNKNOWN, Ecs.CATEGORY_IDS);
        }
        if ("informational".equalsIgnoreCase(severity)) {
            Events.types(e, Ecs.TYPE_INFO);
        }

        String name = Events.value(first(sig.attr("description"), sig.attr("sigName")));
        String details = Events.value(sig.childText("sigDetails"));
        e.set(Ecs.RULE_ID, sigId);
        e.set(Ecs.RULE_NAME, name);
        e.set("rule.version", Events.value(sig.attr("version")));
        e.set("rule.description", details);
        e.set(Ecs.RULE_CATEGORY, Events.value(ev.childText("marsCategory")));
        e.set(VENDOR + "subsig_id", Numbers.number(first(sig.childText("subsigId"), sig.attr("subSigId"))));
        e.set(VENDOR + "signature_type", Events.value(sig.attr("type")));
        Events.vulnerabilities(e, name, details, ev.childText("alertDetails"));

        participants(ev.child("participants"), e);

        e.set("event.risk_score", Numbers.number(ev.childText("riskRatingValue")));
        SdeeXml.Node risk = ev.child("riskRatingValue");
        if (risk != null) {
            e.set(VENDOR + "target_value_rating", Events.value(risk.attr("targetValueRating")));
            e.set(VENDOR + "attack_relevance", Events.value(risk.attr("attackRelevanceRating")));
        }
        e.set(VENDOR + "threat_rating", Numbers.number(ev.childText("threatRatingValue")));

        String transport = transport(ev.childText("protocol"));
        e.set(Ecs.NETWORK_TRANSPORT, transport);
        if (Transports.portless(transport)) {
            e.set(Ecs.SOURCE_PORT, null);
            e.set(Ecs.DESTINATION_PORT, null);
        }
        String iface = Events.value(ev.childText("interface"));
        if (iface != null && !iface.equalsIgnoreCase("unknown")) {
            e.set(Ecs.OBSERVER_INGRESS_INTERFACE, iface);
        }
        String vlan = Events.value(ev.childText("vlan"));
        if (vlan != null && !vlan.equals("0")) {
            e.set("network.vlan.id", vlan);
        }
        e.set(VENDOR + "virtual_sensor", Events.value(ev.childText("interfaceGroup")));
        e.set(VENDOR + "alert_details", Events.value(ev.childText("alertDetails")));
        e.set(VENDOR + "summary_count", Numbers.number(ev.childText("summary")));
        return ParseResult.parsed(e);
    }

    /** "tcp", "udp", "icmp", or "IP protocol N" for other IP protocols; null for protocol 0 (not stated). */
    static String transport(String protocol) {
        String p = Events.value(protocol);
        if (p == null) {
            return null;
        }
        String lower = p.toLowerCase(Locale.ROOT);
        if (lower.startsWith("ip protocol ")) {
            String n = lower.substring("ip protocol ".length()).trim();
            return !Numbers.isDigits(n) || n.chars().allMatch(c -> c == '0') ? null : Transports.transport(n);
        }
        String t = Transports.transport(p);
        return t == null || t.indexOf(' ') >= 0 ? null : t;
    }

    /** Device time: nanoseconds since the epoch (UTC); the receive time when missing or unreadable. */
    static Instant time(SdeeXml.Node time, Line line) {
        String t = time == null ? null : time.text();
        if (t != null && Numbers.isDigits(t) && t.length() <= 19) {
            long nanos = Long.parseLong(t);
            return Instant.ofEpochSecond(nanos / 1_000_000_000L, nanos % 1_000_000_000L);
        }
        return line.deviceTime();
    }

    private static void participants(SdeeXml.Node participants, SecurityEvent e) {
        if (participants == null) {
            return;
        }
        SdeeXml.Node attack = participants.child("attack"); // IDS 4.x nests them one level deeper
        SdeeXml.Node holder = attack != null ? attack : participants;
        SdeeXml.Node attacker = holder.child("attacker");
        List<SdeeXml.Node> targets = holder.children("target");
        if (targets.isEmpty()) {
            targets = holder.children("victim");
        }
        if (attacker != null) {
            endpoint(attacker, e, Ecs.SOURCE_IP, Ecs.SOURCE_PORT, "attacker_locality");
        }
        if (!targets.isEmpty()) {
            SdeeXml.Node target = targets.get(0);
            endpoint(target, e, Ecs.DESTINATION_IP, Ecs.DESTINATION_PORT, "target_locality");
            SdeeXml.Node os = target.child("os");
            String type = os == null ? null : Events.value(os.attr("type"));
            if (type != null && !type.equalsIgnoreCase("unknown")) {
                e.set(VENDOR + "target_os", type);
            }
        }
        if (targets.size() > 1) {
            List<String> all = new ArrayList<>();
            for (SdeeXml.Node t : targets) {
                String ip = Addresses.normalize(t.childText("addr"));
                if (ip != null && !all.contains(ip) && all.size() < 64) {
                    all.add(ip);
                }
            }
            e.set(VENDOR + "targets", all);
        }
    }

    private static void endpoint(SdeeXml.Node party, SecurityEvent e, String ipField, String portField, String locality) {
        SdeeXml.Node addr = party.child("addr");
        String ip = addr == null ? null : Addresses.normalize(addr.text());
        if (ip != null && !ip.equals("0.0.0.0") && !ip.equals("::")) {
            e.set(ipField, ip);
            e.set(VENDOR + locality, Events.value(addr.attr("locality")));
        }
        String port = party.childText("port");
        if (port != null && !port.equals("0")) {
            Events.port(e, portField, port);
        }
    }

    /**
     * What the sensor did, from the action elements whose value is not "false": dropped or
     * denied (deny-packet/connection/attacker inline performed) → blocked; a TCP reset sent →
     * reset; a block requested from a blocking device → blocked; else alert. "...RequestedNotPerformed"
     * (a deny configured on a sensor in promiscuous mode) did not happen. The actions taken are
     * kept in cisco_ips.actions.
     */
    static String verdict(SdeeXml.Node actions, SecurityEvent e) {
        if (actions == null) {
            return Ecs.ACTION_ALERT;
        }
        boolean denied = false;
        boolean reset = false;
        boolean blockRequested = false;
        List<String> taken = new ArrayList<>();
        for (SdeeXml.Node a : actions.children) {
            String value = a.text();
            if (value != null && value.equalsIgnoreCase("false")) {
                continue;
            }
            String n = a.name;
            if (taken.size() < 32 && !taken.contains(n)) {
                taken.add(n);
            }
            String lower = n.toLowerCase(Locale.ROOT);
            if (lower.contains("notperformed")) {
                continue;
            }
            if (lower.startsWith("dropped") || lower.startsWith("denied")) {
                denied = true;
            } else if (lower.contains("reset")) {
                reset = true;
            } else if (lower.startsWith("blockhost") || lower.startsWith("blockconnection")
                    || lower.startsWith("blocknetwork") || lower.startsWith("shun")) {
                blockRequested = true;
            }
        }
        e.set(VENDOR + "actions", taken.isEmpty() ? null : taken);
        if (denied) {
            return Ecs.ACTION_BLOCKED;
        }
        if (reset) {
            return Ecs.ACTION_RESET;
        }
        return blockRequested ? Ecs.ACTION_BLOCKED : Ecs.ACTION_ALERT;
    }

    private static String first(String a, String b) {
        return a != null && !a.isBlank() ? a : b;
    }
}
