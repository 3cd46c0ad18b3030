package io.yagura.report;

import static io.yagura.report.MonthOfIncidents.FROM;
import static io.yagura.report.MonthOfIncidents.NOVEMBER;
import static io.yagura.report.MonthOfIncidents.TO;
import static io.yagura.report.MonthOfIncidents.TOKYO;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import io.yagura.api.report.MonthlyReport;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A November report made from the real stores, read back with pdftotext and PDFBox, and its
 * numbers compared with what the incident store holds (counted here, not by the report code).
 */
class ReportContentTest {

    static final Path FONT = Path.of("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf");

    @TempDir
    Path dir;
    MonthOfIncidents month;
    ReportMaker maker;

    @BeforeEach
    void setUp() throws Exception {
        month = new MonthOfIncidents(dir.resolve("templates"));
        maker = new ReportMaker(month.collector(MonthOfIncidents.decemberSecond()),
                new ReportTexts(month.templates.open(ReportTexts.SET)), new ReportPdf(FONT), month.reports, null,
                month.registry, new ReportMaker.Settings(TOKYO, 10, false, 3, 1, "en"),
                MonthOfIncidents.decemberSecond(), month.templates, null);
    }

    /** The customer's November incidents as the store lists them, by detection time in Tokyo. */
    private List<Incident> november(String customer) {
        return month.incidents.list(new IncidentStore.Filter(customer, null, null, null, 100_000)).stream()
                .filter(i -> !i.detectedAt().isBefore(FROM) && i.detectedAt().isBefore(TO)).toList();
    }

    private Map<String, Long> count(List<Incident> list, java.util.function.Function<Incident, List<String>> key) {
        return list.stream().flatMap(i -> key.apply(i).stream().distinct())
                .collect(Collectors.groupingBy(k -> k, Collectors.counting()));
    }

    private long breaches(List<Incident> list) {
        return list.stream().flatMap(i -> month.incidents.notifications(i.id()).stream())
                .filter(n -> n.deadline() != null && n.deliveredAt() != null && n.deliveredAt().isAfter(n.deadline()))
                .count();
    }

    private List<List<String>> bothExtractions(MonthlyReport r, String name) throws Exception {
        byte[] pdf = month.reports.content(r.id()).orElseThrow();
        return List.of(PdfText.pdftotext(PdfText.write(dir, name, pdf)), PdfText.pdfbox(pdf));
    }

    @Test
    void japaneseReportShowsTheStoresNumbersPerLevelCategoryAttackerAndSla() throws Exception {
        MonthlyReport r = maker.make("acme", NOVEMBER, "test");
        assertEquals("ja", r.language(), "acme's first report contact reads Japanese");
        List<Incident> list = november("acme");
        assertEquals(60, list.size(), "fixture: 60 incidents in November in Tokyo, the two at the edges left out");
        Map<String, String> levelJa = Map.of("EMERGENCY", "緊急", "CRITICAL", "重要", "WARNING", "警告",
                "INFORMATIONAL", "情報", "LOW", "低");
        Map<String, String> categoryJa = Map.of("intrusion", "侵入", "malware", "マルウェア", "reconnaissance", "偵察",
                "policy-violation", "ポリシー違反", "device-health", "機器の状態");
        Map<String, Long> levels = count(list, i -> List.of(i.level().name()));
        Map<String, Long> categories = count(list, i -> List.of(i.category()));
        Map<String, Long> attackers = count(list, Incident::attackers);
        String top = attackers.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
        long breaches = breaches(list);
        assertTrue(breaches > 0, "fixture has late notices");

        for (List<String> text : bothExtractions(r, "acme-ja.pdf")) {
            assertTrue(text.contains("月次セキュリティレポート 2026-11"), "title: " + text.subList(0, 3));
            for (Level l : Level.values()) {
                String line = levelJa.get(l.name()) + " " + levels.getOrDefault(l.name(), 0L);
                assertTrue(text.contains(line), "level row '" + line + "' in " + text);
            }
            assertTrue(text.contains("合計 60"), "total row");
            categories.forEach((c, n) -> assertTrue(text.contains(categoryJa.get(c) + " " + n),
                    "category row " + c + " " + n));
            assertTrue(text.contains(top + " " + attackers.get(top)), "top attacker " + top + " " + attackers.get(top));
            attackers.forEach((a, n) -> assertTrue(text.contains(a + " " + n), "attacker row " + a + " " + n));
            assertTrue(text.contains("期限超過 " + breaches), "SLA breaches " + breaches);
            assertTrue(text.contains("遮断件数 5"), "blocks placed in November (not October's, not the refused one)");
            assertTrue(text.contains("うち端末隔離 1"), "one quarantine");
            assertTrue(text.contains("拒否・失敗した遮断 1"), "the refused block");
            assertTrue(text.stream().anyMatch(l -> l.startsWith("acme-fw1 cisco-asa ASA 5525-X 99.58% 3h 00m 1")),
                    "acme-fw1 down 3 hours of 720: " + text);
            assertTrue(text.stream().anyMatch(l -> l.startsWith("acme-ips paloalto PA-3220 100.00% 0s 0")), "acme-ips");
            assertFalse(text.stream().anyMatch(l -> l.contains(MonthOfIncidents.GLOBEX_ONLY_ATTACKER)),
                    "nothing of globex in acme's report");
            assertFalse(text.stream().anyMatch(l -> l.contains("globex")), "no globex device either");
        }
    }

