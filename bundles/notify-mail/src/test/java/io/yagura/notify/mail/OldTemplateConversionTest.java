package io.yagura.notify.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.incident.Level;
import io.yagura.templates.TemplateProblem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The operator's templates of the first engine, converted at start (their rendering: {@link MailParityTest}). */
class OldTemplateConversionTest {

    @TempDir
    Path etc;

    @Test
    void oldFilesAreConvertedNextToThemAndKeptAsBak() throws Exception {
        MailParityTest.copyOldOverrides(etc);
        List<Path> written = OldTemplateConversion.convertAll(etc);

        assertEquals(List.of(etc.resolve("en/mail/incident.ftl"), etc.resolve("en/mail/digest-item.ftl"),
                etc.resolve("en/mail/labels.properties"), etc.resolve("ja/mail/labels.properties")), written, "written");
        for (String old : List.of("en/incident.txt", "en/digest-item.txt", "en/labels.properties", "ja/labels.properties")) {
            assertFalse(Files.exists(etc.resolve(old)), old + " moved away");
            assertTrue(Files.isRegularFile(etc.resolve(old + ".bak")), old + " kept as .bak");
        }
        assertEquals("""
                <#-- operator's version of the English incident notice -->
                Subject: ALERT ${level.label?upper_case} ${incident.id} ${customer.name}

                Custom notice for ${customer.name} (costs ${"$"}{price} ${"<"}#if> #{x}).
                Attackers:
                ${bullets(attackers)}
                """, Files.readString(etc.resolve("en/mail/incident.ftl")).lines().limit(6)
                .map(l -> l + "\n").reduce("", String::concat), "converted text");
        assertEquals(List.of(), OldTemplateConversion.convertAll(etc), "nothing left to convert on the next start");
    }

    @Test
    void anUnknownOldPlaceholderIsConvertedAndThenReportedWithFileAndLine() throws Exception {
        write("en/incident.txt", "# comment\nSubject: {{incident.id}}\n\nOops {{incident.severity}}\n");
        OldTemplateConversion.convertAll(etc);
        MailTemplates t = Fixtures.templates(etc);
        assertEquals(List.of(etc.resolve("en/mail/incident.ftl") + ":4:8: unknown name or no value: ${incident.severity}"),
                t.problems().stream().map(TemplateProblem::toString).toList(), "reported by the load check");
    }

    @Test
    void aFileTheOldEngineRefusedIsLeftAloneAndTheBundledTemplateIsUsed() throws Exception {
        write("en/incident.txt", "Subject: {{incident.id}\n\nbody\n");
        OldTemplateConversion.convertAll(etc);
        assertTrue(Files.isRegularFile(etc.resolve("en/incident.txt")), "left in place");
        assertFalse(Files.exists(etc.resolve("en/mail/incident.ftl")), "not converted");
        assertTrue(Fixtures.templates(etc).incident(Fixtures.incident(Level.EMERGENCY, false), Fixtures.notice("N",
                "incident", "en", Level.EMERGENCY, null), "ACME").subject().startsWith("[Yagura][EMERGENCY]"), "bundled");
    }

    @Test
    void anOldFileIsNotConvertedOverANewOne() throws Exception {
        write("en/incident.txt", "Subject: old {{incident.id}}\n\nbody\n");
        write("en/mail/incident.ftl", "Subject: new ${incident.id}\n\nbody\n");
        assertEquals(List.of(), OldTemplateConversion.convertAll(etc), "nothing written");
        assertEquals("Subject: new ${incident.id}\n\nbody\n", Files.readString(etc.resolve("en/mail/incident.ftl")),
                "the new file is kept");
        assertTrue(Files.isRegularFile(etc.resolve("en/incident.txt")), "the old file stays, with a warning");
    }

    private void write(String relative, String text) throws Exception {
        Path p = etc.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }
}
