package io.yagura.plugin.fortinet.driver;

import io.yagura.api.plugin.FirewallDriver;
import io.yagura.device.BlockInput;
import io.yagura.device.http.BlockObjects;
import io.yagura.device.http.DeviceChange;
import io.yagura.device.http.DriverOptions;
import io.yagura.format.json.Json;
import io.yagura.format.net.Addresses;
import io.yagura.format.net.Network;
import java.net.Inet6Address;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Emergency blocks on FortiGate firewalls through the FortiOS REST API, method {@code addrgrp}: an
 * address object {@code yagura-<reference>} (IPv4: {@code firewall/address}, IPv6:
 * {@code firewall/address6}) with the reason as its comment, made a member of the address group the
 * customer's deny policy uses. FortiOS applies changes at once; a step that fails is undone by
 * deleting what was added. Endpoint options (docs/vendors/fortinet.md, "Emergency block"):
 * {@code vdom} (root), {@code group} (YAGURA-BLOCK), {@code group6} (YAGURA-BLOCK6).
 *
 * <p>Quarantine of an infected internal host: FortiOS's banned IP list (monitor API
 * {@code user/banned/add_users} with the quarantine's remaining time as {@code expiry}), which
 * stops the host's traffic through the FortiGate; the device lifts it at its expiry on its own,
 * so a platform that is down does not leave a host cut off for ever.
 */
public final class FortiGateFirewallDriver implements FirewallDriver {

    static final String DEFAULT_GROUP = "YAGURA-BLOCK";
    static final String DEFAULT_GROUP6 = "YAGURA-BLOCK6";

    /** The FortiOS tables of one address family. */
    private record Family(String addresses, String groups, String group) {
    }

    @Override
    public String method() {
        return "addrgrp: address objects yagura-<reference> in the address group " + DEFAULT_GROUP
                + " (IPv6: " + DEFAULT_GROUP6 + "; options group=, group6=, vdom=) of the customer's deny policy";
    }

    @Override
    public java.util.Set<Capability> capabilities() {
        return java.util.Set.of(Capability.BLOCK, Capability.QUARANTINE);
    }

    @Override
    public Outcome quarantine(Target firewall, Block host) throws FirewallException {
        Network network = BlockObjects.network(host.address());
        if (!BlockInput.isHost(network)) {
            throw new FirewallException(Failure.REJECTED, "refused before contacting the device: only one host can be "
                    + "quarantined, not the network " + network, null);
        }
        String address = BlockInput.text(network);
        long seconds = host.expiresAt() == null ? 0
                : Math.max(60, java.time.Duration.between(java.time.Instant.now(), host.expiresAt()).toSeconds());
        FortiGateApi api = FortiGateApi.open(firewall, Options.of(firewall).vdom);
        DeviceChange change = new DeviceChange(api.device().name());
        change.step("quarantining " + address, () -> api.ban(List.of(address), seconds),
                "lift the quarantine of " + address, () -> api.unban(List.of(address)));
        if (!quarantined(api).contains(address)) {
            throw change.fail("reading back: " + address + " is not in the quarantine (banned IP list)");
        }
        return new Outcome(true, address + " quarantined (FortiOS banned IP list) for "
                + (seconds == 0 ? "no set time" : seconds + " s"));
    }

    @Override
    public Outcome release(Target firewall, String address) throws FirewallException {
        String host = BlockInput.text(BlockObjects.network(address));
        FortiGateApi api = FortiGateApi.open(firewall, Options.of(firewall).vdom);
        if (!quarantined(api).contains(host)) {
            return new Outcome(true, host + " is not in the quarantine");
        }
        api.unban(List.of(host));
        if (quarantined(api).contains(host)) {
            throw new FirewallException(Failure.PARTIAL, api.device().name() + ": " + host
                    + " is still in the quarantine after clear_users", null);
        }
        return new Outcome(true, "quarantine of " + host + " lifted");
    }

    /** The addresses in the banned IP list, as Yagura writes them. */
    private static List<String> quarantined(FortiGateApi api) throws FirewallException {
        List<String> found = new ArrayList<>();
        for (Object entry : api.banned()) {
            String ip = Json.text(entry, "ipv4_address");
            String text = ip != null ? ip : Json.text(entry, "ipv6_address");
            Network.parse(text).ifPresent(n -> found.add(BlockInput.text(n)));
        }
        return found;
    }

    @Override
    public Outcome block(Target firewall, Block block) throws FirewallException {
        Network network = BlockObjects.network(block.address());
        String name = BlockObjects.objectName(block.reference());
        Options options = Options.of(firewall);
        Family family = options.family(network);
        FortiGateApi api = FortiGateApi.open(firewall, options.vdom);
        requireGroup(api, family);

        Map<String, Object> fields = fields(name, network, BlockObjects.description(block.reason(), block.reference()));
        DeviceChange change = new DeviceChange(api.device().name());
        change.step("adding address " + name, () -> api.create(family.addresses(), name, fields),
                "delete address " + name, () -> api.delete(family.addresses(), name));
        change.step("adding " + name + " to group " + family.group(),
                () -> api.addMember(family.groups(), family.group(), name),
                "remove " + name + " from group " + family.group(),
                () -> api.removeMember(family.groups(), family.group(), name));
        if (!network.equals(address(api.find(family.addresses(), name)).orElse(null))
                || !members(api, family).contains(name)) {
            throw change.fail("reading back: " + name + " with " + BlockInput.text(network) + " is not in group "
                    + family.group());
        }
        return new Outcome(true, "address " + name + " " + BlockInput.text(network) + " in address group " + family.group()
                + " (vdom " + options.vdom + ")");
    }

