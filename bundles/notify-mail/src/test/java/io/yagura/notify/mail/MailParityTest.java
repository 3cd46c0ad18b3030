package io.yagura.notify.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mails of today, byte for byte: every mail kind in every bundled language, and one
 * operator override in the old syntax, compared with the texts the first template engine
 * produced (committed under {@code src/test/resources/parity/} before it was replaced). Run with
 * {@code -Dparity.write=<dir>} to write the current texts to a directory instead.
 */
class MailParityTest {

    static final Instant DETECTED = Instant.parse("2026-11-27T03:04:05Z");
    static final Instant CREATED = Instant.parse("2026-11-27T03:05:00Z");

    /** Every case: its fixture name → the rendered mail as "Subject: ..." + empty line + body. */
    static Map<String, String> renderAll(MailTemplates t) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String lang : List.of("en", "ja")) {
            for (Level level : Level.values()) {
                out.put("incident-" + level.name().toLowerCase() + "." + lang,
                        text(t.incident(full(level), notice("N-" + level, "incident", lang, level), "ACME 株式会社")));
            }
            out.put("incident-empty." + lang, text(t.incident(empty(), notice("N-E", "incident", lang, null), null)));
            out.put("all-clear." + lang,
                    text(t.allClear(full(Level.WARNING), notice("N-AC", "all-clear", lang, Level.WARNING), "ACME")));
            out.put("digest." + lang, text(t.digest(notice("D-1", "digest", lang, null), "ACME",
                    LocalDate.of(2026, 11, 27), List.of(full(Level.WARNING), empty(), full(Level.INFORMATIONAL)))));
            out.put("digest-empty." + lang, text(t.digest(notice("D-2", "digest", lang, null), null,
                    LocalDate.of(2026, 11, 28), List.of())));
        }
        return out;
    }

    /** The operator's old-syntax override directory used by the parity of conversion. */
    static Map<String, String> renderOverride(MailTemplates t) {
        return Map.of("override-incident.en",
                text(t.incident(full(Level.EMERGENCY), notice("N-O", "incident", "en", Level.EMERGENCY), "ACME")),
                "override-digest.en", text(t.digest(notice("D-O", "digest", "en", null), "ACME",
                        LocalDate.of(2026, 11, 27), List.of(full(Level.WARNING), empty()))));
    }

    @Test
    void everyBundledMailIsTheSameAsBefore() throws Exception {
        compare(renderAll(Fixtures.templates()));
    }

    @Test
    void anOldSyntaxOverrideConvertedAtStartRendersTheSameAsBefore(@TempDir Path etc) throws Exception {
        copyOldOverrides(etc);
        OldTemplateConversion.convertAll(etc);
        MailTemplates converted = Fixtures.templates(etc);
        assertEquals(List.of(), converted.problems(), "the converted files load");
        compare(renderOverride(converted));
    }

    /** The old-syntax operator files of src/test/resources/parity/old-overrides, copied to {@code etc}. */
    static void copyOldOverrides(Path etc) throws IOException {
        Path from = Path.of("src/test/resources/parity/old-overrides");
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Path to = etc.resolve(from.relativize(f).toString());
                Files.createDirectories(to.getParent());
                Files.copy(f, to);
            }
        }
    }

    static void compare(Map<String, String> rendered) throws IOException {
        String write = System.getProperty("parity.write");
        for (Map.Entry<String, String> e : rendered.entrySet()) {
            if (write != null) {
                Files.writeString(Path.of(write, e.getKey() + ".txt"), e.getValue(), StandardCharsets.UTF_8);
                continue;
            }
            assertEquals(fixture(e.getKey()), e.getValue(), "mail " + e.getKey() + " differs from before");
        }
    }

    private static String fixture(String name) throws IOException {
        try (InputStream in = MailParityTest.class.getResourceAsStream("/parity/" + name + ".txt")) {
            if (in == null) {
                throw new IOException("no fixture parity/" + name + ".txt");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String text(RenderedMail m) {
        return "Subject: " + m.subject() + "\n\n" + m.body();
    }

    /** An incident with every field set, several addresses, references and a two-line analysis. */
    static Incident full(Level level) {
        return Incident.builder().id("INC-20261127-00000" + level.ordinal()).customerId("acme")
                .key("acme/web-sqli/192.0.2.10").proposedLevel(level).status(IncidentStatus.TRIAGED)
                .category("intrusion").title("Attack succeeded: SQL injection on web01 <answered> 200")
                .attackers(List.of("203.0.113.7", " 198.51.100.23 ", "")).targets(List.of("192.0.2.10"))
                .rules(List.of("web-sqli-success", "jsig-0042"))
                .rationale(List.of("Rule web-sqli-success matched UNION SELECT in the query string.",
                        "The server answered 200 with 48 kB: the attack likely succeeded."))
                .eventCount(1234).firstSeen(DETECTED.minusSeconds(60)).lastSeen(DETECTED).detectedAt(DETECTED)
                .deadline(level.defaultDeadline() == null ? null : DETECTED.plus(level.defaultDeadline()))
                .analysis("  The attacker extracted rows of the users table.\nSee the evidence in /search.  ")
                .countermeasures("攻撃元 203.0.113.7 を遮断してください。")
                .references(List.of("https://owasp.org/www-community/attacks/SQL_Injection?a=1&b=${x}",
                        "CVE-2026-0001"))
                .version(3).build();
    }

    /** An incident with nothing optional: no analysis, no lists, no deadline, an unlabelled category. */
    static Incident empty() {
        return Incident.builder().id("INC-20261127-000099").customerId("beta").key("k").proposedLevel(Level.LOW)
                .status(IncidentStatus.NEW).category("odd-category").title("{{not a placeholder}} <#if>")
                .eventCount(1).firstSeen(DETECTED).lastSeen(DETECTED).detectedAt(DETECTED).version(1).build();
    }

    static Notification notice(String id, String kind, String language, Level level) {
        return new Notification(id, "INC-20261127-000001", "acme", kind, "mail", "security@acme.example", language,
                level, CREATED, "pending", level == null || level.defaultDeadline() == null ? null
                : CREATED.plus(level.defaultDeadline()), null, null);
    }
}
