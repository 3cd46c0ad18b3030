package io.yagura.device.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One request to a device's management API. Header values and bodies may hold credentials: they
 * are sent, never shown; messages name only {@link #method()} and {@link #path()} (no query).
 *
 * @param method      GET, POST, PUT, DELETE
 * @param pathAndQuery path and query, starting with '/', e.g. {@code /api/v2/cmdb/firewall/address?vdom=root}
 * @param headers     extra headers (API key, session id)
 * @param contentType the body's type, or null without a body
 * @param body        the body, or null
 */
public record DeviceRequest(String method, String pathAndQuery, Map<String, String> headers, String contentType,
                            String body) {

    public DeviceRequest {
        if (pathAndQuery == null || !pathAndQuery.startsWith("/")) {
            throw new IllegalArgumentException("a device request path starts with '/': " + pathAndQuery);
        }
        headers = Map.copyOf(headers == null ? Map.of() : headers);
    }

    public static DeviceRequest get(String pathAndQuery) {
        return new DeviceRequest("GET", pathAndQuery, Map.of(), null, null);
    }

    public static DeviceRequest delete(String pathAndQuery) {
        return new DeviceRequest("DELETE", pathAndQuery, Map.of(), null, null);
    }

    /** A POST of {@code application/x-www-form-urlencoded} fields, in the given order. */
    public static DeviceRequest form(String path, Map<String, String> fields) {
        return new DeviceRequest("POST", path, Map.of(), "application/x-www-form-urlencoded", encode(fields));
    }

    /** A request with a JSON body ({@link JsonText#of} writes one). */
    public static DeviceRequest json(String method, String pathAndQuery, String json) {
        return new DeviceRequest(method, pathAndQuery, Map.of(), "application/json", json);
    }

    /** The same request with one more header. */
    public DeviceRequest header(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new DeviceRequest(method, pathAndQuery, more, contentType, body);
    }

    /** The path without the query string: what messages show. */
    public String path() {
        int query = pathAndQuery.indexOf('?');
        return query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
    }

    /** URL-encodes fields for a query string or a form body. */
    public static String encode(Map<String, String> fields) {
        StringJoiner joined = new StringJoiner("&");
        fields.forEach((name, value) -> joined.add(URLEncoder.encode(name, StandardCharsets.UTF_8) + "="
                + URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8)));
        return joined.toString();
    }

    /** Never shows headers or body: they may carry credentials. */
    @Override
    public String toString() {
        return method + " " + path();
    }
}
