package io.yagura.health.probe;

import io.yagura.format.net.Addresses;
import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;

/**
 * {@link InetAddress#isReachable}: a real ICMP echo only when the process may open raw sockets
 * (root or CAP_NET_RAW); without that the JDK silently sends a TCP connect to port 7 instead,
 * which most devices do not answer. {@link IcmpSetup} therefore picks it only when it has
 * established the capability.
 */
public final class JdkPinger implements Pinger {

    @Override
    public Echo ping(String address, Duration timeout) {
        InetAddress target = Addresses.parse(address).orElse(null);
        if (target == null) {
            return new Echo.Unavailable("'" + address + "' is not an IP address");
        }
        try {
            return target.isReachable((int) Math.max(100, timeout.toMillis()))
                    ? new Echo.Answered()
                    : new Echo.NoAnswer("no ICMP echo reply from " + address + " within " + timeout.toMillis() + " ms");
        } catch (IOException e) {
            return new Echo.NoAnswer("ICMP echo to " + address + " failed: " + e.getMessage());
        }
    }

    @Override
    public String describe() {
        return "jdk raw socket (CAP_NET_RAW)";
    }
}
