package io.yagura.health.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IcmpSetupTest {

    private static final Path FPING = Path.of("/usr/bin/fping");
    private static final Path PING = Path.of("/usr/bin/ping");

    @Test
    void capNetRawIsReadFromTheEffectiveCapabilityMask() {
        assertTrue(IcmpSetup.hasNetRaw("000001ffffffffff"), "root");
        assertTrue(IcmpSetup.hasNetRaw("0000000000002000"), "CAP_NET_RAW alone");
        assertFalse(IcmpSetup.hasNetRaw("0000000000000000"), "an unprivileged user");
        assertFalse(IcmpSetup.hasNetRaw(null), "no /proc");
        assertFalse(IcmpSetup.hasNetRaw("zz"), "unreadable");
    }

    @Test
    void autoPrefersFpingThenPingThenTheJdkOnlyWithCapNetRaw() {
        assertTrue(IcmpSetup.choose("auto", new IcmpSetup.Host(Optional.of(FPING), Optional.of(PING), true)).describe()
                .startsWith("fping"));
        assertTrue(IcmpSetup.choose("auto", new IcmpSetup.Host(Optional.empty(), Optional.of(PING), false)).describe()
                .startsWith("ping"));
        assertInstanceOf(JdkPinger.class, IcmpSetup.choose("auto", new IcmpSetup.Host(Optional.empty(), Optional.empty(),
                true)));
        Pinger none = IcmpSetup.choose("auto", new IcmpSetup.Host(Optional.empty(), Optional.empty(), false));
        assertInstanceOf(Pinger.Unavailable.class, none, "never the JDK's silent TCP echo");
        assertTrue(none.describe().contains("CAP_NET_RAW"), none.describe());
    }

    @Test
    void theJdkMethodWithoutCapNetRawIsRefusedWithTheReason() {
        Pinger jdk = IcmpSetup.choose("jdk", new IcmpSetup.Host(Optional.of(FPING), Optional.empty(), false));
        assertInstanceOf(Pinger.Unavailable.class, jdk);
        assertTrue(jdk.describe().contains("TCP to port 7"), jdk.describe());
    }

    @Test
    void anUnknownMethodIsRefusedNamingTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IcmpSetup.choose("tcp-echo", new IcmpSetup.Host(Optional.empty(), Optional.empty(), true)));
        assertEquals("icmp.method 'tcp-echo' is not one of auto, fping, ping, jdk, none", e.getMessage());
    }

    @Test
    void theInstalledToolsPingTheLoopback() {
        for (CommandPinger.Tool tool : CommandPinger.Tool.values()) {
            Optional<Path> program = IcmpSetup.find(tool.program());
            assumeTrue(program.isPresent(), tool.program() + " is not installed");
            Pinger p = new CommandPinger(tool, program.get());
            assertInstanceOf(Echo.Answered.class, p.ping("127.0.0.1", Duration.ofSeconds(1)), tool.program());
            assertTrue(IcmpSetup.verified(p, Duration.ofSeconds(1)) == p, "kept after its self-test");
        }
    }

    /** fping run as nobody with CAP_NET_RAW out of reach: the real failure of an unprivileged node. */
    @Test
    void fpingWithoutPrivilegeMakesIcmpUnavailableWithItsOwnWords(@TempDir Path dir) throws Exception {
        Optional<Path> fping = IcmpSetup.find("fping");
        Optional<Path> setpriv = IcmpSetup.find("setpriv");
        assumeTrue(fping.isPresent() && setpriv.isPresent() && IcmpSetup.hasNetRaw(IcmpSetup.readCapEff()),
                "needs fping, setpriv and root to drop privilege");
        Path unprivileged = dir.resolve("fping-as-nobody");
        Files.writeString(unprivileged, "#!/bin/sh\nexec " + setpriv.get() + " --reuid 65534 --regid 65534 --clear-groups "
                + "--bounding-set -net_raw " + fping.get() + " \"$@\"\n");
        Files.setPosixFilePermissions(unprivileged, PosixFilePermissions.fromString("rwxr-xr-x"));
        Pinger chosen = new CommandPinger(CommandPinger.Tool.FPING, unprivileged);
        Echo echo = chosen.ping("127.0.0.1", Duration.ofSeconds(1));
        assertInstanceOf(Echo.Unavailable.class, echo, "a permission failure is not a device that does not answer");
        Pinger verified = IcmpSetup.verified(chosen, Duration.ofSeconds(1));
        assertInstanceOf(Pinger.Unavailable.class, verified);
        assertTrue(verified.describe().contains("not permitted"), verified.describe());
    }
}
