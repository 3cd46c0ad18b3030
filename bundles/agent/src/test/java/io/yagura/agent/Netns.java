package io.yagura.agent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A network namespace joined to this host by a veth pair: the host end {@code 10.231.<k>.1},
 * the namespace end {@code .2}. The link is cut with iptables inside the namespace (packets
 * dropped, not refused: what a dead WAN link looks like). Needs root and iproute2/iptables.
 */
final class Netns implements AutoCloseable {

    final String name;
    final String hostAddress;
    final String nsAddress;
    private final String hostIf;

    Netns() throws IOException, InterruptedException {
        int k = ThreadLocalRandom.current().nextInt(1, 250);
        name = "yagura-agent-" + k;
        hostIf = "yagc" + k;
        hostAddress = "10.231." + k + ".1";
        nsAddress = "10.231." + k + ".2";
        run("ip", "netns", "add", name);
        run("ip", "link", "add", hostIf, "type", "veth", "peer", "name", "yaga" + k);
        run("ip", "link", "set", "yaga" + k, "netns", name);
        run("ip", "addr", "add", hostAddress + "/30", "dev", hostIf);
        run("ip", "link", "set", hostIf, "up");
        inside("ip", "addr", "add", nsAddress + "/30", "dev", "yaga" + k);
        inside("ip", "link", "set", "yaga" + k, "up");
        inside("ip", "link", "set", "lo", "up");
    }

    static boolean available() {
        try {
            return "root".equals(System.getProperty("user.name"))
                    && new ProcessBuilder("ip", "netns", "list").start().waitFor() == 0
                    && new ProcessBuilder("iptables", "--version").start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Drops every packet between the namespace and the host. */
    void cut() throws IOException, InterruptedException {
        inside("iptables", "-I", "OUTPUT", "-d", hostAddress, "-j", "DROP");
        inside("iptables", "-I", "INPUT", "-s", hostAddress, "-j", "DROP");
    }

    void restore() throws IOException, InterruptedException {
        inside("iptables", "-D", "OUTPUT", "-d", hostAddress, "-j", "DROP");
        inside("iptables", "-D", "INPUT", "-s", hostAddress, "-j", "DROP");
    }

    /** A command line that runs {@code command} inside the namespace. */
    List<String> in(List<String> command) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", name));
        all.addAll(command);
        return all;
    }

    void inside(String... command) throws IOException, InterruptedException {
        run(in(List.of(command)).toArray(String[]::new));
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out.trim());
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        run("ip", "link", "del", hostIf);
        run("ip", "netns", "del", name);
    }
}
