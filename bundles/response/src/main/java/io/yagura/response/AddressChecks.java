package io.yagura.response;

import io.yagura.api.registry.Customer;
import io.yagura.format.net.Addresses;
import io.yagura.format.net.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Whether an address may be blocked for a customer, in the order operators expect the reasons:
 * the text must be an address or a network no wider than configured; nothing safelisted
 * (globally or for the customer) may fall inside it; an address inside the customer's own
 * networks is an internal host, never blocked but quarantined; other private and special
 * ranges are refused unless the configuration allows them.
 */
final class AddressChecks {

    /** Ranges that are never an attacker on the Internet (RFC 6890 and friends); documentation ranges are not among them. */
    static final List<Network> SPECIAL_RANGES = List.of("0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8",
            "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24", "192.168.0.0/16", "224.0.0.0/4", "240.0.0.0/4", "::/128",
            "::1/128", "fc00::/7", "fe80::/10", "ff00::/8").stream().map(Network::of).toList();

    /** What may be blocked: the network (an address is a /32 or /128) and whether it is an internal host. */
    record Checked(Network network, boolean internal) {
        /** The text drivers and the store get: a bare address for a single host, else CIDR. */
        String text() {
            int bits = network.base().getAddress().length * 8;
            return network.prefix() == bits ? Addresses.toText(network.base()) : network.toString();
        }
    }

    /** A request refused before any device was touched; the message is the reason shown and audited. */
    static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;

        Refused(String reason) {
            super(reason, null, false, false);
        }
    }

    /** One named safelist entry, so that a refusal says which entry matched. */
    record SafeEntry(Network network, String source) {
    }

    private final int minPrefixV4;
    private final int minPrefixV6;
    private final boolean allowSpecial;

    AddressChecks(int minPrefixV4, int minPrefixV6, boolean allowSpecial) {
        this.minPrefixV4 = minPrefixV4;
        this.minPrefixV6 = minPrefixV6;
        this.allowSpecial = allowSpecial;
    }

    /**
     * @param safelist global and customer safelist entries together
     * @throws Refused with the reason
     */
    Checked check(String text, Customer customer, List<SafeEntry> safelist) throws Refused {
        Network network = parse(text);
        for (SafeEntry safe : safelist) {
            if (overlap(network, safe.network())) {
                throw new Refused(network + " is safelisted: it overlaps " + safe.network() + " (" + safe.source() + ")");
            }
        }
        for (String own : customer.networks()) {
            Optional<Network> ownNetwork = Network.parse(own);
            if (ownNetwork.isEmpty() || !overlap(network, ownNetwork.get())) {
                continue;
            }
            boolean host = network.prefix() == network.base().getAddress().length * 8;
            if (!host || !ownNetwork.get().contains(network.base())) {
                throw new Refused(network + " overlaps the customer's own network " + ownNetwork.get()
                        + ": only a single internal host can be quarantined, never a network of the customer");
            }
            return new Checked(network, true);
        }
        if (!allowSpecial) {
            for (Network special : SPECIAL_RANGES) {
                if (overlap(network, special)) {
                    throw new Refused(network + " is in the private or special range " + special + " and not in the "
                            + "customer's networks (allow.special.ranges=false)");
                }
            }
        }
        return new Checked(network, false);
    }

    private Network parse(String text) throws Refused {
        Network network;
        try {
            network = Network.ofExact(text);
        } catch (IllegalArgumentException e) {
            throw new Refused(e.getMessage());
        }
        int widest = network.isIpv4() ? minPrefixV4 : minPrefixV6;
        if (network.prefix() < widest) {
            throw new Refused(network + " is wider than a /" + widest + ", the widest network one block may cover "
                    + "(cidr.min.prefix." + (network.isIpv4() ? "ipv4" : "ipv6") + ")");
        }
        return network;
    }

    /** Two networks share an address when the wider one holds the narrower one's base. */
    static boolean overlap(Network a, Network b) {
        if (a.isIpv4() != b.isIpv4()) {
            return false;
        }
        return a.prefix() <= b.prefix() ? a.contains(b.base()) : b.contains(a.base());
    }

    /** Reads configured or stored safelist entries; a bad one is reported, not skipped silently. */
    static List<SafeEntry> entries(Iterable<String> networks, String source, List<String> problems) {
        List<SafeEntry> out = new ArrayList<>();
        for (String n : networks) {
            if (n == null || n.isBlank()) {
                continue;
            }
            try {
                out.add(new SafeEntry(Network.of(n), source));
            } catch (IllegalArgumentException e) {
                problems.add(source + ": " + e.getMessage());
            }
        }
        return out;
    }
}
