package io.yagura.format.kv;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reader for {@code key=value} lists, the most common shape of firewall logs: FortiGate
 * ({@code devname="fw1" srcip=192.0.2.1}), Juniper plain forms, McAfee NSP custom formats,
 * F5 ASM ({@code key="value",key2="value"}), Check Point Log Exporter ({@code key:"value"; ...}).
 *
 * <p>A syntax is immutable and thread-safe; build one per format with {@link #syntax()} and keep
 * it in a constant. Values may be quoted ({@code "..."} or {@code '...'}, backslash escapes
 * {@code \" \\ \n \t}); unquoted values end at a separator, or, with
 * {@link Builder#spacesInValues()}, at the last space before the next {@code key=} (for formats
 * that write free text unquoted). Text that does not follow the syntax is skipped, never thrown on.
 */
public final class KeyValues {

    /** {@code key=value key2="quoted value"}, separated by spaces (FortiGate, ScreenOS, SRX plain). */
    public static final KeyValues SPACED = syntax().build();

    private static final int MAX_PAIRS = 2_048;

    private final char delimiter;
    private final String separators;
    private final boolean spacesInValues;
    private final boolean quotes;

    private KeyValues(Builder b) {
        this.delimiter = b.delimiter;
        this.separators = b.separators;
        this.spacesInValues = b.spacesInValues;
        this.quotes = b.quotes;
    }

    public static Builder syntax() {
        return new Builder();
    }

    /** The pairs in order of appearance; the first of repeated keys wins. Never null. */
    public Map<String, String> parse(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null) {
            return out;
        }
        int n = text.length();
        int i = 0;
        while (i < n && out.size() < MAX_PAIRS) {
            while (i < n && isSeparator(text.charAt(i))) {
                i++;
            }
            int keyStart = i;
            while (i < n && isKeyChar(text.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            if (i == keyStart || text.charAt(i) != delimiter) {
                // not a key here: skip to the next separator and try again
                while (i < n && !isSeparator(text.charAt(i))) {
                    i++;
                }
                continue;
            }
            String key = text.substring(keyStart, i);
            i++; // delimiter
            String value;
            if (quotes && i < n && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
                char quote = text.charAt(i);
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < n && text.charAt(i) != quote) {
                    char c = text.charAt(i);
                    if (c == '\\' && i + 1 < n) {
                        char next = text.charAt(++i);
                        sb.append(switch (next) {
                            case 'n' -> '\n';
                            case 't' -> '\t';
                            case 'r' -> '\r';
                            default -> next;
                        });
                    } else {
                        sb.append(c);
                    }
                    i++;
                }
                i++; // closing quote (or end of a truncated line)
                value = sb.toString();
            } else {
                int valueStart = i;
                int end = spacesInValues ? endOfFreeValue(text, i) : endOfValue(text, i);
                value = text.substring(valueStart, end).trim();
                i = end;
            }
            out.putIfAbsent(key, value);
        }
        return out;
    }

    private int endOfValue(String text, int from) {
        int i = from;
        while (i < text.length() && !isSeparator(text.charAt(i))) {
            i++;
        }
        return i;
    }

    /** End of an unquoted value that may hold spaces: the separator before the next "key=". */
    private int endOfFreeValue(String text, int from) {
        int n = text.length();
        int i = from;
        while (i < n) {
            if (isSeparator(text.charAt(i))) {
                int j = i;
                while (j < n && isSeparator(text.charAt(j))) {
                    j++;
                }
                int k = j;
                while (k < n && isKeyChar(text.charAt(k))) {
                    k++;
                }
                if (k > j && k < n && text.charAt(k) == delimiter) {
                    return i;
                }
                i = j;
            } else {
                i++;
            }
        }
        return n;
    }

    private boolean isSeparator(char c) {
        return separators.indexOf(c) >= 0;
    }

    private static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '-' || c == '.' || c == '[' || c == ']';
    }

    /** Options of a key=value syntax. */
    public static final class Builder {
        private char delimiter = '=';
        private String separators = " \t";
        private boolean spacesInValues;
        private boolean quotes = true;

        private Builder() {
        }

        /** Between key and value: '=' (default) or ':' (Check Point). */
        public Builder delimiter(char c) {
            this.delimiter = c;
            return this;
        }

        /** Characters between pairs; default space and tab. */
        public Builder separators(String chars) {
            this.separators = chars;
            return this;
        }

        /** Unquoted values may contain separators; they end before the next {@code key=}. */
        public Builder spacesInValues() {
            this.spacesInValues = true;
            return this;
        }

        /** Quotes are ordinary characters of values. */
        public Builder noQuotes() {
            this.quotes = false;
            return this;
        }

        public KeyValues build() {
            return new KeyValues(this);
        }
    }
}
