package io.yagura.plugin.ciscoips;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * One answer of a sensor's SDEE server ({@code env:Envelope}), read in one pass with the hardened
 * StAX reader of {@link SdeeXml}: the subscription and session ids (anywhere in the answer), a
 * {@code env:Fault}, and each event of {@code sd:events} cut out as text. An event's text is the
 * element exactly as the sensor wrote it (its prefixes, attributes, text), on one line (white
 * space between elements dropped, line breaks in text written as character references), with the
 * namespace declarations it relies on added to its root element, so that it stands on its own.
 *
 * @param subscriptionId {@code sd:subscriptionId} (answer to action=open), or null
 * @param sessionId      {@code sd:sessionId}, or null
 * @param fault          the fault the sensor answered with, or null
 * @param events         events in the order of the answer (oldest first)
 */
record SdeeAnswer(String subscriptionId, String sessionId, Fault fault, List<Event> events) {

    /** Deepest nesting accepted in an answer. */
    static final int MAX_DEPTH = 64;

    private static final XMLInputFactory NAMESPACE_AWARE = SdeeXml.factory(true);

    /**
     * @param code   SDEE error code without prefix ("errNotFound", "errLimitExceeded"), or the SOAP
     *               fault code when the sensor gave none
     * @param reason the fault's text, or null
     */
    record Fault(String code, String reason) {
        boolean is(String errorCode) {
            return errorCode.equals(code);
        }

        @Override
        public String toString() {
            return code + (reason == null ? "" : " (" + reason + ")");
        }
    }

    /**
     * @param type      local name of the element ("evIdsAlert", "evStatus"...)
     * @param id        its eventId attribute, or null
     * @param timeNanos its time (nanoseconds since the epoch), or null
     * @param text      the element as text
     */
    record Event(String type, String id, Long timeNanos, String text) {
    }

