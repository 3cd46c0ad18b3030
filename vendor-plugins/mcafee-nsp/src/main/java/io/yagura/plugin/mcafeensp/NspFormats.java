package io.yagura.plugin.mcafeensp;

import io.yagura.format.kv.KeyValues;
import io.yagura.format.net.Addresses;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The shapes an NSP alert notification takes, read into canonical field names ({@code name, id,
 * severity, srcip, srcport, dstip, dstport, result, direction, category...}).
 *
 * <p>The Network Security Manager builds each syslog message from a template of {@code $IV_...$}
 * variables (Product Guide, "Syslog forwarder" / "Customize message format"): the default alert
 * template {@code $IV_SENSOR_NAME$ detected $IV_DIRECTION$ attack $IV_ATTACK_NAME$ (severity =
 * $IV_ATTACK_SEVERITY$). $IV_SOURCE_IP$:$IV_SOURCE_PORT$ -> $IV_DESTINATION_IP$:$IV_DESTINATION_PORT$
 * (result = $IV_RESULT_STATUS$)}, and customised templates that name each variable
 * ({@code key=value} with any separator, {@code Key:Value,...}) or only list them ({@code |$IV_ALERT_ID$|$IV_ALERT_TYPE$|...}).
 * Key names are compared without case, '_', '-', blanks and an {@code IV} prefix, so
 * {@code AttackName}, {@code attack_name}, {@code IV_ATTACK_NAME} are one field.
 */
final class NspFormats {

    /** key=value with quotes, separated by blanks, '|', ',' or ';'; free text runs to the next key. */
    private static final KeyValues KEY_VALUES = KeyValues.syntax().separators(" \t|,;").spacesInValues().build();

    /** Normalised key → canonical field. */
    private static final Map<String, String> ALIASES = new HashMap<>();

    static {
        alias("name", "attackname", "attack", "alertname", "signaturename");
        alias("id", "attackid", "signatureid", "sigid");
        alias("severity", "attackseverity", "severity", "alertseverity");
        alias("signature", "attacksignature", "alertsignature", "signature");
        alias("srcip", "sourceip", "srcip", "src", "sourceaddress", "attackerip", "sip");
        alias("srcport", "sourceport", "srcport", "spt", "sport");
        alias("dstip", "destinationip", "destip", "dstip", "dst", "destinationaddress", "targetip", "dip");
        alias("dstport", "destinationport", "destport", "dstport", "dpt", "dport", "distinationport");
        alias("result", "resultstatus", "result", "attackresult", "status");
        alias("direction", "direction", "attackdirection");
        alias("category", "category", "attackcategory");
        alias("subcategory", "subcategory", "attacksubcategory");
        alias("alertid", "alertid");
        alias("alerttype", "alerttype");
        alias("uuid", "alertuuid", "sensoralertuuid", "uuid");
        alias("sensor", "sensorname", "sensor", "devicename");
        alias("time", "attacktime", "alerttime", "time");
        alias("count", "attackcount", "count");
        alias("appproto", "applicationprotocol", "appprotocol", "app");
        alias("proto", "networkprotocol", "protocol", "proto");
        alias("interface", "interface", "sensorinterface");
        alias("domain", "admindomain", "domain");
        alias("srcname", "sourcename", "srcname", "sourcehost");
        alias("dstname", "destinationname", "destname", "dstname", "destinationhost");
        alias("file", "malwarefilename", "filename");
        alias("md5", "malwarefilemd5hash", "filehash", "filemd5");
        alias("virus", "malwarevirusname", "virusname");
        alias("cve", "cve", "cveid", "attackcveid", "vulnerability");
        alias("confidence", "attackconfidence");
        alias("detection", "detectionmechanism");
    }

    private NspFormats() {
    }

    private static void alias(String canonical, String... keys) {
        for (String k : keys) {
            ALIASES.putIfAbsent(k, canonical);
        }
    }

