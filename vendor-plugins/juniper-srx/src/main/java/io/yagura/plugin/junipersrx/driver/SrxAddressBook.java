package io.yagura.plugin.junipersrx.driver;

import static io.yagura.device.netconf.NetconfClient.descendants;
import static io.yagura.device.netconf.NetconfClient.escape;
import static io.yagura.device.netconf.NetconfClient.text;

import io.yagura.format.net.Network;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * Where the blocks live on the SRX: the global address book, or a zone's ({@code zone=}), with the
 * address-set that the customer's deny policy matches. Writes the XML of a change and reads
 * Yagura's addresses back from a configuration.
 */
record SrxAddressBook(String zone, String set) {

    static final String PREFIX = "yagura-";

    /** {@code <configuration>} wrapping {@code content} in this address book. */
    String configuration(String content) {
        String book = zone == null
                ? "<address-book><name>global</name>" + content + "</address-book>"
                : "<zones><security-zone><name>" + escape(zone) + "</name><address-book>" + content
                        + "</address-book></security-zone></zones>";
        return "<configuration><security>" + book + "</security></configuration>";
    }

    String add(String name, Network network, String description) {
        return configuration("<address><name>" + name + "</name><ip-prefix>" + network + "</ip-prefix><description>"
                + escape(description) + "</description></address><address-set><name>" + escape(set)
                + "</name><address><name>" + name + "</name></address></address-set>");
    }

    String remove(List<String> names) {
        StringBuilder members = new StringBuilder();
        StringBuilder addresses = new StringBuilder();
        for (String name : names) {
            members.append("<address operation=\"delete\"><name>").append(name).append("</name></address>");
            addresses.append("<address operation=\"delete\"><name>").append(name).append("</name></address>");
        }
        return configuration("<address-set><name>" + escape(set) + "</name>" + members + "</address-set>" + addresses);
    }

    /** Yagura's addresses that are members of the set, name → network (null when not an address). */
    Map<String, Network> read(Element data) {
        Map<String, Network> blocks = new LinkedHashMap<>();
        Element book = book(data);
        if (book == null) {
            return blocks;
        }
        Map<String, Network> addresses = new LinkedHashMap<>();
        Element members = null;
        for (Element child : descendants(book, "*")) {
            if (child.getParentNode() != book) {
                continue;
            }
            if (child.getLocalName().equals("address")) {
                addresses.put(text(child, "name"), Network.parse(text(child, "ip-prefix")).orElse(null));
            } else if (child.getLocalName().equals("address-set") && set.equals(text(child, "name"))) {
                members = child;
            }
        }
        if (members != null) {
            for (Element member : descendants(members, "address")) {
                String name = text(member, "name");
                if (name.startsWith(PREFIX)) {
                    blocks.put(name, addresses.get(name));
                }
            }
        }
        return blocks;
    }

    private Element book(Element data) {
        for (Element book : descendants(data, "address-book")) {
            Element parent = (Element) book.getParentNode();
            boolean global = zone == null && parent.getLocalName().equals("security") && "global".equals(text(book, "name"));
            boolean ofZone = zone != null && parent.getLocalName().equals("security-zone") && zone.equals(text(parent, "name"));
            if (global || ofZone) {
                return book;
            }
        }
        return null;
    }

    String describe() {
        return "address-set " + set + " in the " + (zone == null ? "global address book" : "address book of zone " + zone);
    }
}
