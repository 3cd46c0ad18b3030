package io.yagura.plugin.checkpoint.driver;

import io.yagura.api.plugin.FirewallDriver;
import io.yagura.device.BlockInput;
import io.yagura.device.http.BlockObjects;
import io.yagura.device.http.DeviceChange;
import io.yagura.device.http.DriverOptions;
import io.yagura.format.json.Json;
import io.yagura.format.net.Addresses;
import io.yagura.format.net.Network;
import java.net.Inet6Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Emergency blocks on Check Point gateways through the Management API, method {@code group}: a
 * host (or network) object {@code yagura-<reference>} with the reason in its comments, added to
 * the group the customer's drop rule uses, published, and the policy package installed on the
 * gateways. Before the publish a failure is undone by discarding the session; after it, by
 * removing and deleting the object and publishing again. Endpoint options
 * (docs/vendors/checkpoint.md, "Emergency block"): {@code group} (YAGURA-BLOCK), {@code package}
 * (standard), {@code targets} (gateways, comma-separated; all of the package when absent),
 * {@code install} (true), {@code task-wait} (seconds, 300).
 */
public final class CheckPointFirewallDriver implements FirewallDriver {

    static final String DEFAULT_GROUP = "YAGURA-BLOCK";

    @Override
    public String method() {
        return "group: host objects yagura-<reference> in the group " + DEFAULT_GROUP + " (option group=) of the"
                + " customer's drop rule, published, policy package installed (options package=, targets=)";
    }

    @Override
    public Outcome block(Target firewall, Block block) throws FirewallException {
        Network network = BlockObjects.network(block.address());
        String name = BlockObjects.objectName(block.reference());
        Options options = Options.of(firewall);
        try (CheckPointApi api = CheckPointApi.login(firewall, options.taskWait)) {
            requireGroup(api, options);
            DeviceChange change = new DeviceChange(api.device().name());
            String kind = kind(network);
            change.step("add-" + kind + " " + name,
                    () -> api.call("add-" + kind, fields(name, network, BlockObjects.description(block.reason(),
                            block.reference()))),
                    "discard the session's changes", api::discard);
            change.step("set-group " + options.group + " add " + name, () -> api.call("set-group",
                    Map.of("name", options.group, "members", Map.of("add", name))));
            List<String> answers = new ArrayList<>();
            change.step("publish", () -> answers.add(api.publish()),
                    "remove " + name + " from " + options.group + ", delete it and publish",
                    () -> removeAndPublish(api, options, name, kind));
            if (options.install) {
                change.step("install-policy", () -> answers.add(api.installPolicy(options.policyPackage,
                        options.targets)));
            }
            if (!holds(api, options, name, network)) {
                throw change.fail("reading back: group " + options.group + " does not hold " + name + " with "
                        + BlockInput.text(network));
            }
            return new Outcome(true, kind + " " + name + " " + BlockInput.text(network) + " in group " + options.group + ": "
                    + String.join(", ", answers));
        }
    }

    @Override
    public Outcome unblock(Target firewall, String address) throws FirewallException {
        Network network = BlockObjects.network(address);
        Options options = Options.of(firewall);
        try (CheckPointApi api = CheckPointApi.login(firewall, options.taskWait)) {
            Map<String, Network> blocks = yaguraMembers(api, options);
            blocks.values().removeIf(blocked -> !blocked.equals(network));
            if (blocks.isEmpty()) {
                return new Outcome(true, "no block of " + BlockInput.text(network) + " on the device");
            }
            DeviceChange change = new DeviceChange(api.device().name());
            for (String name : blocks.keySet()) {
                change.step("set-group " + options.group + " remove " + name, () -> api.call("set-group",
                        Map.of("name", options.group, "members", Map.of("remove", name))),
                        "discard the session's changes", api::discard);
                change.step("delete-" + kind(network) + " " + name,
                        () -> api.call("delete-" + kind(network), Map.of("name", name)));
            }
            List<String> answers = new ArrayList<>();
            change.step("publish", () -> answers.add(api.publish()));
            if (options.install) {
                answers.add(installRemoval(api, options, network));
            }
            if (yaguraMembers(api, options).containsValue(network)) {
                throw change.fail("reading back: group " + options.group + " still holds a Yagura block of "
                        + BlockInput.text(network));
            }
            return new Outcome(true, "removed " + String.join(", ", blocks.keySet()) + " (" + BlockInput.text(network)
                    + ") from group " + options.group + ": " + String.join(", ", answers));
        }
    }