    /** {@code IV_ATTACK_NAME}, {@code Attack Name}, {@code attack-name} → {@code attackname}. */
    static String normalise(String key) {
        StringBuilder b = new StringBuilder(key.length());
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                b.append(Character.toLowerCase(c));
            }
        }
        String k = b.toString();
        return k.startsWith("iv") && k.length() > 4 ? k.substring(2) : k;
    }

    /** Canonical field of a key, or null. */
    static String canonical(String key) {
        return ALIASES.get(normalise(key));
    }

    // ------------------------------------------------------------------ the default alert message

    /**
     * {@code MIS_IPS9100 detected Outbound attack Malware: Gamarue Malware Traffic Detected (severity =
     * High). 192.0.2.1:80 -> 198.51.100.2:54081 (result = Attack Blocked)}; also the older wording
     * {@code Attack <name> (Severity <sev>). <src> -> <dst> (result: <result>)}. Null when the text is not one.
     */
    static Map<String, String> defaultAlert(String body) {
        String lower = body.toLowerCase(Locale.ROOT);
        int sev = lower.indexOf("(severity");
        int arrow = body.indexOf(" -> ", Math.max(sev, 0));
        if (sev < 0 || arrow < 0) {
            return null;
        }
        Map<String, String> f = new HashMap<>();
        int detected = lower.indexOf(" detected ");
        int attack;
        if (detected > 0 && detected < sev) {
            f.put("sensor", body.substring(0, detected).trim());
            int from = detected + " detected ".length();
            attack = lower.indexOf("attack ", from);
            if (attack < 0 || attack > sev) {
                return null;
            }
            String direction = body.substring(from, attack).trim();
            if (!direction.isEmpty()) {
                f.put("direction", direction);
            }
            attack += "attack ".length();
        } else {
            attack = lower.indexOf("attack ");
            if (attack < 0 || attack > sev) {
                return null;
            }
            attack += "attack ".length();
        }
        f.put("name", body.substring(attack, sev).trim());
        int sevValue = sev + "(severity".length();
        int close = body.indexOf(')', sevValue);
        if (close < 0 || close > arrow) {
            return null;
        }
        String severity = body.substring(sevValue, close).trim();
        if (severity.startsWith("=") || severity.startsWith(":")) {
            severity = severity.substring(1).trim();
        }
        f.put("severity", severity);
        int srcStart = body.lastIndexOf(' ', arrow - 1) + 1;
        endpoint(body.substring(srcStart, arrow), f, "srcip", "srcport");
        int dstStart = arrow + 4;
        int dstEnd = body.indexOf(' ', dstStart);
        endpoint(body.substring(dstStart, dstEnd < 0 ? body.length() : dstEnd), f, "dstip", "dstport");
        int result = lower.indexOf("(result", arrow);
        if (result >= 0) {
            int end = body.indexOf(')', result);
            String r = body.substring(result + "(result".length(), end < 0 ? body.length() : end).trim();
            if (r.startsWith("=") || r.startsWith(":")) {
                r = r.substring(1).trim();
            }
            f.put("result", r);
        }
        return f;
    }

    /** {@code 192.0.2.1:80}, {@code 192.0.2.1:N/A}, {@code [2001:db8::1]:80}, {@code 2001:db8::1:80}, a bare address. */
    static void endpoint(String token, Map<String, String> f, String ipKey, String portKey) {
        String t = token.trim();
        if (t.endsWith(".") || t.endsWith(",")) {
            t = t.substring(0, t.length() - 1);
        }
        if (t.startsWith("[")) {
            int close = t.indexOf(']');
            if (close > 0) {
                f.put(ipKey, t.substring(1, close));
                if (close + 1 < t.length() && t.charAt(close + 1) == ':') {
                    f.put(portKey, t.substring(close + 2));
                }
                return;
            }
        }
        int colon = t.lastIndexOf(':');
        if (colon > 0 && Addresses.isAddress(t.substring(0, colon))) {
            f.put(ipKey, t.substring(0, colon));
            f.put(portKey, t.substring(colon + 1));
        } else {
            f.put(ipKey, t);
        }
    }

    // ------------------------------------------------------------------ customised templates

    /** {@code key=value} pairs under canonical names; other keys kept as written (lower case). */
    static Map<String, String> keyValues(String body) {
        return canonicalise(KEY_VALUES.parse(body));
    }

    /** {@code AttackName:x,AttackTime:y,...} (FortiSIEM's and others' template): split at ',' or '|', then at the first ':'. */
    static Map<String, String> colonPairs(String body) {
        Map<String, String> raw = new HashMap<>();
        int start = 0;
        int n = body.length();
        for (int i = 0; i <= n; i++) {
            if (i == n || body.charAt(i) == ',' || body.charAt(i) == '|') {
                String piece = body.substring(start, i);
                int colon = piece.indexOf(':');
                if (colon > 0) {
                    String key = piece.substring(0, colon).trim();
                    String value = piece.substring(colon + 1).trim();
                    while (value.startsWith(":")) {
                        value = value.substring(1).trim(); // "AttackSeverity::$IV_ATTACK_SEVERITY$" in a published template
                    }
                    if (isKeyName(key)) {
                        raw.putIfAbsent(key, value);
                    }
                }
                start = i + 1;
            }
        }
        return canonicalise(raw);
    }

    /** How many known field names are written as {@code key:} in the text: a Key:Value template. */
    static int colonKeys(String body) {
        int count = 0;
        int start = 0;
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == ',' || c == '|') {
                start = i + 1;
            } else if (c == ':' && i > start) {
                String key = body.substring(start, i).trim();
                if (isKeyName(key) && canonical(key) != null) {
                    count++;
                }
                start = Integer.MAX_VALUE / 2; // one key per piece
            }
        }
        return count;
    }

    private static boolean isKeyName(String key) {
        if (key.isEmpty() || key.length() > 40) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == ' ')) {
                return false;
            }
        }
        return Character.isLetter(key.charAt(0));
    }

    private static Map<String, String> canonicalise(Map<String, String> raw) {
        Map<String, String> f = new HashMap<>(raw.size() * 2);
        for (Map.Entry<String, String> e : raw.entrySet()) {
            String c = canonical(e.getKey());
            f.putIfAbsent(c != null ? c : e.getKey().toLowerCase(Locale.ROOT), e.getValue());
        }
        return f;
    }

    /** How many canonical alert fields a parsed map holds. */
    static int known(Map<String, String> f) {
        int n = 0;
        for (String k : f.keySet()) {
            if (ALIASES.containsValue(k)) {
                n++;
            }
        }
        return n;
    }

    // ------------------------------------------------------------------ positional templates

    /**
     * Templates that list the variables without names, separated by '|': the documented QRadar
     * template ({@code |$IV_ALERT_ID$|$IV_ALERT_TYPE$|$IV_ATTACK_TIME$|"$IV_ATTACK_NAME$"|$IV_ATTACK_ID$|
     * $IV_ATTACK_SEVERITY$|$IV_ATTACK_SIGNATURE$|$IV_ATTACK_CONFIDENCE$|$IV_ADMIN_DOMAIN$|$IV_SENSOR_NAME$|
     * $IV_INTERFACE$|$IV_SOURCE_IP$|$IV_SOURCE_PORT$|$IV_DESTINATION_IP$|$IV_DESTINATION_PORT$|
     * $IV_CATEGORY$|$IV_SUB_CATEGORY$|$IV_DIRECTION$|$IV_RESULT_STATUS$|$IV_DETECTION_MECHANISM$|
     * $IV_APPLICATION_PROTOCOL$|$IV_NETWORK_PROTOCOL$|...}) by position, any other list by what each
     * value is (an address, address:port, a time, a severity, a result, a direction, a category, a
     * quoted or "PROTOCOL: name" attack name, a 0x attack id).
     */
    static Map<String, String> positional(String body) {
        String[] parts = body.split("\\|", -1);
        java.util.List<String> p = new java.util.ArrayList<>(parts.length);
        for (String s : parts) {
            p.add(s.trim());
        }
        // drop the empty first/last pieces of "|a|b|"
        if (!p.isEmpty() && p.get(0).isEmpty()) {
            p.remove(0);
        }
        if (!p.isEmpty() && p.get(p.size() - 1).isEmpty()) {
            p.remove(p.size() - 1);
        }
        if (p.size() >= 15 && isQuoted(p.get(3)) && isNumberOrNa(p.get(0))) {
            return qradar(p);
        }
        Map<String, String> f = new HashMap<>();
        int endpoints = 0;
        for (String v : p) {
            if (v.isEmpty()) {
                continue;
            }
            String lower = v.toLowerCase(Locale.ROOT);
            if (isQuoted(v)) {
                f.putIfAbsent("name", v.substring(1, v.length() - 1));
            } else if (isEndpoint(v)) {
                endpoint(v, f, endpoints == 0 ? "srcip" : "dstip", endpoints == 0 ? "srcport" : "dstport");
                endpoints++;
            } else if (isTime(v)) {
                f.putIfAbsent("time", v);
            } else if (NspValues.isSeverity(lower)) {
                f.putIfAbsent("severity", v);
            } else if (NspValues.isResult(lower)) {
                f.putIfAbsent("result", v);
            } else if (NspValues.isDirection(lower)) {
                f.putIfAbsent("direction", v);
            } else if (NspValues.isCategory(lower)) {
                f.putIfAbsent("category", v);
            } else if (lower.startsWith("0x") && v.length() <= 12) {
                f.putIfAbsent("id", v);
            } else if (v.indexOf(": ") > 0 && !f.containsKey("name")) {
                f.put("name", v);
            }
        }
        return f;
    }

    private static Map<String, String> qradar(java.util.List<String> p) {
        String[] names = {"alertid", "alerttype", "time", "name", "id", "severity", "signature", "confidence", "domain",
            "sensor", "interface", "srcip", "srcport", "dstip", "dstport", "category", "subcategory", "direction",
            "result", "detection", "appproto", "proto"};
        Map<String, String> f = new HashMap<>();
        for (int i = 0; i < names.length && i < p.size(); i++) {
            String v = p.get(i);
            f.put(names[i], isQuoted(v) ? v.substring(1, v.length() - 1) : v);
        }
        return f;
    }

    private static boolean isQuoted(String v) {
        return v.length() >= 2 && v.charAt(0) == '"' && v.charAt(v.length() - 1) == '"';
    }

    private static boolean isNumberOrNa(String v) {
        if (v.equalsIgnoreCase("n/a")) {
            return true;
        }
        for (int i = 0; i < v.length(); i++) {
            if (!Character.isDigit(v.charAt(i))) {
                return false;
            }
        }
        return !v.isEmpty();
    }

    private static boolean isEndpoint(String v) {
        Map<String, String> probe = new HashMap<>(4);
        endpoint(v, probe, "ip", "port");
        return Addresses.isAddress(probe.get("ip"));
    }

    /** {@code 2012-06-05 15:28:05 EEST}: starts with a date. */
    private static boolean isTime(String v) {
        return v.length() >= 19 && Character.isDigit(v.charAt(0)) && v.charAt(4) == '-' && v.charAt(7) == '-'
                && v.charAt(13) == ':';
    }
}
