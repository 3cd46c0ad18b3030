package io.yagura.device.netconf;

import io.yagura.api.plugin.FirewallDriver.Failure;
import io.yagura.api.plugin.FirewallDriver.FirewallException;
import io.yagura.device.ssh.SshConnection;
import io.yagura.device.ssh.SshConnection.SubsystemChannel;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * One NETCONF session over the SSH "netconf" subsystem. Hellos are exchanged in 1.0 framing; when
 * both sides announce base:1.1, both switch to chunked framing (RFC 6242). Each RPC waits at most
 * the connection's timeout for its reply; an {@code rpc-error} of severity error fails as
 * REJECTED with the device's error-message.
 */
public final class NetconfClient implements AutoCloseable {

    public static final String BASE_10 = "urn:ietf:params:netconf:base:1.0";
    public static final String BASE_11 = "urn:ietf:params:netconf:base:1.1";
    static final String NS = "urn:ietf:params:xml:ns:netconf:base:1.0";

    private final SubsystemChannel channel;
    private final MessageDecoder decoder;
    private final Duration timeout;
    private final String device;
    private final Set<String> capabilities;
    private final boolean chunked;
    private int messageId;

    private NetconfClient(SubsystemChannel channel, MessageDecoder decoder, Duration timeout, String device,
                          Set<String> capabilities, boolean chunked) {
        this.channel = channel;
        this.decoder = decoder;
        this.timeout = timeout;
        this.device = device;
        this.capabilities = capabilities;
        this.chunked = chunked;
    }

    /** Opens the subsystem and exchanges hellos. */
    public static NetconfClient open(SshConnection ssh) throws FirewallException {
        MessageDecoder decoder = new MessageDecoder();
        SubsystemChannel channel = ssh.subsystem("netconf", decoder);
        try {
            send(channel, MessageDecoder.frame("<?xml version=\"1.0\" encoding=\"UTF-8\"?><hello xmlns=\"" + NS
                    + "\"><capabilities><capability>" + BASE_10 + "</capability><capability>" + BASE_11
                    + "</capability></capabilities></hello>", false), ssh.device());
            Element hello = parse(receive(decoder, ssh.timeout(), ssh.device(), "the device's hello"), ssh.device());
            if (!"hello".equals(hello.getLocalName())) {
                throw new FirewallException(Failure.REJECTED, ssh.device() + " did not start with a NETCONF hello", null);
            }
            Set<String> capabilities = new LinkedHashSet<>();
            for (Element c : descendants(hello, "capability")) {
                capabilities.add(c.getTextContent().trim());
            }
            boolean chunked = capabilities.contains(BASE_11);
            if (chunked) {
                decoder.useChunkedFraming();
            }
            return new NetconfClient(channel, decoder, ssh.timeout(), ssh.device(), Set.copyOf(capabilities), chunked);
        } catch (FirewallException e) {
            channel.close();
            throw e;
        }
    }

    public Set<String> capabilities() {
        return capabilities;
    }

    /** True when the session uses NETCONF 1.1 chunked framing. */
    public boolean chunked() {
        return chunked;
    }

    /**
     * Sends one RPC ({@code operation} is the XML inside {@code <rpc>}) and returns its
     * {@code <rpc-reply>}.
     */
    public Element rpc(String operation) throws FirewallException {
        String id = Integer.toString(++messageId);
        String what = operationName(operation);
        send(channel, MessageDecoder.frame("<rpc xmlns=\"" + NS + "\" message-id=\"" + id + "\">" + operation + "</rpc>",
                chunked), device);
        Element reply = parse(receive(decoder, timeout, device, "the answer to " + what), device);
        if (!"rpc-reply".equals(reply.getLocalName()) || !id.equals(reply.getAttribute("message-id"))) {
            throw new FirewallException(Failure.REJECTED, device + " answered " + what + " with an unexpected <"
                    + reply.getLocalName() + "> (message-id " + reply.getAttribute("message-id") + ")", null);
        }
        List<String> errors = new ArrayList<>();
        for (Element error : descendants(reply, "rpc-error")) {
            if (!"warning".equals(text(error, "error-severity"))) {
                String path = text(error, "error-path");
                errors.add(text(error, "error-message") + " (" + text(error, "error-tag")
                        + (path.isEmpty() ? "" : ", at " + path) + ")");
            }
        }
        if (!errors.isEmpty()) {
            throw new FirewallException(Failure.REJECTED, device + " refused " + what + ": " + String.join("; ", errors), null);
        }
        return reply;
    }

