package io.yagura.plugin.ciscoasa.driver;

import io.yagura.api.plugin.FirewallDriver.Failure;
import io.yagura.api.plugin.FirewallDriver.FirewallException;
import io.yagura.api.plugin.FirewallDriver.Outcome;
import io.yagura.api.plugin.FirewallDriver.PlacedBlock;
import io.yagura.api.plugin.FirewallDriver.Target;
import io.yagura.device.BlockInput;
import io.yagura.format.net.Network;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code method=shun} alternative: {@code shun A} drops the host's traffic at once without an
 * ACL, but holds single hosts only, carries no comment (so every shun is listed, with no
 * reference) and is lost when the ASA reloads.
 */
final class AsaShun {

    private AsaShun() {
    }

    static Outcome block(Target firewall, Network network) throws FirewallException {
        String host = host(network);
        try (AsaCli cli = AsaCli.open(firewall)) {
            cli.run("shun " + host);
            if (!shunned(cli).contains(host)) {
                throw new FirewallException(Failure.REJECTED, cli.device() + " does not show a shun of " + host, null);
            }
            return new Outcome(true, "shun " + host);
        }
    }

    static Outcome unblock(Target firewall, Network network) throws FirewallException {
        String host = host(network);
        try (AsaCli cli = AsaCli.open(firewall)) {
            if (!shunned(cli).contains(host)) {
                return new Outcome(true, host + " was not shunned");
            }
            cli.run("no shun " + host);
            if (shunned(cli).contains(host)) {
                throw new FirewallException(Failure.PARTIAL, cli.device() + " still shuns " + host, null);
            }
            return new Outcome(true, "no shun " + host);
        }
    }

    static List<PlacedBlock> list(Target firewall) throws FirewallException {
        try (AsaCli cli = AsaCli.open(firewall)) {
            return shunned(cli).stream().map(host -> new PlacedBlock(host, "", "shun " + host)).toList();
        }
    }

    /** Hosts in {@code show shun}: {@code shun (outside) 203.0.113.5 0.0.0.0 0 0 0}. */
    private static List<String> shunned(AsaCli cli) throws FirewallException {
        List<String> hosts = new ArrayList<>();
        for (String line : cli.run("show shun").split("\n")) {
            String[] words = line.trim().split("\\s+");
            if (words.length >= 3 && words[0].equals("shun")) {
                Network.parse(words[2]).ifPresent(n -> hosts.add(BlockInput.text(n)));
            }
        }
        return hosts;
    }

    private static String host(Network network) throws FirewallException {
        if (!BlockInput.isHost(network)) {
            throw new FirewallException(Failure.UNSUPPORTED, "shun blocks single hosts, not " + network
                    + ": use the object-group method for a network", null);
        }
        return BlockInput.text(network);
    }
}
