package io.yagura.plugin.waf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.yagura.api.plugin.ParseContext;
import io.yagura.api.plugin.ParseResult;
import io.yagura.plugin.testkit.CorpusCheck;
import io.yagura.plugin.testkit.ExpectedEvents;
import io.yagura.plugin.testkit.HostileInput;
import io.yagura.plugin.testkit.Samples;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class WafPluginTest {

    static final WafPlugin PLUGIN = new WafPlugin();
    static final String EXPECTED = "/expected/waf.yaml";
    static final String SAMPLES = "/samples/waf.log";
    static final String SHARED = "waf.log";

    /** Every entry of expected/waf.yaml (also the multi-line audit records) gives exactly the fields written there. */
    @TestFactory
    List<DynamicTest> sampleLinesGiveTheDocumentedFields() {
        return ExpectedEvents.tests(PLUGIN.vendorId(), PLUGIN.parser(), EXPECTED);
    }

    /** The entries of expected/waf.yaml: [line, outcome] with outcome "rejected", "multiline" or "". */
    static List<String[]> entries() {
        try {
            List<String[]> out = new ArrayList<>();
            for (JsonNode entry : new ObjectMapper(new YAMLFactory()).readTree(Samples.resourceText(EXPECTED))) {
                String line = entry.get("line").asText();
                out.add(new String[] {line, entry.has("rejected") ? "rejected" : line.indexOf('\n') >= 0 ? "multiline" : ""});
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void everySampleLineHasAnExpectation() {
        List<String> single = entries().stream().filter(e -> e[1].isEmpty()).map(e -> e[0]).toList();
        assertEquals(Samples.resource(SAMPLES), single,
                "samples/waf.log and the single-line parsed or ignored entries of expected/waf.yaml list the same lines in the same order");
    }

    @Test
    void everySampleLineIsParsedOrClassifiedWithAReason() {
        List<String> lines = new ArrayList<>(Samples.resource(SAMPLES));
        entries().stream().filter(e -> e[1].equals("multiline")).forEach(e -> lines.add(e[0]));
        CorpusCheck.Summary summary = CorpusCheck.run(PLUGIN.vendorId(), PLUGIN.parser(), lines);
        assertEquals(List.of(), summary.unexplained(), "sample lines rejected: " + summary);
    }

    @Test
    void theSharedCorpusIsReadWhenPresent() {
        Samples.shared(SHARED).ifPresent(file -> {
            CorpusCheck.Summary summary = CorpusCheck.run(PLUGIN.vendorId(), PLUGIN.parser(), Samples.read(file));
            assertEquals(List.of(), summary.unexplained(), file + ": " + summary);
        });
    }

    /**
     * The shared WAF file mixes detections (ModSecurity, F5 ASM, Imperva, FortiWeb, WAPPLES) with web
     * access logs, ModSecurity's own errors, Imperva's service errors, a FortiWeb system event and a
     * FortiGate line: every detection becomes an alert, and most lines become events.
     */
    @Test
    void theSharedCorpusDetectionsBecomeAlerts() {
        Samples.shared(SHARED).ifPresent(file -> {
            List<String> lines = Samples.read(file);
            CorpusCheck.Summary summary = CorpusCheck.run(PLUGIN.vendorId(), PLUGIN.parser(), lines);
            assertTrue(lines.size() >= 40, "the shared corpus lost its WAF lines: " + lines.size());
            assertTrue(summary.parsedShare() >= 0.85, "parsed share " + summary.parsedShare() + ": " + summary);
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
    void hostileInputIsRejectedOrIgnoredWithAReasonAndNeverThrows() {
        List<String> inputs = new ArrayList<>(Samples.resource(SAMPLES));
        entries().stream().filter(e -> e[1].equals("multiline")).forEach(e -> inputs.add(e[0]));
        HostileInput.check(PLUGIN, inputs);
    }

    /** Every line that becomes an event is claimed, but FortiWeb traffic logs (see {@link WafProbe}). */
    @Test
    void theProbeRecognisesEveryLineThatBecomesAnEvent() {
        List<String> own = new ArrayList<>(Samples.resource(SAMPLES));
        entries().stream().filter(e -> e[1].equals("multiline")).forEach(e -> own.add(e[0]));
        Samples.shared(SHARED).ifPresent(file -> own.addAll(Samples.read(file)));
        for (String line : own) {
            ParseResult r = PLUGIN.parser().parse(Samples.envelope(PLUGIN.vendorId(), line), ParseContext.DEFAULT);
            boolean fortiWebTraffic = line.contains("msg_id=") && line.contains("type=traffic");
            if (r instanceof ParseResult.Parsed && !fortiWebTraffic) {
                assertTrue(PLUGIN.probe(line), () -> "own line not recognised: " + line);
            }
        }
    }

    @Test
    void theProbeClaimsNoOtherVendorsLines() throws IOException {
        assertFalse(PLUGIN.probe("%ASA-4-106023: Deny tcp src outside:203.0.113.5/4455 dst inside:10.0.0.5/22 by access-group \"outside_in\" [0x0, 0x0]"));
        assertFalse(PLUGIN.probe("CEF:0|Other|Product|1.0|100|Name|5|src=192.0.2.1"));
        assertFalse(PLUGIN.probe("date=2026-12-04 time=11:00:00 devname=\"FG-1\" devid=\"FG3H1E5819000042\" logid=\"1200030248\" type=\"utm\" subtype=\"waf\""));
        assertFalse(PLUGIN.probe("[Fri Dec 04 10:00:00.123456 2026] [core:error] [pid 1234] [client 192.0.2.1:4455] AH00126: Invalid URI in request"));
        String dir = System.getProperty("yagura.shared.samples");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            return;
        }
        try (Stream<Path> files = Files.list(Path.of(dir))) {
            for (Path file : files.filter(f -> !f.getFileName().toString().equals(SHARED)
                    && !f.getFileName().toString().endsWith(".txt")).toList()) {
                for (String line : Samples.read(file)) {
                    assertFalse(PLUGIN.probe(line), () -> "claims a line of " + file.getFileName() + ": " + line);
                }
            }
        }
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
