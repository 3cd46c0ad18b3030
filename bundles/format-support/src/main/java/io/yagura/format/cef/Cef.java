package io.yagura.format.cef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads CEF records as ArcSight's "Implementing ArcSight CEF" guide defines them: seven
 * pipe-separated header fields (a pipe or backslash inside one is escaped with a backslash), then
 * an extension of {@code key=value} pairs separated by spaces, where a value runs to the last
 * space before the next key and escapes {@code \= \\ \n \r}. The record may follow a syslog
 * header; {@link #find} locates it. Never throws.
 */
public final class Cef {

    private static final String MARKER = "CEF:";

    private Cef() {
    }

    /** Offset of "CEF:" followed by a version digit, or -1. */
    public static int indexOf(String line) {
        if (line == null) {
            return -1;
        }
        int from = 0;
        while (true) {
            int at = line.indexOf(MARKER, from);
            if (at < 0 || at + 4 >= line.length()) {
                return -1;
            }
            if (Character.isDigit(line.charAt(at + 4))) {
                return at;
            }
            from = at + 1;
        }
    }

    /** The CEF record found in a line, if it has all seven header fields. */
    public static Optional<CefRecord> find(String line) {
        int at = indexOf(line);
        return at < 0 ? Optional.empty() : parse(line.substring(at));
    }

    /**
     * Offset of "CEF:" followed by a version digit, allowing spaces between the colon and the
     * digit ({@code CEF: 0|...}), as Check Point Log Exporter and some PAN-OS custom formats write
     * it; -1 when there is none. Only the first 8 characters after the colon are looked at.
     */
    public static int indexOfTolerant(String line) {
        if (line == null) {
            return -1;
        }
        int from = 0;
        while (true) {
            int at = line.indexOf(MARKER, from);
            if (at < 0) {
                return -1;
            }
            int i = at + MARKER.length();
            int limit = Math.min(line.length(), i + 8);
            while (i < limit && line.charAt(i) == ' ') {
                i++;
            }
            if (i < line.length() && Character.isDigit(line.charAt(i))) {
                return at;
            }
            from = at + 1;
        }
    }

    /** Like {@link #find}, but also reads {@code CEF: 0|...} (spaces after the colon). */
    public static Optional<CefRecord> findTolerant(String line) {
        int at = indexOfTolerant(line);
        if (at < 0) {
            return Optional.empty();
        }
        int i = at + MARKER.length();
        while (line.charAt(i) == ' ') {
            i++;
        }
        return parse(i == at + MARKER.length() ? line.substring(at) : MARKER + line.substring(i));
    }

    /** Parses text starting with "CEF:". */
    public static Optional<CefRecord> parse(String text) {
        if (text == null || !text.startsWith(MARKER)) {
            return Optional.empty();
        }
        List<String> header = new ArrayList<>(8);
        StringBuilder field = new StringBuilder();
        int i = MARKER.length();
        int n = text.length();
        while (i < n && header.size() < 7) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < n && (text.charAt(i + 1) == '|' || text.charAt(i + 1) == '\\')) {
                field.append(text.charAt(i + 1));
                i += 2;
                continue;
            }
            if (c == '|') {
                header.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
            i++;
        }
        if (header.size() < 7) {
            return Optional.empty();
        }
        int version;
        try {
            version = Integer.parseInt(header.get(0).trim());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        Map<String, String> extension = extension(text.substring(i));
        return Optional.of(new CefRecord(version, header.get(1), header.get(2), header.get(3), header.get(4),
                header.get(5), header.get(6), extension));
    }

    /** The extension's pairs, escapes resolved; first of repeated keys wins. */
    public static Map<String, String> extension(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        int n = text.length();
        int i = 0;
        while (i < n) {
            while (i < n && text.charAt(i) == ' ') {
                i++;
            }
            int keyStart = i;
            while (i < n && isKeyChar(text.charAt(i))) {
                i++;
            }
            if (i >= n || i == keyStart || text.charAt(i) != '=') {
                // garbage: move to the next space and retry
                while (i < n && text.charAt(i) != ' ') {
                    i++;
                }
                continue;
            }
            String key = text.substring(keyStart, i);
            i++;
            int end = valueEnd(text, i);
            out.putIfAbsent(key, unescape(text.substring(i, end).trim()));
            i = end;
        }
        return out;
    }

    /** A value ends at the space before the next unescaped "key=", or at the end. */
    private static int valueEnd(String text, int from) {
        int n = text.length();
        int i = from;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\\') {
                i += 2;
                continue;
            }
            if (c == ' ') {
                int k = i + 1;
                while (k < n && isKeyChar(text.charAt(k))) {
                    k++;
                }
                if (k > i + 1 && k < n && text.charAt(k) == '=') {
                    return i;
                }
            }
            i++;
        }
        return Math.min(i, n);
    }

    private static String unescape(String v) {
        if (v.indexOf('\\') < 0) {
            return v;
        }
        StringBuilder sb = new StringBuilder(v.length());
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c == '\\' && i + 1 < v.length()) {
                char next = v.charAt(++i);
                sb.append(switch (next) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    default -> next;
                });
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'
                || c == '.' || c == '-' || c == '[' || c == ']';
    }
}
