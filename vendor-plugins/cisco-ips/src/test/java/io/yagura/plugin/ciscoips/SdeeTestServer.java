package io.yagura.plugin.ciscoips;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A sensor's SDEE server over real HTTPS, as the IPS documents it: basic authentication,
 * {@code action=open} (events, force, startTime in ns) answering a subscription id,
 * {@code action=get} (subscriptionId, confirm, maxNbrOfEvents) answering the events after the
 * subscription's position, where confirm=yes acknowledges what the previous get returned,
 * {@code action=close}; errors as SOAP 1.2 faults with an SDEE error code. Misbehaviours on demand.
 * Public, in this module's test jar, for the integration tests that run a sensor beside the platform.
 */
public final class SdeeTestServer implements AutoCloseable {

    public static final String USER = "sdee-viewer";
    public static final String PASSWORD = "Pa55:w0rd-never-logged";
    static final long T0 = 1_700_000_000_000_000_000L;

    enum Mode { NORMAL, HANG, MALFORMED, XXE, LIMIT_EXCEEDED, HTTP_500 }

    /** One stored event: its id, time and the XML of the element (prefixes of the envelope). */
    record Ev(long id, long timeNanos, String xml) {
    }

    private static final class Subscription {
        int position;
        int delivered;
    }

    private final HttpsServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final List<Ev> store = new ArrayList<>();
    private final Map<String, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final AtomicInteger nextSubscription = new AtomicInteger(1);
    private long nextId = 6_823_242_457_000L;
    final List<String> requests = new CopyOnWriteArrayList<>();
    final AtomicInteger evilDtdFetches = new AtomicInteger();
    final CountDownLatch closeSeen = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    volatile Mode mode = Mode.NORMAL;

