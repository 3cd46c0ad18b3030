package io.yagura.plugin.fortinet;

/**
 * Cheap recognition of FortiGate lines from unregistered sources: called for every such line, so
 * no regex and no full parse; never throws and claims only FortiGate's own lines.
 *
 * <ul>
 *   <li>key=value (FortiOS 5.x-7.x): {@code devid=FG...} (or FortiWiFi {@code FW...}, FortiFirewall
 *       {@code FFW...}: FortiOS serial numbers) together with {@code logid=}; FortiOS 4.x wrote
 *       {@code device_id=FG...} and {@code log_id=}. Other Fortinet products (FortiWeb {@code FV},
 *       FortiADC {@code FAD}, FortiAnalyzer {@code FAZ}, FortiAuthenticator {@code FAC}, FortiMail
 *       {@code FE}) write other serials and are not claimed.</li>
 *   <li>key=value without a FortiOS serial (the FortiOS Log Message Reference's examples, devices
 *       that leave devid out or anonymise it, FortiAuthenticator and FortiAnalyzer, which write the
 *       FortiOS log header too): the header fields {@code logid=} with a number, {@code type=} and
 *       {@code subtype=}. FortiWeb and FortiADC write {@code log_id=} instead and are not claimed.</li>
 *   <li>CEF: the header vendor {@code Fortinet} and a product starting with {@code FortiGate}
 *       (any case: FortiOS writes "Fortigate", FortiAnalyzer "FortiGate-100F"), also when a relay
 *       took {@code CEF:} for a syslog tag and left {@code 0|Fortinet|Fortigate|...}.</li>
 * </ul>
 */
final class FortinetProbe {

    /** Where the markers must start: past the syslog header, well before the end of the first fields. */
    private static final int WINDOW = 512;
    private static final String CEF_VENDOR = "|Fortinet|";
    private static final String PRODUCT = "FortiGate";

    private FortinetProbe() {
    }

    static boolean probe(String line) {
        if (line == null || line.length() < 16) {
            return false;
        }
        return isCef(line) || isKeyValue(line, "devid=", "logid=") || isKeyValue(line, "device_id=", "log_id=")
                || isFortiOsHeader(line);
    }

    /** {@code logid=<digits>} (quoted or not) with {@code type=} and {@code subtype=}: the FortiOS log header. */
    static boolean isFortiOsHeader(String line) {
        int limit = WINDOW + 256;
        int id = indexOfKey(line, "logid=");
        if (id < 0 || id > limit) {
            return false;
        }
        int v = id + "logid=".length();
        if (v < line.length() && line.charAt(v) == '"') {
            v++;
        }
        int digits = 0;
        while (v + digits < line.length() && Character.isDigit(line.charAt(v + digits)) && digits <= 10) {
            digits++;
        }
        int type = indexOfKey(line, "type=");
        int subtype = indexOfKey(line, "subtype=");
        return digits >= 4 && type >= 0 && type <= limit && subtype >= 0 && subtype <= limit;
    }

    /** {@code [CEF:]0|Fortinet|FortiGate...|}. */
    static boolean isCef(String line) {
        int at = line.indexOf(CEF_VENDOR);
        if (at < 1 || at > WINDOW) {
            return false;
        }
        char version = line.charAt(at - 1);
        if (version != '0' && version != '1') {
            return false;
        }
        boolean startsRecord = at == 1 || line.charAt(at - 2) == ':' || line.charAt(at - 2) == ' ';
        int product = at + CEF_VENDOR.length();
        return startsRecord && line.regionMatches(true, product, PRODUCT, 0, PRODUCT.length());
    }

    /** {@code key=FG...} (quoted or not) and {@code idKey=} within the window. */
    private static boolean isKeyValue(String line, String key, String idKey) {
        int at = indexOfKey(line, key);
        if (at < 0 || at > WINDOW) {
            return false;
        }
        int v = at + key.length();
        if (v < line.length() && line.charAt(v) == '"') {
            v++;
        }
        if (!isFortiOsSerial(line, v)) {
            return false;
        }
        int id = indexOfKey(line, idKey);
        return id >= 0 && id <= WINDOW + 256;
    }

    /** FortiGate FG/FGT/FGVM..., FortiWiFi FW/FWF..., FortiFirewall FFW...: the FortiOS serial prefixes. */
    private static boolean isFortiOsSerial(String s, int at) {
        if (at + 2 > s.length()) {
            return false;
        }
        char a = s.charAt(at);
        char b = s.charAt(at + 1);
        if (a != 'F') {
            return false;
        }
        if (b == 'G' || b == 'W') {
            return true;
        }
        return b == 'F' && at + 2 < s.length() && s.charAt(at + 2) == 'W';
    }

    /** Offset of {@code key} where it starts a key (line start, or after a space, comma or '>'). */
    private static int indexOfKey(String line, String key) {
        int from = 0;
        while (true) {
            int at = line.indexOf(key, from);
            if (at < 0) {
                return -1;
            }
            if (at == 0) {
                return 0;
            }
            char before = line.charAt(at - 1);
            if (before == ' ' || before == ',' || before == '>' || before == '\t') {
                return at;
            }
            from = at + 1;
        }
    }
}
