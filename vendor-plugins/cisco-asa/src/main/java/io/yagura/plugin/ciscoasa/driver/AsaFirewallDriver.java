package io.yagura.plugin.ciscoasa.driver;

import io.yagura.api.plugin.FirewallDriver;
import io.yagura.device.BlockInput;
import io.yagura.format.net.Network;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Blocks an address on a Cisco ASA over its SSH CLI. Each block is a network object
 * {@code yagura-<reference>} (its description carries the reason), made a member of an
 * object-group (default {@value #DEFAULT_GROUP}, endpoint option {@code group=}) that the
 * customer's ACL denies once and for all; option {@code method=shun} uses {@code shun} instead;
 * option {@code save=true} runs {@code write memory}. Every change is read back; a change that
 * fails is removed again. See docs/vendors/cisco-asa.md, "Emergency block".
 */
public final class AsaFirewallDriver implements FirewallDriver {

    static final String DEFAULT_GROUP = "YAGURA-BLOCK";

    @Override
    public String method() {
        return "network object yagura-<reference> in object-group " + DEFAULT_GROUP
                + " (option group=) denied by the customer's ACL, or shun (option method=shun)";
    }

    @Override
    public Outcome block(Target firewall, Block block) throws FirewallException {
        Network network = BlockInput.network(block.address());
        if (shun(firewall)) {
            return AsaShun.block(firewall, network);
        }
        String group = group(firewall);
        String name = AsaObjects.PREFIX + BlockInput.reference(block.reference());
        try (AsaCli cli = AsaCli.open(firewall)) {
            cli.run("configure terminal");
            try {
                cli.run("object network " + name);
                cli.run(definition(network));
                cli.run("description " + BlockInput.comment("Yagura block " + block.reference() + ": "
                        + (block.reason() == null ? "" : block.reason()), 200));
                cli.run("exit");
                cli.run("object-group network " + group);
                cli.run("network-object object " + name);
                cli.run("end");
                if (!AsaObjects.read(cli, group).holding(network).contains(name)) {
                    throw new FirewallException(Failure.REJECTED, cli.device() + " does not show " + name
                            + " holding " + network + " in object-group " + group + " after the change", null);
                }
                String saved = save(firewall, cli);
                return new Outcome(true, "object network " + name + " (" + BlockInput.text(network) + ") added to object-group "
                        + group + saved);
            } catch (FirewallException failure) {
                throw rollBack(firewall, group, name, failure);
            }
        }
    }

    @Override
    public Outcome unblock(Target firewall, String address) throws FirewallException {
        Network network = BlockInput.network(address);
        if (shun(firewall)) {
            return AsaShun.unblock(firewall, network);
        }
        String group = group(firewall);
        try (AsaCli cli = AsaCli.open(firewall)) {
            List<String> names = AsaObjects.read(cli, group).holding(network);
            if (names.isEmpty()) {
                return new Outcome(true, BlockInput.text(network) + " was not blocked in object-group " + group);
            }
            remove(cli, group, names, Map.of());
            List<String> left = AsaObjects.read(cli, group).holding(network);
            if (!left.isEmpty()) {
                throw new FirewallException(Failure.PARTIAL, cli.device() + " still holds " + left + " in " + group, null);
            }
            return new Outcome(true, "removed " + names + " from object-group " + group + save(firewall, cli));
        }
    }

    @Override
    public List<PlacedBlock> listBlocks(Target firewall) throws FirewallException {
        if (shun(firewall)) {
            return AsaShun.list(firewall);
        }
        String group = group(firewall);
        try (AsaCli cli = AsaCli.open(firewall)) {
            List<PlacedBlock> blocks = new ArrayList<>();
            AsaObjects.read(cli, group).inGroup().forEach((name, network) -> {
                if (network != null) {
                    blocks.add(new PlacedBlock(BlockInput.text(network), name.substring(AsaObjects.PREFIX.length()),
                            "object network " + name + " in object-group " + group));
                }
            });
            return blocks;
        }
    }

    /**
     * Removes what the failed block may have left (over a fresh session: the failed one may be
     * stalled or gone) and says ROLLED_BACK, or PARTIAL with what is left.
     */
    private static FirewallException rollBack(Target firewall, String group, String name, FirewallException failure) {
        try (AsaCli cli = AsaCli.open(firewall)) {
            AsaObjects state = AsaObjects.read(cli, group);
            List<String> inGroup = state.inGroup().containsKey(name) ? List.of(name) : List.of();
            remove(cli, group, inGroup, state.allYaguraObjects().containsKey(name) ? Map.of(name, true) : Map.of());
            AsaObjects after = AsaObjects.read(cli, group);
            if (after.inGroup().containsKey(name) || after.allYaguraObjects().containsKey(name)) {
                return new FirewallException(Failure.PARTIAL, failure.getMessage() + "; rolling back left object network "
                        + name + " on the device", failure);
            }
            return new FirewallException(Failure.ROLLED_BACK, failure.getMessage() + "; the change was rolled back", failure);
        } catch (FirewallException rollbackFailed) {
            return new FirewallException(Failure.PARTIAL, failure.getMessage() + "; rolling back failed ("
                    + rollbackFailed.getMessage() + "): object network " + name + " may be left in " + group, failure);
        }
    }

    /** Takes {@code members} out of the group, then deletes them and the {@code alsoDelete} objects. */
    private static void remove(AsaCli cli, String group, List<String> members, Map<String, Boolean> alsoDelete)
            throws FirewallException {
        cli.run("configure terminal");
        if (!members.isEmpty()) {
            cli.run("object-group network " + group);
            for (String name : members) {
                cli.run("no network-object object " + name);
            }
            cli.run("exit");
        }
        java.util.LinkedHashSet<String> objects = new java.util.LinkedHashSet<>(members);
        objects.addAll(alsoDelete.keySet());
        for (String name : objects) {
            cli.run("no object network " + name);
        }
        cli.run("end");
    }

    private static String save(Target firewall, AsaCli cli) throws FirewallException {
        if (!"true".equals(firewall.option("save").orElse("false"))) {
            return " (not saved: option save=true runs write memory)";
        }
        String answer = cli.run("write memory");
        if (!answer.contains("[OK]")) {
            throw new FirewallException(Failure.REJECTED, cli.device() + " did not confirm write memory", null);
        }
        return "; configuration saved";
    }

    /** The ASA object line for a host or a network. */
    private static String definition(Network network) {
        String base = io.yagura.format.net.Addresses.toText(network.base());
        if (BlockInput.isHost(network)) {
            return "host " + base;
        }
        return network.isIpv4() ? "subnet " + base + " " + netmask(network.prefix()) : "subnet " + base + "/" + network.prefix();
    }

    private static String netmask(int prefix) {
        long mask = prefix == 0 ? 0 : (0xFFFFFFFFL << (32 - prefix)) & 0xFFFFFFFFL;
        return (mask >> 24) + "." + ((mask >> 16) & 0xFF) + "." + ((mask >> 8) & 0xFF) + "." + (mask & 0xFF);
    }

    private static boolean shun(Target firewall) throws FirewallException {
        String method = firewall.option("method").orElse("object-group");
        if (!method.equals("object-group") && !method.equals("shun")) {
            throw new FirewallException(Failure.UNSUPPORTED, "endpoint option method=" + BlockInput.printable(method)
                    + " is unknown (object-group or shun)", null);
        }
        return method.equals("shun");
    }

    private static String group(Target firewall) throws FirewallException {
        String group = firewall.option("group").orElse(DEFAULT_GROUP);
        if (!Pattern.matches("[A-Za-z0-9._-]{1,64}", group)) {
            throw new FirewallException(Failure.UNSUPPORTED, "endpoint option group=" + BlockInput.printable(group)
                    + " is not an ASA object-group name", null);
        }
        return group;
    }
}
