package io.yagura.loadgen;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends syslog lines over TCP from a chosen local address: Yagura attributes a line to the device
 * registered for its source address, so a script on one host can play several customers' devices
 * from several loopback addresses (127.0.0.11, 127.0.0.12, ...), which {@code logger} cannot.
 *
 * <pre>
 * java -cp tools/loadgen/target/yagura-loadgen.jar io.yagura.loadgen.SendLines \
 *      --target tcp://127.0.0.1:5514 --source 127.0.0.11 '&lt;164&gt;Dec 06 2026 00:10:00 fw : %ASA-4-400032: ...'
 * </pre>
 */
public final class SendLines {

    /** What the command line asked for. */
    record Request(InetSocketAddress target, InetAddress source, List<String> lines) {
    }

    public static void main(String[] args) throws IOException {
        Request request;
        try {
            request = parse(args);
        } catch (IllegalArgumentException bad) {
            System.err.println(bad.getMessage());
            System.exit(2);
            return;
        }
        send(request);
        System.out.printf("%d line(s) sent from %s to %s%n", request.lines().size(),
                request.source().getHostAddress(), request.target());
    }

    static Request parse(String[] args) throws IOException {
        String target = null;
        String source = null;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--target" -> target = value(args, ++i, "--target");
                case "--source" -> source = value(args, ++i, "--source");
                case "-h", "--help" -> throw new IllegalArgumentException(
                        "usage: SendLines --target tcp://host:port --source LOCAL_ADDRESS LINE...");
                default -> lines.add(args[i]);
            }
        }
        if (target == null || !target.startsWith("tcp://") || target.lastIndexOf(':') < 6) {
            throw new IllegalArgumentException("--target tcp://host:port is required, got " + target);
        }
        if (source == null) {
            throw new IllegalArgumentException("--source LOCAL_ADDRESS is required (the device's address)");
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("no line to send");
        }
        for (String line : lines) {
            if (line.isBlank() || line.indexOf('\n') >= 0) {
                throw new IllegalArgumentException("a line must be non-blank and hold no newline: '" + line + "'");
            }
        }
        String hostPort = target.substring(6);
        int colon = hostPort.lastIndexOf(':');
        return new Request(new InetSocketAddress(hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))),
                InetAddress.getByName(source), List.copyOf(lines));
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    static void send(Request request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(request.source(), 0));
            socket.connect(request.target(), 5000);
            OutputStream out = socket.getOutputStream();
            for (String line : request.lines()) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            }
            out.flush();
        }
    }
}
