package io.yagura.plugin.waf;

import java.util.Locale;

/**
 * One vocabulary of web attack classes for rule.category, whichever WAF named them: CRS tags
 * ({@code attack-sqli}, {@code OWASP_CRS/WEB_ATTACK/SQL_INJECTION}), F5 attack types
 * ({@code SQL-Injection}), Imperva and FortiWeb violation and attack names, WAPPLES rule names.
 * The first class whose words appear wins; text naming no known class gives null.
 *
 * <p>sql-injection, xss, path-traversal, file-inclusion, command-injection, code-injection, webshell,
 * protocol-violation, scanner, information-leakage, session-attack, brute-force, denial-of-service,
 * forceful-browsing, buffer-overflow, malicious-file-upload.
 */
final class AttackClass {

    /** Words (lower case) → class, most specific first. */
    private static final String[][] TABLE = {
        {"webshell", "webshell"}, {"web shell", "webshell"}, {"backdoor", "webshell"}, {"trojan", "webshell"},
        {"attack-sqli", "sql-injection"}, {"sql_injection", "sql-injection"}, {"sql-inj", "sql-injection"},
        {"sql injection", "sql-injection"},
        {"attack-xss", "xss"}, {"cross site scripting", "xss"}, {"cross-site scripting", "xss"}, {"xss", "xss"},
        {"attack-rfi", "file-inclusion"}, {"remote file inclu", "file-inclusion"}, {"/rfi", "file-inclusion"},
        {"file inclusion", "file-inclusion"},
        {"attack-lfi", "path-traversal"}, {"path traversal", "path-traversal"}, {"directory traversal", "path-traversal"},
        {"dir_traversal", "path-traversal"}, {"file_injection", "path-traversal"}, {"traversal", "path-traversal"},
        {"attack-rce", "command-injection"}, {"command_injection", "command-injection"},
        {"command injection", "command-injection"}, {"command execution", "command-injection"},
        {"os command", "command-injection"}, {"remote command", "command-injection"},
        {"attack-injection-php", "code-injection"}, {"php_injection", "code-injection"}, {"php injection", "code-injection"},
        {"attack-injection-java", "code-injection"}, {"java injection", "code-injection"},
        {"code injection", "code-injection"}, {"ssi injection", "code-injection"}, {"server side code", "code-injection"},
        {"attack-protocol", "protocol-violation"}, {"protocol_violation", "protocol-violation"},
        {"protocol_anomaly", "protocol-violation"}, {"protocol violation", "protocol-violation"},
        {"protocol compliance", "protocol-violation"}, {"protocol anomal", "protocol-violation"},
        {"http parser", "protocol-violation"}, {"request smuggling", "protocol-violation"},
        {"attack-reputation-scanner", "scanner"}, {"security_scanner", "scanner"}, {"vulnerability scan", "scanner"},
        {"non-browser", "scanner"}, {"scanner", "scanner"}, {"crawler", "scanner"}, {"bot ", "scanner"}, {"bots", "scanner"},
        {"web scraping", "scanner"}, {"automated", "scanner"},
        {"attack-disclosure", "information-leakage"}, {"leakage", "information-leakage"},
        {"information disclosure", "information-leakage"}, {"data leak", "information-leakage"},
        {"attack-fixation", "session-attack"}, {"session fixation", "session-attack"}, {"session_fixation", "session-attack"},
        {"session hijack", "session-attack"},
        {"brute force", "brute-force"}, {"brute_force", "brute-force"},
        {"denial of service", "denial-of-service"}, {"ddos", "denial-of-service"}, {"dos attack", "denial-of-service"},
        {"forceful browsing", "forceful-browsing"},
        {"buffer overflow", "buffer-overflow"},
        {"malicious file upload", "malicious-file-upload"}, {"file upload", "malicious-file-upload"},
    };

    private AttackClass() {
    }

    /** The class named in the first of {@code texts} that names one, or null. */
    static String of(String... texts) {
        for (String t : texts) {
            if (t == null || t.isEmpty()) {
                continue;
            }
            String lower = t.toLowerCase(Locale.ROOT) + " ";
            for (String[] row : TABLE) {
                if (lower.contains(row[0])) {
                    return row[1];
                }
            }
        }
        return null;
    }
}
