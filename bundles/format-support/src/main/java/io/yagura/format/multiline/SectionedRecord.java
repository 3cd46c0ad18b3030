package io.yagura.format.multiline;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A record made of sections, each opened by a boundary line, as the ModSecurity serial audit log
 * writes one transaction:
 * <pre>
 * --a1b2c3d4-A--
 * [05/Dec/2026:10:00:00 +0000] XYZ 203.0.113.5 41000 192.0.2.10 80
 * --a1b2c3d4-B--
 * GET /index.php?id=1' HTTP/1.1
 * ...
 * --a1b2c3d4-Z--
 * </pre>
 * The record reaches Yagura as one message when the sender frames it so (rsyslog {@code imfile}
 * with {@code startmsg.regex}, octet-counted TCP keeps the line breaks); {@link #parse} splits it.
 *
 * @param id       the record's boundary id ("a1b2c3d4")
 * @param sections section letter (or name) to its text, in order, without the boundary lines
 * @param complete true when the closing section (for ModSecurity "Z") was present
 */
public record SectionedRecord(String id, Map<String, String> sections, boolean complete) {

    /** ModSecurity 2.x serial audit log boundaries: {@code --<hex id>-<letter>--}. */
    public static final Pattern MODSECURITY_BOUNDARY = Pattern.compile("^--([0-9A-Za-z]{6,32})-([A-Z])--\\s*$",
            Pattern.MULTILINE);

    /** At most this many sections are kept; the rest of a hostile record is ignored. */
    private static final int MAX_SECTIONS = 32;

    public String section(String name) {
        return sections.get(name);
    }

    /**
     * Splits text into sections by a boundary pattern whose group 1 is the record id and group 2
     * the section name; {@code closing} names the section that ends a record.
     *
     * @return null when the text holds no boundary at all
     */
    public static SectionedRecord parse(String text, Pattern boundary, String closing) {
        if (text == null) {
            return null;
        }
        Matcher m = boundary.matcher(text);
        String id = null;
        String current = null;
        int bodyStart = 0;
        Map<String, String> sections = new LinkedHashMap<>();
        boolean complete = false;
        while (m.find()) {
            if (current != null) {
                sections.putIfAbsent(current, trimNewlines(text.substring(bodyStart, m.start())));
            }
            if (id == null) {
                id = m.group(1);
            }
            current = m.group(2);
            bodyStart = m.end();
            if (current.equals(closing)) {
                complete = true;
                current = null;
                break;
            }
            if (sections.size() >= MAX_SECTIONS) {
                current = null;
                break;
            }
        }
        if (id == null) {
            return null;
        }
        if (current != null) {
            sections.putIfAbsent(current, trimNewlines(text.substring(bodyStart)));
        }
        return new SectionedRecord(id, sections, complete);
    }

    private static String trimNewlines(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == '\n' || s.charAt(start) == '\r')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == '\n' || s.charAt(end - 1) == '\r')) {
            end--;
        }
        return s.substring(start, end);
    }
}
