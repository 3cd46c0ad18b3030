package io.yagura.emulator.https;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.yagura.emulator.ssh.Faults;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * The HTTPS side of an emulated device: a JDK {@link HttpsServer} on 127.0.0.1 with a self-signed
 * certificate made by the JDK's {@code keytool} when the first device of its name starts in this
 * JVM (its fingerprint is {@link #fingerprint()}; {@link #EmulatedHttpsServer(String)} with another
 * name gives another certificate), a log of the requests it received, and the {@link Faults} switches:
 * refuse logins (the vendor's login answers), answer a matching request with the vendor's error
 * without applying it, apply a matching request and then go away (the connection is closed
 * without an answer and the server stops listening), or never answer a matching request.
 *
 * <p>Subclasses speak one vendor's API in {@link #handle}; the request they see is described by
 * {@link #describe} for the fault switches ("POST /web_api/publish").
 */
public abstract class EmulatedHttpsServer implements AutoCloseable {

    /** One request as the emulator read it. */
    public record Call(String method, String path, Map<String, String> parameters, Map<String, String> headers,
                       String body) {

        /** A request header, by case-insensitive name, or null. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String parameter(String name) {
            return parameters.get(name);
        }
    }

    /** An answer. */
    public record Reply(int status, String contentType, String body) {
        public static Reply json(int status, String json) {
            return new Reply(status, "application/json", json);
        }

        public static Reply xml(int status, String xml) {
            return new Reply(status, "application/xml", xml);
        }
    }

    /** What the log keeps of a request: never its body or header values. */
    public record Received(String method, String path, boolean carriedCredentials) {
    }

    private final Faults faults = new Faults();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final String fingerprint;
    private final X509Certificate certificate;
    private final HttpsServer server;
    private final ExecutorService threads;

    /** Starts the server on a free port of 127.0.0.1 with the certificate of devices named {@code commonName}. */
    protected EmulatedHttpsServer(String commonName) throws IOException {
        this(commonName, InetAddress.getLoopbackAddress());
    }

    /**
     * Starts the server on a free port of {@code bind}. The certificate names 127.0.0.1, ::1 and
     * localhost only, so another loopback address (127.0.0.2) serves a certificate that does not
     * name its host.
     */
    protected EmulatedHttpsServer(String commonName, InetAddress bind) throws IOException {
        KeyStore keys = DeviceCertificate.of(commonName);
        try {
            certificate = (X509Certificate) keys.getCertificate(DeviceCertificate.ALIAS);
            fingerprint = "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, DeviceCertificate.PASSWORD);
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(keyManagers.getKeyManagers(), null, null);
            server = HttpsServer.create(new InetSocketAddress(bind, 0), 50);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot set up TLS for the emulated device", e);
        }
        threads = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, commonName + "-https");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(threads);
        server.createContext("/", this::exchange);
        server.start();
    }

    /** The vendor's API: answer {@code call}, changing the emulated configuration as the device would. */
    protected abstract Reply handle(Call call);

    /** The vendor's error answer to a request the {@link Faults} make fail (nothing is applied). */
    protected abstract Reply failure(Call call);

    /** Whether a request carries a password, an API key or a session id. */
    protected abstract boolean carriesCredentials(Call call);

    /** What the fault switches match: "METHOD /path" by default. */
    protected String describe(Call call) {
        return call.method() + " " + call.path();
    }

    public Faults faults() {
        return faults;
    }

    /** {@code https://127.0.0.1:<port>/} (or the address it was bound to) */
    public URI endpoint() {
        InetSocketAddress address = server.getAddress();
        String host = address.getAddress().getHostAddress();
        return URI.create("https://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code SHA256:<base64>} of the DER certificate, without padding. */
    public String fingerprint() {
        return fingerprint;
    }

    /** Writes a JKS trust store holding this device's certificate (for trust store tests). */
    public Path writeTrustStore(Path file) throws IOException {
        return DeviceCertificate.writeTrustStore(certificate, file);
    }

    /** Every request received, oldest first. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** How many requests carried credentials (none may reach an untrusted device). */
    public long credentialedRequests() {
        return received.stream().filter(Received::carriedCredentials).count();
    }

    /** Whether the server still listens (a DROP_AFTER fault makes it go away). */
    public boolean listening() {
        return stopped.getCount() > 0;
    }

    @Override
    public void close() {
        goAway();
        threads.shutdownNow();
    }

    private void goAway() {
        if (stopped.getCount() > 0) {
            stopped.countDown(); // releases stalled requests
            server.stop(0);
        }
    }

    private void exchange(HttpExchange exchange) throws IOException {
        try (exchange) {
            Call call = read(exchange);
            received.add(new Received(call.method(), call.path(), carriesCredentials(call)));
            Faults.Verdict verdict = faults.verdict(describe(call));
            switch (verdict) {
                case STALL -> stall();
                case FAIL -> answer(exchange, failure(call));
                case DROP_AFTER -> {
                    handle(call);
                    // close the connection without an answer and stop listening: the device went away
                    new Thread(this::goAway, "emulator-goes-away").start();
                }
                default -> answer(exchange, handle(call));
            }
        } catch (RuntimeException e) {
            answer(exchange, new Reply(500, "text/plain", "emulator error: " + e));
        }
    }

    private void stall() {
        try {
            stopped.await(10, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(HttpExchange exchange, Reply reply) throws IOException {
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", reply.contentType() + "; charset=UTF-8");
        exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Call read(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
        }
        Map<String, String> parameters = new LinkedHashMap<>(decode(exchange.getRequestURI().getRawQuery()));
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
            decode(body).forEach(parameters::putIfAbsent);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), values.isEmpty() ? "" : values.get(0)));
        return new Call(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), parameters, headers, body);
    }

    private static Map<String, String> decode(String query) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (query == null || query.isEmpty()) {
            return fields;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            fields.putIfAbsent(name, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }
}