    @Override
    public Outcome unblock(Target firewall, String address) throws FirewallException {
        Network network = BlockObjects.network(address);
        Options options = Options.of(firewall);
        Family family = options.family(network);
        FortiGateApi api = FortiGateApi.open(firewall, options.vdom);
        Map<String, Network> blocks = yaguraMembers(api, family);
        blocks.values().removeIf(blocked -> !blocked.equals(network));
        if (blocks.isEmpty()) {
            return new Outcome(true, "no block of " + BlockInput.text(network) + " on the device");
        }
        DeviceChange change = new DeviceChange(api.device().name());
        for (String name : blocks.keySet()) {
            Map<String, Object> original = api.find(family.addresses(), name);
            change.step("removing " + name + " from group " + family.group(),
                    () -> api.removeMember(family.groups(), family.group(), name),
                    "add " + name + " to group " + family.group() + " again",
                    () -> api.addMember(family.groups(), family.group(), name));
            change.step("deleting address " + name, () -> api.delete(family.addresses(), name),
                    "create address " + name + " again", () -> api.create(family.addresses(), name, original));
        }
        if (yaguraMembers(api, family).values().stream().anyMatch(network::equals)) {
            throw change.fail("reading back: group " + family.group() + " still holds a Yagura block of "
                    + BlockInput.text(network));
        }
        return new Outcome(true, "removed " + String.join(", ", blocks.keySet()) + " (" + BlockInput.text(network)
                + ") from address group " + family.group());
    }

    @Override
    public List<PlacedBlock> listBlocks(Target firewall) throws FirewallException {
        Options options = Options.of(firewall);
        FortiGateApi api = FortiGateApi.open(firewall, options.vdom);
        List<PlacedBlock> blocks = new ArrayList<>();
        for (Family family : options.families()) {
            yaguraMembers(api, family).forEach((name, network) -> blocks.add(
                    new PlacedBlock(BlockInput.text(network), BlockObjects.reference(name).orElseThrow(), name)));
        }
        return blocks;
    }

    /** The one-time setup must be there, else a block would add an address that blocks nothing. */
    private static void requireGroup(FortiGateApi api, Family family) throws FirewallException {
        if (api.find(family.groups(), family.group()) == null) {
            throw new FirewallException(Failure.UNSUPPORTED, api.device().name() + ": address group " + family.group()
                    + " (" + family.groups() + ") is missing (one-time setup, docs/vendors/fortinet.md); nothing was"
                    + " changed", null);
        }
    }

    /** Yagura's members of the family's group (none when the group is missing), with their networks. */
    private static Map<String, Network> yaguraMembers(FortiGateApi api, Family family) throws FirewallException {
        Map<String, Network> found = new LinkedHashMap<>();
        List<String> members = members(api, family);
        for (Object object : api.all(family.addresses())) {
            String name = Json.text(object, "name");
            if (members.contains(name) && BlockObjects.reference(name).isPresent()) {
                address(Json.map(object)).ifPresent(network -> found.put(name, network));
            }
        }
        return found;
    }

    private static List<String> members(FortiGateApi api, Family family) throws FirewallException {
        Map<String, Object> group = api.find(family.groups(), family.group());
        List<Object> members = group == null ? null : Json.list(group, "member");
        return members == null ? List.of() : members.stream().map(member -> Json.text(member, "name")).toList();
    }

    /** The network of an address object: {@code subnet} "a.b.c.d m.m.m.m" or {@code ip6} "x::/p". */
    private static Optional<Network> address(Map<String, Object> object) {
        String subnet = Json.text(object, "subnet");
        String ip6 = Json.text(object, "ip6");
        return Network.parse(subnet != null ? subnet.trim().replace(' ', '/') : ip6);
    }

    private static Map<String, Object> fields(String name, Network network, String comment) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", name);
        if (network.base() instanceof Inet6Address) {
            fields.put("ip6", Addresses.toText(network.base()) + "/" + network.prefix());
        } else {
            fields.put("type", "ipmask");
            fields.put("subnet", Addresses.toText(network.base()) + "/" + network.prefix());
        }
        fields.put("comment", comment);
        return fields;
    }



    /** The endpoint options, checked before anything is sent. */
    private record Options(String vdom, String group, String group6) {

        private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,78}");

        static Options of(Target target) throws FirewallException {
            DriverOptions.requireMethod(target, "FortiGate", "addrgrp");
            return new Options(name(target, "vdom", "root"), name(target, "group", DEFAULT_GROUP),
                    name(target, "group6", DEFAULT_GROUP6));
        }

        private static String name(Target target, String option, String fallback) throws FirewallException {
            return DriverOptions.name(target, option, fallback, NAME,
                    "a FortiOS name (letters, digits, '.', '_', '-'; at most 79)");
        }

        Family family(Network network) {
            return network.base() instanceof Inet6Address ? families().get(1) : families().get(0);
        }

        List<Family> families() {
            return List.of(new Family("address", "addrgrp", group), new Family("address6", "addrgrp6", group6));
        }
    }
}
