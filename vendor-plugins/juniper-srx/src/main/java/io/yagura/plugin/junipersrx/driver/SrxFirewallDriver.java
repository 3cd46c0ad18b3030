package io.yagura.plugin.junipersrx.driver;

import io.yagura.api.plugin.FirewallDriver;
import io.yagura.device.BlockInput;
import io.yagura.device.netconf.NetconfClient;
import io.yagura.device.ssh.SshConnection;
import io.yagura.format.net.Network;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Blocks an address on a Juniper SRX over NETCONF: an address {@code yagura-<reference>} (with a
 * description) in an address-set (default {@value #DEFAULT_SET}, option {@code set=}) of the global
 * address book or of zone {@code zone=}, which the customer's deny policy matches. Every change is
 * {@code commit confirmed} (option {@code confirm=} seconds, default 120), read back, and only then
 * confirmed; on failure the candidate is discarded or the unconfirmed commit is left to roll back.
 * The candidate lock is always released. See docs/vendors/juniper-srx.md, "Emergency block".
 */
public final class SrxFirewallDriver implements FirewallDriver {

    static final String DEFAULT_SET = "YAGURA-BLOCK";
    private static final Pattern JUNOS_NAME = Pattern.compile("[A-Za-z0-9._-]{1,63}");

    /** How far a change got, which decides what undoing it means. */
    private enum Stage { NOTHING_SENT, EDITED, COMMITTED_UNCONFIRMED, CONFIRMING }

    @Override
    public String method() {
        return "address yagura-<reference> in address-set " + DEFAULT_SET
                + " (options set=, zone=) matched by the customer's deny policy, commit confirmed then confirmed";
    }

    @Override
    public Outcome block(Target firewall, Block block) throws FirewallException {
        Network network = BlockInput.network(block.address());
        String name = SrxAddressBook.PREFIX + BlockInput.reference(block.reference());
        SrxAddressBook book = book(firewall);
        String description = BlockInput.comment("Yagura block " + block.reference() + ": "
                + (block.reason() == null ? "" : block.reason()), 200);
        return change(firewall, book, book.add(name, network, description),
                blocks -> network.equals(blocks.get(name)),
                "address " + name + " (" + BlockInput.text(network) + ") added to " + book.describe());
    }

    @Override
    public Outcome unblock(Target firewall, String address) throws FirewallException {
        Network network = BlockInput.network(address);
        SrxAddressBook book = book(firewall);
        List<String> names = holding(list(firewall, book), network);
        if (names.isEmpty()) {
            return new Outcome(true, BlockInput.text(network) + " was not blocked in " + book.describe());
        }
        return change(firewall, book, book.remove(names), blocks -> holding(blocks, network).isEmpty(),
                "removed " + names + " from " + book.describe());
    }

    @Override
    public List<PlacedBlock> listBlocks(Target firewall) throws FirewallException {
        SrxAddressBook book = book(firewall);
        List<PlacedBlock> placed = new ArrayList<>();
        list(firewall, book).forEach((name, network) -> {
            if (network != null) {
                placed.add(new PlacedBlock(BlockInput.text(network), name.substring(SrxAddressBook.PREFIX.length()),
                        "address " + name + " in " + book.describe()));
            }
        });
        return placed;
    }

    private Map<String, Network> list(Target firewall, SrxAddressBook book) throws FirewallException {
        try (SshConnection ssh = SshConnection.open(firewall, 830); NetconfClient netconf = NetconfClient.open(ssh)) {
            return book.read(netconf.getConfig("running", null));
        }
    }

    private static List<String> holding(Map<String, Network> blocks, Network network) {
        return blocks.entrySet().stream().filter(e -> network.equals(e.getValue())).map(Map.Entry::getKey).toList();
    }

    /** The read-back condition a change must meet before it is confirmed. */
    private interface Check {
        boolean holds(Map<String, Network> blocks);
    }

    private Outcome change(Target firewall, SrxAddressBook book, String configuration, Check check, String done)
            throws FirewallException {
        Duration confirm = confirmTimeout(firewall);
        try (SshConnection ssh = SshConnection.open(firewall, 830); NetconfClient netconf = NetconfClient.open(ssh)) {
            netconf.lock("candidate");
            Stage stage = Stage.NOTHING_SENT;
            try {
                stage = Stage.EDITED;
                netconf.editConfig(configuration);
                netconf.commitConfirmed(confirm);
                stage = Stage.COMMITTED_UNCONFIRMED;
                if (!check.holds(book.read(netconf.getConfig("running", null)))) {
                    throw new FirewallException(Failure.REJECTED, netconf.device() + " does not show the change in "
                            + book.describe() + " after commit confirmed", null);
                }
                stage = Stage.CONFIRMING;
                netconf.commit();
                return new Outcome(true, done + "; commit confirmed, read back and confirmed");
            } catch (FirewallException failure) {
                throw undo(netconf, stage, confirm, failure);
            } finally {
                unlockQuietly(netconf);
            }
        }
    }

    /** Says what is left after a failure at {@code stage}, undoing what can be undone. */
    private static FirewallException undo(NetconfClient netconf, Stage stage, Duration confirm, FirewallException failure) {
        return switch (stage) {
            case NOTHING_SENT -> failure;
            case EDITED -> {
                try {
                    netconf.discardChanges();
                    yield new FirewallException(Failure.ROLLED_BACK, failure.getMessage()
                            + "; the uncommitted change was discarded", failure);
                } catch (FirewallException sessionGone) {
                    yield new FirewallException(Failure.ROLLED_BACK, failure.getMessage()
                            + "; the session ended, so the device drops the uncommitted change (and rolls back a commit it did"
                            + " not see confirmed)", failure);
                }
            }
            case COMMITTED_UNCONFIRMED -> new FirewallException(Failure.ROLLED_BACK, failure.getMessage()
                    + "; the commit is not confirmed, so the device restores the previous configuration within "
                    + confirm.toSeconds() + " s", failure);
            case CONFIRMING -> new FirewallException(Failure.PARTIAL, failure.getMessage()
                    + "; the confirming commit did not complete: the change stays if the device received it, and is"
                    + " rolled back within " + confirm.toSeconds() + " s otherwise; list the blocks to know", failure);
        };
    }

    private static void unlockQuietly(NetconfClient netconf) {
        try {
            netconf.unlock("candidate");
        } catch (FirewallException ignored) {
            // a lock dies with its session: closing the session releases it
        }
    }

    private static Duration confirmTimeout(Target firewall) throws FirewallException {
        String seconds = firewall.option("confirm").orElse("120");
        if (!seconds.matches("\\d{1,5}") || Integer.parseInt(seconds) < 1) {
            throw new FirewallException(Failure.UNSUPPORTED, "endpoint option confirm=" + BlockInput.printable(seconds)
                    + " is not a number of seconds", null);
        }
        return Duration.ofSeconds(Integer.parseInt(seconds));
    }

    private static SrxAddressBook book(Target firewall) throws FirewallException {
        String set = firewall.option("set").orElse(DEFAULT_SET);
        String zone = firewall.option("zone").orElse(null);
        for (String name : new String[] {set, zone}) {
            if (name != null && !JUNOS_NAME.matcher(name).matches()) {
                throw new FirewallException(Failure.UNSUPPORTED, "endpoint option '" + BlockInput.printable(name)
                        + "' is not a Junos name", null);
            }
        }
        return new SrxAddressBook(zone, set);
    }
}
