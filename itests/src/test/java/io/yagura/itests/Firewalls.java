package io.yagura.itests;

import io.yagura.emulator.asa.AsaEmulator;
import io.yagura.emulator.checkpoint.CheckPointEmulator;
import io.yagura.emulator.fortigate.FortiGateEmulator;
import io.yagura.emulator.panos.PanOsEmulator;
import io.yagura.emulator.srx.SrxEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Emulated customer firewalls for {@link EmergencyResponseIT}, run by the test's outer JVM (the
 * {@code @Configuration} method) beside the distribution: a Cisco ASA that takes blocks, one
 * that drops the connection right after the change (the driver must roll it back), and one
 * firewall of each other vendor with a driver: a Juniper SRX (NETCONF over SSH), a Palo Alto
 * PAN-OS (XML API), a Check Point management server (Web API) and a FortiGate (REST API), the
 * last three over HTTPS. Only configuration code, outside Karaf, touches this class (the test
 * inside Karaf reads only its compile-time constants); the test learns the devices' endpoints
 * and host key or certificate fingerprints from system properties.
 */
final class Firewalls {

    static final String USER = "soc";
    static final String PASSWORD = "it-Firewall-pw1";
    /** The FortiGate's REST API token (FortiOS takes a token, no user). */
    static final String FORTIGATE_TOKEN = "it-fgt-t0ken-0123456789abcdef";

    private static AsaEmulator asa;
    private static AsaEmulator broken;
    private static SrxEmulator srx;
    private static PanOsEmulator panos;
    private static CheckPointEmulator checkpoint;
    private static FortiGateEmulator fortigate;

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
            srx = SrxEmulator.start(USER, PASSWORD);
            try {
                panos = new PanOsEmulator(USER, PASSWORD);
                checkpoint = new CheckPointEmulator(USER, PASSWORD);
                fortigate = new FortiGateEmulator(FORTIGATE_TOKEN);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new String[][] {
            {"yagura.itest.silent.address", unansweringAddress()},
            {"yagura.itest.asa.port", Integer.toString(asa.port())},
            {"yagura.itest.asa.fingerprint", asa.fingerprint()},
            {"yagura.itest.broken.port", Integer.toString(broken.port())},
            {"yagura.itest.broken.fingerprint", broken.fingerprint()},
            {"yagura.itest.srx.url", "ssh://127.0.0.1:" + srx.port()},
            {"yagura.itest.srx.fingerprint", srx.fingerprint()},
            {"yagura.itest.panos.url", panos.endpoint().toString()},
            {"yagura.itest.panos.fingerprint", panos.fingerprint()},
            // the driver installs the policy on the emulator's gateway
            {"yagura.itest.checkpoint.url", checkpoint.endpoint() + "?targets=" + CheckPointEmulator.GATEWAY},
            {"yagura.itest.checkpoint.fingerprint", checkpoint.fingerprint()},
            {"yagura.itest.fortigate.url", fortigate.endpoint().toString()},
            {"yagura.itest.fortigate.fingerprint", fortigate.fingerprint()},
        };
    }
}
