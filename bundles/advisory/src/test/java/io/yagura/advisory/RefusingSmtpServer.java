package io.yagura.advisory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An SMTP server that answers RCPT TO as a real one does when it knows its users: 550 for
 * {@link #unknown} addresses, 451 ("try later") a number of times for {@link #busy} ones, 250
 * otherwise. GreenMail accepts every recipient, so it cannot show a refusal.
 */
final class RefusingSmtpServer implements AutoCloseable {

    /** A message as received, with the recipient it was for. */
    record Received(String rcptTo, String data) {
    }

    final Set<String> unknown = ConcurrentHashMap.newKeySet();
    final Map<String, AtomicInteger> busy = new ConcurrentHashMap<>();
    final List<Received> received = new CopyOnWriteArrayList<>();
    final List<String> rcptTried = new CopyOnWriteArrayList<>();
    private final ServerSocket server;
    private final AtomicInteger queued = new AtomicInteger();

    RefusingSmtpServer() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread t = new Thread(this::serve, "refusing-smtp");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                session(s);
            } catch (IOException e) {
                // closed by the test, or the client hung up: next connection
            }
        }
    }

    private void session(Socket s) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        OutputStream out = s.getOutputStream();
        say(out, "220 refusing.test ESMTP");
        String rcpt = null;
        for (String line; (line = in.readLine()) != null; ) {
            String cmd = line.toUpperCase(Locale.ROOT);
            if (cmd.startsWith("EHLO")) {
                say(out, "250-refusing.test\r\n250 8BITMIME");
            } else if (cmd.startsWith("HELO") || cmd.startsWith("NOOP")) {
                say(out, "250 Ok");
            } else if (cmd.startsWith("MAIL FROM")) {
                rcpt = null;
                say(out, "250 2.1.0 Ok");
            } else if (cmd.startsWith("RCPT TO")) {
                String address = line.substring(line.indexOf('<') + 1, line.indexOf('>'));
                rcptTried.add(address);
                AtomicInteger later = busy.get(address);
                if (unknown.contains(address)) {
                    say(out, "550 5.1.1 <" + address + ">: Recipient address rejected: User unknown");
                } else if (later != null && later.getAndDecrement() > 0) {
                    say(out, "451 4.3.0 <" + address + ">: Temporary lookup failure, try again later");
                } else {
                    rcpt = address;
                    say(out, "250 2.1.5 Ok");
                }
            } else if (cmd.equals("DATA")) {
                say(out, "354 End data with <CR><LF>.<CR><LF>");
                StringBuilder data = new StringBuilder();
                for (String l; (l = in.readLine()) != null && !l.equals("."); ) {
                    data.append(l).append('\n');
                }
                received.add(new Received(rcpt, data.toString()));
                say(out, "250 2.0.0 Ok: queued as Q" + queued.incrementAndGet());
            } else if (cmd.startsWith("RSET")) {
                rcpt = null;
                say(out, "250 2.0.0 Ok");
            } else if (cmd.startsWith("QUIT")) {
                say(out, "221 2.0.0 Bye");
                return;
            } else {
                say(out, "502 5.5.2 Error: command not recognized");
            }
        }
    }

    private static void say(OutputStream out, String reply) throws IOException {
        out.write((reply + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