    public void lock(String datastore) throws FirewallException {
        rpc("<lock><target><" + datastore + "/></target></lock>");
    }

    public void unlock(String datastore) throws FirewallException {
        rpc("<unlock><target><" + datastore + "/></target></unlock>");
    }

    /** edit-config of the candidate with {@code config} (the content of {@code <config>}), merged. */
    public void editConfig(String config) throws FirewallException {
        rpc("<edit-config><target><candidate/></target><default-operation>merge</default-operation><config>"
                + config + "</config></edit-config>");
    }

    /** Junos: load-configuration of {@code <configuration>} XML, merged into the candidate. */
    public void loadConfiguration(String configuration) throws FirewallException {
        rpc("<load-configuration action=\"merge\" format=\"xml\">" + configuration + "</load-configuration>");
    }

    /** commit confirmed: the device restores the previous configuration unless confirmed within {@code confirmTimeout}. */
    public void commitConfirmed(Duration confirmTimeout) throws FirewallException {
        rpc("<commit><confirmed/><confirm-timeout>" + Math.max(1, confirmTimeout.toSeconds()) + "</confirm-timeout></commit>");
    }

    /** A plain commit, which also confirms a pending confirmed commit. */
    public void commit() throws FirewallException {
        rpc("<commit/>");
    }

    public void discardChanges() throws FirewallException {
        rpc("<discard-changes/>");
    }

    /** The {@code <data>} of get-config from {@code source} ("running", "candidate"), with an optional subtree filter. */
    public Element getConfig(String source, String subtreeFilter) throws FirewallException {
        Element reply = rpc("<get-config><source><" + source + "/></source>"
                + (subtreeFilter == null ? "" : "<filter type=\"subtree\">" + subtreeFilter + "</filter>") + "</get-config>");
        List<Element> data = descendants(reply, "data");
        if (data.isEmpty()) {
            throw new FirewallException(Failure.REJECTED, device + " answered get-config without <data>", null);
        }
        return data.get(0);
    }

    public String device() {
        return device;
    }

    /** Ends the session politely when the device still listens, then closes the channel. */
    @Override
    public void close() {
        try {
            if (channel.isOpen()) {
                send(channel, MessageDecoder.frame("<rpc xmlns=\"" + NS + "\" message-id=\"" + (++messageId)
                        + "\"><close-session/></rpc>", chunked), device);
            }
        } catch (FirewallException ignored) {
            // the session is ending anyway
        }
        channel.close();
    }

    private static void send(SubsystemChannel channel, String framed, String device) throws FirewallException {
        try {
            channel.send(framed);
        } catch (IOException e) {
            throw new FirewallException(Failure.UNREACHABLE, device + " closed the NETCONF session", e);
        }
    }

    private static String receive(MessageDecoder decoder, Duration timeout, String device, String waitingFor)
            throws FirewallException {
        try {
            String message = decoder.next(timeout.toMillis());
            if (message == null) {
                throw new FirewallException(Failure.TIMEOUT, device + " did not send " + waitingFor + " within "
                        + timeout.toSeconds() + " s", null);
            }
            return message;
        } catch (EOFException e) {
            throw new FirewallException(Failure.UNREACHABLE, device + ": " + e.getMessage() + " before " + waitingFor, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FirewallException(Failure.TIMEOUT, "interrupted while waiting for " + waitingFor, e);
        }
    }

    /** Parses a device message; DOCTYPEs are refused, so no entity can reach files or the network. */
    static Element parse(String xml, String device) throws FirewallException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new InputSource(new StringReader(xml.strip()))).getDocumentElement();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new FirewallException(Failure.REJECTED, device + " sent a NETCONF message that is not XML: "
                    + e.getMessage(), null);
        }
    }

    /** Elements named {@code localName} under {@code root}, in any namespace (Junos answers in its own). */
    public static List<Element> descendants(Element root, String localName) {
        List<Element> found = new ArrayList<>();
        NodeList all = root.getElementsByTagNameNS("*", localName);
        for (int i = 0; i < all.getLength(); i++) {
            found.add((Element) all.item(i));
        }
        return found;
    }

    /** The trimmed text of the first {@code localName} child element, or "". */
    public static String text(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e.getTextContent().trim();
            }
        }
        return "";
    }

    private static String operationName(String operation) {
        int start = operation.indexOf('<') + 1;
        int end = start;
        while (end < operation.length() && " />".indexOf(operation.charAt(end)) < 0) {
            end++;
        }
        return "<" + operation.substring(start, end) + ">";
    }

    /** Escapes text for an XML element or attribute. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
