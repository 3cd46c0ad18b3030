package io.yagura.emulator.panos;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * A PAN-OS configuration tree (candidate or running) and the part of the XML API's xpath that
 * scripts use: absolute paths of steps {@code name} or {@code name[@name='value']}. {@code set}
 * merges an element into the node at a path, creating missing steps, as PAN-OS does.
 */
final class PanOsConfig {

    private static final Pattern STEP = Pattern.compile("([A-Za-z0-9_-]+)(?:\\[@name='([^']*)'\\])?");

    private final Document document;

    private PanOsConfig(Document document) {
        this.document = document;
    }

    static PanOsConfig parse(String xml) {
        return new PanOsConfig(read(xml));
    }

    PanOsConfig copy() {
        return parse(toXml());
    }

    String toXml() {
        return write(document.getDocumentElement());
    }

    /** The node at {@code xpath}, or null. */
    Element find(String xpath) {
        return walk(xpath, false);
    }

    /** Merges {@code elementXml} (one or more elements) into the node at {@code xpath}. */
    void set(String xpath, String elementXml) {
        Element target = walk(xpath, true);
        Element source = read("<root>" + elementXml + "</root>").getDocumentElement();
        merge(target, source);
    }

    /** Removes the node at {@code xpath}; false when there was none. */
    boolean delete(String xpath) {
        Element node = walk(xpath, false);
        if (node == null || node == document.getDocumentElement()) {
            return false;
        }
        node.getParentNode().removeChild(node);
        return true;
    }

    static String write(Node node) {
        try {
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            StringWriter out = new StringWriter();
            transformer.transform(new DOMSource(node), new StreamResult(out));
            return out.toString();
        } catch (TransformerException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Element> children(Element parent, String tag) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent == null ? null : parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                found.add(e);
            }
        }
        return found;
    }

    static String text(Element parent, String tag) {
        List<Element> found = children(parent, tag);
        return found.isEmpty() ? null : found.get(0).getTextContent().trim();
    }

    private Element walk(String xpath, boolean create) {
        if (xpath == null || !xpath.startsWith("/config")) {
            throw new IllegalArgumentException("xpath must start with /config: " + xpath);
        }
        List<Matcher> steps = new ArrayList<>();
        for (String step : xpath.substring("/config".length()).split("/")) {
            Matcher m = STEP.matcher(step);
            if (!step.isEmpty() && !m.matches()) {
                throw new IllegalArgumentException("unsupported xpath step '" + step + "'");
            }
            if (!step.isEmpty()) {
                steps.add(m);
            }
        }
        Element node = document.getDocumentElement();
        for (Matcher m : steps) {
            Element next = null;
            for (Element child : children(node, m.group(1))) {
                if (m.group(2) == null || m.group(2).equals(child.getAttribute("name"))) {
                    next = child;
                    break;
                }
            }
            if (next == null && !create) {
                return null;
            }
            if (next == null) {
                next = document.createElement(m.group(1));
                if (m.group(2) != null) {
                    next.setAttribute("name", m.group(2));
                }
                node.appendChild(next);
            }
            node = next;
        }
        return node;
    }

    /** Entries (with a name) merge by name, list members are added once, other leaves are replaced. */
    private void merge(Element target, Element source) {
        for (Node n = source.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element child)) {
                continue;
            }
            Element same = null;
            for (Element existing : children(target, child.getTagName())) {
                boolean named = child.hasAttribute("name");
                boolean member = child.getTagName().equals("member");
                if (named ? child.getAttribute("name").equals(existing.getAttribute("name"))
                        : member ? existing.getTextContent().equals(child.getTextContent()) : true) {
                    same = existing;
                    break;
                }
            }
            boolean leaf = !hasElements(child);
            if (same != null && !leaf) {
                merge(same, child);
            } else if (same != null) {
                target.replaceChild(document.importNode(child, true), same);
            } else {
                target.appendChild(document.importNode(child, true));
            }
        }
    }

    private static boolean hasElements(Element e) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element) {
                return true;
            }
        }
        return false;
    }

    private static Document read(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException("malformed XML: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }
}
