package io.yagura.plugin.waf;

/**
 * Cheap recognition of WAF lines from unregistered sources; no regex, no full parse, never throws.
 * Claims: the ModSecurity markers ({@code ModSecurity: }, {@code mod_security: },
 * {@code mod_security-message: }) and audit boundaries ({@code --0123abcd-A--}), ModSecurity JSON
 * audit records ({@code {"transaction":}); F5 ASM ({@code ASM:} with {@code unit_hostname=} or
 * {@code f5_asm=}, {@code CEF:0|F5|ASM|}, {@code [SECEV] Request violations}); Imperva CEF
 * ({@code |Imperva Inc.|SecureSphere|}, {@code |Incapsula|SIEMintegration|}, Attack Analytics);
 * FortiWeb attack logs ({@code log_id=} with {@code msg_id=} and {@code type=attack}, or FortiWeb
 * Cloud's {@code cat=attack} with {@code main_type=}), and its traffic and event logs when device_id is a
 * FortiWeb serial ({@code FV...}; FortiADC writes the same layout with its own serials); WAPPLES ({@code WAPPLES} with its RULE NAME / DETECTION TIME labels).
 */
final class WafProbe {

    private static final int WINDOW = 512;

    private WafProbe() {
    }

    static boolean probe(String line) {
        if (line == null || line.length() < 16) {
            return false;
        }
        if (within(line, "ModSecurity: ") || within(line, "mod_security: ") || within(line, "mod_security-message: ")) {
            return true;
        }
        if (ModSecurityAudit.boundary(line) >= 0 && line.indexOf("-A--") > 0) {
            return true;
        }
        int brace = line.indexOf("{\"transaction\"");
        if (brace >= 0 && brace < 200) {
            return true;
        }
        if (within(line, "|F5|ASM|") || within(line, "|Imperva Inc.|") || within(line, "|Imperva Inc|")
                || within(line, "|Incapsula|SIEMintegration|")) {
            return true;
        }
        int asm = line.indexOf("ASM:");
        if (asm >= 0 && asm < 256 && (line.startsWith("unit_hostname=", asm + 4) || line.startsWith("f5_asm=", asm + 4)
                || line.indexOf("request_status=", asm) > 0)) {
            return true;
        }
        if (within(line, "[SECEV] Request violations")) {
            return true;
        }
        if (Wapples.isWapples(line)) {
            return true;
        }
        // FortiWeb attack logs by their type; traffic and event logs only by a FortiWeb serial, since
        // FortiADC writes the same log_id/msg_id layout
        return FortiWeb.isFortiWeb(line) && !line.contains("device_id=FG") && !line.contains("devid=")
                && (line.contains("type=attack") || line.contains("type=\"attack\"") || line.contains("cat=attack")
                        || FortiWeb.hasFortiWebSerial(line));
    }

    private static boolean within(String line, String marker) {
        int at = line.indexOf(marker);
        return at >= 0 && at < WINDOW;
    }
}
