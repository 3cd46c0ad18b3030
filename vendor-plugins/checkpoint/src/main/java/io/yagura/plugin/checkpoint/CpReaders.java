package io.yagura.plugin.checkpoint;

import io.yagura.format.cef.CefRecord;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;

/**
 * The four shapes Check Point logs reach Yagura in, each into a {@link CpRecord}:
 * <ul>
 *   <li>Log Exporter "syslog" format: {@code [action:"Drop"; src:"192.0.2.1"; ...]}, values quoted,
 *       {@code key::"value"} for some keys, {@code \]} and {@code \"} escaped; also the same fields as
 *       RFC 5424 structured data {@code [sc4s@2620 action="Drop" ...]};</li>
 *   <li>Log Exporter CEF ({@link #cef});</li>
 *   <li>the legacy fw1-loggrabber / OPSEC LEA syslog {@code Checkpoint: 3Sep2007 15:10:28 accept
 *       192.0.2.1 >eth2 rule: 9; src: ...; dst: ...;};</li>
 *   <li>the quoted LEA export {@code "num" "date" "time" "if" "origin" "type" "action" "service"
 *       "s_port" "src" "dst" "proto" "rule" "rule_name" "rule id" "" "info" "product" "" ""}.</li>
 * </ul>
 * All readers are total: text that does not follow the shape is skipped, never thrown on.
 */
final class CpReaders {

    private static final String MONTHS = "janfebmaraprmayjunjulaugsepoctnovdec";
    private static final int MAX_FIELDS = 1_024;

    private CpReaders() {
    }

    // ------------------------------------------------------------------ Log Exporter syslog

    /**
     * Where the Log Exporter field list starts: a '[' followed by {@code key:"}, {@code key::"} or
     * (structured data) {@code id key="}; -1 if none within the first 1 KiB.
     */
    static int exporterStart(String text) {
        int limit = Math.min(text.length(), 1_024);
        int at = text.indexOf('[');
        while (at >= 0 && at < limit) {
            int i = at + 1;
            int keyStart = i;
            while (i < text.length() && isKeyChar(text.charAt(i))) {
                i++;
            }
            if (i > keyStart && i + 1 < text.length()) {
                char c = text.charAt(i);
                if (c == ':' && (text.charAt(i + 1) == '"' || text.charAt(i + 1) == ':')) {
                    return at;
                }
                if (c == '@' || c == ' ') {
                    // RFC 5424 SD-ID, then key="value" parameters
                    int sp = text.indexOf(' ', i);
                    if (sp > 0 && sp < i + 40) {
                        int eq = text.indexOf("=\"", sp);
                        if (eq > sp && eq - sp < 64) {
                            return at;
                        }
                    }
                }
            }
            at = text.indexOf('[', at + 1);
        }
        return -1;
    }

