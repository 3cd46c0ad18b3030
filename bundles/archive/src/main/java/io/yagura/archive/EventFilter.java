package io.yagura.archive;

import io.yagura.api.archive.ArchiveQuery;
import io.yagura.api.event.Ecs;
import io.yagura.api.event.SecurityEvent;
import io.yagura.format.net.Network;
import java.net.Inet4Address;
import java.time.Instant;
import java.util.Locale;

/**
 * The criteria of a query other than the customer (which chooses directories): address or network as
 * source or destination before or after NAT, signature or policy, time received.
 */
final class EventFilter {

    private static final String[] ADDRESS_FIELDS = {Ecs.SOURCE_IP, Ecs.DESTINATION_IP, Ecs.SOURCE_NAT_IP,
            Ecs.DESTINATION_NAT_IP};

    private final Network network;
    private final String rule;
    private final String ruleLower;
    private final Instant from;
    private final Instant to;
    /** Text every matching line contains, when there is one: lines without it are not parsed. */
    private final String mustContain;

    /** @throws IllegalArgumentException saying why the query's address is neither an address nor a network */
    EventFilter(ArchiveQuery query) {
        this.network = query.address().map(Network::of).orElse(null);
        this.rule = query.rule().orElse(null);
        this.ruleLower = rule == null ? null : rule.toLowerCase(Locale.ROOT);
        this.from = query.from().orElse(null);
        this.to = query.to().orElse(null);
        // an IPv4 address ends its JSON string in one way (192.0.2.1 or ::ffff:192.0.2.1); IPv6 may be written
        // several ways, networks have many addresses
        boolean oneAddress = network != null && network.prefix() == 32 && network.base() instanceof Inet4Address;
        this.mustContain = oneAddress ? network.base().getHostAddress() + "\"" : null;
    }

    FileReading.LinePrefilter prefilter() {
        return mustContain == null ? FileReading.LinePrefilter.ALL : line -> line.contains(mustContain);
    }

    boolean inTime(Instant received) {
        return (from == null || !received.isBefore(from)) && (to == null || received.isBefore(to));
    }

    boolean matches(SecurityEvent e) {
        return matchesAddress(e) && matchesRule(e);
    }

    private boolean matchesAddress(SecurityEvent e) {
        if (network == null) {
            return true;
        }
        for (String field : ADDRESS_FIELDS) {
            String a = e.getString(field);
            if (a != null && network.contains(a)) {
                return true;
            }
        }
        return false;
    }

    private boolean matchesRule(SecurityEvent e) {
        if (rule == null) {
            return true;
        }
        if (rule.equals(e.getString(Ecs.RULE_ID))) {
            return true;
        }
        String name = e.getString(Ecs.RULE_NAME);
        return name != null && name.toLowerCase(Locale.ROOT).contains(ruleLower);
    }
}
