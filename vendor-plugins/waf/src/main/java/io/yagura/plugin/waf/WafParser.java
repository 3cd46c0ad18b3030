package io.yagura.plugin.waf;

import io.yagura.api.plugin.ParseResult;
import io.yagura.format.cef.Cef;
import io.yagura.format.cef.CefRecord;
import io.yagura.format.json.Json;
import io.yagura.format.parser.GuardedParser;
import io.yagura.format.parser.Line;
import java.util.Map;
import java.util.Optional;

/**
 * Reads web application firewall logs: ModSecurity (error-log messages, serial and JSON audit log
 * records), F5 BIG-IP ASM (key="value", CEF, [SECEV]), Imperva (SecureSphere, Cloud WAF and Attack
 * Analytics CEF), Fortinet FortiWeb and Penta Security WAPPLES. It is built multi-line: a ModSecurity
 * serial audit record arrives as one message of several lines (rsyslog imfile with startmsg.regex).
 * {@link GuardedParser} has already rejected empty, oversized and binary text and read the syslog header.
 */
final class WafParser extends GuardedParser {

    /** Audit records carry request headers and H messages; bodies (C, E) should not be logged to syslog. */
    static final int MAX_CHARS = 256 * 1024;
    private static final Json JSON = Json.DEFAULT;

    WafParser() {
        super(MAX_CHARS, true);
    }

    @Override
    protected ParseResult parseLine(Line line) {
        String body = line.body();
        int cef = Cef.indexOf(body);
        if (cef >= 0 && cef < 512) {
            Optional<CefRecord> r = Cef.parse(body.substring(cef));
            if (r.isEmpty()) {
                return ParseResult.rejected("truncated CEF header: expected CEF:0|vendor|product|version|id|name|severity|");
            }
            CefRecord record = r.get();
            if (record.vendor().equals("F5") && record.product().equals("ASM")) {
                return F5Asm.cef(line, record);
            }
            if (Imperva.isImperva(record)) {
                return Imperva.parse(line, record);
            }
            return ParseResult.rejected("CEF record of " + clip(record.vendor()) + " " + clip(record.product())
                    + ": expected F5 ASM or Imperva");
        }
        int boundary = ModSecurityAudit.boundary(body);
        if (boundary >= 0) {
            return ModSecurityAudit.serial(line, body, boundary);
        }
        int brace = jsonStart(body);
        if (brace >= 0) {
            Json.Result read = JSON.readObject(body, brace);
            if (!read.ok()) {
                return ParseResult.rejected("ModSecurity JSON audit record is not readable JSON: " + read.error());
            }
            Map<String, Object> m = read.object();
            if (Json.map(m, "transaction") == null) {
                return ParseResult.rejected("JSON without \"transaction\": expected a ModSecurity JSON audit record");
            }
            return ModSecurityAudit.json(line, m);
        }
        int[] len = new int[1];
        int modsec = ModSecurityLog.marker(body, len);
        if (modsec >= 0) {
            return ModSecurityLog.parse(line, body, modsec, len[0]);
        }
        int secev = body.indexOf("[SECEV] ");
        if (secev >= 0 && secev < 256) {
            return F5Asm.secev(line, body, secev);
        }
        int asm = body.indexOf("ASM:");
        if (asm >= 0 && asm < 256) {
            return F5Asm.keyValue(line, body.substring(asm + 4));
        }
        if (Wapples.isWapples(body)) {
            return Wapples.parse(line, body);
        }
        if (FortiWeb.isFortiWeb(body)) {
            return FortiWeb.parse(line, body);
        }
        if (FortiWeb.isFortiOs(body)) {
            return ParseResult.ignored("FortiOS (FortiGate) log, not a WAF's: register the device with the fortinet plugin");
        }
        return ParseResult.rejected("not a WAF line: expected ModSecurity ('ModSecurity: ' message or audit record), F5 ASM"
                + " ('ASM:' key=\"value\", CEF:0|F5|ASM|, [SECEV]), Imperva CEF, FortiWeb (log_id= msg_id=) or WAPPLES");
    }

    /** The JSON object of a line: the body starts with '{', or a syslog tag and ": {" come first. */
    static int jsonStart(String body) {
        int i = 0;
        int n = body.length();
        while (i < n && body.charAt(i) == ' ') {
            i++;
        }
        if (i < n && body.charAt(i) == '{') {
            return i;
        }
        int limit = Math.min(n - 2, i + 96);
        for (int k = i; k < limit; k++) {
            char c = body.charAt(k);
            if (c == ':') {
                int j = k + 1;
                while (j < n && body.charAt(j) == ' ') {
                    j++;
                }
                return j < n && body.charAt(j) == '{' ? j : -1;
            }
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '/' || c == '[' || c == ']')) {
                return -1;
            }
        }
        return -1;
    }

    static String clip(String s) {
        return s.length() > 32 ? s.substring(0, 32) : s;
    }
}
