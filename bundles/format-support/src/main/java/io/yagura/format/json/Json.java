package io.yagura.format.json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader (RFC 8259) for log formats that carry JSON: Suricata EVE, cloud WAFs,
 * JSON inside CEF extensions. It reads a value into plain Java: objects become {@code Map<String, Object>}
 * (insertion order, first of repeated keys wins), arrays {@code List<Object>}, strings {@code String},
 * integers that fit {@code Long}, other numbers {@code Double}, {@code true}/{@code false}
 * {@code Boolean}, and {@code null} Java null (a key with a null value is present in its map).
 *
 * <p>Strict: no comments, no single quotes, no trailing commas, no NaN, no leading zeros or '+',
 * control characters inside strings and bad escapes are errors. Bounded: nesting deeper than
 * {@code maxDepth} and documents with more than {@code maxValues} values are errors, so hostile
 * input cannot exhaust the stack or the heap. It never throws: every problem comes back as a
 * {@link Result} with the reason and the offset. Instances are immutable and thread-safe; keep one
 * in a constant.
 *
 * <p>The static accessors ({@link #text}, {@link #integer}, {@link #map}...) walk a read value by
 * keys and return null where the path does not exist or holds another type.
 */
public final class Json {

    public static final int DEFAULT_MAX_DEPTH = 32;
    public static final int DEFAULT_MAX_VALUES = 100_000;

    /** Depth 32, 100,000 values: far beyond any log record, far below what could hurt. */
    public static final Json DEFAULT = new Json(DEFAULT_MAX_DEPTH, DEFAULT_MAX_VALUES);

    /** Returned by the internal readers on error; never escapes. */
    private static final Object FAIL = new Object();

    private final int maxDepth;
    private final int maxValues;

    private Json(int maxDepth, int maxValues) {
        this.maxDepth = maxDepth;
        this.maxValues = maxValues;
    }

    /** A reader with other limits (each at least 1). */
    public static Json withLimits(int maxDepth, int maxValues) {
        return new Json(Math.max(1, maxDepth), Math.max(1, maxValues));
    }

    /**
     * What a read gave.
     *
     * @param value the value read (null for JSON null and on error: see {@link #ok()})
     * @param end   offset just after the value (after trailing white space), or where the error was found
     * @param error null when the value was read, else what was wrong
     */
    public record Result(Object value, int end, String error) {

        public boolean ok() {
            return error == null;
        }

        /** The value when it is an object, else null. */
        @SuppressWarnings("unchecked")
        public Map<String, Object> object() {
            return ok() && value instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
        }
    }

    /** Reads one value starting at {@code from} (white space before it is skipped); text after it is not looked at. */
    public Result read(String text, int from) {
        if (text == null) {
            return new Result(null, 0, "no text");
        }
        if (from < 0 || from > text.length()) {
            return new Result(null, Math.max(0, from), "offset " + from + " outside the text");
        }
        Reader r = new Reader(text, from, maxDepth, maxValues);
        r.skipWhite();
        Object v = r.value(0);
        if (v == FAIL) {
            return new Result(null, r.errorAt, r.error);
        }
        r.skipWhite();
        return new Result(v, r.pos, null);
    }

    /** Reads an object starting at {@code from} (after optional white space); anything else is an error. */
    public Result readObject(String text, int from) {
        if (text != null && from >= 0 && from <= text.length()) {
            int p = from;
            while (p < text.length() && isWhite(text.charAt(p))) {
                p++;
            }
            if (p >= text.length() || text.charAt(p) != '{') {
                return new Result(null, p, p >= text.length() ? "no JSON object: end of text at offset " + p
                        : "no JSON object: '" + text.charAt(p) + "' at offset " + p);
            }
        }
        return read(text, from);
    }

    /** Reads a whole text that must be exactly one value (white space around it allowed). */
    public Result readAll(String text) {
        Result r = read(text, 0);
        if (r.ok() && r.end() < text.length()) {
            return new Result(null, r.end(), "text after the JSON value at offset " + r.end());
        }
        return r;
    }

    /** The object a whole text holds, or null when the text is not exactly one JSON object. */
    public Map<String, Object> object(String text) {
        Result r = readAll(text);
        return r.object();
    }

    // ---------------------------------------------------------------- accessors

    /** The value at a path of keys, or null when a step is missing or not an object. */
    public static Object path(Object root, String... keys) {
        Object v = root;
        for (String k : keys) {
            if (!(v instanceof Map<?, ?> m)) {
                return null;
            }
            v = m.get(k);
        }
        return v;
    }

    /**
     * Text at a path: a string as is, a number or boolean as JSON writes it (integral doubles without
     * ".0"); null for objects, arrays, null and missing values.
     */
    public static String text(Object root, String... keys) {
        Object v = path(root, keys);
        if (v instanceof String s) {
            return s;
        }
        if (v instanceof Long || v instanceof Boolean) {
            return v.toString();
        }
        if (v instanceof Double d) {
            return isIntegral(d) ? Long.toString(d.longValue()) : d.toString();
        }
        return null;
    }

    /** An integer at a path: a Long, an integral Double, or a string of at most 18 digits (with '-'); else null. */
    public static Long integer(Object root, String... keys) {
        Object v = path(root, keys);
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Double d) {
            return isIntegral(d) ? d.longValue() : null;
        }
        if (v instanceof String s) {
            return digits(s);
        }
        return null;
    }

    /** A boolean at a path: JSON true/false, or the strings "true"/"false" (any case); else null. */
    public static Boolean bool(Object root, String... keys) {
        Object v = path(root, keys);
        if (v instanceof Boolean b) {
            return b;
        }
        if (v instanceof String s) {
            if (s.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (s.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
        }
        return null;
    }

    /** The object at a path, or null. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> map(Object root, String... keys) {
        Object v = path(root, keys);
        return v instanceof Map<?, ?> m ? (Map<String, Object>) m : null;
    }

    /** The array at a path, or an empty list when there is none. */
    @SuppressWarnings("unchecked")
    public static List<Object> list(Object root, String... keys) {
        Object v = path(root, keys);
        return v instanceof List<?> l ? (List<Object>) l : Collections.emptyList();
    }

    /**
     * The texts at a path: each string or number of an array, or the one value when it is not an
     * array; empty when there is none.
     */
    public static List<String> texts(Object root, String... keys) {
        Object v = path(root, keys);
        if (v instanceof List<?> l) {
            List<String> out = new ArrayList<>(l.size());
            for (Object o : l) {
                String s = text(o);
                if (s != null) {
                    out.add(s);
                }
            }
            return out;
        }
        String s = text(v);
        return s == null ? Collections.emptyList() : List.of(s);
    }

    private static boolean isIntegral(double d) {
        return !Double.isInfinite(d) && d == Math.rint(d) && Math.abs(d) < 1e18;
    }

    private static Long digits(String s) {
        int n = s.length();
        int start = n > 0 && s.charAt(0) == '-' ? 1 : 0;
        if (n == start || n - start > 18) {
            return null;
        }
        for (int i = start; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return null;
            }
        }
        return Long.parseLong(s);
    }

    static boolean isWhite(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }

    // ---------------------------------------------------------------- the reader

    /** One read; not shared between threads. */
    private static final class Reader {
        private final String s;
        private final int n;
        private final int maxDepth;
        private final int maxValues;
        private int pos;
        private int values;
        private String error;
        private int errorAt;

        Reader(String s, int from, int maxDepth, int maxValues) {
            this.s = s;
            this.n = s.length();
            this.pos = from;
            this.maxDepth = maxDepth;
            this.maxValues = maxValues;
        }

        Object fail(String what, int at) {
            if (error == null) {
                error = what + " at offset " + at;
                errorAt = at;
            }
            return FAIL;
        }

        void skipWhite() {
            while (pos < n && isWhite(s.charAt(pos))) {
                pos++;
            }
        }

        Object value(int depth) {
            if (pos >= n) {
                return fail("unexpected end of text, expected a value", pos);
            }
            if (++values > maxValues) {
                return fail("more than " + maxValues + " values", pos);
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{':
                    return depth >= maxDepth ? fail("nesting deeper than " + maxDepth, pos) : object(depth + 1);
                case '[':
                    return depth >= maxDepth ? fail("nesting deeper than " + maxDepth, pos) : array(depth + 1);
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        return number();
                    }
                    return fail("unexpected character '" + printable(c) + "', expected a value", pos);
            }
        }

        Object literal(String word, Object value) {
            if (s.startsWith(word, pos)) {
                pos += word.length();
                return value;
            }
            return fail("unknown literal, expected " + word, pos);
        }

        Object object(int depth) {
            int start = pos;
            pos++; // '{'
            Map<String, Object> out = new LinkedHashMap<>();
            skipWhite();
            if (pos < n && s.charAt(pos) == '}') {
                pos++;
                return out;
            }
            while (true) {
                skipWhite();
                if (pos >= n) {
                    return fail("unterminated object opened", start);
                }
                if (s.charAt(pos) != '"') {
                    return fail("expected a quoted key", pos);
                }
                Object key = string();
                if (key == FAIL) {
                    return FAIL;
                }
                skipWhite();
                if (pos >= n || s.charAt(pos) != ':') {
                    return fail("expected ':' after a key", pos);
                }
                pos++;
                skipWhite();
                Object v = value(depth);
                if (v == FAIL) {
                    return FAIL;
                }
                out.putIfAbsent((String) key, v);
                skipWhite();
                if (pos >= n) {
                    return fail("unterminated object opened", start);
                }
                char c = s.charAt(pos++);
                if (c == '}') {
                    return out;
                }
                if (c != ',') {
                    return fail("expected ',' or '}' in an object", pos - 1);
                }
            }
        }

        Object array(int depth) {
            int start = pos;
            pos++; // '['
            List<Object> out = new ArrayList<>();
            skipWhite();
            if (pos < n && s.charAt(pos) == ']') {
                pos++;
                return out;
            }
            while (true) {
                skipWhite();
                Object v = value(depth);
                if (v == FAIL) {
                    return FAIL;
                }
                out.add(v);
                skipWhite();
                if (pos >= n) {
                    return fail("unterminated array opened", start);
                }
                char c = s.charAt(pos++);
                if (c == ']') {
                    return out;
                }
                if (c != ',') {
                    return fail("expected ',' or ']' in an array", pos - 1);
                }
            }
        }

        Object string() {
            int start = pos;
            int i = pos + 1;
            // fast path: no escapes
            while (i < n) {
                char c = s.charAt(i);
                if (c == '"') {
                    pos = i + 1;
                    return s.substring(start + 1, i);
                }
                if (c == '\\') {
                    break;
                }
                if (c < 0x20) {
                    return fail("control character U+" + String.format("%04X", (int) c) + " in a string", i);
                }
                i++;
            }
            if (i >= n) {
                return fail("unterminated string opened", start);
            }
            StringBuilder sb = new StringBuilder(i - start + 16);
            sb.append(s, start + 1, i);
            while (i < n) {
                char c = s.charAt(i);
                if (c == '"') {
                    pos = i + 1;
                    return sb.toString();
                }
                if (c < 0x20) {
                    return fail("control character U+" + String.format("%04X", (int) c) + " in a string", i);
                }
                if (c != '\\') {
                    sb.append(c);
                    i++;
                    continue;
                }
                if (i + 1 >= n) {
                    break;
                }
                char e = s.charAt(i + 1);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        int cp = hex4(i + 2);
                        if (cp < 0) {
                            return fail("bad \\u escape", i);
                        }
                        sb.append((char) cp);
                        i += 4;
                    }
                    default -> {
                        return fail("bad escape '\\" + printable(e) + "'", i);
                    }
                }
                i += 2;
            }
            return fail("unterminated string opened", start);
        }

        int hex4(int at) {
            if (at + 4 > n) {
                return -1;
            }
            int v = 0;
            for (int k = at; k < at + 4; k++) {
                int d = Character.digit(s.charAt(k), 16);
                if (d < 0) {
                    return -1;
                }
                v = v * 16 + d;
            }
            return v;
        }

        Object number() {
            int start = pos;
            int i = pos;
            if (s.charAt(i) == '-') {
                i++;
            }
            if (i >= n || s.charAt(i) < '0' || s.charAt(i) > '9') {
                return fail("bad number", start);
            }
            if (s.charAt(i) == '0') {
                i++;
                if (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    return fail("number with a leading zero", start);
                }
            } else {
                while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    i++;
                }
            }
            boolean integral = true;
            if (i < n && s.charAt(i) == '.') {
                integral = false;
                i++;
                int digitsStart = i;
                while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    i++;
                }
                if (i == digitsStart) {
                    return fail("bad number: no digit after '.'", start);
                }
            }
            if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                integral = false;
                i++;
                if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                    i++;
                }
                int digitsStart = i;
                while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    i++;
                }
                if (i == digitsStart) {
                    return fail("bad number: no digit in the exponent", start);
                }
            }
            pos = i;
            int length = i - start;
            if (integral && length <= 18) {
                long v = 0;
                int k = start;
                boolean negative = s.charAt(k) == '-';
                if (negative) {
                    k++;
                }
                for (; k < i; k++) {
                    v = v * 10 + (s.charAt(k) - '0');
                }
                return negative ? -v : v;
            }
            if (integral) {
                try {
                    return Long.parseLong(s, start, i, 10);
                } catch (NumberFormatException tooLarge) {
                    // falls through to a double
                }
            }
            if (length > 400) {
                return fail("number longer than 400 characters", start);
            }
            return Double.parseDouble(s.substring(start, i));
        }

        private static String printable(char c) {
            return c < 0x20 || c == 0x7F ? String.format("U+%04X", (int) c) : String.valueOf(c);
        }
    }
}
