package io.yagura.plugin.paloalto;

import static io.yagura.plugin.paloalto.PanField.*;

import io.yagura.format.csv.QuotedCsv;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The PAN-OS syslog CSV ("default" format): {@code FUTURE_USE,Receive Time,Serial Number,Type,
 * Subtype,...}, columns by position as the "Syslog Field Descriptions" of PAN-OS 6.1 to 11.x list
 * them. Every version keeps the positions of the columns it inherits and appends new ones at the
 * end, so a column is read when the line has it (its field count), whatever the version.
 */
final class PanCsv {

    /** Log types PAN-OS writes in the fourth column. */
    static final Set<String> TYPES = Set.of("TRAFFIC", "THREAT", "SYSTEM", "CONFIG", "HIPMATCH", "HIP-MATCH",
            "GLOBALPROTECT", "USERID", "AUTH", "AUTHENTICATION", "DECRYPTION", "CORRELATION", "IPTAG", "TUNNEL",
            "GTP", "SCTP");

    /** How far into a line the CSV may start (after a syslog header and relays). */
    private static final int SEARCH_LIMIT = 512;

    /** Column of each field, per log type; the first columns up to the type are the same for all. */
    private static final Map<String, Map<PanField, Integer>> LAYOUTS = Map.of(
            "TRAFFIC", layout(
                    SRC, 7, DST, 8, NATSRC, 9, NATDST, 10, RULE, 11, SRCUSER, 12, DSTUSER, 13, APP, 14, VSYS, 15,
                    FROM_ZONE, 16, TO_ZONE, 17, INBOUND_IF, 18, OUTBOUND_IF, 19, SESSION_ID, 22, SPORT, 24,
                    DPORT, 25, NATSPORT, 26, NATDPORT, 27, FLAGS, 28, PROTO, 29, ACTION, 30, BYTES, 31,
                    BYTES_SENT, 32, BYTES_RECEIVED, 33, PACKETS, 34, ELAPSED, 36, CATEGORY, 37, PKTS_SENT, 44,
                    PKTS_RECEIVED, 45, SESSION_END_REASON, 46, DEVICE_NAME, 52, HIGH_RES_TIME, 102),
            "THREAT", layout(
                    SRC, 7, DST, 8, NATSRC, 9, NATDST, 10, RULE, 11, SRCUSER, 12, DSTUSER, 13, APP, 14, VSYS, 15,
                    FROM_ZONE, 16, TO_ZONE, 17, INBOUND_IF, 18, OUTBOUND_IF, 19, SESSION_ID, 22, SPORT, 24,
                    DPORT, 25, NATSPORT, 26, NATDPORT, 27, FLAGS, 28, PROTO, 29, ACTION, 30, MISC, 31,
                    THREAT_ID, 32, CATEGORY, 33, SEVERITY, 34, DIRECTION, 35, FILE_DIGEST, 43, USER_AGENT, 46,
                    DEVICE_NAME, 59, HTTP_METHOD, 63, THREAT_CATEGORY, 69, HIGH_RES_TIME, 107),
            "SYSTEM", layout(
                    VSYS, 7, EVENT_ID, 8, OBJECT, 9, MODULE, 12, SEVERITY, 13, DESCRIPTION, 14, DEVICE_NAME, 22,
                    HIGH_RES_TIME, 25),
            "CONFIG", layout(
                    HOST, 7, VSYS, 8, CMD, 9, ADMIN, 10, CLIENT, 11, RESULT, 12, PATH, 13, DEVICE_NAME, 21,
                    HIGH_RES_TIME, 25),
            "CORRELATION", layout(
                    SRC, 7, SRCUSER, 8, VSYS, 9, CATEGORY, 10, SEVERITY, 11, DEVICE_NAME, 17, OBJECT_NAME, 19,
                    OBJECT_ID, 20, EVIDENCE, 21),
            "AUTH", layout(
                    VSYS, 7, SRC, 8, USER, 9, NORMALIZE_USER, 10, OBJECT, 11, RULE, 12, DESCRIPTION, 18,
                    AUTH_EVENT, 20, DEVICE_NAME, 29, HIGH_RES_TIME, 33),
            "GLOBALPROTECT", layout(
                    VSYS, 7, EVENT_ID, 8, STAGE, 9, SRCUSER, 12, PUBLIC_IP, 15, PUBLIC_IPV6, 16, REASON, 25,
                    ERROR, 26, DESCRIPTION, 27, STATUS, 28, HIGH_RES_TIME, 36, DEVICE_NAME, 47));

