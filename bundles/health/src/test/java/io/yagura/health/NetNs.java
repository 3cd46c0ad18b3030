package io.yagura.health;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Linux network namespace joined to this host by a veth pair: the host side gets
 * 198.18.N.1/29, the namespace the device addresses 198.18.N.2 to .6 (RFC 2544 test range).
 * Needs root and iproute2; tests skip with the reason otherwise. Closing deletes the namespace,
 * which deletes the veth pair with it.
 */
final class NetNs implements AutoCloseable {

    final String name;
    final String prefix;
    private final List<Process> started = new ArrayList<>();

    private NetNs(String name, String prefix) {
        this.name = name;
        this.prefix = prefix;
    }

    /** Skips the calling test unless namespaces can be made here. */
    static void assumeAvailable() {
        assumeTrue(isRoot(), "network namespace tests need root (they create veth pairs); skipped");
        assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip"))
                || Files.isExecutable(Path.of("/usr/bin/ip")), "iproute2 ('ip') is not installed; skipped");
    }

    static boolean isRoot() {
        try {
            return Files.readAllLines(Path.of("/proc/self/status")).stream()
                    .anyMatch(l -> l.startsWith("Uid:") && l.split("\\s+")[1].equals("0"));
        } catch (IOException e) {
            return false;
        }
    }

    static NetNs create() {
        int n = freeSubnet();
        String name = "yh" + ProcessHandle.current().pid() % 100000 + "x" + n;
        NetNs ns = new NetNs(name, "198.18." + n + ".");
        try {
            ns.host("ip", "netns", "add", name);
            ns.host("ip", "link", "add", name + "h", "type", "veth", "peer", "name", name + "d");
            ns.host("ip", "link", "set", name + "d", "netns", name);
            ns.host("ip", "addr", "add", ns.prefix + "1/29", "dev", name + "h");
            ns.host("ip", "link", "set", name + "h", "up");
            for (int host = 2; host <= 6; host++) {
                ns.inside("ip", "addr", "add", ns.prefix + host + "/29", "dev", name + "d");
            }
            ns.inside("ip", "link", "set", name + "d", "up");
            ns.inside("ip", "link", "set", "lo", "up");
        } catch (RuntimeException e) {
            ns.close();
            throw e;
        }
        return ns;
    }

    /** A 198.18.N.0/29 no interface of this host uses yet (another test run may hold one). */
    private static int freeSubnet() {
        String used = output(List.of("ip", "-4", "-o", "addr", "show"));
        for (int attempt = 0; attempt < 50; attempt++) {
            int n = ThreadLocalRandom.current().nextInt(1, 250);
            if (!used.contains(" 198.18." + n + ".")) {
                return n;
            }
        }
        throw new IllegalStateException("no free 198.18.N.0/29 on this host");
    }

    /** The namespace's address number {@code host} (2 to 6). */
    String address(int host) {
        return prefix + host;
    }

    /** Whether the namespace answers ICMP echo (a per-namespace sysctl: TCP keeps working). */
    void answerPings(boolean answer) {
        inside("sysctl", "-q", "-w", "net.ipv4.icmp_echo_ignore_all=" + (answer ? 0 : 1));
    }

    /** Skips the calling test unless iptables can drop packets in the namespace (CI installs it). */
    void assumeIptables() {
        assumeTrue(Stream.of("/usr/sbin/iptables", "/sbin/iptables", "/usr/bin/iptables")
                .anyMatch(f -> Files.isExecutable(Path.of(f))), "iptables is not installed; skipped");
    }

    /**
     * Whether every packet to {@code address} is dropped inside the namespace (iptables DROP in its
     * own INPUT chain): the device neither answers ICMP nor refuses TCP, it is simply gone.
     */
    void dropPacketsTo(String address, boolean drop) {
        inside("iptables", drop ? "-I" : "-D", "INPUT", "-d", address + "/32", "-j", "DROP");
    }

    /** Runs a command in the namespace and leaves it running until {@link #close}. */
    Process startInside(List<String> command) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(command);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        started.add(p);
        return p;
    }

    void inside(String... command) {
        List<String> cmd = new ArrayList<>(List.of("ip", "netns", "exec", name));
        cmd.addAll(List.of(command));
        run(cmd);
    }

    private void host(String... command) {
        run(List.of(command));
    }

    private static void run(List<String> command) {
        output(command);
    }

    private static String output(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + " cannot run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @Override
    public void close() {
        for (Process p : started) {
            p.destroyForcibly();
        }
        try {
            new ProcessBuilder("ip", "netns", "del", name).redirectErrorStream(true).start().waitFor(30, TimeUnit.SECONDS);
        } catch (IOException e) {
            // nothing was created
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
