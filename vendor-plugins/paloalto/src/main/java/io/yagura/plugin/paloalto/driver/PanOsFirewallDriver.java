package io.yagura.plugin.paloalto.driver;

import io.yagura.api.plugin.FirewallDriver;
import io.yagura.device.BlockInput;
import io.yagura.device.http.BlockObjects;
import io.yagura.device.http.DeviceChange;
import io.yagura.device.http.XmlText;
import io.yagura.format.net.Addresses;
import io.yagura.format.net.Network;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.w3c.dom.Element;

/**
 * Emergency blocks on Palo Alto Networks firewalls through the PAN-OS XML API, method {@code dag}:
 * an address object {@code yagura-<reference>} tagged with Yagura's tag, which the dynamic address
 * group of the customer's deny rule matches, committed (a partial commit of Yagura's own
 * administrator). Endpoint options (docs/vendors/paloalto.md, "Emergency block"):
 * {@code vsys} (vsys1), {@code tag} (yagura-block), {@code group} (YAGURA-BLOCK, checked to match
 * the tag before anything is changed), {@code device} (localhost.localdomain),
 * {@code commit-wait} (seconds, 300).
 */
public final class PanOsFirewallDriver implements FirewallDriver {

    static final String DEFAULT_TAG = "yagura-block";
    static final String DEFAULT_GROUP = "YAGURA-BLOCK";

    @Override
    public String method() {
        return "dag: address objects yagura-<reference> tagged " + DEFAULT_TAG + " (option tag=), matched by the"
                + " dynamic address group " + DEFAULT_GROUP + " (option group=) of the customer's deny rule, committed";
    }

    @Override
    public Outcome block(Target firewall, Block block) throws FirewallException {
        Network network = BlockObjects.network(block.address());
        String name = BlockObjects.objectName(block.reference());
        Options options = Options.of(firewall);
        String element = "<entry name='" + name + "'><ip-netmask>" + cidr(network) + "</ip-netmask><tag><member>"
                + XmlText.escape(options.tag) + "</member></tag><description>"
                + XmlText.escape(BlockObjects.description(block.reason(), block.reference())) + "</description></entry>";
        PanOsApi api = PanOsApi.login(firewall, options.commitWait);
        options.requireGroup(api);

        DeviceChange change = new DeviceChange(api.device().name());
        String object = options.address(name);
        change.step("adding address object " + name, () -> api.set(options.addresses(), element),
                "delete address object " + name, () -> api.delete(object));
        List<String> committed = new ArrayList<>();
        change.step("commit", () -> committed.add(api.commit()),
                "delete address object " + name + " and commit", () -> {
                    api.delete(object);
                    api.commit();
                });
        Element running = api.read("show", object);
        if (!holds(running, network, options.tag)) {
            throw change.fail("the running configuration does not hold " + name + " with " + cidr(network)
                    + " tagged " + options.tag + " after the commit");
        }
        return new Outcome(true, "address object " + name + " " + cidr(network) + " tagged " + options.tag
                + " in dynamic address group " + options.group + ": " + String.join(", ", committed));
    }

    @Override
    public Outcome unblock(Target firewall, String address) throws FirewallException {
        Network network = BlockObjects.network(address);
        Options options = Options.of(firewall);
        PanOsApi api = PanOsApi.login(firewall, options.commitWait);
        List<Element> candidate = yaguraEntries(api.read("get", options.addresses()), options.tag, network);
        List<Element> running = yaguraEntries(api.read("show", options.addresses()), options.tag, network);
        if (candidate.isEmpty() && running.isEmpty()) {
            return new Outcome(true, "no block of " + cidr(network) + " on the device");
        }
        DeviceChange change = new DeviceChange(api.device().name());
        for (Element entry : candidate) {
            String name = entry.getAttribute("name");
            String restore = entryXml(entry);
            change.step("deleting address object " + name, () -> api.delete(options.address(name)),
                    "restore address object " + name, () -> api.set(options.addresses(), restore));
        }
        List<String> committed = new ArrayList<>();
        if (!running.isEmpty()) {
            change.step("commit", () -> committed.add(api.commit()));
        }
        if (!yaguraEntries(api.read("show", options.addresses()), options.tag, network).isEmpty()) {
            throw change.fail("the running configuration still holds a Yagura block of " + cidr(network));
        }
        return new Outcome(true, "removed the block of " + cidr(network) + ": "
                + (committed.isEmpty() ? "nothing to commit" : String.join(", ", committed)));
    }

    @Override
    public List<PlacedBlock> listBlocks(Target firewall) throws FirewallException {
        Options options = Options.of(firewall);
        PanOsApi api = PanOsApi.login(firewall, options.commitWait);
        List<PlacedBlock> blocks = new ArrayList<>();
        for (Element entry : yaguraEntries(api.read("show", options.addresses()), options.tag, null)) {
            String name = entry.getAttribute("name");
            Network.parse(PanOsApi.text(entry, "ip-netmask")).ifPresent(network -> blocks.add(new PlacedBlock(
                    BlockInput.text(network), BlockObjects.reference(name).orElseThrow(), name)));
        }
        return blocks;
    }

    /** Yagura's entries (name prefix and tag) among the children of an {@code <address>} node, for one network or all. */
    private static List<Element> yaguraEntries(Element addresses, String tag, Network only) {
        List<Element> found = new ArrayList<>();
        for (Element entry : PanOsApi.elements(addresses)) {
            Optional<Network> network = Network.parse(PanOsApi.text(entry, "ip-netmask"));
            if (BlockObjects.reference(entry.getAttribute("name")).isPresent() && tagged(entry, tag)
                    && network.isPresent() && (only == null || only.equals(network.get()))) {
                found.add(entry);
            }
        }
        return found;
    }

    private static boolean holds(Element entry, Network network, String tag) {
        return entry != null && tagged(entry, tag)
                && Network.parse(PanOsApi.text(entry, "ip-netmask")).filter(network::equals).isPresent();
    }

    private static boolean tagged(Element entry, String tag) {
        return PanOsApi.elements(PanOsApi.first(entry, "tag")).stream()
                .anyMatch(member -> member.getTextContent().trim().equals(tag));
    }


    private static String cidr(Network network) {
        return Addresses.toText(network.base()) + "/" + network.prefix();
    }


    /** An address entry as XML again, to restore it. */
    private static String entryXml(Element entry) {
        StringBuilder out = new StringBuilder("<entry name='" + XmlText.escape(entry.getAttribute("name")) + "'>");
        out.append("<ip-netmask>").append(XmlText.escape(PanOsApi.text(entry, "ip-netmask"))).append("</ip-netmask>");
        out.append("<tag>");
        PanOsApi.elements(PanOsApi.first(entry, "tag")).forEach(member ->
                out.append("<member>").append(XmlText.escape(member.getTextContent().trim())).append("</member>"));
        out.append("</tag>");
        String description = PanOsApi.text(entry, "description");
        if (description != null) {
            out.append("<description>").append(XmlText.escape(description)).append("</description>");
        }
        return out.append("</entry>").toString();
    }
}