    /**
     * Columns a line of each type must have: every version since PAN-OS 6.1 writes at least these
     * (TRAFFIC up to Elapsed Time, THREAT up to Direction, SYSTEM up to Description, CONFIG up to
     * Result...); fewer means the line was cut.
     */
    static final Map<String, Integer> MINIMUM_COLUMNS = Map.of("TRAFFIC", 37, "THREAT", 36, "SYSTEM", 15,
            "CONFIG", 13, "CORRELATION", 12, "AUTH", 21, "GLOBALPROTECT", 29);

    private PanCsv() {
    }

    private static Map<PanField, Integer> layout(Object... pairs) {
        Map<PanField, Integer> m = new EnumMap<>(PanField.class);
        for (int i = 0; i < pairs.length; i += 2) {
            m.put((PanField) pairs[i], (Integer) pairs[i + 1]);
        }
        return m;
    }

    /**
     * Where the CSV starts: the documented {@code <FUTURE_USE>,<receive time>,<serial>,<TYPE>,}
     * with TYPE one of {@link #TYPES}, the receive time starting with a digit and holding a '/', a
     * non-empty alphanumeric serial and a numeric first column. One pass, no regex; -1 if none.
     */
    static int locate(String text) {
        if (text == null) {
            return -1;
        }
        int limit = Math.min(text.length(), SEARCH_LIMIT);
        int comma = text.indexOf(',');
        while (comma >= 0 && comma < limit) {
            int next = text.indexOf(',', comma + 1);
            if (next < 0) {
                return -1;
            }
            if (next - comma > 4 && next - comma < 17 && isUpper(text.charAt(comma + 1))
                    && TYPES.contains(text.substring(comma + 1, next))) {
                int start = startBefore(text, comma);
                if (start >= 0) {
                    return start;
                }
            }
            comma = next;
        }
        return -1;
    }

    /** The start of the CSV whose type column follows the comma at {@code typeComma}, or -1. */
    private static int startBefore(String text, int typeComma) {
        int serialComma = text.lastIndexOf(',', typeComma - 1);
        if (serialComma < 0 || typeComma - serialComma < 2 || typeComma - serialComma > 40) {
            return -1;
        }
        for (int i = serialComma + 1; i < typeComma; i++) {
            char c = text.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-')) {
                return -1;
            }
        }
        int timeComma = text.lastIndexOf(',', serialComma - 1);
        if (timeComma < 1 || serialComma - timeComma < 8 || serialComma - timeComma > 33) {
            return -1;
        }
        char first = text.charAt(timeComma + 1);
        if (first < '0' || first > '9' || text.indexOf('/', timeComma + 1) > serialComma
                || text.indexOf('/', timeComma + 1) < 0) {
            return -1;
        }
        int start = timeComma;
        while (start > 0 && text.charAt(start - 1) >= '0' && text.charAt(start - 1) <= '9') {
            start--;
        }
        if (start == timeComma || timeComma - start > 6) {
            return -1; // FUTURE_USE is a number ("1")
        }
        if (start > 0) {
            char before = text.charAt(start - 1);
            if (Character.isLetterOrDigit(before) || before == ',' || before == '.' || before == '/') {
                return -1;
            }
        }
        return start;
    }

    private static boolean isUpper(char c) {
        return c >= 'A' && c <= 'Z';
    }

    /** The record of a CSV line starting at {@code start}. */
    static PanRecord read(String text, int start) {
        List<String> cols = QuotedCsv.split(text.substring(start));
        PanRecord r = new PanRecord(PanRecord.Format.CSV);
        r.columns = cols.size();
        r.put(RECEIVE_TIME, col(cols, 1));
        r.put(SERIAL, col(cols, 2));
        r.put(TYPE, col(cols, 3));
        r.put(SUBTYPE, col(cols, 4));
        r.put(GENERATED_TIME, col(cols, 6));
        String type = r.type();
        Map<PanField, Integer> layout = LAYOUTS.get(type.equals("AUTHENTICATION") ? "AUTH" : type);
        if (layout != null) {
            for (Map.Entry<PanField, Integer> e : layout.entrySet()) {
                r.put(e.getKey(), col(cols, e.getValue()));
            }
        }
        return r;
    }

    private static String col(List<String> cols, int i) {
        return i < cols.size() ? cols.get(i) : null;
    }
}
