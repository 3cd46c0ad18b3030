package io.yagura.portal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.net.ssl.SSLContext;

/**
 * A user agent on the portal with the JDK HttpClient: keeps the session cookie and the CSRF token
 * (read from the pages' hidden fields, as a browser's form would send it), follows no redirects
 * (tests read them), and can replay or drop either on purpose.
 */
final class WebClient {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private final URI base;
    private final HttpClient http;
    String cookie;
    String csrf;
    HttpResponse<String> last;

    WebClient(URI base, SSLContext ssl) {
        this.base = base;
        this.http = HttpClient.newBuilder().sslContext(ssl).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    WebClient login(String name, String password) throws Exception {
        HttpResponse<String> r = post("/portal/login", Map.of("name", name, "password", password), false);
        if (r.statusCode() != 303) {
            throw new AssertionError("login of " + name + " answered " + r.statusCode() + ": " + r.body());
        }
        String setCookie = r.headers().firstValue("Set-Cookie").orElseThrow();
        cookie = setCookie.substring(0, setCookie.indexOf(';'));
        csrfFrom(get(r.headers().firstValue("Location").orElseThrow()));
        return this;
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).GET();
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        last = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        csrfFrom(last);
        return last;
    }

    /** A form post with the CSRF token when {@code withCsrf}. */
    HttpResponse<String> post(String path, Map<String, String> form, boolean withCsrf)
            throws IOException, InterruptedException {
        Map<String, String> f = new LinkedHashMap<>(form);
        if (withCsrf && csrf != null) {
            f.put("csrf", csrf);
        }
        String body = f.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        last = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return last;
    }

    /** A form post as another site's page would make it (its Origin header), with this client's token. */
    HttpResponse<String> postFrom(String origin, String path, Map<String, String> form)
            throws IOException, InterruptedException {
        Map<String, String> f = new LinkedHashMap<>(form);
        f.put("csrf", csrf == null ? "" : csrf);
        String body = f.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(),
                StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("Origin", origin)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, Map<String, String> form) throws IOException, InterruptedException {
        return post(path, form, true);
    }

    /** The live stream's lines as they come (the caller closes the stream). */
    HttpResponse<java.util.stream.Stream<String>> stream(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(base.resolve(path)).header("Cookie", cookie).GET().build(),
                HttpResponse.BodyHandlers.ofLines());
    }

    /** Opens the live stream and collects its lines on a reader thread of its own. */
    java.util.List<String> streamLines(String path) throws IOException, InterruptedException {
        return collect(stream(path));
    }

    /** Collects a stream's lines on a reader thread of its own. */
    static java.util.List<String> collect(HttpResponse<java.util.stream.Stream<String>> stream) {
        java.util.List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> stream.body().forEach(lines::add), "sse-reader");
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    private void csrfFrom(HttpResponse<String> r) {
        Matcher m = CSRF.matcher(r.body());
        if (m.find()) {
            csrf = m.group(1);
        }
    }

    static List<String> setCookies(HttpResponse<?> r) {
        return r.headers().allValues("Set-Cookie");
    }
}
