package io.yagura.format.asa;

import java.util.List;

/**
 * The {@code %ASA-6-302013:} tag of a line: product, optional facility ({@code %ASA-session-6-302013}),
 * severity level and message id. Found by hand-written scanning (no regex): it runs for every line,
 * including the probe of lines from unknown senders.
 *
 * @param start     offset of the '%'
 * @param product   "ASA", "PIX" or "FTD" (or the tag asked for with {@link #find(String, List, boolean)})
 * @param facility  facility word of the "%ASA-session-6-..." form, or null
 * @param level     severity level 0-7
 * @param id        the six-digit message id as text
 * @param textStart offset of the message text (after "nnnnnn:" and spaces)
 */
public record AsaMarker(int start, String product, String facility, int level, String id, int textStart) {

    /** The tag sits after the syslog header; a relay prefix is short, so the scan stops here. */
    public static final int SCAN_LIMIT = 1024;

    /** The products whose devices log ASA-engine messages. */
    public static final List<String> ENGINE_PRODUCTS = List.of("ASA", "PIX", "FTD");

    private static final int MAX_FACILITY = 24;

    /**
     * First valid {@code %ASA-}, {@code %PIX-} or {@code %FTD-} marker in the line, or null. Linear in
     * the scanned length, never throws.
     */
    public static AsaMarker find(String s) {
        return find(s, ENGINE_PRODUCTS, false);
    }

    /**
     * First valid marker of one of {@code products} (tags without '%' and '-', e.g. "NGIPS"), or null.
     * With {@code tolerant}, an empty facility is accepted ({@code %FTD--6-852002:}, written by some
     * FTD releases); the strict form refuses it. Linear in the scanned length, never throws.
     */
    public static AsaMarker find(String s, List<String> products, boolean tolerant) {
        if (s == null || products == null) {
            return null;
        }
        int limit = Math.min(s.length(), SCAN_LIMIT);
        int from = 0;
        while (from < limit) {
            int p = s.indexOf('%', from);
            if (p < 0 || p >= limit) {
                return null;
            }
            AsaMarker m = at(s, p, products, tolerant);
            if (m != null) {
                return m;
            }
            from = p + 1;
        }
        return null;
    }

    /** True when the line names a product tag at all, valid or not (for a precise reject reason). */
    public static boolean mentionsProduct(String s) {
        return s != null && (s.contains("%ASA-") || s.contains("%PIX-") || s.contains("%FTD-"));
    }

    private static AsaMarker at(String s, int p, List<String> products, boolean tolerant) {
        String product = null;
        for (String candidate : products) {
            int end = p + 1 + candidate.length();
            if (end < s.length() && s.charAt(end) == '-' && s.startsWith(candidate, p + 1)) {
                product = candidate;
                break;
            }
        }
        if (product == null) {
            return null;
        }
        int n = s.length();
        int q = p + product.length() + 2;
        String facility = null;
        if (tolerant && q < n && s.charAt(q) == '-') {
            q++; // "%FTD--6-852002": an empty facility
        } else if (q < n && isAsciiLetter(s.charAt(q))) {
            int f = q;
            while (q < n && q - f <= MAX_FACILITY && isWordChar(s.charAt(q))) {
                q++;
            }
            if (q >= n || s.charAt(q) != '-' || q - f > MAX_FACILITY) {
                return null;
            }
            facility = s.substring(f, q);
            q++;
        }
        // level, '-', six digits
        if (q + 8 > n) {
            return null;
        }
        char level = s.charAt(q);
        if (level < '0' || level > '7' || s.charAt(q + 1) != '-') {
            return null;
        }
        for (int i = q + 2; i < q + 8; i++) {
            if (!isDigit(s.charAt(i))) {
                return null;
            }
        }
        int t = q + 8;
        if (t < n) {
            char after = s.charAt(t);
            if (after == ':') {
                t++;
            } else if (after != ' ') {
                return null; // a seventh digit or glued text: not a message id
            }
        }
        while (t < n && s.charAt(t) == ' ') {
            t++;
        }
        return new AsaMarker(p, product, facility, level - '0', s.substring(q + 2, q + 8), t);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isWordChar(char c) {
        return isAsciiLetter(c) || isDigit(c) || c == '_';
    }
}
