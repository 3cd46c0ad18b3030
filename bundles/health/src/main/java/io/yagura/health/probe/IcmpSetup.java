package io.yagura.health.probe;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Decides how this node sends ICMP echo, once, at start. {@code auto} prefers fping, then
 * iputils ping (both real ICMP, with or without root), then the JDK's raw socket only when the
 * process holds CAP_NET_RAW; otherwise ICMP is unavailable, said in the log and in every device's
 * state. The choice is then tried on the loopback address: a tool that cannot send (no privilege,
 * no unprivileged ICMP sockets) makes ICMP unavailable with the tool's own words. Never a TCP echo.
 */
public final class IcmpSetup {

    /** CAP_NET_RAW's bit in /proc/self/status CapEff. */
    static final int CAP_NET_RAW = 13;
    private static final List<String> STANDARD_DIRS = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin");

    /** What the node offers. */
    public record Host(Optional<Path> fping, Optional<Path> ping, boolean netRaw) {
    }

    private IcmpSetup() {
    }

    /** This process's host: the programs on PATH (and the standard directories) and its capability. */
    public static Host probeHost() {
        return new Host(find("fping"), find("ping"), hasNetRaw(readCapEff()));
    }

    /**
     * The pinger the method asks for on this host, before any self-test.
     *
     * @param method auto, fping, ping, jdk or none
     * @throws IllegalArgumentException for another method, naming the valid ones
     */
    public static Pinger choose(String method, Host host) {
        String m = method == null ? "auto" : method.trim().toLowerCase(Locale.ROOT);
        return switch (m) {
            case "auto" -> host.fping().<Pinger>map(p -> new CommandPinger(CommandPinger.Tool.FPING, p))
                    .or(() -> host.ping().map(p -> new CommandPinger(CommandPinger.Tool.PING, p)))
                    .orElseGet(() -> host.netRaw() ? new JdkPinger() : Pinger.unavailable(
                            "neither fping nor ping is installed and this process lacks CAP_NET_RAW "
                            + "(install fping, or run as root)"));
            case "fping" -> host.fping().<Pinger>map(p -> new CommandPinger(CommandPinger.Tool.FPING, p))
                    .orElseGet(() -> Pinger.unavailable("icmp.method=fping but fping is not installed"));
            case "ping" -> host.ping().<Pinger>map(p -> new CommandPinger(CommandPinger.Tool.PING, p))
                    .orElseGet(() -> Pinger.unavailable("icmp.method=ping but ping (iputils) is not installed"));
            case "jdk" -> host.netRaw() ? new JdkPinger() : Pinger.unavailable("icmp.method=jdk needs root or "
                    + "CAP_NET_RAW; without it the JDK would send TCP to port 7 instead of ICMP");
            case "none" -> Pinger.unavailable("switched off (icmp.method=none)");
            default -> throw new IllegalArgumentException("icmp.method '" + method
                    + "' is not one of auto, fping, ping, jdk, none");
        };
    }

    /** The chosen pinger if it can ping the loopback address, else an unavailable one saying why. */
    public static Pinger verified(Pinger chosen, Duration timeout) {
        if (chosen instanceof Pinger.Unavailable) {
            return chosen;
        }
        Echo self = chosen.ping("127.0.0.1", timeout);
        if (self instanceof Echo.Answered) {
            return chosen;
        }
        String why = self instanceof Echo.Unavailable u ? u.why() : ((Echo.NoAnswer) self).why();
        return Pinger.unavailable(chosen.describe() + " cannot ping 127.0.0.1: " + why);
    }

    static Optional<Path> find(String program) {
        Set<String> dirs = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            dirs.addAll(List.of(path.split(java.io.File.pathSeparator)));
        }
        dirs.addAll(STANDARD_DIRS);
        for (String dir : new ArrayList<>(dirs)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static String readCapEff() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("CapEff:")) {
                    return line.substring("CapEff:".length()).trim();
                }
            }
        } catch (IOException | RuntimeException notLinux) {
            // no /proc: no capability established
        }
        return null;
    }

    /** True when the CapEff mask (hex, as in /proc/self/status) holds CAP_NET_RAW. */
    static boolean hasNetRaw(String capEffHex) {
        if (capEffHex == null || capEffHex.isEmpty()) {
            return false;
        }
        try {
            return new BigInteger(capEffHex, 16).testBit(CAP_NET_RAW);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
