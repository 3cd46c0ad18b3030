package io.yagura.notify.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.yagura.api.incident.DeliveryAttempt;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Temporary failures are retried on the schedule; nothing is lost, every attempt is kept. */
class MailRetryTest {

    @Test
    void serverDownAtFirstIsRetriedUntilItComesUpThenDelivered() throws Exception {
        int port = Fixtures.freePort();
        RecordingLog log = new RecordingLog();
        MailSettings settings = Fixtures.settings("127.0.0.1", port).maxAttempts(30)
                .backoff(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(300)).build();
        GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        try (MailChannel channel = new MailChannel(settings, Fixtures.templates(), log)) {
            Notification n = Fixtures.notice("N-DOWN", "incident", "en", Level.EMERGENCY, Duration.ofMinutes(1));

            CompletableFuture<Notification> result = channel.deliver(n, Fixtures.incident(Level.EMERGENCY, false));
            assertTrue(log.awaitAttempt(a -> a.attempt() == 2, Duration.ofSeconds(10)), "retried while down");
            assertEquals(1, channel.inFlight(), "the notice is kept while the server is down");
            greenMail.start();

            Notification done = result.get(30, TimeUnit.SECONDS);
            assertEquals("delivered", done.status(), "delivered once the server is up");
            assertEquals(1, greenMail.getReceivedMessages().length, "exactly one mail received");
            List<DeliveryAttempt> attempts = log.attemptsOf("N-DOWN");
            assertTrue(attempts.size() >= 3, "at least two failed attempts and the delivery: " + attempts);
            for (int i = 0; i < attempts.size(); i++) {
                DeliveryAttempt a = attempts.get(i);
                assertEquals(i + 1, a.attempt(), "attempts numbered in order");
                if (i < attempts.size() - 1) {
                    assertEquals("retrying", a.outcome(), "attempt " + a.attempt() + " outcome");
                    assertTrue(a.answer().contains("127.0.0.1:" + port) && a.answer().contains("Connection refused"),
                            "connection error recorded: " + a.answer());
                } else {
                    assertEquals("delivered", a.outcome(), "last attempt outcome");
                    assertTrue(a.answer().startsWith("250"), "server's answer: " + a.answer());
                }
            }
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void exhaustedScheduleMarksTheNoticeFailedWithEveryAttemptKept() throws Exception {
        int port = Fixtures.freePort();
        RecordingLog log = new RecordingLog();
        MailSettings settings = Fixtures.settings("127.0.0.1", port).maxAttempts(3).backoff(Duration.ofMillis(50)).build();
        try (MailChannel channel = new MailChannel(settings, Fixtures.templates(), log)) {
            Notification n = Fixtures.notice("N-GONE", "incident", "en", Level.CRITICAL, Duration.ofMinutes(15));

            Notification done = channel.deliver(n, Fixtures.incident(Level.CRITICAL, false)).get(20, TimeUnit.SECONDS);

            List<DeliveryAttempt> attempts = log.attemptsOf("N-GONE");
            assertEquals(List.of("retrying", "retrying", "failed"), attempts.stream().map(DeliveryAttempt::outcome).toList(),
                    "outcomes of the three attempts");
            assertEquals("failed", done.status(), "notification failed");
            assertEquals(Boolean.FALSE, done.deadlineMet(), "deadline not met");
            assertTrue(log.failReasons.get("N-GONE").startsWith("gave up after 3 attempts: cannot reach"),
                    "reason: " + log.failReasons.get("N-GONE"));
        }
    }

    @Test
    void temporary4xxAnswerIsRetriedThenDelivered() throws Exception {
        RecordingLog log = new RecordingLog();
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(false)) {
            server.dataAnswers.add("451 4.3.0 Mail server temporarily rejected message");
            MailSettings settings = Fixtures.settings("127.0.0.1", server.port()).build();
            try (MailChannel channel = new MailChannel(settings, Fixtures.templates(), log)) {
                Notification n = Fixtures.notice("N-451", "incident", "en", Level.EMERGENCY, Duration.ofMinutes(1));

                Notification done = channel.deliver(n, Fixtures.incident(Level.EMERGENCY, false)).get(20, TimeUnit.SECONDS);

                List<DeliveryAttempt> attempts = log.attemptsOf("N-451");
                assertEquals(2, attempts.size(), "one retry: " + attempts);
                assertEquals("retrying", attempts.get(0).outcome(), "first outcome");
                assertEquals("451 4.3.0 Mail server temporarily rejected message", attempts.get(0).answer(),
                        "4xx answer kept");
                assertEquals("delivered", attempts.get(1).outcome(), "second outcome");
                assertEquals("250 2.0.0 Ok: queued as Q1", attempts.get(1).answer(), "250 answer with the queue id");
                assertEquals("delivered", done.status(), "delivered");
                assertEquals(1, server.received.size(), "one message accepted");
            }
        }
    }

    @Test
    void permanent5xxAnswerFailsAtOnceWithTheAnswer() throws Exception {
        RecordingLog log = new RecordingLog();
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(false)) {
            server.rcptAnswers.add("550 5.1.1 <security@acme.example>: Recipient address rejected: User unknown");
            MailSettings settings = Fixtures.settings("127.0.0.1", server.port()).build();
            try (MailChannel channel = new MailChannel(settings, Fixtures.templates(), log)) {
                Notification n = Fixtures.notice("N-550", "incident", "en", Level.EMERGENCY, Duration.ofMinutes(1));

                Notification done = channel.deliver(n, Fixtures.incident(Level.EMERGENCY, false)).get(20, TimeUnit.SECONDS);

                List<DeliveryAttempt> attempts = log.attemptsOf("N-550");
                assertEquals(1, attempts.size(), "no retry after 5xx: " + attempts);
                assertEquals("failed", attempts.get(0).outcome(), "outcome");
                assertTrue(attempts.get(0).answer().startsWith("550 5.1.1"), "5xx answer kept: " + attempts.get(0).answer());
                assertEquals("failed", done.status(), "notification failed");
                assertEquals(1, server.connections.get(), "one connection only");
            }
        }
    }

    @Test
    void closingTheChannelLeavesWaitingNoticesPendingAndReportsThem() throws Exception {
        int port = Fixtures.freePort();
        RecordingLog log = new RecordingLog();
        MailSettings settings = Fixtures.settings("127.0.0.1", port).maxAttempts(5).backoff(Duration.ofMinutes(1)).build();
        MailChannel channel = new MailChannel(settings, Fixtures.templates(), log);
        Notification n = Fixtures.notice("N-STOP", "incident", "en", Level.EMERGENCY, Duration.ofMinutes(1));
        CompletableFuture<Notification> result = channel.deliver(n, Fixtures.incident(Level.EMERGENCY, false));
        assertTrue(log.awaitAttempt(a -> a.notificationId().equals("N-STOP"), Duration.ofSeconds(10)), "first attempt");

        List<Notification> pending = channel.shutdown();

        assertEquals(List.of("N-STOP"), pending.stream().map(Notification::id).toList(), "reported as pending");
        assertEquals("pending", result.get(1, TimeUnit.SECONDS).status(), "left pending, neither delivered nor failed");
        assertEquals("retrying", log.attemptsOf("N-STOP").get(0).outcome(), "its attempt is kept");
        assertTrue(log.failed.isEmpty(), "not marked failed");
    }
}