    /**
     * Reads an answer.
     *
     * @throws SdeeXml.Refused when it is not well-formed XML, declares a DTD or exceeds the limits
     */
    static SdeeAnswer read(byte[] body) {
        XMLStreamReader r = null;
        try {
            r = NAMESPACE_AWARE.createXMLStreamReader(new ByteArrayInputStream(body));
            String subscription = null;
            String session = null;
            Fault fault = null;
            List<Event> events = new ArrayList<>();
            List<String> path = new ArrayList<>();
            boolean sawRoot = false;
            while (r.hasNext()) {
                int e = r.next();
                switch (e) {
                    case XMLStreamConstants.DTD -> throw new SdeeXml.Refused("a DTD is not accepted in an SDEE answer (entities are never expanded)");
                    case XMLStreamConstants.ENTITY_REFERENCE -> throw new SdeeXml.Refused("entity reference '" + r.getLocalName() + "' is not accepted");
                    case XMLStreamConstants.START_ELEMENT -> {
                        String name = r.getLocalName();
                        if (path.isEmpty()) {
                            if (!name.equals("Envelope")) {
                                throw new SdeeXml.Refused("expected an env:Envelope, got <" + r.getPrefix() + ":" + name + ">");
                            }
                            sawRoot = true;
                        }
                        if (path.size() >= MAX_DEPTH) {
                            throw new SdeeXml.Refused("elements nested deeper than " + MAX_DEPTH);
                        }
                        String parent = path.isEmpty() ? "" : path.get(path.size() - 1);
                        if (parent.equals("events")) {
                            events.add(copyEvent(r)); // consumes the element up to its end tag
                        } else if (name.equals("subscriptionId") && subscription == null) {
                            subscription = blankToNull(r.getElementText());
                        } else if (name.equals("sessionId") && session == null) {
                            session = blankToNull(r.getElementText());
                        } else if (name.equals("Fault")) {
                            fault = fault(r);
                        } else {
                            path.add(name);
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> path.remove(path.size() - 1);
                    default -> {
                        // text between elements, comments
                    }
                }
            }
            if (!sawRoot) {
                throw new SdeeXml.Refused("no XML element");
            }
            return new SdeeAnswer(subscription, session, fault, List.copyOf(events));
        } catch (XMLStreamException e) {
            throw new SdeeXml.Refused("malformed XML: " + SdeeXml.oneLine(e.getMessage()));
        } finally {
            SdeeXml.close(r);
        }
    }

    /** Reads a Fault element to its end: the SDEE error code and the fault's text. */
    private static Fault fault(XMLStreamReader r) throws XMLStreamException {
        String errorCode = null;
        String subcode = null;
        String code = null;
        String reason = null;
        int depth = 1;
        List<String> path = new ArrayList<>();
        while (depth > 0) {
            int e = r.next();
            if (e == XMLStreamConstants.START_ELEMENT) {
                String name = r.getLocalName();
                String parent = path.isEmpty() ? "" : path.get(path.size() - 1);
                if (name.equals("errorCode") || (name.equals("Value") && parent.equals("Subcode"))
                        || (name.equals("Value") && parent.equals("Code")) || name.equals("faultcode")
                        || name.equals("Text") || name.equals("faultstring") || name.equals("errorMessage")
                        || name.equals("description")) {
                    String text = blankToNull(r.getElementText());
                    switch (name) {
                        case "errorCode" -> errorCode = errorCode == null ? text : errorCode;
                        case "Value" -> {
                            if (parent.equals("Subcode")) {
                                subcode = text;
                            } else {
                                code = code == null ? text : code;
                            }
                        }
                        case "faultcode" -> code = code == null ? text : code;
                        default -> reason = reason == null ? text : reason;
                    }
                    continue; // getElementText consumed the end tag
                }
                path.add(name);
                depth++;
                if (depth > MAX_DEPTH) {
                    throw new SdeeXml.Refused("fault nested deeper than " + MAX_DEPTH);
                }
            } else if (e == XMLStreamConstants.END_ELEMENT) {
                depth--;
                if (!path.isEmpty()) {
                    path.remove(path.size() - 1);
                }
            } else if (e == XMLStreamConstants.DTD || e == XMLStreamConstants.ENTITY_REFERENCE) {
                throw new SdeeXml.Refused("entity or DTD in a fault");
            }
        }
        String chosen = errorCode != null ? errorCode : subcode != null ? subcode : code;
        return new Fault(chosen == null ? "unknown" : SdeeXml.local(chosen), reason);
    }

    /** Copies the event element the reader stands on, to its end tag, into one self-contained line. */
    private static Event copyEvent(XMLStreamReader r) throws XMLStreamException {
        String type = r.getLocalName();
        String id = null;
        for (int i = 0; i < r.getAttributeCount(); i++) {
            if (r.getAttributeLocalName(i).equals("eventId")) {
                id = blankToNull(r.getAttributeValue(i));
            }
        }
        Map<String, String> used = new LinkedHashMap<>();   // prefix → namespace the element relies on from outside
        Map<String, String> declared = new LinkedHashMap<>(); // declared on the root element itself
        List<List<String>> scopes = new ArrayList<>();        // prefixes declared by the open inner elements
        StringBuilder inner = new StringBuilder(2048);
        String rootName = qname(r.getPrefix(), r.getLocalName());
        StringBuilder rootAttributes = new StringBuilder();
        for (int i = 0; i < r.getNamespaceCount(); i++) {
            declared.put(nz(r.getNamespacePrefix(i)), nz(r.getNamespaceURI(i)));
        }
        note(used, r.getPrefix(), r.getNamespaceURI());
        attributes(r, rootAttributes, scopes, used);
        int depth = 1;
        int elements = 1;
        boolean inTime = false;
        StringBuilder time = null;
        String timeText = null;
        boolean open = true; // the last start tag is not closed yet (for <empty/>)
        while (depth > 0) {
            int e = r.next();
            switch (e) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (++elements > SdeeXml.MAX_ELEMENTS || depth >= SdeeXml.MAX_DEPTH) {
                        throw new SdeeXml.Refused("event " + id + " too large or nested too deep");
                    }
                    if (open && depth > 1) {
                        inner.append('>');
                    }
                    inner.append('<').append(qname(r.getPrefix(), r.getLocalName()));
                    List<String> scope = new ArrayList<>(r.getNamespaceCount());
                    for (int i = 0; i < r.getNamespaceCount(); i++) {
                        String p = nz(r.getNamespacePrefix(i));
                        scope.add(p);
                        inner.append(p.isEmpty() ? " xmlns" : " xmlns:" + p).append("=\"");
                        escape(inner, nz(r.getNamespaceURI(i)), true);
                        inner.append('"');
                    }
                    scopes.add(scope);
                    if (!declaredInside(scopes, r.getPrefix())) {
                        note(used, r.getPrefix(), r.getNamespaceURI());
                    }
                    attributes(r, inner, scopes, used);
                    open = true;
                    depth++;
                    inTime = depth == 2 && r.getLocalName().equals("time") && timeText == null;
                    time = inTime ? new StringBuilder() : null;
                }
                case XMLStreamConstants.END_ELEMENT -> {
                    depth--;
                    if (depth == 0) {
                        break;
                    }
                    scopes.remove(scopes.size() - 1);
                    if (open) {
                        inner.append("/>");
                    } else {
                        inner.append("</").append(qname(r.getPrefix(), r.getLocalName())).append('>');
                    }
                    open = false;
                    if (inTime) {
                        timeText = time.toString();
                    }
                    inTime = false;
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (r.isWhiteSpace()) {
                        break; // layout between elements
                    }
                    if (open && depth > 1) {
                        inner.append('>');
                    }
                    open = false;
                    escape(inner, r.getText(), false);
                    if (inTime) {
                        time.append(r.getText());
                    }
                }
                case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE ->
                        throw new SdeeXml.Refused("entity reference in event " + id);
                default -> {
                    // comments and processing instructions are not part of the event
                }
            }
        }
        StringBuilder out = new StringBuilder(inner.length() + 256);
        out.append('<').append(rootName);
        declared.forEach((p, uri) -> declaration(out, p, uri));
        used.forEach((p, uri) -> {
            if (!declared.containsKey(p)) {
                declaration(out, p, uri);
            }
        });
        out.append(rootAttributes);
        if (inner.length() == 0) {
            out.append("/>");
        } else {
            out.append('>').append(inner).append("</").append(rootName).append('>');
        }
        return new Event(type, id, nanos(timeText), out.toString());
    }

