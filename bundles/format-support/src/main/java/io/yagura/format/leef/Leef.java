package io.yagura.format.leef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads LEEF as IBM documents it: {@code LEEF:1.0|Vendor|Product|Version|EventID|attrs} with
 * tab-separated {@code key=value} attributes, and {@code LEEF:2.0|Vendor|Product|Version|EventID|
 * Delimiter|attrs} where the delimiter is one character, or its hex code as {@code 0x5E} or
 * {@code x5E} (2.0 lets the delimiter field be absent: then tab). The record may follow a syslog
 * header. Never throws.
 */
public final class Leef {

    private Leef() {
    }

    public static int indexOf(String line) {
        if (line == null) {
            return -1;
        }
        int at = line.indexOf("LEEF:");
        return at >= 0 && at + 8 < line.length() ? at : -1;
    }

    public static Optional<LeefRecord> find(String line) {
        int at = indexOf(line);
        return at < 0 ? Optional.empty() : parse(line.substring(at));
    }

    public static Optional<LeefRecord> parse(String text) {
        if (text == null || !text.startsWith("LEEF:")) {
            return Optional.empty();
        }
        String body = text.substring(5);
        List<String> header = new ArrayList<>(6);
        int i = 0;
        while (header.size() < 5) {
            int bar = body.indexOf('|', i);
            if (bar < 0) {
                return Optional.empty();
            }
            header.add(body.substring(i, bar));
            i = bar + 1;
        }
        String version = header.get(0).trim();
        char delimiter = '\t';
        if (version.startsWith("2")) {
            // 2.0: an optional delimiter field, then the attributes
            int bar = body.indexOf('|', i);
            if (bar >= 0 && bar - i <= 6) {
                Character d = delimiter(body.substring(i, bar));
                if (d != null) {
                    delimiter = d;
                    i = bar + 1;
                } else if (bar == i) {
                    i = bar + 1; // empty delimiter field: tab
                }
            }
        } else if (!version.startsWith("1")) {
            return Optional.empty();
        }
        Map<String, String> attributes = attributes(body.substring(i), delimiter);
        return Optional.of(new LeefRecord(version, header.get(1), header.get(2), header.get(3), header.get(4),
                delimiter, attributes));
    }

    /** "^", "0x5E", "x5E" or "\t" as a delimiter; null when the text is none of these. */
    static Character delimiter(String field) {
        String f = field.trim().isEmpty() ? field : field.trim();
        if (f.length() == 1) {
            return f.charAt(0);
        }
        String hex = f.startsWith("0x") || f.startsWith("0X") ? f.substring(2)
                : f.startsWith("x") || f.startsWith("X") ? f.substring(1) : null;
        if (hex != null && !hex.isEmpty() && hex.length() <= 4) {
            try {
                return (char) Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        if ("\\t".equals(f)) {
            return '\t';
        }
        return null;
    }

    static Map<String, String> attributes(String text, char delimiter) {
        Map<String, String> out = new LinkedHashMap<>();
        int start = 0;
        int n = text.length();
        while (start <= n) {
            int end = text.indexOf(delimiter, start);
            if (end < 0) {
                end = n;
            }
            String pair = text.substring(start, end);
            int eq = pair.indexOf('=');
            if (eq > 0) {
                out.putIfAbsent(pair.substring(0, eq).trim(), pair.substring(eq + 1));
            }
            start = end + 1;
        }
        return out;
    }
}
