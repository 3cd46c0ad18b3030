package io.yagura.response;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.format.net.Network;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Whether an incident's evidence shows its attacker in traffic that cannot be forged. A source
 * address in UDP or ICMP, or in a TCP packet that was only denied (a SYN), can be anyone's: an
 * attacker who spoofs the address of the customer's partner would make us block the partner.
 * Only TCP that went further counts: an allowed connection (built, torn down), or an HTTP or
 * TLS request, which needs the three-way handshake, and so the address really answered.
 */
final class Evidence {

    /** The judgement, and the reason shown to the analyst either way. */
    record Judgement(boolean trusted, String reason) {
    }

    private static final List<String> REQUEST_FIELDS = List.of(Ecs.HTTP_REQUEST_METHOD, Ecs.URL_ORIGINAL, Ecs.URL_PATH,
            Ecs.HTTP_RESPONSE_STATUS_CODE, Ecs.USER_AGENT_ORIGINAL, Ecs.TLS_SERVER_NAME);
    private static final List<String> ADDRESS_FIELDS = List.of(Ecs.SOURCE_IP, Ecs.DESTINATION_IP, Ecs.SOURCE_NAT_IP,
            Ecs.DESTINATION_NAT_IP);

    private Evidence() {
    }

    static Judgement judge(Collection<SecurityEvent> events, Network attacker) {
        int seen = 0;
        int tcpNotEstablished = 0;
        int otherTransport = 0;
        for (SecurityEvent e : events) {
            if (!involves(e, attacker)) {
                continue;
            }
            seen++;
            String transport = transport(e);
            if (!"tcp".equals(transport)) {
                otherTransport++;
                continue;
            }
            String established = established(e);
            if (established != null) {
                return new Judgement(true, established + " involving " + attacker
                        + (e.has(Ecs.EVENT_CODE) ? " (event " + e.getString(Ecs.EVENT_CODE) + ")" : ""));
            }
            tcpNotEstablished++;
        }
        if (seen == 0) {
            return new Judgement(false, "no evidence event involves " + attacker);
        }
        return new Judgement(false, "spoofable evidence: " + attacker + " appears in " + seen + " event(s), "
                + otherTransport + " of them UDP, ICMP or of unknown transport and " + tcpNotEstablished
                + " TCP that was never an established session (denied or dropped: a SYN can be forged)");
    }

    /** What shows a completed TCP handshake, or null. */
    private static String established(SecurityEvent e) {
        for (String field : REQUEST_FIELDS) {
            if (e.has(field)) {
                return "an HTTP or TLS request";
            }
        }
        String action = lower(e.getString(Ecs.EVENT_ACTION));
        List<String> types = values(e.get(Ecs.EVENT_TYPE));
        if (Ecs.ACTION_ALLOWED.equals(action) && (types.contains("start") || types.contains("end"))) {
            return "an allowed TCP connection";
        }
        return null;
    }

    private static boolean involves(SecurityEvent e, Network attacker) {
        for (String field : ADDRESS_FIELDS) {
            String value = e.getString(field);
            if (value != null && attacker.contains(value)) {
                return true;
            }
        }
        return false;
    }

    private static String transport(SecurityEvent e) {
        String t = lower(e.getString(Ecs.NETWORK_TRANSPORT));
        return "6".equals(t) ? "tcp" : t;
    }

    private static List<String> values(Object field) {
        if (field instanceof Collection<?> c) {
            return c.stream().map(v -> lower(String.valueOf(v))).toList();
        }
        return field == null ? List.of() : List.of(lower(field.toString()));
    }

    private static String lower(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }
}
