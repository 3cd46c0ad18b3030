package io.yagura.notify.mail;

import static io.yagura.notify.mail.Fixtures.ANALYSIS_EN;
import static io.yagura.notify.mail.Fixtures.ANALYSIS_JA;
import static io.yagura.notify.mail.Fixtures.COUNTERMEASURES_EN;
import static io.yagura.notify.mail.Fixtures.COUNTERMEASURES_JA;
import static io.yagura.notify.mail.Fixtures.CUSTOMER_ADDRESS;
import static io.yagura.notify.mail.Fixtures.INCIDENT_ID;
import static io.yagura.notify.mail.Fixtures.REFERENCE;
import static io.yagura.notify.mail.Fixtures.TITLE_EN;
import static io.yagura.notify.mail.Fixtures.TITLE_JA;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.yagura.api.incident.DeliveryAttempt;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Notices delivered to a real SMTP server (GreenMail, plain SMTP) and their proof of delivery. */
class MailDeliveryTest {

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(true);

    private final RecordingLog log = new RecordingLog();
    private MailChannel channel;

    @BeforeEach
    void start() throws Exception {
        MailSettings settings = Fixtures.settings(GREENMAIL.getSmtp().getBindTo(), GREENMAIL.getSmtp().getPort())
                .replyTo("soc-desk@yagura.example").build();
        channel = new MailChannel(settings, Fixtures.templates(), log);
        channel.customerNames(id -> "acme".equals(id) ? "ACME Corporation" : null);
    }

    @AfterEach
    void stop() {
        channel.close();
    }

    @Test
    void emergencyNoticeInEnglishArrivesWithHeadersBodyAndProofOfDelivery() throws Exception {
        Incident incident = Fixtures.incident(Level.EMERGENCY, false);
        Notification notice = Fixtures.notice("N-EN-1", "incident", "en", Level.EMERGENCY, Duration.ofMinutes(1));

        Notification result = channel.deliver(notice, incident).get(20, TimeUnit.SECONDS);

        MimeMessage[] received = GREENMAIL.getReceivedMessages();
        assertEquals(1, received.length, "exactly one mail received");
        MimeMessage m = received[0];
        assertEquals("[Yagura][EMERGENCY] " + INCIDENT_ID + " " + TITLE_EN, m.getSubject(), "subject");
        assertEquals(new InternetAddress(Fixtures.SOC_FROM), m.getFrom()[0], "From");
        assertEquals(new InternetAddress(CUSTOMER_ADDRESS), m.getRecipients(Message.RecipientType.TO)[0], "To");
        assertEquals(new InternetAddress("soc-desk@yagura.example"), m.getReplyTo()[0], "Reply-To");
        assertEquals(INCIDENT_ID, m.getHeader("X-Yagura-Incident", null), "header X-Yagura-Incident");
        assertEquals("<yagura.N-EN-1@yagura.example>", m.getMessageID(), "Message-ID derived from the notice");
        assertEquals("en", m.getHeader("Content-Language", null), "Content-Language");
        assertTrue(m.getContentType().toLowerCase().contains("charset=utf-8"), "UTF-8 text: " + m.getContentType());

        String body = (String) m.getContent();
        assertTrue(body.contains("Level:        Emergency"), "body names the level");
        assertTrue(body.contains("Customer:     ACME Corporation"), "body names the customer");
        assertTrue(body.contains("Attackers:    203.0.113.7, 198.51.100.23"), "body lists the attackers");
        assertTrue(body.contains("Targets:      192.0.2.10"), "body lists the targets");
        assertTrue(body.contains("Category:     intrusion"), "body gives the category");
        assertTrue(body.contains(ANALYSIS_EN), "body carries the analysis");
        assertTrue(body.contains(COUNTERMEASURES_EN), "body carries the countermeasures");
        assertTrue(body.contains("- " + REFERENCE), "body lists the references");
        assertTrue(body.contains("2. The server answered 200"), "body gives the rationale, numbered");
        assertTrue(body.contains("Detected:     ") && body.contains(" UTC"), "body gives the detection time in UTC");

        List<DeliveryAttempt> attempts = log.attemptsOf("N-EN-1");
        assertEquals(1, attempts.size(), "one attempt recorded");
        assertEquals("delivered", attempts.get(0).outcome(), "attempt outcome");
        assertTrue(attempts.get(0).answer().startsWith("250"), "server's 250 answer kept: " + attempts.get(0).answer());
        assertEquals(1, attempts.get(0).attempt(), "attempt number");

        assertEquals("delivered", result.status(), "notification status");
        assertNotNull(result.deliveredAt(), "deliveredAt set");
        assertEquals(Boolean.TRUE, result.deadlineMet(), "deadline met");
        assertEquals(result, log.delivered.get("N-EN-1"), "DeliveryLog told of the delivery");
        assertEquals(0, channel.inFlight(), "nothing left in flight");
    }

