package io.yagura.format.csv;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one line of comma-separated values where a field may be quoted ({@code "a, b"}) and a
 * quote inside a quoted field is doubled ({@code ""}), as PAN-OS writes its syslog CSV. An
 * unterminated quote runs to the end of the line (truncated lines keep what they have).
 */
public final class QuotedCsv {

    /** More fields than any documented PAN-OS log type has (THREAT has about 120). */
    public static final int MAX_FIELDS = 512;

    private QuotedCsv() {
    }

    public static List<String> split(String line) {
        return split(line, ',');
    }

    public static List<String> split(String line, char separator) {
        List<String> fields = new ArrayList<>(64);
        if (line == null) {
            return fields;
        }
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        int n = line.length();
        for (int i = 0; i < n && fields.size() < MAX_FIELDS; i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < n && line.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.length() == 0) {
                quoted = true;
            } else if (c == separator) {
                fields.add(field.toString());
                field.setLength(0);
            } else {
                field.append(c);
            }
        }
        if (fields.size() < MAX_FIELDS) {
            fields.add(field.toString());
        }
        return fields;
    }
}
