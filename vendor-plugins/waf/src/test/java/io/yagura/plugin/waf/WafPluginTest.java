package io.yagura.plugin.waf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.plugin.ParseContext;
import io.yagura.api.plugin.ParseResult;
import io.yagura.plugin.testkit.ExpectedEvents;
import io.yagura.plugin.testkit.PluginContract;
import io.yagura.plugin.testkit.Samples;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class WafPluginTest extends PluginContract {

    static final WafPlugin PLUGIN = new WafPlugin();

    /**
     * The shared corpus: the shared file mixes detections with web access logs, ModSecurity's own
     * errors, Imperva service errors and a FortiWeb system event; most lines become events.
     * <p>
     * The probe must also refuse: a FortiGate WAF log (the fortinet plugin's); an Apache core error
     * without ModSecurity.
     */
    WafPluginTest() {
        super(PLUGIN, 0.85,
                "date=2026-12-04 time=11:00:00 devname=\"FG-1\" devid=\"FG3H1E5819000042\" logid=\"1200030248\" type=\"utm\" subtype=\"waf\"",
                "[Fri Dec 04 10:00:00.123456 2026] [core:error] [pid 1234] [client 192.0.2.1:4455] AH00126: Invalid URI in request");
    }

    /** The multi-line entries of expected/waf.yaml that are records (not rejected): ModSecurity audit records handed over whole. */
    static List<String> auditRecords() {
        List<String> rejected = ExpectedEvents.rejectedLines("/expected/waf.yaml");
        return ExpectedEvents.lines("/expected/waf.yaml").stream().filter(l -> l.indexOf('\n') >= 0 && !rejected.contains(l))
                .toList();
    }

    @Test
    void theProbeRecognisesEveryAuditRecord() {
        assertFalse(auditRecords().isEmpty());
        auditRecords().forEach(r -> assertTrue(PLUGIN.probe(r), () -> "audit record not recognised: " + r));
    }

    /** Every detection of the shared file (ModSecurity, F5 ASM, Imperva, FortiWeb, WAPPLES) becomes an alert. */
    @Test
    void theSharedCorpusDetectionsBecomeAlerts() {
        Samples.shared("waf.log").ifPresent(file -> {
            List<String> lines = Samples.read(file);
            assertTrue(lines.size() >= 40, "the shared corpus lost its WAF lines: " + lines.size());
            for (String line : lines) {
                boolean detection = line.contains("Access denied") || line.contains("ModSecurity: Warning")
                        || line.contains("[SECEV]") || line.contains("act=blocked") || line.contains("act=alerted")
                        || line.contains("|SecureSphere|") || (line.contains("act=REQ_BLOCKED") && !line.contains("|Blocked "))
                        || line.contains("type=attack")
                        || line.contains("cat=attack") || line.contains("INTRUSION");
                if (detection) {
                    ParseResult r = PLUGIN.parser().parse(Samples.envelope(PLUGIN.vendorId(), line), ParseContext.DEFAULT);
                    assertTrue(r instanceof ParseResult.Parsed p && "alert".equals(p.events().get(0).getString("event.kind")),
                            () -> "detection not read as an alert: " + r + "\n  " + line);
                }
            }
        });
    }

    @Test
    void attackClassesHaveOneVocabulary() {
        assertEquals("sql-injection", AttackClass.of("attack-sqli"));
        assertEquals("sql-injection", AttackClass.of("OWASP_CRS/WEB_ATTACK/SQL_INJECTION"));
        assertEquals("sql-injection", AttackClass.of("SQL-Injection"));
        assertEquals("xss", AttackClass.of("Cross Site Scripting (XSS)"));
        assertEquals("path-traversal", AttackClass.of("Path Traversal"));
        assertEquals("command-injection", AttackClass.of("Command Execution"));
        assertEquals("webshell", AttackClass.of("Trojan/Backdoor/Spyware"));
        assertEquals("protocol-violation", AttackClass.of("HTTP Parser Attack"));
        assertEquals("file-inclusion", AttackClass.of("Remote File Include"));
        assertNull(AttackClass.of("Abuse of Functionality"));
        assertNull(AttackClass.of("attack-generic", null, ""));
    }

    @Test
    void f5DoubledQuotesAreQuotesAndEmptyValuesStayEmpty() {
        var f = F5Asm.pairs("a=\"x \"\"y\"\" z\",b=\"\",c=plain,d=\"ends with \"\"q\"\"\",e=\"1,2\"");
        assertEquals("x \"y\" z", f.get("a"));
        assertEquals("", f.get("b"));
        assertEquals("plain", f.get("c"));
        assertEquals("ends with \"q\"", f.get("d"));
        assertEquals("1,2", f.get("e"));
    }
}
