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
        return isCef(line) || isKeyValue(line, "devid=", "logid=") || isKeyValue(line, "device_id=", "log_id=");
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
