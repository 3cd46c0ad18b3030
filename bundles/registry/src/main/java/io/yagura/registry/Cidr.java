package io.yagura.registry;

import io.yagura.api.registry.RegistryException;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** Validation of a CIDR network written by an operator ("10.0.0.0/8", "2001:db8::/32"). */
final class Cidr {

    private Cidr() {
    }

    static void parse(String cidr, String owner) throws RegistryException {
        int slash = cidr == null ? -1 : cidr.indexOf('/');
        if (slash < 0) {
            throw new RegistryException(owner + ": network '" + cidr + "' is not in CIDR form (a.b.c.d/len)");
        }
        String addr = cidr.substring(0, slash);
        if (!addr.matches("[0-9A-Fa-f:.]+")) {
            throw new RegistryException(owner + ": network '" + cidr + "' has no IP address before '/'");
        }
        try {
            int bits = InetAddress.getByName(addr).getAddress().length * 8;
            int len = Integer.parseInt(cidr.substring(slash + 1));
            if (len < 0 || len > bits) {
                throw new RegistryException(owner + ": prefix length of '" + cidr + "' must be 0.." + bits);
            }
        } catch (UnknownHostException | NumberFormatException e) {
            throw new RegistryException(owner + ": network '" + cidr + "' is not valid CIDR", e);
        }
    }
}
