package io.yagura.templates.freemarker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.templates.TemplateCatalogue;
import io.yagura.templates.TemplateProblem;
import io.yagura.templates.TemplateRenderException;
import io.yagura.templates.TemplateSet;
import io.yagura.templates.TemplateSource;
import io.yagura.templates.TemplateSpec;
import io.yagura.templates.TextItems;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A test area "demo" with bundled en and ja templates (src/test/resources/templates/), overridden in a temporary etc. */
class FreemarkerCatalogueTest {

    @TempDir
    Path etc;

    private final FreemarkerTemplates service() {
        return new FreemarkerTemplates(etc);
    }

    /** The model of the demo templates, as a channel would build it from its labels. */
    static Map<String, Object> model(String language, Map<String, String> labels, String customer) {
        Map<String, Object> m = new HashMap<>();
        m.put("incident", Map.of("id", "INC-1", "title", "SQL injection"));
        m.put("customer", customer);
        m.put("level", Map.of("label", labels.getOrDefault("level.EMERGENCY", "?"), "code", "EMERGENCY"));
        m.put("attackers", TextItems.of(List.of("203.0.113.7", "198.51.100.23"), labels.get("none")));
        m.put("references", TextItems.of(List.of(), labels.get("none")));
        m.put("url", "https://example.com/");
        m.put("title", "t");
        return m;
    }

    static final TemplateSet DEMO = new TemplateSet("demo", FreemarkerCatalogueTest.class.getClassLoader(),
            List.of("en", "ja"), List.of(
                    new TemplateSpec("notice", TemplateSpec.Format.TEXT, (lang, labels) -> model(lang, labels, "ACME"),
                            out -> out.startsWith("Notice") || out.startsWith("通知") ? null
                                    : "the first line must start with Notice or 通知"),
                    new TemplateSpec("page", TemplateSpec.Format.HTML, (lang, labels) -> model(lang, labels, "ACME"),
                            null)),
            labels -> labels.getOrDefault("none", "").isBlank() ? "label 'none' is missing or empty" : null);

