package io.yagura.format.sd;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * RFC 5424 STRUCTURED-DATA: {@code [id param="value" ...][id2 ...]}, with {@code \" \\ \]}
 * escaped in values. Juniper SRX in structured mode puts its whole event here
 * ({@code [junos@2636.1.1.1.2.40 source-address="192.0.2.1" ...]}). Reading stops at the first
 * thing that is not an element; what was read until then is kept. Never throws.
 */
public final class StructuredData {

    /** One SD-ELEMENT. */
    public record Element(String id, Map<String, String> params) {
    }

    private static final int MAX_ELEMENTS = 64;

    private StructuredData() {
    }

    public static List<Element> parse(String text) {
        List<Element> out = new ArrayList<>(2);
        if (text == null) {
            return out;
        }
        int n = text.length();
        int i = 0;
        while (i < n && text.charAt(i) == '[' && out.size() < MAX_ELEMENTS) {
            i++;
            int idStart = i;
            while (i < n && text.charAt(i) != ' ' && text.charAt(i) != ']') {
                i++;
            }
            String id = text.substring(idStart, i);
            Map<String, String> params = new LinkedHashMap<>();
            while (i < n && text.charAt(i) == ' ') {
                while (i < n && text.charAt(i) == ' ') {
                    i++;
                }
                int nameStart = i;
                while (i < n && text.charAt(i) != '=' && text.charAt(i) != ']' && text.charAt(i) != ' ') {
                    i++;
                }
                if (i + 1 >= n || text.charAt(i) != '=' || text.charAt(i + 1) != '"') {
                    break;
                }
                String name = text.substring(nameStart, i);
                i += 2;
                StringBuilder value = new StringBuilder();
                while (i < n && text.charAt(i) != '"') {
                    char c = text.charAt(i);
                    if (c == '\\' && i + 1 < n && "\"\\]".indexOf(text.charAt(i + 1)) >= 0) {
                        value.append(text.charAt(i + 1));
                        i += 2;
                    } else {
                        value.append(c);
                        i++;
                    }
                }
                i++; // closing quote
                params.putIfAbsent(name, value.toString());
            }
            out.add(new Element(id, params));
            while (i < n && text.charAt(i) != ']') {
                i++; // tolerate junk before the closing bracket
            }
            i++;
        }
        return out;
    }

    /** Offset just past the structured data that starts {@code text} ("-" or elements). */
    public static int end(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        if (text.charAt(0) == '-') {
            return 1;
        }
        int i = 0;
        int n = text.length();
        while (i < n && text.charAt(i) == '[') {
            boolean quoted = false;
            i++;
            while (i < n) {
                char c = text.charAt(i);
                if (c == '\\' && quoted) {
                    i += 2;
                    continue;
                }
                if (c == '"') {
                    quoted = !quoted;
                } else if (c == ']' && !quoted) {
                    break;
                }
                i++;
            }
            i++;
        }
        return Math.min(i, n);
    }
}
