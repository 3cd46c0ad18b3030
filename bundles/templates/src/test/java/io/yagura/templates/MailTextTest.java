package io.yagura.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** How every area's mail template (notices, reports, advisories) becomes a subject and a body. */
class MailTextTest {

    @Test
    void theFirstLineIsTheSubjectAndTheEmptyLineAfterItIsDropped() {
        MailText m = MailText.split("Subject: [Yagura] Report 2026-11\n\nDear team,\n\nsee attached.\n");
        assertEquals("[Yagura] Report 2026-11", m.subject());
        assertEquals("Dear team,\n\nsee attached.\n", m.body());
    }

    @Test
    void theSubjectIsOneLineAndTheBodyEndsWithOneLineBreak() {
        MailText m = MailText.split("Subject:  a\t\tb   c \r\n\r\nline 1\r\n  indented\r\n\n\n  \n");
        assertEquals("a b c", m.subject(), "tabs and runs of spaces made one space");
        assertEquals("line 1\n  indented\n", m.body(), "CR LF read as LF; trailing blank lines dropped");
    }

    @Test
    void onlyTheOneEmptyLineAfterTheSubjectIsDropped() {
        assertEquals("\nbody\n", MailText.split("Subject: x\n\n\nbody").body());
        assertEquals("body\n", MailText.split("Subject: x\nbody").body(), "no empty line: the body starts at once");
        assertEquals("\n", MailText.split("Subject: only").body(), "no body");
    }

    @Test
    void theLoadCheckAcceptsTheSubjectLineInAnyCaseAndNamesWhatIsMissing() {
        assertNull(MailText.STARTS_WITH_SUBJECT.problem("Subject: x\n\nbody"));
        assertNull(MailText.STARTS_WITH_SUBJECT.problem("SUBJECT: x\n\nbody"));
        assertEquals("the mail must start with the line 'Subject: ...' (after the <#-- comments -->)",
                MailText.STARTS_WITH_SUBJECT.problem("Dear team,\n"));
        assertEquals("x", MailText.split("subject: x").subject());
    }

    @Test
    void aMailTemplateIsPlainTextCheckedForItsSubjectLine() {
        TemplateSpec spec = MailText.template("incident", (language, labels) -> java.util.Map.of());
        assertEquals(TemplateSpec.Format.TEXT, spec.format());
        assertEquals(MailText.STARTS_WITH_SUBJECT, spec.check());
    }
}
