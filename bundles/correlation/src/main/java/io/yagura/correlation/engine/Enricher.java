package io.yagura.correlation.engine;

import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.api.registry.Customer;
import io.yagura.format.net.NetworkTable;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds to an event what correlation rules and analysts need beyond the device's view:
 * <ul>
 *   <li>{@code network.direction} from the customer's declared networks: inbound (external →
 *       customer), outbound (customer → external), internal (both inside), external (neither).
 *       Replaces the device's own value when both addresses are known and the customer declared
 *       networks; otherwise the device's value stays.</li>
 *   <li>{@code yagura.source.criticality} / {@code yagura.destination.criticality} from the
 *       asset table.</li>
 *   <li>a threat-intelligence match: {@code threat.indicator.matched} (the value),
 *       {@code yagura.ti.field} (destination.ip, source.ip, destination.domain, url.domain,
 *       dns.question.name, source.domain — checked in this order, first match wins),
 *       {@code yagura.ti.source} (list name), {@code yagura.ti.label} (e.g. c2) and
 *       {@code yagura.ti.entry} (the list entry, e.g. a network).</li>
 *   <li>for a file event ({@code file.name}): {@code yagura.file.receiver}, the address the file went
 *       to (and {@code yagura.file.sender}, the other side) — the source for a download ({@code yagura.file.direction}, e.g. a FortiGate client
 *       fetching it), the destination for an upload, and where the device does not say, the
 *       destination of a flow from outside (the sender is the initiator, as file-policy events of
 *       the firewalls report it) — and {@code yagura.file.from_outside: true} when the receiver is
 *       one of the customer's hosts and the sender is not.</li>
 *   <li>{@code yagura.signature_class: reconnaissance} on an alert whose signature names or
 *       classes a scan, a sweep or a stealth probe ({@link #RECONNAISSANCE}), whatever the vendor
 *       calls it ("attack", severity critical): reconnaissance stays reconnaissance, and the
 *       intrusion rules leave such alerts to the reconnaissance rule.</li>
 * </ul>
 * The customer's networks are compiled once per customer and recompiled when the list changes.
 */
final class Enricher {

    private static final Logger LOG = LoggerFactory.getLogger(Enricher.class);

    static final String SOURCE_CRITICALITY = "yagura.source.criticality";
    static final String DESTINATION_CRITICALITY = "yagura.destination.criticality";
    static final String TI_MATCHED = "threat.indicator.matched";
    static final String TI_FIELD = "yagura.ti.field";
    static final String TI_SOURCE = "yagura.ti.source";
    static final String TI_LABEL = "yagura.ti.label";
    static final String TI_ENTRY = "yagura.ti.entry";
    static final String SIGNATURE_CLASS = "yagura.signature_class";
    static final String FILE_RECEIVER = "yagura.file.receiver";
    static final String FILE_SENDER = "yagura.file.sender";
    static final String FILE_FROM_OUTSIDE = "yagura.file.from_outside";
    /** Set when destination.ip was taken from the customer's traffic to the event's host name. */
    static final String DESTINATION_INFERRED = "yagura.destination.inferred_from";
    /** Host names remembered with the address they were last seen at (all customers together). */
    static final int MAX_HOST_NAMES = 20_000;

    /**
     * Signature names and classes of scanning across vendors: port scans and sweeps (Snort/Suricata
     * "ET SCAN", PAN-OS scan threats, FortiGate anomalies tcp_port_scan/icmp_sweep, McAfee NSP
     * "Port Scan", ScreenOS/SRX screens "Address sweep"), stealth probes (FIN/NULL/Xmas, FIN
     * without ACK, no flags, SYN+FIN; the ASA's ip audit 3040-3042 "TCP NULL flags", "TCP SYN+FIN
     * flags", "TCP FIN only flags") and fingerprinting.
     */
    static final java.util.regex.Pattern RECONNAISSANCE = java.util.regex.Pattern.compile(
            "scan|sweep|nmap|xmas|fin no ack|fin without ack|no flag|null packet|null flags|syn and fin|syn-fin|syn fin"
                    + "|syn\\+fin|fin only|fingerprint|os detection|reconnaissance|\\brecon\\b",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    private static final String[] TI_ADDRESS_FIELDS = {Ecs.DESTINATION_IP, Ecs.SOURCE_IP};
    private static final String[] TI_DOMAIN_FIELDS = {Ecs.DESTINATION_DOMAIN, Ecs.URL_DOMAIN, "dns.question.name",
        Ecs.SOURCE_DOMAIN};

    private record Networks(List<String> declared, NetworkTable<Boolean> table) {
    }

    private final ConcurrentHashMap<String, Networks> networks = new ConcurrentHashMap<>();
    /**
     * "customer|host name" → the server address the customer's traffic to that name went to. A WAF
     * that logs the request's Host header but not the server's address (ModSecurity's [hostname],
     * a virtual host) names its target only by name; the IDS or firewall records of ordinary
     * requests to the same site say where that name lives.
     */
    private final java.util.Map<String, String> hostAddresses = new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, String> eldest) {
            return size() > MAX_HOST_NAMES;
        }
    };

    /** How long a source's last inbound destination may name the target of its logins. */
    static final long LOGIN_TARGET_MILLIS = 5 * 60_000L;

    /** A source's last session into the customer's networks: where to, and when (event time). */
    private record Inbound(String destination, int port, long time) {
    }

    /**
     * "customer|source" → its last session into the customer's networks. A VPN gateway's or portal's
     * login logs (FortiOS ssl-login-fail, PAN-OS GLOBALPROTECT) name the user and the client's
     * address but not the gateway's own: the same client's session to the gateway says which
     * address its logins were aimed at.
     */
    private final java.util.Map<String, Inbound> lastInbound = new java.util.LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, Inbound> eldest) {
            return size() > MAX_HOST_NAMES;
        }
    };

    void enrich(SecurityEvent e, String customerId, Optional<Customer> customer, ThreatIntel ti,
                AssetCriticality assets) {
        hostAddress(e, customerId);
        if (customer.isPresent()) {
            loginTarget(e, customerId, networks(customer.get()));
        }
        String src = e.getString(Ecs.SOURCE_IP);
        String dst = e.getString(Ecs.DESTINATION_IP);
        if (customer.isPresent() && src != null && dst != null) {
            NetworkTable<Boolean> own = networks(customer.get());
            if (!own.isEmpty()) {
                boolean si = own.contains(src);
                boolean di = own.contains(dst);
                e.set(Ecs.NETWORK_DIRECTION, si && di ? "internal" : si ? "outbound" : di ? "inbound" : "external");
                if (e.has(Ecs.FILE_NAME)) {
                    fileReceiver(e, src, dst, si, di);
                }
            }
        }
        if (assets != null && !assets.isEmpty()) {
            if (src != null) {
                assets.lookup(customerId, src).ifPresent(c -> e.set(SOURCE_CRITICALITY, c.label()));
            }
            if (dst != null) {
                assets.lookup(customerId, dst).ifPresent(c -> e.set(DESTINATION_CRITICALITY, c.label()));
            }
        }
        if (ti != null && ti.size() > 0) {
            threatIntel(e, ti);
        }
        if (Ecs.KIND_ALERT.equals(e.getString(Ecs.EVENT_KIND)) && (reconnaissance(e.getString(Ecs.RULE_NAME))
                || reconnaissance(e.getString(Ecs.RULE_CATEGORY)))) {
            e.set(SIGNATURE_CLASS, "reconnaissance");
        }
    }

    /**
     * Remembers each outside source's last session into the customer's networks, and gives a login
     * event (event.category authentication) that names no destination the one its source reached
     * within {@link #LOGIN_TARGET_MILLIS} before or after, by event time.
     */
    private void loginTarget(SecurityEvent e, String customerId, NetworkTable<Boolean> own) {
        String src = e.getString(Ecs.SOURCE_IP);
        if (src == null || own.isEmpty() || own.contains(src)) {
            return;
        }
        String key = customerId + '|' + src;
        String ts = e.getString(Ecs.TIMESTAMP);
        long t = ts == null ? Long.MIN_VALUE : Timestamps.parseIso(ts);
        String dst = e.getString(Ecs.DESTINATION_IP);
        synchronized (lastInbound) {
            if (dst != null) {
                if (own.contains(dst)) {
                    Long port = e.getLong(Ecs.DESTINATION_PORT);
                    lastInbound.put(key, new Inbound(dst, port == null ? 0 : port.intValue(), t));
                }
                return;
            }
            if (!hasCategory(e, Ecs.CATEGORY_AUTHENTICATION)) {
                return;
            }
            Inbound last = lastInbound.get(key);
            if (last != null && (t == Long.MIN_VALUE || last.time() == Long.MIN_VALUE
                    || Math.abs(t - last.time()) <= LOGIN_TARGET_MILLIS)) {
                e.set(Ecs.DESTINATION_IP, last.destination());
                e.set(DESTINATION_INFERRED, "the login's source " + src + " had a session to " + last.destination()
                        + (last.port() > 0 ? ":" + last.port() : "") + " (the device's login log names no destination)");
            }
        }
    }

    private static boolean hasCategory(SecurityEvent e, String category) {
        Object c = e.get(Ecs.EVENT_CATEGORY);
        return c instanceof java.util.Collection<?> list ? list.contains(category) : category.equals(c);
    }

    /**
     * Learns where a host name lives from an event that has both (url.domain or destination.domain,
     * and destination.ip), and gives an event that has only the name the address last seen for it.
     */
    private void hostAddress(SecurityEvent e, String customerId) {
        String name = e.getString(Ecs.URL_DOMAIN);
        if (name == null) {
            name = e.getString(Ecs.DESTINATION_DOMAIN);
        }
        if (name == null || name.isEmpty() || customerId == null || Character.isDigit(name.charAt(name.length() - 1))
                || name.indexOf(':') >= 0) {
            return; // no name, or an address written as a name (IPv4 ends in a digit, IPv6 has colons)
        }
        String key = customerId + '|' + name.toLowerCase(java.util.Locale.ROOT);
        String dst = e.getString(Ecs.DESTINATION_IP);
        synchronized (hostAddresses) {
            if (dst != null) {
                hostAddresses.put(key, dst);
                return;
            }
            String known = hostAddresses.get(key);
            if (known != null) {
                e.set(Ecs.DESTINATION_IP, known);
                e.set(DESTINATION_INFERRED, "host name " + name + " (the customer's traffic to it went to " + known + ")");
            }
        }
    }

    /** Who received the file, and whether it came from outside to one of the customer's hosts. */
    private static void fileReceiver(SecurityEvent e, String src, String dst, boolean srcInside, boolean dstInside) {
        String way = e.getString(Ecs.FILE_DIRECTION);
        boolean toSource;
        if (Ecs.FILE_DOWNLOAD.equals(way)) {
            toSource = true;
        } else if (Ecs.FILE_UPLOAD.equals(way) || (dstInside && !srcInside)) {
            toSource = false;
        } else {
            return; // the device does not say, and the flow's direction does not tell
        }
        e.set(FILE_RECEIVER, toSource ? src : dst);
        e.set(FILE_SENDER, toSource ? dst : src);
        boolean receiverInside = toSource ? srcInside : dstInside;
        boolean senderInside = toSource ? dstInside : srcInside;
        if (receiverInside && !senderInside) {
            e.set(FILE_FROM_OUTSIDE, "true");
        }
    }

    private static boolean reconnaissance(String text) {
        return text != null && RECONNAISSANCE.matcher(text).find();
    }

    private static void threatIntel(SecurityEvent e, ThreatIntel ti) {
        for (String f : TI_ADDRESS_FIELDS) {
            String v = e.getString(f);
            if (v != null) {
                Optional<ThreatIntel.Match> m = ti.matchAddress(v);
                if (m.isPresent()) {
                    mark(e, f, m.get());
                    return;
                }
            }
        }
        for (String f : TI_DOMAIN_FIELDS) {
            String v = e.getString(f);
            if (v != null) {
                Optional<ThreatIntel.Match> m = ti.matchDomain(v);
                if (m.isPresent()) {
                    mark(e, f, m.get());
                    return;
                }
            }
        }
    }

    private static void mark(SecurityEvent e, String field, ThreatIntel.Match m) {
        e.set(TI_MATCHED, m.indicator());
        e.set(TI_FIELD, field);
        e.set(TI_SOURCE, m.source());
        e.set(TI_LABEL, m.label());
        e.set(TI_ENTRY, m.entry());
    }

    private NetworkTable<Boolean> networks(Customer c) {
        Networks n = networks.get(c.id());
        if (n != null && (n.declared() == c.networks() || n.declared().equals(c.networks()))) {
            return n.table();
        }
        NetworkTable.Builder<Boolean> b = NetworkTable.builder();
        for (String cidr : c.networks()) {
            try {
                b.add(cidr, Boolean.TRUE);
            } catch (IllegalArgumentException bad) {
                LOG.warn("customer {}: ignoring network '{}': {}", c.id(), cidr, bad.getMessage());
            }
        }
        NetworkTable<Boolean> table = b.build();
        networks.put(c.id(), new Networks(c.networks(), table));
        return table;
    }
}