    @Test
    void emergencyNoticeInJapaneseIsDecodedAsUtf8WithJapaneseLabels() throws Exception {
        Incident incident = Fixtures.incident(Level.EMERGENCY, true);
        Notification notice = Fixtures.notice("N-JA-1", "incident", "ja", Level.EMERGENCY, Duration.ofMinutes(1));

        channel.deliver(notice, incident).get(20, TimeUnit.SECONDS);

        MimeMessage m = GREENMAIL.getReceivedMessages()[0];
        assertEquals("[Yagura][緊急] " + INCIDENT_ID + " " + TITLE_JA, m.getSubject(), "Japanese subject decoded");
        assertEquals("ja", m.getHeader("Content-Language", null), "Content-Language");
        assertTrue(m.getContentType().toLowerCase().contains("charset=utf-8"), "UTF-8 text: " + m.getContentType());
        String body = (String) m.getContent();
        assertTrue(body.contains("重要度:       緊急 (EMERGENCY)"), "body names the level in Japanese");
        assertTrue(body.contains("分類:         不正侵入"), "category label in Japanese");
        assertTrue(body.contains("攻撃元:       203.0.113.7, 198.51.100.23"), "attackers");
        assertTrue(body.contains("■ 分析結果\n" + ANALYSIS_JA), "analysis in Japanese");
        assertTrue(body.contains(COUNTERMEASURES_JA), "countermeasures in Japanese");
        assertTrue(body.contains(" JST"), "times in Japan time");
        assertEquals("delivered", log.attemptsOf("N-JA-1").get(0).outcome(), "attempt outcome");
    }

    @Test
    void criticalNoticeInJapaneseCarriesTheCriticalLabel() throws Exception {
        Incident incident = Fixtures.incident(Level.CRITICAL, true);
        Notification notice = Fixtures.notice("N-JA-2", "incident", "ja", Level.CRITICAL, Duration.ofMinutes(15));

        Notification result = channel.deliver(notice, incident).get(20, TimeUnit.SECONDS);

        MimeMessage m = GREENMAIL.getReceivedMessages()[0];
        assertTrue(m.getSubject().startsWith("[Yagura][重要] "), "subject with 重要: " + m.getSubject());
        assertEquals("high", m.getHeader("Importance", null), "Critical notices are marked important");
        assertEquals(Boolean.TRUE, result.deadlineMet(), "15-minute deadline met");
    }

    @Test
    void noticeDeliveredAfterItsDeadlineIsMarkedNotMet() throws Exception {
        Incident incident = Fixtures.incident(Level.CRITICAL, false);
        Notification notice = Fixtures.notice("N-LATE", "incident", "en", Level.CRITICAL, Duration.ofMinutes(-1));

        Notification result = channel.deliver(notice, incident).get(20, TimeUnit.SECONDS);

        assertEquals("delivered", result.status(), "still delivered");
        assertEquals(Boolean.FALSE, result.deadlineMet(), "deadline missed is recorded");
    }

    @Test
    void allClearNoticeIsDelivered() throws Exception {
        Incident incident = Fixtures.incident(Level.WARNING, false);
        Notification notice = Fixtures.notice("N-CLEAR", "all-clear", "en", Level.WARNING, null);

        Notification result = channel.deliver(notice, incident).get(20, TimeUnit.SECONDS);

        MimeMessage m = GREENMAIL.getReceivedMessages()[0];
        assertEquals("[Yagura][ALL CLEAR] " + INCIDENT_ID + " " + TITLE_EN, m.getSubject(), "all-clear subject");
        assertTrue(((String) m.getContent()).contains("No further action is needed"), "all-clear body");
        assertEquals(null, result.deadlineMet(), "no deadline, nothing to meet");
    }

