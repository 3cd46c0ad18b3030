package io.yagura.format.net;

import java.net.InetAddress;
import java.util.Optional;

/**
 * An IP network in CIDR form ({@code 10.0.0.0/8}, {@code 2001:db8::/32}); a lone address is a
 * /32 or /128. Parsing goes through {@link Addresses}, so it never resolves names.
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
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        int slash = s.indexOf('/');
        Optional<InetAddress> address = Addresses.parse(slash < 0 ? s : s.substring(0, slash));
        if (address.isEmpty()) {
            return Optional.empty();
        }
        int bits = address.get().getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String p = s.substring(slash + 1);
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            prefix = Integer.parseInt(p);
            if (prefix > bits) {
                return Optional.empty();
            }
        }
        return Optional.of(new Network(address.get(), prefix));
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        byte[] b = base.getAddress();
        if (a.length != b.length) {
            return false;
        }
        return mask(a, prefix).equals(base) ;
    }

    public boolean contains(String address) {
        return Addresses.parse(address).map(this::contains).orElse(false);
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
