package io.yagura.response;

import io.yagura.format.net.Network;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SOC's own addresses, never blocked whatever the safelists say: a block of one of them would
 * cut the platform off from its own mail relay, SIP trunk, broker or database, or a node from
 * itself. They are this node's interface addresses and the hosts named in the platform's own
 * configuration ({@link #CONFIGURED}), resolved when a block is checked and kept for a minute.
 * Resolvers, NTP and update servers the devices use are not known here: operators list them in
 * the safelist (docs/response.md).
 */
final class SocOwnAddresses {

    private static final Logger LOG = LoggerFactory.getLogger(SocOwnAddresses.class);
    private static final Duration KEEP = Duration.ofMinutes(1);

    /** A configuration value naming a host the platform talks to. */
    record Setting(String pid, String key, String what) {
    }

    /** What the platform's own configuration points at. */
    static final List<Setting> CONFIGURED = List.of(
            new Setting("io.yagura.notify.mail", "host", "mail relay"),
            new Setting("io.yagura.notify.phone", "trunk", "SIP trunk"),
            new Setting("io.yagura.notify.phone", "registrar", "SIP registrar"),
            new Setting("io.yagura.camel", "broker.url", "message broker"),
            new Setting("org.ops4j.datasource-yagura", "url", "database"),
            new Setting("io.yagura.agent.centre", "forward.url", "external broker of the agents"));

    /** A host name or IPv4 address: up to the port, path, parameters or the next list entry. */
    private static final Pattern HOST = Pattern.compile("^[^:/?;,\\s()\\[\\]]+");

    private final Supplier<Map<Setting, String>> settings;
    private final Supplier<List<InetAddress>> interfaces;
    private final Function<String, List<InetAddress>> resolver;
    private final Clock clock;
    private volatile List<AddressChecks.SafeEntry> kept = List.of();
    private volatile Instant keptUntil = Instant.MIN;

    SocOwnAddresses(Supplier<Map<Setting, String>> settings, Supplier<List<InetAddress>> interfaces,
                    Function<String, List<InetAddress>> resolver, Clock clock) {
        this.settings = settings;
        this.interfaces = interfaces;
        this.resolver = resolver;
        this.clock = clock;
    }

    /** For tests of everything else: nothing of the SOC's is protected beyond the safelists. */
    static SocOwnAddresses none() {
        return new SocOwnAddresses(Map::of, List::of, host -> List.of(), Clock.systemUTC());
    }

    /** This node's interfaces and the configured hosts, resolved by the system's resolver. */
    static SocOwnAddresses of(Supplier<Map<Setting, String>> settings) {
        return new SocOwnAddresses(settings, SocOwnAddresses::interfaceAddresses, SocOwnAddresses::resolve,
                Clock.systemUTC());
    }

    /** The entries, each named after what it is ("the SOC's own mail relay smtp.soc.example"). */
    List<AddressChecks.SafeEntry> entries() {
        Instant now = clock.instant();
        if (now.isBefore(keptUntil)) {
            return kept;
        }
        List<AddressChecks.SafeEntry> out = new ArrayList<>();
        for (InetAddress a : interfaces.get()) {
            out.add(new AddressChecks.SafeEntry(host(a), "the SOC's own node (an address of this host)"));
        }
        settings.get().forEach((setting, value) -> hostOf(value).ifPresent(host -> {
            for (InetAddress a : resolver.apply(host)) {
                out.add(new AddressChecks.SafeEntry(host(a), "the SOC's own " + setting.what() + " " + host));
            }
        }));
        kept = List.copyOf(out);
        keptUntil = now.plus(KEEP);
        return kept;
    }

    /**
     * The host a configuration value names, if any (blank and placeholder values name none): a URL
     * ({@code amqp://}, {@code jdbc:postgresql://}, a failover list's first), a SIP URI, or host[:port].
     */
    static Optional<String> hostOf(String value) {
        if (value == null || value.isBlank() || value.contains("${")) {
            return Optional.empty();
        }
        String rest = value.strip().replaceFirst("^failover:\\(", "");
        int scheme = rest.indexOf("://");
        if (scheme >= 0) {
            rest = rest.substring(scheme + 3);
        } else if (rest.matches("(?i)^sips?:.*")) {
            rest = rest.substring(rest.indexOf(':') + 1);
        }
        int slash = rest.indexOf('/');
        int at = rest.lastIndexOf('@', slash < 0 ? rest.length() : slash);
        rest = rest.substring(at + 1);
        String host;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            host = close < 0 ? "" : rest.substring(1, close);
        } else {
            Matcher m = HOST.matcher(rest);
            host = m.find() ? m.group() : "";
        }
        return host.isBlank() ? Optional.empty() : Optional.of(host);
    }

    private static Network host(InetAddress a) {
        return Network.of(a.getHostAddress().replaceFirst("%.*$", "") + "/" + (a.getAddress().length * 8));
    }

    static List<InetAddress> interfaceAddresses() {
        List<InetAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                out.addAll(Collections.list(nif.getInetAddresses()));
            }
        } catch (SocketException e) {
            LOG.warn("Cannot list this node's network interfaces; its own addresses are protected by the safelist only: {}",
                    e.getMessage());
        }
        return out;
    }

    private static List<InetAddress> resolve(String host) {
        try {
            return List.of(InetAddress.getAllByName(host));
        } catch (UnknownHostException e) {
            LOG.debug("{} does not resolve; not protected as the SOC's own", host);
            return List.of();
        }
    }
}