    @Override
    public List<PlacedBlock> listBlocks(Target firewall) throws FirewallException {
        Options options = Options.of(firewall);
        try (CheckPointApi api = CheckPointApi.login(firewall, options.taskWait)) {
            List<PlacedBlock> blocks = new ArrayList<>();
            yaguraMembers(api, options).forEach((name, network) -> blocks.add(
                    new PlacedBlock(BlockInput.text(network), BlockObjects.reference(name).orElseThrow(), name)));
            return blocks;
        }
    }

    /**
     * After the removal is published there is nothing to roll back to that would be safer: if the
     * gateways do not get the new policy they enforce the block until the next installation.
     */
    private static String installRemoval(CheckPointApi api, Options options, Network network)
            throws FirewallException {
        try {
            return api.installPolicy(options.policyPackage, options.targets);
        } catch (FirewallException e) {
            throw new FirewallException(Failure.PARTIAL, api.device().name() + ": the removal of " + BlockInput.text(network)
                    + " is published but installing policy package " + options.policyPackage + " failed ("
                    + e.getMessage() + "); the gateways block it until the policy is installed", e);
        }
    }

    private static void removeAndPublish(CheckPointApi api, Options options, String name, String kind)
            throws FirewallException {
        api.call("set-group", Map.of("name", options.group, "members", Map.of("remove", name)));
        api.call("delete-" + kind, Map.of("name", name));
        api.publish();
    }

    private static void requireGroup(CheckPointApi api, Options options) throws FirewallException {
        if (api.show("show-group", options.group) == null) {
            throw new FirewallException(Failure.UNSUPPORTED, api.device().name() + ": group " + options.group
                    + " is missing (one-time setup, docs/vendors/checkpoint.md); nothing was changed", null);
        }
    }

    private static boolean holds(CheckPointApi api, Options options, String name, Network network)
            throws FirewallException {
        return network.equals(yaguraMembers(api, options).get(name));
    }

    /** Yagura's members of the group, with their addresses (the group read with full details). */
    private static Map<String, Network> yaguraMembers(CheckPointApi api, Options options) throws FirewallException {
        Map<String, Object> group = api.show("show-group", options.group);
        List<Object> members = group == null ? null : Json.list(group, "members");
        Map<String, Network> found = new LinkedHashMap<>();
        for (Object member : members == null ? List.of() : members) {
            String name = Json.text(member, "name");
            if (BlockObjects.reference(name).isPresent()) {
                network(member).ifPresent(network -> found.put(name, network));
            }
        }
        return found;
    }

    /** The address of a host or network object as the server shows it. */
    private static Optional<Network> network(Object object) {
        for (String family : List.of("4", "6")) {
            String host = Json.text(object, "ipv" + family + "-address");
            String subnet = Json.text(object, "subnet" + family);
            String length = Json.text(object, "mask-length" + family);
            if (host != null) {
                return Network.parse(host);
            }
            if (subnet != null && length != null) {
                return Network.parse(subnet + "/" + length);
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> fields(String name, Network network, String comments) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        String family = network.base() instanceof Inet6Address ? "6" : "4";
        if (kind(network).equals("host")) {
            fields.put("ipv" + family + "-address", Addresses.toText(network.base()));
        } else {
            fields.put("subnet" + family, Addresses.toText(network.base()));
            fields.put("mask-length" + family, network.prefix());
        }
        fields.put("comments", comments);
        fields.put("tags", List.of("yagura"));
        return fields;
    }

    private static String kind(Network network) {
        return BlockInput.isHost(network) ? "host" : "network";
    }



    /** The endpoint options, checked before anything is sent. */
    private record Options(String group, String policyPackage, List<String> targets, boolean install,
                           Duration taskWait) {

        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._ -]{0,127}");
        private static final Pattern NAMES =
                Pattern.compile("([A-Za-z0-9][A-Za-z0-9._-]{0,127})?(,[A-Za-z0-9][A-Za-z0-9._-]{0,127})*");
        private static final String RULE = "a Check Point object name (letters, digits, '.', '_', '-', space)";

        static Options of(Target target) throws FirewallException {
            DriverOptions.requireMethod(target, "Check Point", "group");
            String targets = DriverOptions.name(target, "targets", "", NAMES, "gateway names separated by commas");
            String install = DriverOptions.name(target, "install", "true", Pattern.compile("true|false"),
                    "true or false");
            String wait = DriverOptions.name(target, "task-wait", "300", Pattern.compile("[1-9][0-9]{0,4}"),
                    "a number of seconds");
            return new Options(DriverOptions.name(target, "group", DEFAULT_GROUP, NAME, RULE),
                    DriverOptions.name(target, "package", "standard", NAME, RULE),
                    targets.isEmpty() ? List.of() : Arrays.asList(targets.split(",")),
                    Boolean.parseBoolean(install), Duration.ofSeconds(Integer.parseInt(wait)));
        }
    }
}
