package io.yagura.plugin.ciscoips;

import io.yagura.api.plugin.PullConnector;
import io.yagura.api.registry.ManagementEndpoint;
import io.yagura.format.net.Numbers;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * Pulls alerts from Cisco IPS sensors over SDEE (HTTPS, basic authentication), one subscription
 * per device:
 * <ol>
 *   <li>{@code GET <url>?action=open&events=evIdsAlert&force=yes[&startTime=<ns>]} answers the
 *       subscription id ({@code sd:subscriptionId});</li>
 *   <li>{@code GET <url>?action=get&subscriptionId=<id>&confirm=yes&timeout=<s>&maxNbrOfEvents=<n>}
 *       answers {@code sd:events}, oldest first, and confirms what the previous get returned;</li>
 *   <li>{@code GET <url>?action=close&subscriptionId=<id>} when polling stops.</li>
 * </ol>
 * Each {@code evIdsAlert} becomes a {@link Record} (its eventId, the element as text). The cursor
 * is {@code <eventId>;<time in ns>} of the last event read. A subscription lives in memory only:
 * after a restart, or when the sensor forgot it ({@code errNotFound}), or after a get that may
 * have been lost, a new one is opened with {@code startTime} = the cursor's time, and what the
 * cursor already covers (eventId and time not after it) is skipped, so nothing is read twice or
 * missed. When the platform could not queue a batch it polls again with the older cursor; the
 * same batch is then handed over again without asking the sensor.
 *
 * <p>The secret is revealed only to build the Authorization header of each request; messages
 * name the device and the host, never a credential. Thread-safe; the platform calls
 * {@link #pull} once at a time per device.
 */
final class SdeeConnector implements PullConnector {

    /**
     * @param connectTimeout TCP and TLS connection
     * @param requestTimeout a whole request, answer included (longer than {@code waitSeconds})
     * @param waitSeconds    SDEE {@code timeout}: how long the sensor may wait for events before it answers
     * @param maxEvents      SDEE {@code maxNbrOfEvents} per get
     * @param maxAnswerBytes largest answer read
     */
    record Settings(Duration connectTimeout, Duration requestTimeout, int waitSeconds, int maxEvents, int maxAnswerBytes) {
        static final Settings DEFAULT = new Settings(Duration.ofSeconds(10), Duration.ofSeconds(30), 1, 500, 32 << 20);
    }

    static final String DEFAULT_PATH = "/cgi-bin/sdee-server";
    private static final String USER_AGENT = "Yagura-SDEE/1.0";

    private final Settings settings;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    SdeeConnector(Settings settings) {
        this.settings = settings;
    }

    /** What the connector keeps for one device between polls. */
    private static final class Session {
        final ManagementEndpoint endpoint; // without poll interval: a changed interval needs no new session
        final long trustStamp;
        final URI base;
        final HttpClient client;
        String subscriptionId;
        String sessionId;
        Batch handedOver;   // the last batch with records, until the platform polls with its cursor
        String handedFrom;  // the cursor that batch was read from

        Session(ManagementEndpoint endpoint, long trustStamp, URI base, HttpClient client) {
            this.endpoint = endpoint;
            this.trustStamp = trustStamp;
            this.base = base;
            this.client = client;
        }
    }

    @Override
    public Batch pull(Target target, String cursor) throws PullException {
        Session s = session(target);
        synchronized (s) {
            if (s.handedOver != null && Objects.equals(cursor, s.handedFrom)
                    && !Objects.equals(cursor, s.handedOver.cursor())) {
                return s.handedOver; // not queued last time: the same records again
            }
            s.handedOver = null;
            Cursor from = Cursor.parse(cursor);
            if (s.subscriptionId == null) {
                open(s, target, from);
            }
            SdeeAnswer answer;
            try {
                answer = get(s, target);
            } catch (SubscriptionLost lost) {
                // the sensor restarted or dropped the idle subscription: a new one from the cursor
                open(s, target, from);
                try {
                    answer = get(s, target);
                } catch (SubscriptionLost again) {
                    throw new PullException(who(target) + ": the sensor does not know the subscription it has just opened");
                }
            }
            Batch batch = batch(answer, from, cursor);
            if (!batch.records().isEmpty()) {
                s.handedOver = batch;
                s.handedFrom = cursor;
            }
            return batch;
        }
    }

    @Override
    public void close(Target target) {
        Session s = sessions.remove(target.deviceId());
        if (s != null) {
            closeSubscription(s, target);
        }
    }

    /** Closes every subscription (the plugin stops); does not wait for the sensors' answers. */
    void closeAll() {
        for (String device : List.copyOf(sessions.keySet())) {
            Session s = sessions.remove(device);
            if (s != null) {
                closeSubscription(s, new Target(device, null, s.endpoint));
            }
        }
    }

    private void closeSubscription(Session s, Target target) {
        synchronized (s) {
            if (s.subscriptionId == null) {
                return;
            }
            try {
                // fire and forget: the sensor drops idle subscriptions anyway
                s.client.sendAsync(request(s, target, "action=close&subscriptionId=" + enc(s.subscriptionId)),
                        HttpResponse.BodyHandlers.discarding());
            } catch (PullException | RuntimeException ignored) {
                // nothing to close with
            }
            s.subscriptionId = null;
        }
    }

    /** The device's session; a new one (new client, no subscription) when its endpoint or trust store changed. */
    private Session session(Target target) throws PullException {
        ManagementEndpoint ep = target.endpoint();
        if (ep == null || ep.url() == null || ep.url().isBlank()) {
            throw new PullException(who(target) + ": no management URL");
        }
        ManagementEndpoint key = new ManagementEndpoint(ep.url().trim(), ep.username(), ep.secret(), null, ep.trustStore());
        Path trustFile = TrustStores.path(ep.trustStore());
        long stamp = TrustStores.stamp(trustFile);
        Session s = sessions.get(target.deviceId());
        if (s != null && s.endpoint.equals(key) && s.trustStamp == stamp) {
            return s;
        }
        if (s != null) {
            sessions.remove(target.deviceId(), s);
            closeSubscription(s, target);
        }
        URI base = base(target, key.url());
        HttpClient client;
        try {
            client = HttpClient.newBuilder()
                    .connectTimeout(settings.connectTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .version(HttpClient.Version.HTTP_1_1)
                    .sslContext(TrustStores.context(trustFile))
                    .build();
        } catch (GeneralSecurityException | IOException e) {
            throw new PullException(who(target) + ": cannot use trust store: " + e.getMessage(), e);
        }
        Session fresh = new Session(key, stamp, base, client);
        sessions.put(target.deviceId(), fresh);
        return fresh;
    }

    private static URI base(Target target, String url) throws PullException {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new PullException(who(target) + ": management URL is not a URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw new PullException(who(target) + ": SDEE needs an https:// management URL (credentials are never sent in clear)");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw new PullException(who(target) + ": management URL needs a host and no user information");
        }
        String path = uri.getRawPath();
        if (path == null || path.isEmpty() || path.equals("/")) {
            return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + DEFAULT_PATH);
        }
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + path);
    }

    /** Thrown inside {@link #pull} when the sensor no longer knows the subscription. */
    private static final class SubscriptionLost extends Exception {
        private static final long serialVersionUID = 1L;

        SubscriptionLost() {
            super(null, null, false, false);
        }
    }

    private void open(Session s, Target target, Cursor from) throws PullException {
        String query = "action=open&events=evIdsAlert&force=yes"
                + (from.timeNanos() == null ? "" : "&startTime=" + from.timeNanos());
        SdeeAnswer answer = call(s, target, "open", query);
        if (answer.fault() != null) {
            throw refused(target, "open", answer.fault());
        }
        if (answer.subscriptionId() == null) {
            throw new PullException(who(target) + ": the answer to action=open holds no subscriptionId");
        }
        s.subscriptionId = answer.subscriptionId();
        s.sessionId = answer.sessionId();
    }

    private SdeeAnswer get(Session s, Target target) throws PullException, SubscriptionLost {
        String query = "action=get&subscriptionId=" + enc(s.subscriptionId) + "&confirm=yes&timeout=" + settings.waitSeconds()
                + "&maxNbrOfEvents=" + settings.maxEvents()
                + (s.sessionId == null ? "" : "&sessionId=" + enc(s.sessionId));
        SdeeAnswer answer;
        try {
            answer = call(s, target, "get", query);
        } catch (PullException e) {
            // the sensor may have sent, and taken as confirmed, events we never read: start over
            // from the cursor with a new subscription at the next poll
            s.subscriptionId = null;
            throw e;
        }
        if (answer.fault() != null) {
            s.subscriptionId = null;
            if (answer.fault().is("errNotFound")) {
                throw new SubscriptionLost();
            }
            throw refused(target, "get", answer.fault());
        }
        return answer;
    }

    /** The records the cursor does not cover yet, and the cursor after the last event read. */
    private Batch batch(SdeeAnswer answer, Cursor from, String cursorText) {
        List<Record> records = new ArrayList<>(answer.events().size());
        Cursor last = from;
        for (SdeeAnswer.Event ev : answer.events()) {
            Cursor at = new Cursor(ev.id(), ev.timeNanos());
            if (from.covers(at)) {
                continue; // read before the subscription was reopened
            }
            if (ev.type().equals("evIdsAlert") || ev.type().equals("evAlert")) {
                records.add(new Record(ev.id() != null ? ev.id() : "h" + Integer.toHexString(ev.text().hashCode()), ev.text()));
            }
            if (ev.id() != null) {
                last = at;
            }
        }
        boolean more = answer.events().size() >= settings.maxEvents();
        return new Batch(records, last == from ? cursorText : last.toString(), more);
    }

    private SdeeAnswer call(Session s, Target target, String action, String query) throws PullException {
        HttpRequest request = request(s, target, query);
        CompletableFuture<HttpResponse<byte[]>> pending = s.client.sendAsync(request, BoundedBody.handler(settings.maxAnswerBytes()));
        HttpResponse<byte[]> response;
        try {
            response = pending.get(settings.requestTimeout().toMillis() + 500, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new PullException(who(target) + ": no answer to action=" + action + " from " + s.base.getHost()
                    + " within " + settings.requestTimeout().toSeconds() + " s");
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new PullException(who(target) + ": interrupted while asking " + s.base.getHost());
        } catch (ExecutionException e) {
            throw failure(s, target, action, e.getCause());
        }
        int status = response.statusCode();
        if (status == 401 || status == 403) {
            throw new PullException(who(target) + ": " + s.base.getHost() + " refused the credentials of user '"
                    + target.endpoint().username() + "' (HTTP " + status + "); check the account and yagura:device-secret");
        }
        SdeeAnswer answer;
        try {
            answer = SdeeAnswer.read(response.body());
        } catch (SdeeXml.Refused refused) {
            if (status != 200) {
                throw new PullException(who(target) + ": HTTP " + status + " from " + s.base.getHost() + " to action=" + action);
            }
            throw new PullException(who(target) + ": unreadable SDEE answer to action=" + action + " from "
                    + s.base.getHost() + ": " + refused.getMessage());
        }
        if (status != 200 && answer.fault() == null) {
            throw new PullException(who(target) + ": HTTP " + status + " from " + s.base.getHost() + " to action=" + action);
        }
        return answer;
    }

    private HttpRequest request(Session s, Target target, String query) throws PullException {
        return HttpRequest.newBuilder(URI.create(s.base + "?" + query))
                .timeout(settings.requestTimeout())
                .header("Authorization", basic(target))
                .header("Accept", "text/xml")
                .header("User-Agent", USER_AGENT)
                .GET()
                .build();
    }

    /** The Authorization header: the only place the secret is revealed; the clear copies are wiped. */
    private static String basic(Target target) throws PullException {
        ManagementEndpoint ep = target.endpoint();
        String user = ep.username() == null ? "" : ep.username();
        if (user.indexOf(':') >= 0) {
            throw new PullException(who(target) + ": a user name for basic authentication cannot hold ':'");
        }
        char[] secret = ep.secret().reveal();
        char[] pair = new char[user.length() + 1 + secret.length];
        ByteBuffer bytes = null;
        try {
            user.getChars(0, user.length(), pair, 0);
            pair[user.length()] = ':';
            System.arraycopy(secret, 0, pair, user.length() + 1, secret.length);
            bytes = StandardCharsets.UTF_8.encode(CharBuffer.wrap(pair));
            byte[] raw = new byte[bytes.remaining()];
            bytes.get(raw);
            String header = "Basic " + Base64.getEncoder().encodeToString(raw);
            Arrays.fill(raw, (byte) 0);
            return header;
        } finally {
            Arrays.fill(secret, '\0');
            Arrays.fill(pair, '\0');
            if (bytes != null && bytes.hasArray()) {
                Arrays.fill(bytes.array(), (byte) 0);
            }
        }
    }

    private static PullException failure(Session s, Target target, String action, Throwable cause) {
        String host = s.base.getHost();
        String what;
        if (cause instanceof HttpConnectTimeoutException) {
            what = "no connection to " + host + " within the connect timeout";
        } else if (cause instanceof HttpTimeoutException) {
            what = "no answer to action=" + action + " from " + host + " within the request timeout";
        } else if (cause instanceof ConnectException) {
            what = "cannot connect to " + host + (cause.getMessage() == null ? "" : " (" + cause.getMessage() + ")");
        } else if (cause instanceof SSLException || (cause != null && cause.getCause() instanceof SSLException)) {
            Throwable ssl = cause instanceof SSLException ? cause : cause.getCause();
            what = "TLS with " + host + " failed (is the sensor's certificate in the device's trust store?): " + ssl.getMessage();
        } else {
            what = "action=" + action + " to " + host + " failed: " + (cause == null ? "unknown error"
                    : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        }
        return new PullException(who(target) + ": " + what, cause);
    }

    private static PullException refused(Target target, String action, SdeeAnswer.Fault fault) {
        String hint = fault.is("errLimitExceeded") ? "; the sensor has as many subscriptions open as it allows" : "";
        return new PullException(who(target) + ": the sensor refused action=" + action + ": " + fault + hint);
    }

    private static String who(Target target) {
        return "cisco-ips device " + target.deviceId();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /**
     * Where a device's reading stands: the last event's id and time (nanoseconds). An event is
     * covered when its id is not after the cursor's and its time not later (ids restart when a
     * sensor's event store is reset; the time then tells new events apart).
     */
    record Cursor(String eventId, Long timeNanos) {
        static final Cursor NONE = new Cursor(null, null);

        static Cursor parse(String text) {
            if (text == null || text.isBlank()) {
                return NONE;
            }
            int semi = text.indexOf(';');
            String id = (semi < 0 ? text : text.substring(0, semi)).trim();
            Long time = null;
            if (semi >= 0) {
                String t = text.substring(semi + 1).trim();
                time = !t.isEmpty() && t.length() <= 19 && Numbers.isDigits(t) ? Long.parseLong(t) : null;
            }
            return new Cursor(id.isEmpty() ? null : id, time);
        }

        boolean covers(Cursor event) {
            if (eventId == null || event.eventId() == null) {
                return false;
            }
            int order = compareIds(event.eventId(), eventId);
            if (order > 0) {
                return false;
            }
            return timeNanos == null || event.timeNanos() == null || event.timeNanos() <= timeNanos;
        }

        /** Numeric order for numeric ids (SDEE's), else only equality counts as "not after". */
        private static int compareIds(String a, String b) {
            boolean na = Numbers.isDigits(a);
            boolean nb = Numbers.isDigits(b);
            if (na && nb) {
                String x = withoutLeadingZeros(a);
                String y = withoutLeadingZeros(b);
                return x.length() != y.length() ? Integer.compare(x.length(), y.length()) : x.compareTo(y);
            }
            return a.equals(b) ? 0 : 1;
        }

        private static String withoutLeadingZeros(String digits) {
            int i = 0;
            while (i < digits.length() - 1 && digits.charAt(i) == '0') {
                i++;
            }
            return digits.substring(i);
        }

        @Override
        public String toString() {
            return (eventId == null ? "" : eventId) + (timeNanos == null ? "" : ";" + timeNanos);
        }
    }
}
