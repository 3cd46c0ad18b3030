package io.yagura.report;

import static io.yagura.report.MonthOfIncidents.NOVEMBER;
import static io.yagura.report.MonthOfIncidents.TOKYO;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.yagura.api.notify.Mailer;
import io.yagura.api.report.MonthlyReport;
import io.yagura.notify.mail.SmtpMailer;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduler's run against the real stores and a real SMTP server: reports of finished months
 * made once, caught up after a downtime, mailed to the report contacts in their languages with
 * every delivery recorded, a failed mail tried again at the next run.
 */
class ReportScheduleTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(true);

    @TempDir
    Path dir;
    MonthOfIncidents month;

    @BeforeEach
    void setUp() throws Exception {
        month = new MonthOfIncidents(dir.resolve("templates"));
    }

    private ReportMaker maker(Clock clock, Mailer mailer, int catchUp) {
        return new ReportMaker(month.collector(clock), new ReportTexts(month.templates.open(ReportTexts.SET)),
                new ReportPdf(ReportContentTest.FONT), month.reports, mailer, month.registry,
                new ReportMaker.Settings(TOKYO, 10, true, 3, catchUp, "en"), clock, month.templates, null);
    }

    private Mailer greenMail() {
        return new SmtpMailer(SMTP.getSmtp().getBindTo(), SMTP.getSmtp().getPort());
    }

    private static String to(MimeMessage m) throws Exception {
        return m.getRecipients(Message.RecipientType.TO)[0].toString();
    }

    @Test
    void aRunMakesLastMonthOnceAndMailsTheReportContactsInTheirLanguages() throws Exception {
        ReportMaker maker = maker(MonthOfIncidents.decemberSecond(), greenMail(), 3);
        maker.runScheduled();

        assertEquals(List.of(NOVEMBER), month.reports.list("acme").stream().map(MonthlyReport::month).toList(),
                "no report yet: last month only, not months before the customer was one");
        assertEquals(1, month.reports.list("globex").size());
        MimeMessage[] mails = SMTP.getReceivedMessages();
        assertEquals(3, mails.length, "acme's 2 report contacts and globex's 1; not the night desk");
        for (MimeMessage m : mails) {
            String to = to(m);
            assertNotEquals("ops@acme.example", to, "a contact without the channel 'report' gets no report");
            String subject = m.getSubject();
            if (to.equals("hanako@acme.example")) {
                assertEquals("[Yagura] 2026-11 月次セキュリティレポート (ACME 株式会社 様)", subject);
            } else {
                assertTrue(subject.startsWith("[Yagura] Monthly security report 2026-11 for "), subject);
            }
            Multipart parts = (Multipart) m.getContent();
            String file = MimeUtility.decodeText(parts.getBodyPart(1).getFileName());
            assertTrue(file.matches("yagura-report-(acme|globex)-2026-11\\.pdf"), file);
            byte[] pdf = parts.getBodyPart(1).getInputStream().readAllBytes();
            String customer = file.contains("acme") ? "acme" : "globex";
            assertArrayEquals(month.reports.content(month.reports.find(customer, NOVEMBER).orElseThrow().id())
                    .orElseThrow(), pdf, "the PDF mailed is the PDF stored");
        }
        MonthlyReport november = month.reports.find("acme", NOVEMBER).orElseThrow();
        assertEquals("scheduler", november.createdBy());
        List<ReportDelivery> deliveries = month.reports.deliveries(november.id());
        assertEquals(List.of("hanako@acme.example", "john@acme.example"),
                deliveries.stream().map(ReportDelivery::address).toList());
        assertTrue(deliveries.stream().allMatch(d -> d.outcome().equals("delivered") && d.answer().startsWith("250")),
                "each delivery with the server's answer: " + deliveries);

        maker.runScheduled();
        assertEquals(november.id(), month.reports.find("acme", NOVEMBER).orElseThrow().id(), "not made twice");
        assertEquals(3, SMTP.getReceivedMessages().length, "not mailed twice");
    }

    @Test
    void afterADowntimeTheNextRunCatchesUpTheMonthsMissed() throws Exception {
        maker(MonthOfIncidents.decemberSecond(), greenMail(), 3).runScheduled();
        String november = month.reports.find("acme", NOVEMBER).orElseThrow().id();
        // the platform was down from December to 5 February: December and January are missing
        maker(Clock.fixed(Instant.parse("2027-02-05T00:00:00Z"), ZoneOffset.UTC), greenMail(), 3).runScheduled();
        assertEquals(List.of("2027-01", "2026-12", "2026-11"),
                month.reports.list("acme").stream().map(r -> r.month().toString()).toList());
        assertEquals(november, month.reports.find("acme", NOVEMBER).orElseThrow().id(), "November kept, not remade");
        assertEquals(9, SMTP.getReceivedMessages().length, "3 months x 3 report contacts, each once");
    }

    @Test
    void aReportMadeOnDemandBeforeItsMonthEndedIsMadeAgainAfterIt() throws Exception {
        Clock mid = Clock.fixed(Instant.parse("2026-11-15T03:00:00Z"), ZoneOffset.UTC);
        MonthlyReport partial = maker(mid, greenMail(), 3).make("acme", NOVEMBER, "portal:hanako");
        maker(MonthOfIncidents.decemberSecond(), greenMail(), 3).runScheduled();
        MonthlyReport whole = month.reports.find("acme", NOVEMBER).orElseThrow();
        assertNotEquals(partial.id(), whole.id(), "the half month is replaced by the whole month");
        assertEquals("scheduler", whole.createdBy());
        assertEquals(2, month.reports.deliveries(whole.id()).size(), "and mailed");
        assertEquals(List.of(NOVEMBER), month.reports.list("acme").stream().map(MonthlyReport::month).toList(),
                "nothing before the customer's oldest report");
    }

    @Test
    void aMailThatFailedIsTriedAgainAtTheNextRunUntilItsAttemptsAreUsed() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        maker(MonthOfIncidents.decemberSecond(), new SmtpMailer("127.0.0.1", closed), 1).runScheduled();
        String id = month.reports.find("acme", NOVEMBER).orElseThrow().id();
        List<ReportDelivery> failed = month.reports.deliveries(id);
        assertEquals(2, failed.size());
        assertTrue(failed.stream().allMatch(d -> d.outcome().equals("failed") && d.attempt() == 1
                && !d.answer().isBlank()), "the failure with its reason: " + failed);

        maker(MonthOfIncidents.decemberSecond(), greenMail(), 1).runScheduled();
        assertEquals(id, month.reports.find("acme", NOVEMBER).orElseThrow().id(), "the report is not remade");
        List<ReportDelivery> all = month.reports.deliveries(id);
        assertEquals(List.of("failed", "failed", "delivered", "delivered"),
                all.stream().map(ReportDelivery::outcome).toList());
        assertEquals(2, all.get(3).attempt(), "second attempt");
        assertEquals(3, SMTP.getReceivedMessages().length, "acme's two and globex's one");

        maker(MonthOfIncidents.decemberSecond(), greenMail(), 1).runScheduled();
        assertEquals(3, SMTP.getReceivedMessages().length, "delivered ones are not sent again");
    }

    @Test
    void onDemandMakingAgainReplacesTheStoredReport() throws Exception {
        ReportMaker maker = maker(MonthOfIncidents.decemberSecond(), greenMail(), 1);
        MonthlyReport first = maker.make("acme", NOVEMBER, "console:karaf");
        MonthlyReport again = maker.make("acme", NOVEMBER, "portal:hanako");
        assertNotEquals(first.id(), again.id());
        assertEquals(List.of(again), month.reports.list("acme"), "one report per customer and month");
        assertEquals(0, SMTP.getReceivedMessages().length, "made on demand without --mail: not mailed");
        assertTrue(month.reports.find(first.id()).isEmpty());
    }
}
