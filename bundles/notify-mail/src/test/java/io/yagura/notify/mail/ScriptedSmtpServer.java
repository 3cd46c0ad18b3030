package io.yagura.notify.mail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A minimal SMTP server for what GreenMail 2.1 does not offer: STARTTLS (with GreenMail's
 * test certificate) and scripted answers (4xx, 5xx). It refuses MAIL FROM before STARTTLS
 * when STARTTLS is offered, so a message it accepts was sent encrypted.
 */
final class ScriptedSmtpServer implements AutoCloseable {

    /** A message as received. */
    record Received(String data, boolean encrypted, String mailFrom, String rcptTo) {
    }

    final List<Received> received = new CopyOnWriteArrayList<>();
    /** Answers to the end of DATA, used in order; then "250 2.0.0 Ok: queued as Q<n>". */
    final Queue<String> dataAnswers = new ConcurrentLinkedQueue<>();
    /** Answers to RCPT TO, used in order; then "250 2.1.5 Ok". */
    final Queue<String> rcptAnswers = new ConcurrentLinkedQueue<>();
    final AtomicInteger connections = new AtomicInteger();

    private final ServerSocket server;
    private final SSLContext tls;
    private final Thread thread;
    private final AtomicInteger queued = new AtomicInteger();

    /** @param offerStartTls true: announce and require STARTTLS */
    ScriptedSmtpServer(boolean offerStartTls) throws Exception {
        this.tls = offerStartTls ? greenMailCertificate() : null;
        this.server = new ServerSocket(0, 10, InetAddress.getByName("127.0.0.1"));
        this.thread = new Thread(this::serve, "scripted-smtp");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private static SSLContext greenMailCertificate() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = ScriptedSmtpServer.class.getClassLoader().getResourceAsStream("greenmail.p12")) {
            ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                connections.incrementAndGet();
                s.setSoTimeout(10_000);
                session(s);
            } catch (IOException e) {
                // closed, or the client went away
            }
        }
    }

    private void session(Socket plain) throws IOException {
        Socket s = plain;
        BufferedReader in = reader(s);
        OutputStream out = s.getOutputStream();
        boolean encrypted = false;
        String mailFrom = null;
        String rcptTo = null;
        send(out, "220 scripted.test ESMTP");
        String line;
        while ((line = in.readLine()) != null) {
            String cmd = line.split(" ", 2)[0].toUpperCase(Locale.ROOT);
            switch (cmd) {
                case "EHLO" -> {
                    List<String> ext = new ArrayList<>(List.of("scripted.test", "8BITMIME"));
                    if (tls != null && !encrypted) {
                        ext.add("STARTTLS");
                    }
                    for (int i = 0; i < ext.size(); i++) {
                        send(out, "250" + (i < ext.size() - 1 ? "-" : " ") + ext.get(i));
                    }
                }
                case "HELO" -> send(out, "250 scripted.test");
                case "STARTTLS" -> {
                    if (tls == null || encrypted) {
                        send(out, "454 4.7.0 TLS not available");
                        continue;
                    }
                    send(out, "220 2.0.0 Ready to start TLS");
                    SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(s, "127.0.0.1", s.getPort(), true);
                    ssl.setUseClientMode(false);
                    ssl.startHandshake();
                    s = ssl;
                    in = reader(s);
                    out = s.getOutputStream();
                    encrypted = true;
                }
                case "MAIL" -> {
                    if (tls != null && !encrypted) {
                        send(out, "530 5.7.0 Must issue a STARTTLS command first");
                    } else {
                        mailFrom = afterColon(line);
                        send(out, "250 2.1.0 Ok");
                    }
                }
                case "RCPT" -> {
                    String a = rcptAnswers.poll();
                    rcptTo = afterColon(line);
                    send(out, a != null ? a : "250 2.1.5 Ok");
                }
                case "DATA" -> {
                    send(out, "354 End data with <CR><LF>.<CR><LF>");
                    StringBuilder data = new StringBuilder();
                    String l;
                    while ((l = in.readLine()) != null && !l.equals(".")) {
                        data.append(l.startsWith("..") ? l.substring(1) : l).append("\r\n");
                    }
                    String a = dataAnswers.poll();
                    if (a == null) {
                        received.add(new Received(data.toString(), encrypted, mailFrom, rcptTo));
                        a = "250 2.0.0 Ok: queued as Q" + queued.incrementAndGet();
                    }
                    send(out, a);
                }
                case "RSET" -> send(out, "250 2.0.0 Ok");
                case "NOOP" -> send(out, "250 2.0.0 Ok");
                case "QUIT" -> {
                    send(out, "221 2.0.0 Bye");
                    return;
                }
                default -> send(out, "502 5.5.2 Error: command not recognized");
            }
        }
    }

    /** "MAIL FROM:<a@b> SIZE=1" gives "<a@b> SIZE=1". */
    private static String afterColon(String line) {
        int c = line.indexOf(':');
        return c < 0 ? "" : line.substring(c + 1).trim();
    }

    private static BufferedReader reader(Socket s) throws IOException {
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
    }

    private static void send(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
