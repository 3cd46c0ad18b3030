package io.yagura.plugin.ciscoips;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Secure reading of SDEE/CIDEE XML with the JDK's own StAX implementation: no DTD (a document that
 * declares one is refused outright, so no entity, internal or external, is ever expanded), no
 * external access, bounded depth and size. Element and attribute names are compared by their
 * local part, so a record reads the same with the {@code sd:}/{@code cid:} prefixes, with a
 * default namespace, or cut out of its envelope with its prefixes left undeclared.
 */
final class SdeeXml {

    /** Deepest nesting accepted; CIDEE alerts nest five or six levels. */
    static final int MAX_DEPTH = 48;
    /** Most elements in one record; an alert holds a few dozen. */
    static final int MAX_ELEMENTS = 20_000;

    private static final XMLInputFactory LENIENT = factory(false);

    private SdeeXml() {
    }

    /** XML that cannot or must not be read; the message says why, fit for a rejection reason. */
    static final class Refused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Refused(String message) {
            super(message, null, false, false);
        }
    }

    /** One element: local name, attributes by local name, children in order, its own text trimmed. */
    static final class Node {
        final String name;
        final Map<String, String> attributes;
        final List<Node> children = new ArrayList<>(4);
        private StringBuilder text;

        Node(String name, Map<String, String> attributes) {
            this.name = name;
            this.attributes = attributes;
        }

        String attr(String local) {
            return attributes.get(local);
        }

        /** The first child of that local name, or null. */
        Node child(String local) {
            for (Node c : children) {
                if (c.name.equals(local)) {
                    return c;
                }
            }
            return null;
        }

        List<Node> children(String local) {
            List<Node> out = new ArrayList<>(2);
            for (Node c : children) {
                if (c.name.equals(local)) {
                    out.add(c);
                }
            }
            return out;
        }

        /** Trimmed text of the first child of that name; null when absent or empty. */
        String childText(String local) {
            Node c = child(local);
            return c == null ? null : c.text();
        }

        /** The element's own text, trimmed; null when empty. */
        String text() {
            if (text == null) {
                return null;
            }
            String t = text.toString().strip();
            return t.isEmpty() ? null : t;
        }

        private void append(String s) {
            if (text == null) {
                text = new StringBuilder(s.length());
            }
            text.append(s);
        }
    }

    /** A StAX factory of the JDK itself (never one found on the class path), hardened. */
    static XMLInputFactory factory(boolean namespaceAware) {
        XMLInputFactory f = XMLInputFactory.newDefaultFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, namespaceAware);
        f.setProperty(XMLInputFactory.IS_COALESCING, Boolean.TRUE);
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        return f;
    }

    /** The part of a qualified name after its prefix. */
    static String local(String qname) {
        int colon = qname.lastIndexOf(':');
        return colon < 0 ? qname : qname.substring(colon + 1);
    }

    /**
     * Reads one XML document or element into a tree.
     *
     * @throws Refused when the text is not well-formed, declares a DTD or exceeds the limits
     */
    static Node read(String xml) {
        XMLStreamReader r = null;
        try {
            r = LENIENT.createXMLStreamReader(new StringReader(xml));
            List<Node> stack = new ArrayList<>();
            Node root = null;
            int elements = 0;
            while (r.hasNext()) {
                int event = r.next();
                switch (event) {
                    case XMLStreamConstants.DTD -> throw new Refused("a DTD is not accepted in SDEE XML (entities are never expanded)");
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw new Refused("entity reference '" + r.getLocalName() + "' is not accepted");
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (++elements > MAX_ELEMENTS) {
                            throw new Refused("more than " + MAX_ELEMENTS + " elements");
                        }
                        if (stack.size() >= MAX_DEPTH) {
                            throw new Refused("elements nested deeper than " + MAX_DEPTH);
                        }
                        Node n = new Node(local(r.getLocalName()), attributes(r));
                        if (stack.isEmpty()) {
                            if (root != null) {
                                throw new Refused("more than one root element");
                            }
                            root = n;
                        } else {
                            stack.get(stack.size() - 1).children.add(n);
                        }
                        stack.add(n);
                    }
                    case XMLStreamConstants.END_ELEMENT -> stack.remove(stack.size() - 1);
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (!stack.isEmpty()) {
                            stack.get(stack.size() - 1).append(r.getText());
                        } else if (!r.isWhiteSpace()) {
                            throw new Refused("text outside the root element");
                        }
                    }
                    default -> {
                        // comments, processing instructions, white space: nothing to keep
                    }
                }
            }
            if (root == null) {
                throw new Refused("no XML element");
            }
            return root;
        } catch (XMLStreamException e) {
            throw new Refused("malformed XML: " + oneLine(e.getMessage()));
        } finally {
            close(r);
        }
    }

    private static Map<String, String> attributes(XMLStreamReader r) {
        int n = r.getAttributeCount();
        if (n == 0) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            String prefix = r.getAttributePrefix(i);
            String name = local(r.getAttributeLocalName(i));
            if ("xmlns".equals(prefix) || "xmlns".equals(name)) {
                continue; // a namespace declaration
            }
            out.putIfAbsent(name, r.getAttributeValue(i));
        }
        return out;
    }

    static String oneLine(String message) {
        if (message == null) {
            return "(no detail)";
        }
        String m = message.replace('\n', ' ').replace('\r', ' ').strip();
        // the JDK starts with "ParseError at [row,col]:[1,66] Message: ..."
        return m.length() > 160 ? m.substring(0, 160) + "..." : m;
    }

    static void close(XMLStreamReader r) {
        if (r != null) {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // nothing held beyond the string reader
            }
        }
    }
}
