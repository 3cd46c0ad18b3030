package io.yagura.portal.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One route of the portal. {@code path} is relative to /portal and may hold {@code {name}}
 * segments (one path segment each), e.g. {@code /incidents/{id}}.
 *
 * @param kind what it answers, so the isolation test knows how to read the answer
 */
public record Route(String method, String path, Access access, Kind kind, Handler handler) {

    /** What a route answers. */
    public enum Kind { PAGE, JSON, STREAM, DOWNLOAD, ACTION, ASSET }

    /** Handles one matched request. */
    @FunctionalInterface
    public interface Handler {
        void handle(Call call) throws Exception;
    }

    /** Path parameters by name when {@code requestPath} matches, else null. */
    Map<String, String> match(String requestMethod, String requestPath) {
        if (!method.equals(requestMethod)) {
            return null;
        }
        Matcher m = pattern().matcher(requestPath);
        if (!m.matches()) {
            return null;
        }
        Map<String, String> params = new java.util.HashMap<>();
        List<String> names = names();
        for (int i = 0; i < names.size(); i++) {
            params.put(names.get(i), java.net.URLDecoder.decode(m.group(i + 1), java.nio.charset.StandardCharsets.UTF_8));
        }
        return params;
    }

    private Pattern pattern() {
        return Pattern.compile(Pattern.quote(path).replaceAll("\\{[a-z]+\\}", "\\\\E([^/]+)\\\\Q"));
    }

    private List<String> names() {
        List<String> names = new ArrayList<>();
        Matcher m = Pattern.compile("\\{([a-z]+)\\}").matcher(path);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    /** The path with its parameters filled in (for tests and links). */
    public String fill(Map<String, String> values) {
        String p = path;
        for (String n : names()) {
            p = p.replace("{" + n + "}", values.getOrDefault(n, "x"));
        }
        return p;
    }

    public List<String> parameterNames() {
        return names();
    }

    @Override
    public String toString() {
        return method + " " + path;
    }
}
