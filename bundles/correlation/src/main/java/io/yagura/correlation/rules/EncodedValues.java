package io.yagura.correlation.rules;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The Sigma string-encoding modifiers, applied to a rule value at load time: {@code utf16le}
 * ({@code wide}), {@code utf16be}, {@code utf16} (byte order mark FF FE, then UTF-16LE) turn the text
 * into bytes (UTF-8 without them); {@code base64} encodes the bytes; {@code base64offset} gives the
 * three forms the bytes take inside a longer base64 text, depending on their offset modulo 3.
 *
 * <p>For an offset of k bytes (k = 0, 1, 2) the value is encoded behind k filler bytes; the base64
 * characters that also depend on the filler (0, 2 or 3 leading characters) and those that depend on
 * whatever follows the value in the real text (the last 0, 3 or 2 characters, padding included,
 * depending on (length + k) mod 3) are cut off. What remains is present verbatim in any base64 text
 * whose decoded bytes contain the value at such an offset.
 */
final class EncodedValues {

    private EncodedValues() {
    }

    /** Characters cut at the start, per offset k. */
    private static final int[] LEADING = {0, 2, 3};
    /** Characters cut at the end, per (length + k) mod 3. */
    private static final int[] TRAILING = {0, 3, 2};

    /** The bytes of {@code text} in the encoding named by a modifier (null: UTF-8). */
    static byte[] bytes(String text, String encoding) {
        if (encoding == null) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
        return switch (encoding) {
            case "utf16le", "wide" -> text.getBytes(StandardCharsets.UTF_16LE);
            case "utf16be" -> text.getBytes(StandardCharsets.UTF_16BE);
            case "utf16" -> {
                byte[] le = text.getBytes(StandardCharsets.UTF_16LE);
                byte[] out = new byte[le.length + 2];
                out[0] = (byte) 0xFF;
                out[1] = (byte) 0xFE;
                System.arraycopy(le, 0, out, 2, le.length);
                yield out;
            }
            default -> throw new IllegalArgumentException("unknown encoding " + encoding);
        };
    }

    /** {@code base64}: the standard encoding, with padding. */
    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /**
     * {@code base64offset}: the three offset forms, without empty ones (a one-byte value has no
     * stable characters at some offsets) and without repeats.
     */
    static List<String> base64Offsets(byte[] bytes) {
        List<String> out = new ArrayList<>(3);
        for (int k = 0; k < 3; k++) {
            byte[] shifted = new byte[bytes.length + k];
            System.arraycopy(bytes, 0, shifted, k, bytes.length);
            String full = base64(shifted);
            int from = LEADING[k];
            int to = full.length() - TRAILING[(bytes.length + k) % 3];
            if (to > from) {
                String part = full.substring(from, to);
                if (!out.contains(part)) {
                    out.add(part);
                }
            }
        }
        return out;
    }

    /**
     * The plain text of a Sigma value ({@code \*}, {@code \?}, {@code \\} unescaped), or null when the
     * value has a wildcard: wildcards cannot be encoded.
     */
    static String literal(String sigma) {
        StringBuilder out = new StringBuilder(sigma.length());
        for (Object token : Matchers.StringValue.tokenize(sigma)) {
            if (!(token instanceof String run)) {
                return null;
            }
            out.append(run);
        }
        return out.toString();
    }
}
