package io.yagura.format.net;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * An IP network in CIDR form ({@code 10.0.0.0/8}, {@code 2001:db8::/32}); a lone address is a
 * /32 or /128. IPv4 networks may also be written with a netmask ({@code 10.0.0.0/255.0.0.0}),
 * as firewalls print them. An IPv4-mapped IPv6 network ({@code ::ffff:10.0.0.0/104}) is the
 * IPv4 network it maps ({@code 10.0.0.0/8}), as its addresses are read as IPv4 by
 * {@link Addresses}. Parsing goes through {@link Addresses}, so it never resolves names.
 *
 * @param base   the network address with host bits cleared
 * @param prefix prefix length
 */
public record Network(InetAddress base, int prefix) {

    public Network {
        int bits = base.getAddress().length * 8;
        if (prefix < 0 || prefix > bits) {
            throw new IllegalArgumentException("prefix /" + prefix + " out of range 0.." + bits);
        }
        base = mask(base, prefix);
    }

    /** @return the network, or empty with no exception for text that is not one */
    public static Optional<Network> parse(String text) {
        return Optional.ofNullable(read(text).network);
    }

    /**
     * The network written in {@code text}, for input that must be one (a customer's declared
     * networks, rule and asset files).
     *
     * @throws IllegalArgumentException saying what is wrong with the text
     */
    public static Network of(String text) {
        Reading r = read(text);
        if (r.network == null) {
            throw new IllegalArgumentException(r.problem);
        }
        return r.network;
    }

    /**
     * Like {@link #of}, for input where a mistyped prefix would act on other addresses than meant
     * (a block on a firewall): {@code 203.0.113.7/24} is refused, not read as 203.0.113.0/24.
     *
     * @throws IllegalArgumentException saying what is wrong, with both readings the user may have meant
     */
    public static Network ofExact(String text) {
        Network n = of(text);
        InetAddress written = Addresses.parse(text.trim().split("/", 2)[0].trim()).orElse(n.base());
        if (!written.equals(n.base())) {
            throw new IllegalArgumentException("'" + text.trim() + "' has host bits set beyond its /" + n.prefix()
                    + ": write " + Addresses.toText(written) + " for that one host, or " + n + " for the whole network");
        }
        return n;
    }

    /** A network, or why the text is not one. */
    private record Reading(Network network, String problem) {
        static Reading refused(String text, String why) {
            return new Reading(null, "'" + text + "' is not a network: " + why);
        }
    }

    private static Reading read(String text) {
        if (text == null || text.isBlank()) {
            return new Reading(null, "no network given (expected CIDR such as 10.0.0.0/8 or 2001:db8::/32)");
        }
        String s = text.trim();
        int slash = s.indexOf('/');
        String addressText = slash < 0 ? s : s.substring(0, slash);
        Optional<InetAddress> address = Addresses.parse(addressText);
        if (address.isEmpty() && slash < 0) {
            return new Reading(null, "'" + s + "' is not an IP address or CIDR network (expected an address such as "
                    + "192.0.2.1 or a network such as 10.0.0.0/8 or 2001:db8::/32; host names are never resolved)");
        }
        if (address.isEmpty()) {
            return Reading.refused(s, Addresses.notAnAddress(addressText));
        }
        InetAddress a = address.get();
        // ::ffff:a.b.c.d reads as IPv4; its prefix still counts the 96 bits in front
        boolean mapped = a instanceof Inet4Address && addressText.indexOf(':') >= 0;
        int bits = mapped ? 128 : a.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = s.substring(slash + 1).trim();
            if (p.indexOf('.') >= 0 && !mapped && a instanceof Inet4Address) {
                Optional<Integer> fromMask = netmaskPrefix(p);
                if (fromMask.isEmpty()) {
                    return Reading.refused(s, "netmask '" + p + "' is not a contiguous IPv4 netmask");
                }
                prefix = fromMask.get();
            } else if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                return Reading.refused(s, "prefix length '" + p + "' is not a number 0.." + bits);
            } else {
                prefix = Integer.parseInt(p);
                if (prefix > bits) {
                    return Reading.refused(s, "prefix length " + prefix + " exceeds " + bits);
                }
            }
        }
        if (mapped) {
            if (prefix < 96) {
                return Reading.refused(s, "an IPv4-mapped network needs a prefix of at least 96");
            }
            prefix -= 96;
        }
        return new Reading(new Network(a, prefix), null);
    }

    /** The prefix length of a dotted IPv4 netmask, when its one bits are contiguous. */
    private static Optional<Integer> netmaskPrefix(String mask) {
        Optional<InetAddress> m = Addresses.parse(mask);
        if (m.isEmpty() || !(m.get() instanceof Inet4Address)) {
            return Optional.empty();
        }
        byte[] b = m.get().getAddress();
        int value = ((b[0] & 0xFF) << 24) | ((b[1] & 0xFF) << 16) | ((b[2] & 0xFF) << 8) | (b[3] & 0xFF);
        int prefix = Integer.bitCount(value);
        int contiguous = prefix == 0 ? 0 : -1 << (32 - prefix);
        return value == contiguous ? Optional.of(prefix) : Optional.empty();
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] b = base.getAddress();
        if (a.length != b.length) {
            return false;
        }
        return mask(a, prefix).equals(base);
    }

    public boolean contains(String address) {
        return Addresses.parse(address).map(this::contains).orElse(false);
    }

    /** True for an IPv4 network, false for IPv6. */
    public boolean isIpv4() {
        return base instanceof Inet4Address;
    }

    @Override
    public String toString() {
        return Addresses.toText(base) + "/" + prefix;
    }

    private static InetAddress mask(InetAddress address, int prefix) {
        return mask(address.getAddress(), prefix);
    }

    private static InetAddress mask(byte[] bytes, int prefix) {
        byte[] out = bytes.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xFF << (8 - keep)));
        }
        try {
            return InetAddress.getByAddress(out); // from bytes: no name lookup
        } catch (java.net.UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
