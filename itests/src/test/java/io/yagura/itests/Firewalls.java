package io.yagura.itests;

import io.yagura.emulator.asa.AsaEmulator;

/**
 * Emulated customer firewalls for {@link EmergencyResponseIT}, run by the test's outer JVM (the
 * {@code @Configuration} method) beside the distribution: a Cisco ASA that takes blocks, and one
 * that drops the connection right after the change (the driver must roll it back). Only
 * configuration code, outside Karaf, touches this class; the test inside Karaf learns their
 * ports and host key fingerprints from system properties.
 */
final class Firewalls {

    static final String USER = "soc";
    static final String PASSWORD = "it-Firewall-pw1";

    private static AsaEmulator asa;
    private static AsaEmulator broken;

    private Firewalls() {
    }

    /**
     * A documentation address off every local subnet, so that no neighbour answers it (this machine's own
     * network may be TEST-NET-1, whose gateway answers pings): its echo requests go to the default
     * route and die there.
     */
    static String unansweringAddress() {
        for (String candidate : new String[] {"198.51.100.254", "203.0.113.254", "198.18.255.254"}) {
            if (!onLocalSubnet(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("every candidate address is on a local subnet");
    }

    private static boolean onLocalSubnet(String address) {
        try {
            byte[] a = java.net.InetAddress.getByName(address).getAddress();
            for (java.net.NetworkInterface nif : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
                for (java.net.InterfaceAddress ia : nif.getInterfaceAddresses()) {
                    byte[] local = ia.getAddress().getAddress();
                    if (local.length == a.length && samePrefix(local, a, ia.getNetworkPrefixLength())) {
                        return true;
                    }
                }
            }
            return false;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean samePrefix(byte[] x, byte[] y, int bits) {
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >> (i % 8);
            if ((x[i / 8] & mask) != (y[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }

    static synchronized String[][] start() {
        if (asa == null) {
            asa = AsaEmulator.start(USER, PASSWORD, PASSWORD).withBlockGroup("YAGURA-BLOCK", "outside_access_in");
            broken = AsaEmulator.start(USER, PASSWORD, PASSWORD).withBlockGroup("YAGURA-BLOCK", "outside_access_in");
            // applies the object, then the connection dies before the driver can read it back
            broken.faults().dropAfter("network-object");
        }
        return new String[][] {
            {"yagura.itest.silent.address", unansweringAddress()},
            {"yagura.itest.asa.port", Integer.toString(asa.port())},
            {"yagura.itest.asa.fingerprint", asa.fingerprint()},
            {"yagura.itest.broken.port", Integer.toString(broken.port())},
            {"yagura.itest.broken.fingerprint", broken.fingerprint()},
        };
    }
}
