package io.yagura.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.advisory.Advisory;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Level;
import io.yagura.api.report.MonthlyReport;
import io.yagura.portal.account.Role;
import io.yagura.portal.web.Pages;
import io.yagura.templates.TemplateCatalogue;
import io.yagura.templates.TemplateSource;
import io.yagura.templates.freemarker.FreemarkerTemplates;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every portal page has its own Japanese template: rendered by the real routes for Japanese users
 * (customer and SOC), none shows a word of its English template, and every placeholder the
 * templates use is known (the template service renders them strictly at load and at every request).
 */
class JapanesePagesTest {

    // words both templates may show: the product, and abbreviations Japanese SOC portals keep in Latin letters
    private static final Set<String> KEPT = Set.of("Yagura", "SOC", "SLA", "PDF", "URL");
    private static final Pattern WORD = Pattern.compile("[A-Za-z_]{3,}");
    // stored values shown in the language's words (labels.properties): level, status, states, channels
    private static final Set<String> STORED_VALUES = Set.of("Emergency", "Critical", "Warning", "NEW", "TRIAGED",
            "UNKNOWN", "ACTIVE", "PENDING_APPROVAL", "mail", "portal", "pending", "delivered", "high");

    static PortalFixture portal;
    static WebClient kenji;
    static WebClient hiro;
    static Incident incident;

    @BeforeAll
    static void start() throws Exception {
        portal = new PortalFixture();
        kenji = portal.client().login("kenji", japaneseUser("kenji", Role.CUSTOMER, "acme"));
        hiro = portal.client().login("hiro", japaneseUser("hiro", Role.SOC, null));
        incident = portal.incident("acme", Level.CRITICAL, "管理者アカウントへの総当たり攻撃");
        portal.portalNotice(incident); // a notice on the incident's page: its channel and status in words
        portal.reports.put(new MonthlyReport("R-acme-2026-11", "acme", YearMonth.of(2026, 11), "ja", Instant.now(),
                "scheduler", 4), "%PDF".getBytes(StandardCharsets.US_ASCII));
        portal.advisories.put(new Advisory("ADV-7", "high", List.of("cisco-asa"), List.of(), Map.of("ja", "脆弱性の注意喚起"),
                Map.of("ja", "更新してください。"), Instant.now(), "soc", Instant.now()), List.of("acme"));
    }

    @AfterAll
    static void stop() throws Exception {
        portal.close();
    }

    private static String japaneseUser(String name, Role role, String customer) {
        portal.accounts.add(name, role, customer, name + "@example.net", "ja", "test");
        portal.accounts.sendLink(name, true, "test");
        String link = portal.mails.linkTo(name + "@example.net");
        String password = name + " の長いパスワード";
        portal.accounts.setPassword(link.substring(link.indexOf("token=") + 6), password.toCharArray());
        return password;
    }

    @Test
    void everyPageHasABundledJapaneseTemplateThatLoadsWithoutProblems() throws Exception {
        FreemarkerTemplates service = new FreemarkerTemplates(Files.createTempDirectory("ja-templates"));
        TemplateCatalogue catalogue = service.open(Pages.SET);
        // strict: a misspelt or unknown placeholder is a problem with its file and line here
        assertEquals(List.of(), catalogue.problems());
        Set<String> japanese = new TreeSet<>();
        for (TemplateSource s : catalogue.sources()) {
            if (s.language().equals("ja")) {
                assertEquals("bundle:templates/ja/portal/" + s.name() + ".ftlh", s.file(), "not the English one");
                japanese.add(s.name());
            }
        }
        assertEquals(new TreeSet<>(List.of("login", "password", "forgot", "incidents", "incident", "devices", "reports",
                "advisory", "contacts", "queue", "users")), japanese);
    }

    @Test
    void customerPagesInJapaneseShowNoEnglish() throws Exception {
        assertJapanese("devices", kenji.get("/portal/devices"));
        assertJapanese("reports", kenji.get("/portal/reports"));
        assertJapanese("advisory", kenji.get("/portal/advisories/ADV-7"));
        assertJapanese("contacts", kenji.get("/portal/contacts"));
        assertJapanese("incidents", kenji.get("/portal/incidents"));
        assertJapanese("incident", kenji.get("/portal/incidents/" + incident.id()));
    }

    @Test
    void socPagesInJapaneseShowNoEnglish() throws Exception {
        assertJapanese("queue", hiro.get("/portal/soc/queue"));
        assertJapanese("users", hiro.get("/portal/soc/users"));
        assertJapanese("incident", hiro.get("/portal/incidents/" + incident.id())); // with the triage forms
        assertJapanese("contacts", hiro.get("/portal/contacts?customer=acme")); // editable
        assertJapanese("devices", hiro.get("/portal/devices?customer=acme"));
        assertJapanese("reports", hiro.get("/portal/reports?customer=acme"));
    }

    /** The page is the Japanese template's: lang="ja", and none of the words its English template shows. */
    private static void assertJapanese(String page, HttpResponse<String> r) throws IOException {
        assertEquals(200, r.statusCode(), page + ": " + r.body());
        String html = r.body();
        assertTrue(html.contains("<html lang=\"ja\">"), page + " is not the Japanese template:\n" + html);
        Set<String> english = new TreeSet<>(englishWords(page));
        english.addAll(STORED_VALUES);
        Set<String> shown = new TreeSet<>();
        Matcher m = WORD.matcher(visibleText(html));
        while (m.find()) {
            if (english.contains(m.group())) {
                shown.add(m.group());
            }
        }
        assertEquals(Set.of(), shown, page + " shows words of its English template:\n" + visibleText(html));
    }

    /** The words the English template itself writes (its text and placeholders, not its values). */
    private static Set<String> englishWords(String page) throws IOException {
        String source;
        try (InputStream in = Pages.class.getResourceAsStream("/templates/en/portal/" + page + ".ftlh")) {
            source = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String text = visibleText(source.replaceAll("(?s)<#--.*?-->", "").replaceAll("\\$\\{[^}]*}", " ")
                .replaceAll("</?#[^>]*>", " "));
        Set<String> words = new TreeSet<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            if (!KEPT.contains(m.group())) {
                words.add(m.group());
            }
        }
        return words;
    }

    /** What a reader sees: text between tags, and the placeholder and title texts inside them. */
    private static String visibleText(String html) {
        StringBuilder out = new StringBuilder();
        Matcher attr = Pattern.compile("(?:placeholder|title)=\"([^\"]*)\"").matcher(html);
        while (attr.find()) {
            out.append(attr.group(1)).append('\n');
        }
        out.append(html.replaceAll("(?s)<script.*?</script>", " ").replaceAll("<[^>]*>", " "));
        return out.toString();
    }
}