    public SdeeTestServer() throws IOException {
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(TestTls.serverContext()));
        server.setExecutor(pool);
        server.createContext("/cgi-bin/sdee-server", this::handle);
        server.createContext("/evil.dtd", ex -> {
            evilDtdFetches.incrementAndGet();
            respond(ex, 200, "<!ENTITY leaked 'yes'>");
        });
        server.start();
    }

    public String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort() + "/cgi-bin/sdee-server";
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Adds an alert at T0 + seconds; returns its eventId. */
    synchronized long alert(int sigId, String name, String attacker, String target, long timeNanos) {
        long id = nextId++;
        store.add(new Ev(id, timeNanos, """
                      <sd:evIdsAlert eventId="%d" vendor="Cisco" severity="high">
                        <sd:originator>
                          <sd:hostId>test-sensor</sd:hostId>
                          <cid:appName>sensorApp</cid:appName>
                        </sd:originator>
                        <sd:time offset="0" timeZone="UTC">%d</sd:time>
                        <sd:signature description="%s" id="%d" cid:version="S700">
                          <cid:subsigId>0</cid:subsigId>
                          <cid:sigDetails>line one
                line two &amp; "three"</cid:sigDetails>
                        </sd:signature>
                        <sd:participants>
                          <sd:attacker><sd:addr cid:locality="OUT">%s</sd:addr><sd:port>40000</sd:port></sd:attacker>
                          <sd:target><sd:addr cid:locality="IN">%s</sd:addr><sd:port>80</sd:port></sd:target>
                        </sd:participants>
                        <sd:actions><cid:droppedPacket>true</cid:droppedPacket></sd:actions>
                        <cid:riskRatingValue targetValueRating="medium">90</cid:riskRatingValue>
                        <cid:protocol>tcp</cid:protocol>
                      </sd:evIdsAlert>
                """.formatted(id, timeNanos, name, sigId, attacker, target)));
        return id;
    }

    public synchronized long alert(int sigId) {
        return alert(sigId, "Test signature " + sigId, "203.0.113.5", "192.0.2.10", T0 + store.size() * 1_000_000_000L);
    }

    /** A status event (a login), which is no alert. */
    public synchronized long status() {
        long id = nextId++;
        store.add(new Ev(id, T0 + store.size() * 1_000_000_000L, """
                      <evStatus eventId="%d" vendor="Cisco"><originator><hostId>test-sensor</hostId></originator>
                        <time offset="0" timeZone="UTC">%d</time><loginAction action="loggedIn"/></evStatus>
                """.formatted(id, T0 + store.size() * 1_000_000_000L)));
        return id;
    }

    /** The sensor forgets every subscription (a restart, an idle timeout). */
    void expireSubscriptions() {
        subscriptions.clear();
    }

    int subscriptionCount() {
        return subscriptions.size();
    }

    public long count(String action) {
        return requests.stream().filter(r -> r.contains("action=" + action)).count();
    }

    private void handle(HttpExchange ex) throws IOException {
        try {
            String query = ex.getRequestURI().getRawQuery();
            requests.add(query == null ? "" : query);
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String expected = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
            if (!expected.equals(auth)) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"sensor\"");
                respond(ex, 401, "<html><body>Unauthorized</body></html>");
                return;
            }
            Map<String, String> q = params(query);
            switch (mode) {
                case HANG -> {
                    release.await(30, TimeUnit.SECONDS);
                    respond(ex, 200, envelope("", ""));
                    return;
                }
                case MALFORMED -> {
                    respond(ex, 200, "<?xml version=\"1.0\"?><env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\"><env:Body><sd:events");
                    return;
                }
                case XXE -> {
                    respond(ex, 200, "<?xml version=\"1.0\"?><!DOCTYPE env:Envelope SYSTEM \"https://127.0.0.1:" + port()
                            + "/evil.dtd\" [<!ENTITY file SYSTEM \"file:///etc/hostname\">]>"
                            + "<env:Envelope xmlns:env=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:sd=\"http://example.org/2003/08/sdee\">"
                            + "<env:Header><sd:oobInfo><sd:subscriptionId>&file;&leaked;</sd:subscriptionId></sd:oobInfo></env:Header>"
                            + "<env:Body/></env:Envelope>");
                    return;
                }
                case HTTP_500 -> {
                    respond(ex, 500, "Internal Server Error");
                    return;
                }
                default -> {
                }
            }
            switch (q.getOrDefault("action", "")) {
                case "open" -> open(ex, q);
                case "get" -> get(ex, q);
                case "close" -> {
                    subscriptions.remove(q.get("subscriptionId"));
                    closeSeen.countDown();
                    respond(ex, 200, envelope("", ""));
                }
                default -> respond(ex, 400, fault("errSyntax", "unknown action"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ex.close();
        }
    }

    private void open(HttpExchange ex, Map<String, String> q) throws IOException {
        if (mode == Mode.LIMIT_EXCEEDED) {
            respond(ex, 400, fault("errLimitExceeded", "Maximum number of subscriptions reached"));
            return;
        }
        if (!"evIdsAlert".equals(q.get("events"))) {
            respond(ex, 400, fault("errSyntax", "events"));
            return;
        }
        Subscription s = new Subscription();
        synchronized (this) {
            if (q.containsKey("startTime")) {
                long start = Long.parseLong(q.get("startTime"));
                int i = 0;
                while (i < store.size() && store.get(i).timeNanos() < start) {
                    i++;
                }
                s.position = i;
            } else {
                s.position = store.size(); // from now on
            }
        }
        String id = "sub-" + nextSubscription.getAndIncrement();
        subscriptions.put(id, s);
        respond(ex, 200, envelope("<sd:oobInfo><sd:sessionId>sess-" + id + "</sd:sessionId><sd:subscriptionId>" + id
                + "</sd:subscriptionId></sd:oobInfo>", ""));
    }

    private void get(HttpExchange ex, Map<String, String> q) throws IOException {
        Subscription s = subscriptions.get(q.get("subscriptionId"));
        if (s == null) {
            respond(ex, 400, fault("errNotFound", "The subscription does not exist"));
            return;
        }
        StringBuilder events = new StringBuilder();
        synchronized (this) {
            if (!"no".equals(q.get("confirm"))) {
                s.position += s.delivered;
            }
            int max = Integer.parseInt(q.getOrDefault("maxNbrOfEvents", "20"));
            int end = Math.min(store.size(), s.position + max);
            for (int i = s.position; i < end; i++) {
                events.append(store.get(i).xml());
            }
            s.delivered = end - s.position;
        }
        respond(ex, 200, envelope("<sd:oobInfo><sd:sessionId>sess</sd:sessionId></sd:oobInfo>", "<sd:events>\n" + events + "    </sd:events>"));
    }

    static String envelope(String header, String body) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <env:Envelope xmlns="http://www.cisco.com/cids/2006/08/cidee" xmlns:env="http://www.w3.org/2003/05/soap-envelope"
                    xmlns:sd="http://example.org/2003/08/sdee" xmlns:cid="http://www.cisco.com/cids/2006/08/cidee">
                  <env:Header>%s</env:Header>
                  <env:Body>
                    %s
                  </env:Body>
                </env:Envelope>
                """.formatted(header, body);
    }

    static String fault(String code, String text) {
        return envelope("", "<env:Fault><env:Code><env:Value>env:Sender</env:Value><env:Subcode><env:Value>sd:" + code
                + "</env:Value></env:Subcode></env:Code><env:Reason><env:Text xml:lang=\"en\">" + text
                + "</env:Text></env:Reason><env:Detail><sd:errorCode>" + code + "</sd:errorCode></env:Detail></env:Fault>");
    }

    private static Map<String, String> params(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query == null) {
            return out;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "text/xml; charset=utf-8");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        pool.shutdownNow();
    }
}
