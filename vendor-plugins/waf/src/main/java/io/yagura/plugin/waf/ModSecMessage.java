package io.yagura.plugin.waf;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One ModSecurity rule message, as the error log writes it after {@code ModSecurity: } and the
 * audit log after {@code Message: }: a verdict sentence, the match description and the rule's
 * metadata in brackets:
 * <pre>
 * Access denied with code 403 (phase 2). Pattern match "..." at ARGS:id. [file "..."] [line "..."] [id "942100"]
 * [msg "..."] [data "..."] [severity "CRITICAL"] [ver "OWASP_CRS/3.3.0"] [tag "attack-sqli"] [hostname "..."] [uri "..."] [unique_id "..."]
 * </pre>
 * Values escape '"' and '\' with a backslash. {@link #tail} is what follows the last bracket (nginx
 * appends {@code , client: ..., server: ..., request: "...", host: "..."}, Apache {@code , referer: ...}).
 *
 * @param kind   what the message says ModSecurity did
 * @param status the HTTP status of "Access denied with code N" / "using status N", or null
 * @param phase  the phase of "(phase N)", or null
 * @param match  the match description ("Pattern match ... at ARGS:id"), or null
 * @param meta   the first value of each bracketed key
 * @param tags   every tag, in order
 * @param tail   the text after the metadata ("" when none)
 */
record ModSecMessage(Kind kind, Long status, Long phase, String match, Map<String, String> meta, List<String> tags,
                     String tail) {

    enum Kind { BLOCKED, WARNING, ALLOWED, OTHER }

    private static final int MAX_MATCH = 512;
    private static final int MAX_BRACKETS = 128;

    String get(String key) {
        return meta.get(key);
    }

    static ModSecMessage read(String text) {
        String t = text.trim();
        Kind kind;
        Long status = null;
        Long phase = null;
        int matchStart;
        if (t.startsWith("Access denied")) {
            kind = Kind.BLOCKED;
            status = numberAfter(t, "with code ");
            if (status == null) {
                status = numberAfter(t, "using status ");
            }
            matchStart = sentenceEnd(t);
        } else if (t.startsWith("Warning")) {
            kind = Kind.WARNING;
            matchStart = sentenceEnd(t);
        } else if (t.startsWith("Access allowed")) {
            kind = Kind.ALLOWED;
            matchStart = sentenceEnd(t);
        } else {
            kind = Kind.OTHER;
            matchStart = 0;
        }
        if (kind != Kind.OTHER) {
            phase = numberAfter(t.substring(0, Math.max(0, Math.min(t.length(), matchStart))), "(phase ");
        }

        Map<String, String> meta = new HashMap<>();
        List<String> tags = new ArrayList<>();
        int metaStart = -1;
        int lastEnd = -1;
        int n = t.length();
        int i = Math.max(0, matchStart);
        int brackets = 0;
        while (i < n && brackets < MAX_BRACKETS) {
            int open = t.indexOf('[', i);
            if (open < 0) {
                break;
            }
            int k = open + 1;
            while (k < n && (Character.isLetter(t.charAt(k)) || t.charAt(k) == '_')) {
                k++;
            }
            if (k == open + 1 || k + 1 >= n || t.charAt(k) != ' ' || t.charAt(k + 1) != '"') {
                i = open + 1;
                continue;
            }
            String key = t.substring(open + 1, k);
            StringBuilder value = new StringBuilder();
            int j = k + 2;
            boolean closed = false;
            while (j < n) {
                char c = t.charAt(j);
                if (c == '\\' && j + 1 < n) {
                    value.append(t.charAt(j + 1));
                    j += 2;
                    continue;
                }
                if (c == '"' && j + 1 < n && t.charAt(j + 1) == ']') {
                    closed = true;
                    break;
                }
                value.append(c);
                j++;
            }
            if (!closed) {
                break; // truncated: keep what was read
            }
            if (metaStart < 0) {
                metaStart = open;
            }
            brackets++;
            if (key.equals("tag")) {
                tags.add(value.toString());
            } else {
                meta.putIfAbsent(key, value.toString());
            }
            lastEnd = j + 2;
            i = lastEnd;
        }
        String match = null;
        int matchEnd = metaStart >= 0 ? metaStart : n;
        if (matchStart < matchEnd) {
            String m = t.substring(matchStart, matchEnd).trim();
            while (m.endsWith(".")) {
                m = m.substring(0, m.length() - 1).trim();
            }
            if (!m.isEmpty()) {
                match = m.length() > MAX_MATCH ? m.substring(0, MAX_MATCH) : m;
            }
        }
        String tail = lastEnd >= 0 && lastEnd < n ? t.substring(lastEnd) : "";
        return new ModSecMessage(kind, status, phase, match, meta, tags, tail);
    }

    /** End of the verdict sentence: after the first ". " (or the text's end). */
    private static int sentenceEnd(String t) {
        int dot = t.indexOf(". ");
        if (dot < 0) {
            return t.length();
        }
        return dot + 2;
    }

    private static Long numberAfter(String t, String marker) {
        int at = t.indexOf(marker);
        if (at < 0) {
            return null;
        }
        int p = at + marker.length();
        int q = p;
        while (q < t.length() && q - p < 6 && Character.isDigit(t.charAt(q))) {
            q++;
        }
        return q > p ? Long.parseLong(t.substring(p, q)) : null;
    }
}