    private void write(String relative, String text) throws Exception {
        Path p = etc.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    private static String notice(TemplateCatalogue c, String language) {
        return c.render("notice", language, model(language, c.labels(language), "ACME"));
    }

    @Test
    void bundledTemplatesRenderInTheContactsLanguageWithEnglishAsFallback() {
        TemplateCatalogue c = service().open(DEMO);
        assertEquals("Notice INC-1 for ACME: Emergency\nAttackers: 203.0.113.7, 198.51.100.23\n(none)\n",
                notice(c, "en"), "English");
        assertEquals("通知 INC-1 (ACME 様): 緊急\n攻撃元: 203.0.113.7, 198.51.100.23\n(なし)\n", notice(c, "ja-JP"),
                "ja-JP uses ja");
        assertEquals("en", c.resolveLanguage("fr"), "unknown language falls back to English");
        assertEquals(List.of(), c.problems(), "no problems");
    }

    @Test
    void operatorFileTakesPrecedenceAndANewLanguageFallsBackToEnglishFiles() throws Exception {
        write("ja/demo/notice.ftl", "Notice (operator) ${incident.id} ${level.label}\n");
        write("de/demo/labels.properties", "level.EMERGENCY = Notfall\n");
        TemplateCatalogue c = service().open(DEMO);

        assertEquals("Notice (operator) INC-1 緊急\n", notice(c, "ja"), "operator's ja file");
        assertTrue(notice(c, "en").startsWith("Notice INC-1 for ACME: Emergency"), "bundled en untouched");
        assertTrue(notice(c, "de").startsWith("Notice INC-1 for ACME: Notfall"),
                "de: English template, German label over English labels");
        assertTrue(c.sources().contains(new TemplateSource("demo", "notice", "ja",
                etc.resolve("ja/demo/notice.ftl").toString(), true)), "source listed: " + c.sources());
    }

    @Test
    void unknownNameIsReportedWithFileAndLineAndTheBundledDefaultIsUsed() throws Exception {
        write("en/demo/notice.ftl", "Notice ${incident.id}\n\nSeverity ${incident.severity}\n");
        TemplateCatalogue c = service().open(DEMO);

        Path file = etc.resolve("en/demo/notice.ftl");
        assertEquals(List.of(new TemplateProblem(file.toString(), 3, 12, "unknown name or no value: ${incident.severity}")),
                c.problems(), "problem with file, line and column");
        assertTrue(notice(c, "en").startsWith("Notice INC-1 for ACME"), "bundled default used instead");
    }

    @Test
    void syntaxErrorIsReportedWithFileAndLine() throws Exception {
        write("ja/demo/notice.ftl", "通知 ${incident.id}\n<#if attackers?has_content>\n攻撃元 ${attackers}\n");
        TemplateCatalogue c = service().open(DEMO);

        TemplateProblem p = c.problems().get(0);
        assertEquals(etc.resolve("ja/demo/notice.ftl").toString(), p.file(), "file");
        assertTrue(p.line() >= 2, "line of the unclosed #if or after: " + p);
        assertTrue(p.message().contains("#if"), "names the unclosed directive: " + p.message());
        assertTrue(notice(c, "ja").startsWith("通知 INC-1 (ACME 様)"), "bundled ja used instead");
    }

    @Test
    void outputCheckAndBadLabelsAndStrayFilesAreProblems() throws Exception {
        write("en/demo/notice.ftl", "Hello ${customer}\n");
        write("ja/demo/labels.properties", "none = \\u00\n");
        write("en/demo/labels.properties", "level.EMERGENCY = Red\nnone =\n");
        write("en/demo/notcie.ftl", "typo\n");
        TemplateCatalogue c = service().open(DEMO);

        List<String> problems = c.problems().stream().map(TemplateProblem::toString).toList();
        assertEquals(4, problems.size(), "problems: " + problems);
        assertTrue(problems.contains(etc.resolve("en/demo/notice.ftl") + ": the first line must start with Notice or 通知"),
                "output check: " + problems);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(etc.resolve("ja/demo/labels.properties") + ": cannot read")),
                "malformed labels: " + problems);
        assertTrue(problems.contains(etc.resolve("en/demo/notcie.ftl")
                + ": unknown file, not used (expected one of labels.properties, notice.ftl, page.ftlh)"), "stray: " + problems);
        assertTrue(problems.contains(etc.resolve("en/demo/labels.properties")
                + ": label 'none' is missing or empty; the bundled labels are used"), "label check: " + problems);
        assertEquals("Emergency", c.labels("en").get("level.EMERGENCY"), "refused en labels: bundled ones used");
        assertEquals("(なし)", c.labels("ja").get("none"), "bundled ja labels kept");
    }

    @Test
    void htmlTemplatesEscapeHostileValues() throws Exception {
        TemplateCatalogue c = service().open(DEMO);
        Map<String, Object> m = model("en", c.labels("en"), "ACME");
        m.put("url", "https://evil.example/\"><script>alert(1)</script>");
        m.put("title", "<b>Owned</b> & 'quoted'");
        m.put("attackers", TextItems.of(List.of("<img src=x onerror=alert(1)>"), "(none)"));
        assertEquals("<p><a href=\"https://evil.example/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;\">"
                + "&lt;b&gt;Owned&lt;/b&gt; &amp; &#39;quoted&#39;</a> &lt;img src=x onerror=alert(1)&gt;</p>\n",
                c.render("page", "en", m), "every value escaped");
        assertEquals("Notice INC-1 for <b>: Emergency", c.render("notice", "en", model("en", c.labels("en"), "<b>"))
                .lines().findFirst().orElseThrow(), "text templates print values as they are");
    }

    @Test
    void missingValueAtRenderTimeIsAnErrorNamingFileAndLineNeverABlank() throws Exception {
        write("en/demo/notice.ftl", "Notice ${incident.id}\n<#if customer == \"late\">\nby ${incident.owner}\n</#if>\n");
        TemplateCatalogue c = service().open(DEMO);
        assertEquals(List.of(), c.problems(), "the sample does not reach the branch");

        TemplateRenderException e = assertThrows(TemplateRenderException.class,
                () -> c.render("notice", "en", model("en", c.labels("en"), "late")));
        assertEquals(3, e.problem().line(), "line: " + e.getMessage());
        assertTrue(e.getMessage().startsWith(etc.resolve("en/demo/notice.ftl") + ":3:6: unknown name or no value: "
                + "${incident.owner}"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> c.render("nope", "en", Map.of()), "unknown template");
    }

    @Test
    void changedFilesAreReloadedAndUnchangedOnesAreNot() throws Exception {
        FreemarkerTemplates service = service();
        TemplateCatalogue c = service.open(DEMO);
        assertEquals(List.of(), service.reloadChanged(), "nothing changed");

        write("en/demo/notice.ftl", "Notice v2 ${incident.id}\n");
        assertEquals(List.of(c), service.reloadChanged(), "new file seen");
        assertEquals("Notice v2 INC-1\n", notice(c, "en"), "new text used");

        Path file = etc.resolve("en/demo/notice.ftl");
        Files.writeString(file, "Notice v3 ${incident.id}\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(Files.getLastModifiedTime(file).toMillis() + 2000));
        assertEquals(List.of(c), service.reloadChanged(), "edited file seen");
        assertEquals("Notice v3 INC-1\n", notice(c, "en"), "edited text used");
        assertEquals(List.of(), service.reloadChanged(), "nothing changed since");
    }

    @Test
    void listsPrintAsBulletsOrNumbersAndEmptyOnesPrintTheirNoneText() throws Exception {
        write("en/demo/notice.ftl", "Notice\n${bullets(attackers)}\n${numbered(lines)}\n${bullets(references)}\n"
                + "${numbered(plain)}|${attackers?upper_case}|<#list attackers as a>[${a}]</#list>\n");
        FreemarkerTemplates service = service();
        TemplateSet set = new TemplateSet("demo", DEMO.defaults(), DEMO.bundledLanguages(), List.of(new TemplateSpec(
                "notice", TemplateSpec.Format.TEXT, (lang, labels) -> {
                    Map<String, Object> m = model(lang, labels, "ACME");
                    m.put("lines", TextItems.lines("  first\n\n second  \n", "(none)"));
                    m.put("plain", List.of("a", " ", "b"));
                    return m;
                }, null)), null);
        TemplateCatalogue c = service.open(set);
        assertEquals(List.of(), c.problems(), "loads");
        Map<String, Object> m = model("en", c.labels("en"), "ACME");
        m.put("lines", TextItems.lines("  first\n\n second  \n", "(none)"));
        m.put("plain", List.of("a", " ", "b"));
        assertEquals("Notice\n- 203.0.113.7\n- 198.51.100.23\n1. first\n2. second\n(none)\n1. a\n2. b|"
                + "203.0.113.7, 198.51.100.23|[203.0.113.7][198.51.100.23]\n", c.render("notice", "en", m), "formats");
    }
}