    private static void attributes(XMLStreamReader r, StringBuilder out, List<List<String>> scopes, Map<String, String> used) {
        for (int i = 0; i < r.getAttributeCount(); i++) {
            String prefix = nz(r.getAttributePrefix(i));
            out.append(' ').append(qname(prefix, r.getAttributeLocalName(i))).append("=\"");
            escape(out, r.getAttributeValue(i), true);
            out.append('"');
            if (!prefix.isEmpty() && !declaredInside(scopes, prefix)) {
                note(used, prefix, r.getAttributeNamespace(i));
            }
        }
    }

    /** Whether an element of the event being copied declares the prefix (then the copy carries the declaration). */
    private static boolean declaredInside(List<List<String>> scopes, String prefix) {
        String p = nz(prefix);
        for (List<String> scope : scopes) {
            if (scope.contains(p)) {
                return true;
            }
        }
        return false;
    }

    private static void note(Map<String, String> used, String prefix, String uri) {
        String p = nz(prefix);
        if (!p.equals("xml") && !(p.isEmpty() && nz(uri).isEmpty())) {
            used.putIfAbsent(p, nz(uri));
        }
    }

    private static void declaration(StringBuilder out, String prefix, String uri) {
        out.append(prefix.isEmpty() ? " xmlns" : " xmlns:" + prefix).append("=\"");
        escape(out, uri, true);
        out.append('"');
    }

    private static String qname(String prefix, String local) {
        return prefix == null || prefix.isEmpty() ? local : prefix + ":" + local;
    }

    /** XML escaping; line breaks and tabs become character references so that a record is one line. */
    static void escape(StringBuilder out, String s, boolean attribute) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append(attribute ? "&quot;" : "\"");
                case '\n' -> out.append("&#10;");
                case '\r' -> out.append("&#13;");
                case '\t' -> out.append(attribute ? "&#9;" : "\t");
                default -> out.append(c);
            }
        }
    }

    private static Long nanos(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        return !t.isEmpty() && t.length() <= 19 && io.yagura.format.net.Numbers.isDigits(t) ? Long.parseLong(t) : null;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
