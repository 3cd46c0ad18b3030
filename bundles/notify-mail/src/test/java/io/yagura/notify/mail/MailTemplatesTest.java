package io.yagura.notify.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import io.yagura.templates.TemplateProblem;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rendering of notices from the bundled templates and from an operator's directory. */
class MailTemplatesTest {

    @TempDir
    Path dir;

    private void write(String relative, String text) throws Exception {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text, StandardCharsets.UTF_8);
    }

    private List<String> problems(MailTemplates t) {
        return t.problems().stream().map(TemplateProblem::toString).toList();
    }

    @Test
    void levelLabelsAreDocumentedPerLanguage() {
        MailTemplates t = Fixtures.templates();
        assertEquals(List.of("緊急", "重要", "警告", "情報", "低"),
                List.of(Level.values()).stream().map(l -> t.levelLabel("ja", l)).toList(), "Japanese labels");
        assertEquals(List.of("Emergency", "Critical", "Warning", "Informational", "Low"),
                List.of(Level.values()).stream().map(l -> t.levelLabel("en", l)).toList(), "English labels");
        assertEquals("ja", t.resolveLanguage("ja-JP"), "ja-JP uses ja");
        assertEquals("en", t.resolveLanguage("fr"), "unknown language falls back to English");
        assertEquals(List.of(), t.problems(), "the bundled templates load without a problem");
    }

    @Test
    void emptyValuesPrintNone() {
        Incident i = Fixtures.incident("INC-1", Level.CRITICAL, "t");
        RenderedMail m = Fixtures.templates().incident(i,
                Fixtures.notice("N", "incident", "en", Level.CRITICAL, null), null);
        assertTrue(m.body().contains("Analysis\n--------\n(none)"), "missing analysis shows (none)");
        assertTrue(m.body().contains("Notice due:   (no deadline)"), "no deadline shown");
        assertTrue(m.body().contains("Customer:     acme"), "customer id when no name is known");
    }

    @Test
    void allClearRendersInEnglishAndJapanese() {
        MailTemplates t = Fixtures.templates();
        Incident i = Fixtures.incident(Level.WARNING, false);
        RenderedMail en = t.allClear(i, Fixtures.notice("N1", "all-clear", "en", Level.WARNING, null), "ACME");
        RenderedMail ja = t.allClear(i, Fixtures.notice("N2", "all-clear", "ja", Level.WARNING, null), "ACME");
        assertEquals("[Yagura][ALL CLEAR] " + Fixtures.INCIDENT_ID + " " + Fixtures.TITLE_EN, en.subject(), "en subject");
        assertTrue(en.body().contains("Level:        Warning"), "en level");
        assertTrue(en.body().contains(Fixtures.ANALYSIS_EN), "en analysis");
        assertEquals("[Yagura][解決] " + Fixtures.INCIDENT_ID + " " + Fixtures.TITLE_EN, ja.subject(), "ja subject");
        assertTrue(ja.body().contains("重要度:       警告 (WARNING)"), "ja level");
        assertTrue(ja.body().contains("追加の対応は不要です"), "ja all-clear text");
        assertEquals("ja", ja.language(), "language");
    }

    @Test
    void blockPlacedListsEachActiveBlockInEnglishAndJapaneseAndSaysWhenNoneIsLeft() {
        MailTemplates t = Fixtures.templates();
        Incident i = Fixtures.incident(Level.EMERGENCY, false);
        java.time.Instant placed = java.time.Instant.parse("2026-12-05T10:00:00Z");
        List<io.yagura.api.response.Block> blocks = List.of(
                new io.yagura.api.response.Block("BLK-1", "acme", "acme-fw1", "203.0.113.66", false, i.id(),
                        io.yagura.api.response.BlockState.ACTIVE, "auto", "Emergency", placed, placed,
                        placed.plusSeconds(86_400), null, "verified", 2),
                new io.yagura.api.response.Block("BLK-2", "acme", "acme-fw2", "198.51.100.0/24", false, i.id(),
                        io.yagura.api.response.BlockState.ACTIVE, "soc-yamada", "same campaign", placed, placed,
                        placed.plusSeconds(3_600), null, "verified", 2));
        RenderedMail en = t.blockPlaced(i, Fixtures.notice("N1", "block-placed", "en", Level.EMERGENCY, null), "ACME",
                blocks);
        assertTrue(en.subject().startsWith("[Yagura][BLOCKED] " + i.id()), en.subject());
        assertTrue(en.body().contains("203.0.113.66 on acme-fw1: placed 2026-12-05 10:00:00 UTC, removed "
                + "2026-12-06 10:00:00 UTC (reference BLK-1)"), en.body());
        assertTrue(en.body().contains("198.51.100.0/24 on acme-fw2"), en.body());
        RenderedMail ja = t.blockPlaced(i, Fixtures.notice("N2", "block-placed", "ja", Level.EMERGENCY, null), "ACME",
                blocks);
        assertTrue(ja.subject().contains("遮断実施"), ja.subject());
        assertTrue(ja.body().contains("203.0.113.66 (acme-fw1)") && ja.body().contains("参照番号 BLK-1"), ja.body());
        RenderedMail ended = t.blockPlaced(i, Fixtures.notice("N3", "block-placed", "en", Level.EMERGENCY, null),
                "ACME", List.of());
        assertTrue(ended.body().contains("the block has already ended"), ended.body());
    }

    @Test
    void digestRendersEveryIncidentWithASummary() {
        MailTemplates t = Fixtures.templates();
        List<Incident> incidents = List.of(Fixtures.incident("INC-7", Level.WARNING, "Blocked exploit"),
                Fixtures.incident("INC-8", Level.INFORMATIONAL, "Port scan"),
                Fixtures.incident("INC-9", Level.INFORMATIONAL, "Another scan"));
        Notification n = new Notification("D1", null, "acme", "digest", "mail", "a@b.example", "ja", null,
                Instant.now(), "pending", null, null, null);
        RenderedMail ja = t.digest(n, "ACME", LocalDate.of(2026, 11, 27), incidents);
        assertEquals("[Yagura][日次報告] ACME 2026-11-27: 3 件", ja.subject(), "ja digest subject");
        assertTrue(ja.body().contains("(警告: 1, 情報: 2)"), "summary per level: " + ja.body());
        assertTrue(ja.body().contains("* [警告] INC-7 Blocked exploit"), "first item");
        assertTrue(ja.body().contains("* [情報] INC-9 Another scan"), "last item");
        assertTrue(ja.body().contains("検知 2026-11-27 12:00:00 JST"), "time in Japan time");

        RenderedMail empty = t.digest(new Notification("D2", null, "acme", "digest", "mail", "a@b.example", "en",
                null, Instant.now(), "pending", null, null, null), null, LocalDate.of(2026, 11, 27), List.of());
        assertTrue(empty.body().contains("No incidents in this period."), "empty digest");
        assertEquals("[Yagura][DIGEST] acme 2026-11-27: 0 incident(s)", empty.subject(), "empty digest subject");
    }

    @Test
    void operatorFilesOverrideBundledFilesAndLabels() throws Exception {
        write("en/mail/incident.ftl", "<#-- operator's version -->\nSubject: ALERT ${level.label?upper_case} "
                + "${incident.id}\n\nCustom notice for ${customer.name}.\nAttackers:\n${bullets(attackers)}\n");
        write("en/mail/labels.properties", "level.EMERGENCY = Red alert\n");
        MailTemplates t = Fixtures.templates(dir);
        Incident i = Fixtures.incident(Level.EMERGENCY, false);

        RenderedMail en = t.incident(i, Fixtures.notice("N", "incident", "en", Level.EMERGENCY, Duration.ZERO), "ACME");
        assertEquals("ALERT RED ALERT " + Fixtures.INCIDENT_ID, en.subject(), "subject from the override");
        assertEquals("Custom notice for ACME.\nAttackers:\n- 203.0.113.7\n- 198.51.100.23\n", en.body(),
                "body from the override");
        RenderedMail ja = t.incident(i, Fixtures.notice("N", "incident", "ja", Level.EMERGENCY, Duration.ZERO), "ACME");
        assertTrue(ja.subject().startsWith("[Yagura][緊急]"), "Japanese still bundled");
        assertTrue(t.allClear(i, Fixtures.notice("N", "all-clear", "en", Level.EMERGENCY, null), "ACME").body()
                .contains("Level:        Red alert"), "overridden label used by the bundled all-clear");
    }

    @Test
    void newLanguageInTheDirectoryFallsBackToEnglishFiles() throws Exception {
        write("de/mail/labels.properties", "level.EMERGENCY = Notfall\ntime.zone = Europe/Berlin\n");
        write("de/mail/incident.ftl", "Subject: [Yagura][${level.label}] ${incident.id}\n\n${analysis}\n");
        MailTemplates t = Fixtures.templates(dir);
        Incident i = Fixtures.incident(Level.EMERGENCY, false);
        assertTrue(t.languages().contains("de"), "de available");
        assertEquals("[Yagura][Notfall] " + Fixtures.INCIDENT_ID,
                t.incident(i, Fixtures.notice("N", "incident", "de", Level.EMERGENCY, null), null).subject(), "de subject");
        assertTrue(t.digest(Fixtures.notice("N", "digest", "de", null, null), null, LocalDate.of(2026, 1, 1), List.of())
                .subject().startsWith("[Yagura][DIGEST]"), "missing files come from English");
    }

    @Test
    void unknownPlaceholderIsReportedWithFileAndLineAndTheBundledTemplateIsUsed() throws Exception {
        write("en/mail/incident.ftl", "<#-- comment -->\nSubject: ${incident.id}\n\nLevel ${level.label}\n"
                + "Oops ${incident.severity}\n");
        MailTemplates t = Fixtures.templates(dir);
        assertEquals(List.of(dir.resolve("en/mail/incident.ftl") + ":5:8: unknown name or no value: ${incident.severity}"),
                problems(t), "file, line and column named");
        assertTrue(t.incident(Fixtures.incident(Level.EMERGENCY, false), Fixtures.notice("N", "incident", "en",
                Level.EMERGENCY, null), "ACME").subject().startsWith("[Yagura][EMERGENCY]"), "bundled template used");
    }

    @Test
    void otherTemplateMistakesAreReportedWithFileAndLine() throws Exception {
        write("ja/mail/digest.ftl", "Subject: ${digest.date}\n\n${incident.id}\n");
        write("ja/mail/all-clear.ftl", "Subject: ${incident.id\n\nbody\n");
        write("ja/mail/incident.ftl", "Hello ${customer.name}\n");
        write("ja/mail/incidnet.ftl", "Subject: x\n\n");
        List<String> problems = problems(Fixtures.templates(dir));
        Path ja = dir.resolve("ja/mail");
        assertEquals(4, problems.size(), "problems: " + problems);
        assertTrue(problems.contains(ja.resolve("digest.ftl") + ":3:3: unknown name or no value: ${incident}"),
                "incident names are not known in the digest: " + problems);
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(ja.resolve("all-clear.ftl")
                + ":3:1: Encountered \"body\", but was expecting one of these patterns:")),
                "syntax error where the parser finds it (the unclosed ${ of line 1 runs on): " + problems);
        assertTrue(problems.contains(ja.resolve("incident.ftl")
                + ": the mail must start with the line 'Subject: ...' (after the <#-- comments -->)"), "no subject");
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(ja.resolve("incidnet.ftl") + ": unknown file, not used")),
                "misspelt file: " + problems);
    }

    @Test
    void aValueMissingInABranchTheLoadCheckCouldNotReachFailsTheNoticeWithFileAndLine() throws Exception {
        write("en/mail/incident.ftl", "Subject: ${incident.id}\n\n<#if incident.events == \"12\">\n${incident.owner}\n"
                + "</#if>\n");
        MailTemplates t = Fixtures.templates(dir);
        assertEquals(List.of(), t.problems(), "the sample incident has 1 event: the branch is not reached at load");
        RecordingLog log = new RecordingLog();
        try (MailChannel channel = new MailChannel(Fixtures.settings("127.0.0.1", Fixtures.freePort()).build(), t, log)) {
            Notification failed = channel.deliver(Fixtures.notice("N-R", "incident", "en", Level.CRITICAL, null),
                    Fixtures.incident(Level.CRITICAL, false)).get(20, TimeUnit.SECONDS);
            assertEquals("failed", failed.status(), "failed at once, not retried");
            assertEquals(1, log.attempts.size(), "one attempt: " + log.attempts);
            assertEquals("cannot render the notice: " + dir.resolve("en/mail/incident.ftl")
                    + ":4:3: unknown name or no value: ${incident.owner}", log.failReasons.get("N-R"), "reason");
        }
    }

    @Test
    void badTimeZoneInLabelsIsReportedAndTheBundledLabelsAreUsed() throws Exception {
        write("en/mail/labels.properties", "time.zone = Mars/Olympus\n");
        MailTemplates t = Fixtures.templates(dir);
        assertTrue(problems(t).get(0).startsWith(dir.resolve("en/mail/labels.properties") + ": time.zone or time.pattern:"),
                "problem: " + problems(t));
        assertTrue(t.incident(Fixtures.incident("INC-1", Level.LOW, "t"), Fixtures.notice("N", "incident", "en",
                Level.LOW, null), null).body().contains("Detected:     2026-11-27 03:00:00 UTC"), "bundled time zone");
    }

    @Test
    void missingDirectoryMeansBundledTemplates() {
        MailTemplates t = Fixtures.templates(dir.resolve("does-not-exist"));
        assertEquals(List.of("en", "ja"), List.copyOf(t.languages()), "bundled languages");
    }
}
