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

    static synchronized String[][] start() {
        if (asa == null) {
            asa = AsaEmulator.start(USER, PASSWORD, PASSWORD).withBlockGroup("YAGURA-BLOCK", "outside_access_in");
            broken = AsaEmulator.start(USER, PASSWORD, PASSWORD).withBlockGroup("YAGURA-BLOCK", "outside_access_in");
            // applies the object, then the connection dies before the driver can read it back
            broken.faults().dropAfter("network-object");
        }
        return new String[][] {
            {"yagura.itest.asa.port", Integer.toString(asa.port())},
            {"yagura.itest.asa.fingerprint", asa.fingerprint()},
            {"yagura.itest.broken.port", Integer.toString(broken.port())},
            {"yagura.itest.broken.fingerprint", broken.fingerprint()},
        };
    }
}