    @Test
    void originSeparatesInboundFromInternalByTheCustomersNetworks() throws Exception {
        MonthlyReport r = maker.make("acme", NOVEMBER, "test");
        List<Incident> list = november("acme");
        long internal = list.stream().filter(i -> i.attackers().contains("10.1.2.3")).count();
        long none = list.stream().filter(i -> i.attackers().isEmpty()).count();
        long inbound = list.size() - internal - none;
        assertTrue(internal > 0 && none > 0, "fixture has both");
        for (List<String> text : bothExtractions(r, "acme-origin.pdf")) {
            assertTrue(text.contains("外部から (攻撃元がお客様ネットワーク外) " + inbound), "inbound " + inbound);
            assertTrue(text.contains("内部・外向き (攻撃元がお客様ネットワーク内) " + internal), "internal " + internal);
            assertTrue(text.contains("攻撃元アドレスなし " + none), "no attacker " + none);
        }
    }

    @Test
    void englishReportForAnEnglishCustomerWithItsOwnNumbersOnly() throws Exception {
        MonthlyReport r = maker.make("globex", NOVEMBER, "test");
        assertEquals("en", r.language());
        List<Incident> list = november("globex");
        for (List<String> text : bothExtractions(r, "globex-en.pdf")) {
            assertTrue(text.contains("Monthly security report 2026-11"), "title");
            assertTrue(text.contains("Critical 1"), "critical");
            assertTrue(text.contains("Warning " + (list.size() - 1)), "warnings");
            assertTrue(text.contains("Emergency 0"), "levels without incidents print 0");
            assertTrue(text.contains(MonthOfIncidents.GLOBEX_ONLY_ATTACKER + " " + list.size()), "its attacker");
            assertTrue(text.contains("Past the deadline " + breaches(list)), "its breaches");
            assertTrue(text.contains("Blocks placed 0"), "no blocks of globex");
            assertFalse(text.stream().anyMatch(l -> l.contains("203.0.113.7")), "nothing of acme");
        }
    }

