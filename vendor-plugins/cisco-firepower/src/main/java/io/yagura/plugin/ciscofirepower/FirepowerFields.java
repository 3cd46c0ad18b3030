package io.yagura.plugin.ciscofirepower;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reader for the {@code Key: value, Key: value} lists of Firepower events ({@code %FTD-1-430002:
 * EventPriority: Low, DeviceUUID: ..., SrcIP: 192.0.2.1, ...}) and of the legacy Sourcefire
 * connection syslog ({@code Connection Type: Start, Firewall Rule Name: ...}).
 *
 * <p>Values are unquoted and may hold commas ({@code UserAgent: Mozilla/5.0 (KHTML, like Gecko)}),
 * colons ({@code Endpoint Profile: Workstation:Windows10}) and spaces, so a value ends only at a
 * {@code ", "} followed by a key and {@code ": "}. A key is one to six words of letters, digits and
 * '_', each starting with a capital letter ({@code SrcIP}, {@code DNS_TTL}, {@code Prefilter Policy},
 * {@code Security Intelligence Matching IP}), so lower-case text after a comma stays in the value.
 * One pass, bounded look-ahead per comma; never throws.
 */
final class FirepowerFields {

    private static final int MAX_KEY = 48;
    private static final int MAX_WORDS = 6;
    private static final int MAX_PAIRS = 512;

    private FirepowerFields() {
    }

    /** The pairs of {@code text[from, to)} in order; the first of repeated keys wins. Never null. */
    static Map<String, String> parse(String text, int from, int to) {
        Map<String, String> out = new LinkedHashMap<>();
        int end = Math.min(to, text.length());
        int i = from;
        while (i < end && text.charAt(i) == ' ') {
            i++;
        }
        int keyEnd = keyAt(text, i, end);
        while (keyEnd > 0 && out.size() < MAX_PAIRS) {
            String key = text.substring(i, keyEnd);
            int valueStart = keyEnd + 1;
            while (valueStart < end && text.charAt(valueStart) == ' ') {
                valueStart++;
            }
            int next = -1;
            int nextKeyEnd = -1;
            int c = text.indexOf(", ", valueStart);
            while (c >= 0 && c < end) {
                int k = keyAt(text, c + 2, end);
                if (k > 0) {
                    next = c;
                    nextKeyEnd = k;
                    break;
                }
                c = text.indexOf(", ", c + 2);
            }
            int valueEnd = next >= 0 ? next : end;
            out.putIfAbsent(key, text.substring(Math.min(valueStart, valueEnd), valueEnd).trim());
            if (next < 0) {
                break;
            }
            i = next + 2;
            keyEnd = nextKeyEnd;
        }
        return out;
    }

    /**
     * Offset of the ':' that ends a key starting at {@code p} (followed by a space or the end), or -1
     * when no key starts there.
     */
    static int keyAt(String s, int p, int end) {
        int words = 0;
        int i = p;
        int limit = Math.min(end, p + MAX_KEY + 1);
        while (i < limit) {
            char first = s.charAt(i);
            if (first < 'A' || first > 'Z') {
                return -1;
            }
            words++;
            i++;
            while (i < limit && isKeyChar(s.charAt(i))) {
                i++;
            }
            if (i >= limit) {
                return -1;
            }
            char c = s.charAt(i);
            if (c == ':') {
                return i + 1 == end || (i + 1 < end && s.charAt(i + 1) == ' ') ? i : -1;
            }
            if (c != ' ' || words == MAX_WORDS) {
                return -1;
            }
            i++;
        }
        return -1;
    }

    private static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }
}
