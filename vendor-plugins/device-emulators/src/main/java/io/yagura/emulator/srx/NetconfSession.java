package io.yagura.emulator.srx;

import io.yagura.emulator.ssh.Faults;
import io.yagura.emulator.ssh.SessionCommand;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.w3c.dom.Element;

/** One NETCONF session on the emulated SRX: reads framed RPCs from the client and answers them. */
final class NetconfSession extends SessionCommand {

    private static final String NS = "urn:ietf:params:xml:ns:netconf:base:1.0";

    private final SrxEmulator device;
    private boolean chunked;

    NetconfSession(SrxEmulator device) {
        this.device = device;
    }

    @Override
    protected void session() throws IOException {
        send("<hello xmlns=\"" + NS + "\"><capabilities><capability>urn:ietf:params:netconf:base:1.0</capability>"
                + (device.offersBase11 ? "<capability>urn:ietf:params:netconf:base:1.1</capability>" : "")
                + "<capability>urn:ietf:params:netconf:capability:candidate:1.0</capability>"
                + "<capability>urn:ietf:params:netconf:capability:confirmed-commit:1.0</capability>"
                + "<capability>http://xml.juniper.net/netconf/junos/1.0</capability>"
                + "</capabilities><session-id>4711</session-id></hello>");
        String hello = read();
        chunked = device.offersBase11 && hello.contains("urn:ietf:params:netconf:base:1.1");
        while (true) {
            String rpc = read();
            Faults.Verdict verdict = device.faults().verdict(rpc);
            if (verdict == Faults.Verdict.STALL) {
                in.read(); // never answer, until the client goes away
                return;
            }
            Element request;
            try {
                request = JunosConfig.parse(rpc);
            } catch (IllegalArgumentException e) {
                send(error("", "malformed-message", e.getMessage()));
                continue;
            }
            String id = request.getAttribute("message-id");
            if (verdict == Faults.Verdict.FAIL) {
                send(error(id, "operation-failed", "injected fault"));
                continue;
            }
            String reply = answer(request, id);
            if (verdict == Faults.Verdict.DROP_AFTER) {
                return;
            }
            send(reply);
            if (reply.contains("<!--close-->")) {
                return;
            }
        }
    }

    @Override
    protected void ended() {
        device.sessionEnded(this);
    }

    private String answer(Element rpc, String id) {
        Element operation = JunosConfig.children(rpc).stream().findFirst().orElse(null);
        if (operation == null) {
            return error(id, "missing-element", "an rpc needs an operation");
        }
        String problem;
        switch (operation.getLocalName()) {
            case "lock" -> problem = device.lock(this);
            case "unlock" -> {
                device.unlock(this);
                problem = null;
            }
            case "edit-config", "load-configuration" -> {
                Element configuration = JunosConfig.all(operation, "configuration").stream().findFirst().orElse(null);
                problem = configuration == null ? "no <configuration> to load" : device.edit(this, configuration);
            }
            case "commit", "commit-configuration" -> {
                Duration confirm = null;
                if (!JunosConfig.all(operation, "confirmed").isEmpty()) {
                    String timeout = JunosConfig.all(operation, "confirm-timeout").stream().findFirst()
                            .map(e -> e.getTextContent().trim()).orElse("600");
                    if (!timeout.matches("\\d{1,6}")) {
                        return error(id, "invalid-value", "confirm-timeout '" + timeout + "' is not a number");
                    }
                    long value = Long.parseLong(timeout);
                    // commit (RFC 6241) counts seconds, Junos commit-configuration minutes
                    confirm = operation.getLocalName().equals("commit") ? Duration.ofSeconds(value) : Duration.ofMinutes(value);
                }
                problem = device.commit(this, confirm);
            }
            case "discard-changes" -> {
                device.discard();
                problem = null;
            }
            case "get-config", "get-configuration" -> {
                boolean candidate = !JunosConfig.all(operation, "candidate").isEmpty()
                        || "candidate".equals(operation.getAttribute("database"));
                return reply(id, "<data>" + device.config(candidate) + "</data>");
            }
            case "close-session" -> {
                return reply(id, "<ok/><!--close-->");
            }
            default -> {
                return error(id, "operation-not-supported", "syntax error: " + operation.getLocalName());
            }
        }
        return problem == null ? reply(id, "<ok/>") : error(id, "operation-failed", problem);
    }

    private static String reply(String id, String body) {
        return "<rpc-reply xmlns=\"" + NS + "\" message-id=\"" + id + "\">" + body + "</rpc-reply>";
    }

    private static String error(String id, String tag, String message) {
        return reply(id, "<rpc-error><error-type>application</error-type><error-tag>" + tag
                + "</error-tag><error-severity>error</error-severity><error-message>" + escape(message)
                + "</error-message></rpc-error>");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    static String child(Element parent, String localName) {
        return JunosConfig.children(parent).stream().filter(c -> c.getLocalName().equals(localName)).findFirst()
                .map(c -> c.getTextContent().trim()).orElse("");
    }

    private void send(String message) throws IOException {
        byte[] body = message.getBytes(StandardCharsets.UTF_8);
        if (chunked) {
            // two chunks, so clients must join them
            int half = body.length / 2;
            out.write(("\n#" + half + "\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, 0, half);
            out.write(("\n#" + (body.length - half) + "\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body, half, body.length - half);
            out.write("\n##\n".getBytes(StandardCharsets.US_ASCII));
        } else {
            out.write(body);
            out.write("]]>]]>".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
    }

    /** Reads one framed message (blocking: the emulator reads the client the simple way). */
    private String read() throws IOException {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        if (!chunked) {
            String text;
            do {
                message.write(next());
                text = message.toString(StandardCharsets.UTF_8);
            } while (!text.endsWith("]]>]]>"));
            return text.substring(0, text.length() - 6);
        }
        while (true) {
            expect('\n');
            expect('#');
            StringBuilder size = new StringBuilder();
            int b;
            while ((b = next()) != '\n') {
                size.append((char) b);
            }
            if (size.toString().equals("#")) {
                return message.toString(StandardCharsets.UTF_8);
            }
            int length = Integer.parseInt(size.toString());
            message.write(in.readNBytes(length));
        }
    }

    private void expect(char c) throws IOException {
        int b = next();
        if (b != c) {
            throw new IOException("bad chunk framing: '" + (char) b + "'");
        }
    }

    private int next() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException();
        }
        return b;
    }
}