    /** Reads {@code [key:"value"; key2::"value"; ...]} (or {@code [id key="value" ...]}) starting at '['. */
    static CpRecord exporter(String text, int start) {
        CpRecord r = new CpRecord(CpRecord.Format.LOG_EXPORTER);
        int n = text.length();
        int i = start + 1;
        // an SD-ID before the parameters ("sc4s@2620 ")
        int firstColon = indexOfAny(text, i, ":=");
        int firstSpace = text.indexOf(' ', i);
        if (firstSpace > i && (firstColon < 0 || firstSpace < firstColon) && text.indexOf('@', i) > 0
                && text.indexOf('@', i) < firstSpace) {
            i = firstSpace + 1;
        }
        while (i < n && r.fields.size() < MAX_FIELDS) {
            char c = text.charAt(i);
            if (c == ']') {
                break;
            }
            if (c == ' ' || c == ';' || c == '\t') {
                i++;
                continue;
            }
            int keyStart = i;
            while (i < n && isKeyChar(text.charAt(i))) {
                i++;
            }
            if (i == keyStart || i >= n || (text.charAt(i) != ':' && text.charAt(i) != '=')) {
                // not a key: skip to the next separator
                while (i < n && text.charAt(i) != ';' && text.charAt(i) != ' ' && text.charAt(i) != ']') {
                    i++;
                }
                continue;
            }
            String key = text.substring(keyStart, i);
            while (i < n && (text.charAt(i) == ':' || text.charAt(i) == '=')) {
                i++; // "key:", "key::", "key="
            }
            String value;
            if (i < n && text.charAt(i) == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < n && text.charAt(i) != '"') {
                    char ch = text.charAt(i);
                    if (ch == '\\' && i + 1 < n) {
                        sb.append(text.charAt(i + 1));
                        i += 2;
                    } else {
                        sb.append(ch);
                        i++;
                    }
                }
                i++;
                value = sb.toString();
            } else {
                int vs = i;
                while (i < n && text.charAt(i) != ';' && text.charAt(i) != ' ' && text.charAt(i) != ']') {
                    i++;
                }
                value = text.substring(vs, i);
            }
            r.put(key, value);
        }
        r.time = epochSeconds(r.get("time"));
        return r;
    }

    // ------------------------------------------------------------------ CEF

    /**
     * Log Exporter CEF: the CEF keys Check Point maps its fields to, back to the Log Exporter names;
     * custom fields by their labels; the fields CEF has no key for keep their Check Point names.
     */
    static CpRecord cef(CefRecord cef) {
        CpRecord r = new CpRecord(CpRecord.Format.CEF);
        Map<String, String> ext = cef.extension();
        Map<String, String> labelled = cef.labelled();
        r.put("action", ext.get("act"));
        r.put("src", ext.get("src"));
        r.put("dst", ext.get("dst"));
        r.put("s_port", ext.get("spt"));
        r.put("service", ext.get("dpt"));
        r.put("proto", ext.get("proto"));
        r.put("xlatesrc", ext.get("sourceTranslatedAddress"));
        r.put("xlatedst", ext.get("destinationTranslatedAddress"));
        r.put("xlatesport", ext.get("sourceTranslatedPort"));
        r.put("xlatedport", ext.get("destinationTranslatedPort"));
        String direction = ext.get("deviceDirection");
        if ("0".equals(direction)) {
            r.put("ifdir", "inbound");
        } else if ("1".equals(direction)) {
            r.put("ifdir", "outbound");
        }
        r.put("src_user_name", trimmed(ext.get("suser")));
        r.put("dst_user_name", trimmed(ext.get("duser")));
        r.put("src_machine_name", ext.get("shost"));
        r.put("resource", ext.get("request"));
        r.put("method", ext.get("requestMethod"));
        r.put("file_name", ext.get("fname"));
        r.put("file_md5", ext.get("fileHash"));
        r.put("severity", ext.get("cp_severity"));
        r.put("industry_reference", ext.get("Signature"));
        r.put("rule_name", labelled.get("Rule Name"));
        r.put("protection_id", labelled.get("Protection ID"));
        r.put("protection_type", labelled.get("Protection Type"));
        r.put("protection_name", labelled.get("Protection Name"));
        r.put("tp_rule_name", labelled.get("Threat Prevention Rule Name"));
        r.put("confidence_level", labelled.get("Confidence"));
        r.put("performance_impact", labelled.get("Performance Impact"));
        r.put("attack_info", labelled.get("Attack Information"));
        r.put("matched_category", labelled.get("Matched Category"));
        r.put("tcp_flags", labelled.get("TCP Flags"));
        r.put("msg", ext.get("msg"));
        for (Map.Entry<String, String> e : ext.entrySet()) {
            r.put(e.getKey(), e.getValue()); // product, layer_name, rule_uid, origin, inzone...
        }
        r.put("product", cef.product());
        r.put("severity", cef.severity());
        r.put("cef_name", cef.name());
        r.time = epochMillis(ext.get("rt"));
        return r;
    }

    // ------------------------------------------------------------------ legacy syslog

    /**
     * {@code Checkpoint: 3Sep2007 15:10:28 accept 192.0.2.1 >eth2 rule: 9; rule_uid: {...}; src: ...;}
     * from {@code marker} (the offset of "Checkpoint:"); null when the fixed part is not there.
     */
    static CpRecord legacy(String text, int marker, ZoneId zone) {
        int i = marker + "Checkpoint:".length();
        String[] head = new String[5];
        int[] pos = {i};
        for (int k = 0; k < 5; k++) {
            head[k] = token(text, pos);
            if (head[k] == null) {
                return null;
            }
        }
        Instant time = fwDate(head[0], head[1], zone);
        if (time == null) {
            return null;
        }
        CpRecord r = new CpRecord(CpRecord.Format.LEGACY_SYSLOG);
        r.time = time;
        r.put("action", head[2]);
        r.put("origin", head[3]);
        String iface = head[4];
        if (iface.startsWith(">")) {
            r.put("ifdir", "inbound");
            r.put("ifname", iface.substring(1));
        } else if (iface.startsWith("<")) {
            r.put("ifdir", "outbound");
            r.put("ifname", iface.substring(1));
        } else {
            pos[0] -= iface.length(); // no interface: the pairs start here
        }
        pairs(text, pos[0], text.length(), r);
        return r;
    }

    /** {@code key: value; key 2: value;}: keys up to ':', values up to ';'. */
    static void pairs(String text, int from, int to, CpRecord r) {
        int i = from;
        while (i < to && r.fields.size() < MAX_FIELDS) {
            int colon = text.indexOf(':', i);
            if (colon < 0 || colon >= to) {
                return;
            }
            int semi = text.indexOf(';', colon);
            if (semi < 0 || semi > to) {
                semi = to;
            }
            String key = text.substring(i, colon).trim();
            if (!key.isEmpty() && key.length() <= 40) {
                r.put(key, text.substring(colon + 1, semi).trim());
            }
            i = semi + 1;
        }
    }

    // ------------------------------------------------------------------ LEA export

    /** Columns of the quoted LEA export, by position. */
    private static final String[] LEA_COLUMNS = {"num", "date", "time", "ifname", "origin", "type", "action",
        "service", "s_port", "src", "dst", "proto", "rule", "rule_name", "rule_id", null, "information", "product"};

    /** True for a line starting {@code "<digits>" "<d?Mmmyyyy>" "}. */
    static boolean isLeaExport(String text) {
        if (text.length() < 24 || text.charAt(0) != '"') {
            return false;
        }
        int i = 1;
        while (i < text.length() && Character.isDigit(text.charAt(i))) {
            i++;
        }
        if (i == 1 || i + 3 >= text.length() || text.charAt(i) != '"' || text.charAt(i + 1) != ' '
                || text.charAt(i + 2) != '"') {
            return false;
        }
        int dateEnd = text.indexOf('"', i + 3);
        return dateEnd > 0 && fwDay(text.substring(i + 3, dateEnd)) != null;
    }

    static CpRecord leaExport(String text, ZoneId zone) {
        CpRecord r = new CpRecord(CpRecord.Format.LEA_EXPORT);
        int i = 0;
        int col = 0;
        int n = text.length();
        String date = null;
        String time = null;
        while (i < n && col < 40) {
            while (i < n && text.charAt(i) == ' ') {
                i++;
            }
            if (i >= n || text.charAt(i) != '"') {
                break;
            }
            int end = text.indexOf('"', i + 1);
            if (end < 0) {
                end = n;
            }
            String v = text.substring(i + 1, end);
            if (col < LEA_COLUMNS.length && LEA_COLUMNS[col] != null) {
                switch (LEA_COLUMNS[col]) {
                    case "date" -> date = v;
                    case "time" -> time = v;
                    case "information" -> pairs(v, 0, v.length(), r);
                    default -> r.put(LEA_COLUMNS[col], v);
                }
            }
            col++;
            i = end + 1;
        }
        r.time = fwDate(date, time, zone);
        return r;
    }

    // ------------------------------------------------------------------ helpers

    /** "3Sep2007" + "15:10:28" in the device's zone. */
    static Instant fwDate(String day, String time, ZoneId zone) {
        int[] d = fwDay(day);
        if (d == null || time == null || time.length() != 8 || time.charAt(2) != ':' || time.charAt(5) != ':') {
            return null;
        }
        try {
            int hh = Integer.parseInt(time.substring(0, 2));
            int mm = Integer.parseInt(time.substring(3, 5));
            int ss = Integer.parseInt(time.substring(6, 8));
            return LocalDateTime.of(d[2], d[1], d[0], hh, mm, Math.min(ss, 59)).atZone(zone).toInstant();
        } catch (NumberFormatException | DateTimeException invalid) {
            return null;
        }
    }

    /** {day, month, year} of "3Sep2007" / "20Dec2019"; null for anything else. */
    static int[] fwDay(String s) {
        if (s == null || s.length() < 8 || s.length() > 9) {
            return null;
        }
        int dayLen = s.length() - 7;
        int month = MONTHS.indexOf(s.substring(dayLen, dayLen + 3).toLowerCase(Locale.ROOT));
        if (month < 0 || month % 3 != 0) {
            return null;
        }
        try {
            int day = Integer.parseInt(s.substring(0, dayLen));
            int year = Integer.parseInt(s.substring(dayLen + 3));
            return day >= 1 && day <= 31 ? new int[] {day, month / 3 + 1, year} : null;
        } catch (NumberFormatException notDigits) {
            return null;
        }
    }

    static Instant epochSeconds(String s) {
        if (s == null || s.length() < 9 || s.length() > 11 || !digits(s)) {
            return null;
        }
        return Instant.ofEpochSecond(Long.parseLong(s));
    }

    static Instant epochMillis(String s) {
        if (s == null || !digits(s)) {
            return null;
        }
        if (s.length() >= 12 && s.length() <= 14) {
            return Instant.ofEpochMilli(Long.parseLong(s));
        }
        return epochSeconds(s);
    }

    /** An RFC 3339 time, or null. */
    static Instant iso(String s) {
        if (s == null || s.length() < 19 || s.charAt(4) != '-') {
            return null;
        }
        try {
            return OffsetDateTime.parse(s).toInstant();
        } catch (DateTimeParseException notOne) {
            return null;
        }
    }

    private static boolean digits(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return !s.isEmpty();
    }

    private static String token(String text, int[] pos) {
        int i = pos[0];
        while (i < text.length() && text.charAt(i) == ' ') {
            i++;
        }
        int start = i;
        while (i < text.length() && text.charAt(i) != ' ') {
            i++;
        }
        pos[0] = i;
        return i > start ? text.substring(start, i) : null;
    }

    private static int indexOfAny(String text, int from, String chars) {
        for (int i = from; i < text.length(); i++) {
            if (chars.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static String trimmed(String s) {
        return s == null ? null : s.trim();
    }

    static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-'
                || c == '.';
    }
}