    @Test
    void digestIsDeliveredWithoutIncidentHeader() throws Exception {
        Notification notice = new Notification("N-DIGEST", null, "acme", "digest", "mail", CUSTOMER_ADDRESS, "en",
                null, java.time.Instant.now(), "pending", null, null, null);
        List<Incident> incidents = List.of(Fixtures.incident("INC-20261127-000007", Level.WARNING, "Blocked exploit"),
                Fixtures.incident("INC-20261127-000008", Level.INFORMATIONAL, "Port scan"));

        channel.deliverDigest(notice, LocalDate.of(2026, 11, 27), incidents).get(20, TimeUnit.SECONDS);

        MimeMessage m = GREENMAIL.getReceivedMessages()[0];
        assertEquals("[Yagura][DIGEST] ACME Corporation 2026-11-27: 2 incident(s)", m.getSubject(), "digest subject");
        String body = (String) m.getContent();
        assertTrue(body.contains("INC-20261127-000007 Blocked exploit"), "first incident listed");
        assertTrue(body.contains("INC-20261127-000008 Port scan"), "second incident listed");
        assertEquals(null, m.getHeader("X-Yagura-Incident", null), "a digest is about no single incident");
        assertEquals("digest", m.getHeader("X-Yagura-Kind", null), "kind header");
    }

    @Test
    void aDigestStillReadingItsIncidentsDoesNotHoldUpAnEmergencyNotice() throws Exception {
        MailSettings settings = Fixtures.settings(GREENMAIL.getSmtp().getBindTo(), GREENMAIL.getSmtp().getPort()).build();
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (MailChannel oneThread = new MailChannel(settings, Fixtures.templates(), log, Clock.systemUTC(), 1)) {
            Notification digest = new Notification("N-DIGEST-SLOW", INCIDENT_ID, "acme", "digest", "mail",
                    CUSTOMER_ADDRESS, "en", null, java.time.Instant.now(), "pending", null, null, null);
            CompletableFuture<Notification> digestDone = oneThread.deliverDigest(digest, LocalDate.of(2026, 11, 27),
                    () -> {
                        reading.countDown();
                        awaitQuietly(release); // a long run of store reads
                        return List.of(Fixtures.incident("INC-20261127-000007", Level.WARNING, "Blocked exploit"));
                    });
            assertTrue(reading.await(10, TimeUnit.SECONDS), "the digest is being rendered");

            Notification emergency = oneThread.deliver(Fixtures.notice("N-EMERG", "incident", "en", Level.EMERGENCY,
                    Duration.ofMinutes(1)), Fixtures.incident(Level.EMERGENCY, false)).get(20, TimeUnit.SECONDS);

            assertEquals("delivered", emergency.status(), "the Emergency went out on the notice thread meanwhile");
            assertTrue(!digestDone.isDone(), "while the digest was still waiting");
            release.countDown();
            assertEquals("delivered", digestDone.get(20, TimeUnit.SECONDS).status(), "then the digest");
            assertEquals(2, GREENMAIL.getReceivedMessages().length);
        } finally {
            release.countDown();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void malformedRecipientAddressFailsAtOnceWithoutRetry() throws Exception {
        Notification n = new Notification("N-BAD-ADDR", INCIDENT_ID, "acme", "incident", "mail", "security@@acme",
                "en", Level.EMERGENCY, java.time.Instant.now(), "pending", null, null, null);

        Notification result = channel.deliver(n, Fixtures.incident(Level.EMERGENCY, false)).get(20, TimeUnit.SECONDS);

        List<DeliveryAttempt> attempts = log.attemptsOf("N-BAD-ADDR");
        assertEquals(1, attempts.size(), "one attempt: " + attempts);
        assertEquals("failed", result.status(), "notification failed");
        assertTrue(attempts.get(0).answer().startsWith("cannot compose the message"), "reason: " + attempts.get(0).answer());
        assertEquals(0, GREENMAIL.getReceivedMessages().length, "nothing sent");
    }
}
