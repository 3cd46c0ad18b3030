package io.yagura.emulator.srx;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

/**
 * A Junos configuration tree ({@code <configuration>}) and the merge Junos applies to it: lists
 * are keyed by their {@code <name>}, leaves are replaced, {@code operation="delete"} (NETCONF) or
 * {@code delete="delete"} (Junos) removes the matching node.
 */
final class JunosConfig {

    private JunosConfig() {
    }

    static final String INITIAL = "<configuration><security>"
            + "<address-book><name>global</name>"
            + "<address><name>placeholder</name><ip-prefix>192.0.2.255/32</ip-prefix></address>"
            + "<address-set><name>YAGURA-BLOCK</name><address><name>placeholder</name></address></address-set>"
            + "</address-book>"
            + "<policies><global><policy><name>yagura-deny</name><match><source-address>YAGURA-BLOCK</source-address>"
            + "<destination-address>any</destination-address><application>any</application></match>"
            + "<then><deny/></then></policy></global></policies>"
            + "</security></configuration>";

    static Element parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml))).getDocumentElement();
        } catch (Exception e) {
            throw new IllegalArgumentException("not XML: " + e.getMessage(), e);
        }
    }

    static String text(Node node) {
        try {
            StringWriter out = new StringWriter();
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.transform(new DOMSource(node), new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Element copy(Element configuration) {
        return parse(text(configuration));
    }

    /** Merges {@code source} into {@code target}; throws with a Junos-like message when a delete finds nothing. */
    static void merge(Element target, Element source) {
        for (Element child : children(source)) {
            Element match = find(target, child);
            boolean delete = "delete".equals(child.getAttribute("operation")) || "delete".equals(child.getAttribute("delete"))
                    || "remove".equals(child.getAttribute("operation"));
            if (delete) {
                if (match != null) {
                    target.removeChild(match);
                } else if ("delete".equals(child.getAttribute("operation"))) {
                    throw new IllegalArgumentException("statement not found: " + child.getLocalName() + " " + key(child));
                }
            } else if (match == null) {
                Element imported = (Element) target.getOwnerDocument().importNode(child, true);
                stripOperations(imported);
                target.appendChild(imported);
            } else if (children(child).isEmpty()) {
                match.setTextContent(child.getTextContent());
            } else {
                merge(match, child);
            }
        }
    }

    private static void stripOperations(Element e) {
        e.removeAttribute("operation");
        e.removeAttribute("delete");
        children(e).forEach(JunosConfig::stripOperations);
    }

    private static Element find(Element parent, Element like) {
        String key = key(like);
        for (Element c : children(parent)) {
            if (c.getLocalName().equals(like.getLocalName()) && key.equals(key(c))) {
                return c;
            }
        }
        return null;
    }

    private static String key(Element e) {
        for (Element c : children(e)) {
            if (c.getLocalName().equals("name")) {
                return c.getTextContent().trim();
            }
        }
        return "";
    }

    static List<Element> children(Element e) {
        List<Element> out = new ArrayList<>();
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c) {
                out.add(c);
            }
        }
        return out;
    }

    static List<Element> all(Element root, String localName) {
        List<Element> out = new ArrayList<>();
        var list = root.getElementsByTagNameNS("*", localName);
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }

    /**
     * What commit checks: every ip-prefix is an address or prefix, every address-set member is an
     * address of its address book. Returns the first problem, or null.
     */
    static String check(Element configuration) {
        for (Element prefix : all(configuration, "ip-prefix")) {
            if (!validPrefix(prefix.getTextContent().trim())) {
                return "invalid prefix '" + prefix.getTextContent().trim() + "'";
            }
        }
        for (Element set : all(configuration, "address-set")) {
            Element book = (Element) set.getParentNode();
            List<String> addresses = children(book).stream().filter(c -> c.getLocalName().equals("address"))
                    .map(JunosConfig::key).toList();
            for (Element member : children(set)) {
                if (member.getLocalName().equals("address") && !addresses.contains(key(member))) {
                    return "address-set " + key(set) + ": address '" + key(member) + "' is not defined";
                }
            }
        }
        return null;
    }

    private static boolean validPrefix(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length > 2 || !parts[0].matches("[0-9A-Fa-f:.]+")) {
            return false;
        }
        try {
            byte[] address = java.net.InetAddress.getByName(parts[0]).getAddress(); // a literal: not resolved
            return parts.length == 1 || (parts[1].matches("\\d{1,3}") && Integer.parseInt(parts[1]) <= address.length * 8);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    static Document document(Element e) {
        return e.getOwnerDocument();
    }
}