    @Test
    void theFontIsEmbeddedSoJapaneseShowsAnywhere() throws Exception {
        MonthlyReport r = maker.make("acme", NOVEMBER, "test");
        Path pdf = PdfText.write(dir, "fonts.pdf", month.reports.content(r.id()).orElseThrow());
        List<String> fonts = PdfText.pdffonts(pdf);
        assertFalse(fonts.isEmpty(), "the PDF names its fonts");
        for (String f : fonts) {
            // name type encoding emb sub uni object ID
            List<String> cols = List.of(f.trim().split("\\s+"));
            assertTrue(f.contains("IPAexGothic"), "only the configured font: " + f);
            assertEquals("yes", cols.get(cols.size() - 5), "embedded: " + f);
            assertEquals("yes", cols.get(cols.size() - 3), "has a ToUnicode map (extractable): " + f);
        }
    }

    @Test
    void anOperatorsTemplateFilesChangeTheReportsWords() throws Exception {
        Path ja = java.nio.file.Files.createDirectories(dir.resolve("templates/ja/report"));
        java.nio.file.Files.writeString(ja.resolve("labels.properties"), "title = 月例報告書\nlevel.EMERGENCY = 最優先\n");
        java.nio.file.Files.writeString(ja.resolve("summary.ftl"), "${customer.name} 様の ${month}: 全 ${incidents} 件。\n");
        ReportMaker changed = new ReportMaker(month.collector(MonthOfIncidents.decemberSecond()),
                new ReportTexts(month.templates.open(ReportTexts.SET)), new ReportPdf(FONT), month.reports, null,
                month.registry, new ReportMaker.Settings(TOKYO, 10, false, 3, 1, "en"),
                MonthOfIncidents.decemberSecond(), month.templates, null);
        List<String> text = PdfText.pdfbox(month.reports.content(changed.make("acme", NOVEMBER, "t").id()).orElseThrow());
        assertTrue(text.contains("月例報告書 2026-11"), "the operator's title");
        assertTrue(text.contains("ACME 株式会社 様の 2026-11: 全 60 件。"), "the operator's summary: " + text);
        long emergencies = november("acme").stream().filter(i -> i.level() == Level.EMERGENCY).count();
        assertTrue(text.contains("最優先 " + emergencies), "the operator's level name");
        assertTrue(text.contains("重要 " + november("acme").stream().filter(i -> i.level() == Level.CRITICAL).count()),
                "labels the operator left alone stay bundled");
    }

    @Test
    void aMissingFontIsAClearErrorNamingTheSetting() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new ReportPdf(dir.resolve("no-such-font.ttf")));
        assertTrue(e.getMessage().contains("fonts-ipaexfont") && e.getMessage().contains("font.path"), e.getMessage());
    }

    @Test
    void slaFactsCountLateAndUndeliveredNotices() {
        // a Critical notice still pending past its deadline is a breach too, never "in time"
        Instant at = FROM.plusSeconds(3600);
        month.incidents.create(Incident.builder().id("INC-PENDING").customerId("acme").key("k").proposedLevel(Level.CRITICAL)
                .status(io.yagura.api.incident.IncidentStatus.NEW).category("intrusion").title("t").detectedAt(at)
                .firstSeen(at).lastSeen(at).deadline(at.plusSeconds(900)).build());
        month.incidents.createNotification(new Notification("N-PENDING", "INC-PENDING", "acme", "incident", "mail",
                "soc@acme.example", "en", Level.CRITICAL, at, "pending", at.plusSeconds(900), null, null));
        MonthFacts f = month.collector(MonthOfIncidents.decemberSecond()).collect(
                month.registry.customer("acme").orElseThrow(), NOVEMBER, TOKYO, 10);
        List<Incident> list = november("acme");
        assertEquals(breaches(list) + 1, f.sla().breached(), "late ones plus the pending one");
        assertTrue(f.sla().breaches().stream().anyMatch(b -> b.incidentId().equals("INC-PENDING") && b.deliveredAt() == null));
        List<Notification> all = new ArrayList<>();
        list.forEach(i -> all.addAll(month.incidents.notifications(i.id())));
        assertEquals(all.size(), f.sla().notices(), "every notice with a deadline");
        assertEquals(all.size() - f.sla().breached(), f.sla().met(), "the rest were in time");
    }
}
