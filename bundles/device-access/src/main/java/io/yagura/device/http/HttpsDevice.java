package io.yagura.device.http;

import io.yagura.api.plugin.FirewallDriver.Failure;
import io.yagura.api.plugin.FirewallDriver.FirewallException;
import io.yagura.api.plugin.FirewallDriver.Target;
import io.yagura.api.registry.Secret;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * An HTTPS conversation with one device's management API for one driver call, on the JDK
 * HttpClient (HTTP/1.1, TLS 1.2+).
 *
 * <ul>
 *   <li>The certificate is checked during the handshake ({@link DeviceTrust}); an untrusted
 *       device fails with {@link Failure#UNTRUSTED} and the presented fingerprint, and has
 *       received nothing.</li>
 *   <li>Connecting and each whole exchange (handshake, request, answer) are bounded by
 *       {@link Target#timeout()}: {@link Failure#TIMEOUT}.</li>
 *   <li>Refused, reset or closed connections, TLS failures other than trust, and answers larger
 *       than {@link #MAX_ANSWER_BYTES}: {@link Failure#UNREACHABLE}.</li>
 *   <li>HTTP 401 and 403: {@link Failure#AUTHENTICATION}. Other statuses are returned to the
 *       driver, which knows what its API means by them.</li>
 *   <li>The target's secret and every value given to {@link #redact} (API keys, session ids) are
 *       replaced by {@link Secret#MASK} in every message this class builds and in
 *       {@link #excerpt}.</li>
 * </ul>
 */
public final class HttpsDevice {

    /** Devices answer a few kilobytes; a configuration dump of a large firewall stays far below. */
    public static final int MAX_ANSWER_BYTES = 4 * 1024 * 1024;

    private static final int EXCERPT_CHARS = 300;

    private final Target target;
    private final URI base;
    private final String name;
    private final DeviceTrust trust;
    private final HttpClient client;
    private final List<String> secrets = new CopyOnWriteArrayList<>();

    private HttpsDevice(Target target, URI base, DeviceTrust trust) {
        this.target = target;
        this.base = base;
        this.name = "device " + target.deviceId() + " (" + base.getAuthority() + ")";
        this.trust = trust;
        SSLParameters tls = new SSLParameters();
        tls.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(target.timeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .sslContext(trust.sslContext())
                .sslParameters(tls)
                .build();
        char[] secret = target.secret().reveal();
        if (secret.length > 0) {
            secrets.add(new String(secret));
        }
        java.util.Arrays.fill(secret, '\0');
    }

    /**
     * Prepares the conversation (nothing is sent yet).
     *
     * @throws FirewallException UNSUPPORTED for an endpoint that is not an https URL with a host,
     *                           UNTRUSTED for a trust store that cannot be read
     */
    public static HttpsDevice open(Target target) throws FirewallException {
        return open(target, karafEtc());
    }

    /** As {@link #open(Target)}, reading a relative trust store path from {@code etc}. */
    public static HttpsDevice open(Target target, Path etc) throws FirewallException {
        URI endpoint = target.endpoint();
        if (endpoint == null || !"https".equalsIgnoreCase(endpoint.getScheme()) || endpoint.getHost() == null) {
            throw new FirewallException(Failure.UNSUPPORTED, "device " + target.deviceId()
                    + ": the endpoint must be an https URL naming the device, e.g. https://192.0.2.9/ (was "
                    + (endpoint == null ? "none" : endpoint.getScheme() + "://" + endpoint.getRawAuthority()) + ")",
                    null);
        }
        URI base = URI.create("https://" + endpoint.getRawAuthority());
        return new HttpsDevice(target, base, DeviceTrust.of(target, etc));
    }

    /** Karaf's etc/ directory (system property {@code karaf.etc}), or the working directory outside Karaf. */
    static Path karafEtc() {
        String etc = System.getProperty("karaf.etc");
        return Path.of(etc == null || etc.isBlank() ? "." : etc);
    }

    public Target target() {
        return target;
    }

    /** "device fw1 (192.0.2.9:443)", for messages. */
    public String name() {
        return name;
    }

    /** Registers a value that must never appear in a message (an API key or session id the device gave). */
    public void redact(String sensitive) {
        if (sensitive != null && sensitive.length() >= 4 && !secrets.contains(sensitive)) {
            secrets.add(sensitive);
        }
    }

    /** {@code text} with every secret replaced by the mask. */
    public String redacted(String text) {
        if (text == null) {
            return "";
        }
        String clean = text;
        for (String secret : secrets) {
            clean = clean.replace(secret, Secret.MASK);
        }
        return clean;
    }

    /** The start of an answer's body on one line, secrets removed: for messages and the audit log. */
    public String excerpt(String body) {
        String line = redacted(body).replaceAll("\\s+", " ").trim();
        return line.length() <= EXCERPT_CHARS ? line : line.substring(0, EXCERPT_CHARS) + "…";
    }

    /**
     * Sends one request and waits for the whole answer, at most the target's timeout.
     *
     * @throws FirewallException UNTRUSTED, TIMEOUT, UNREACHABLE or AUTHENTICATION as described above
     */
    public DeviceAnswer send(DeviceRequest request) throws FirewallException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(request.pathAndQuery()))
                .timeout(target.timeout());
        request.headers().forEach(builder::header);
        HttpRequest.BodyPublisher body = request.body() == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.body(), StandardCharsets.UTF_8);
        if (request.contentType() != null) {
            builder.header("Content-Type", request.contentType() + "; charset=UTF-8");
        }
        builder.method(request.method(), body);
        CompletableFuture<HttpResponse<byte[]>> pending =
                client.sendAsync(builder.build(), info -> new BoundedBody(MAX_ANSWER_BYTES));
        HttpResponse<byte[]> response;
        try {
            response = pending.get(target.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            pending.cancel(true);
            throw new FirewallException(Failure.TIMEOUT, name + " did not answer " + request + " within "
                    + seconds(target.timeout()), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            pending.cancel(true);
            throw new FirewallException(Failure.UNREACHABLE, name + ": interrupted while waiting for " + request, e);
        } catch (ExecutionException e) {
            throw failure(request, e.getCause());
        }
        String text = new String(response.body(), StandardCharsets.UTF_8);
        if (response.statusCode() == 401 || response.statusCode() == 403) {
            throw new FirewallException(Failure.AUTHENTICATION, name + " refused the credentials (HTTP "
                    + response.statusCode() + " on " + request + ": " + excerpt(text) + ")", null);
        }
        return new DeviceAnswer(response.statusCode(), text);
    }

    private FirewallException failure(DeviceRequest request, Throwable cause) {
        if (trust.refused()) {
            return new FirewallException(Failure.UNTRUSTED, name + " was not contacted: " + trust.refusal()
                    + "; an operator may accept this fingerprint", trust.presentedFingerprint(), null);
        }
        if (cause instanceof HttpConnectTimeoutException) {
            return new FirewallException(Failure.TIMEOUT, name + " did not accept a connection within "
                    + seconds(target.timeout()), null);
        }
        if (cause instanceof HttpTimeoutException) {
            return new FirewallException(Failure.TIMEOUT, name + " did not answer " + request + " within "
                    + seconds(target.timeout()), null);
        }
        if (cause instanceof AnswerTooLarge) {
            return new FirewallException(Failure.UNREACHABLE, name + " answered " + request + " with more than "
                    + MAX_ANSWER_BYTES + " bytes; the answer was not read", null);
        }
        if (cause instanceof ConnectException || cause != null && cause.getCause() instanceof ConnectException) {
            return new FirewallException(Failure.UNREACHABLE, name + " refused the connection", null);
        }
        if (cause instanceof SSLException) {
            return new FirewallException(Failure.UNREACHABLE, name + ": TLS handshake failed: "
                    + redacted(cause.getMessage()), null);
        }
        String why = cause == null ? "unknown error"
                : cause.getClass().getSimpleName() + ": " + redacted(cause.getMessage());
        return new FirewallException(Failure.UNREACHABLE, name + ": the connection was lost during " + request
                + " (" + why + ")", null);
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    @Override
    public String toString() {
        return name;
    }

    /** An answer over the size limit: the subscription is cancelled and the body never kept. */
    private static final class AnswerTooLarge extends IOException {
        private static final long serialVersionUID = 1L;

        AnswerTooLarge() {
            super("answer too large");
        }
    }

    /** Collects a body up to a limit; beyond it the exchange fails with {@link AnswerTooLarge}. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final int limit;
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        BoundedBody(int limit) {
            this.limit = limit;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + buffer.remaining() > limit) {
                    subscription.cancel();
                    result.completeExceptionally(new AnswerTooLarge());
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.write(chunk, 0, chunk.length);
            }
        }

        @Override
        public void onError(Throwable throwable) {
            result.completeExceptionally(throwable);
        }

        @Override
        public void onComplete() {
            result.complete(bytes.toByteArray());
        }
    }
}
