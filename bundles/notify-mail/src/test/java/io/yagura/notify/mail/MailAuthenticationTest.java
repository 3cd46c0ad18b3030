package io.yagura.notify.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.yagura.api.incident.DeliveryAttempt;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** SMTP authentication against GreenMail with a user. */
class MailAuthenticationTest {

    private static final String PASSWORD = "s3cret-Pa55";

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("soc@yagura.example", "soc", PASSWORD))
            .withPerMethodLifecycle(true);

    private MailSettings.Builder settings() {
        return Fixtures.settings(GREENMAIL.getSmtp().getBindTo(), GREENMAIL.getSmtp().getPort())
                .username("soc").maxAttempts(4).backoff(Duration.ofMillis(50));
    }

    @Test
    void correctPasswordAuthenticatesAndDelivers() throws Exception {
        RecordingLog log = new RecordingLog();
        try (MailChannel channel = new MailChannel(settings().password(PASSWORD).build(), Fixtures.templates(), log)) {
            Notification n = Fixtures.notice("N-AUTH-OK", "incident", "en", Level.EMERGENCY, Duration.ofMinutes(1));
            Notification result = channel.deliver(n, Fixtures.incident(Level.EMERGENCY, false)).get(20, TimeUnit.SECONDS);
            assertEquals("delivered", result.status(), "delivered after login");
            assertEquals(1, GREENMAIL.getReceivedMessages().length, "mail received");
        }
    }

    @Test
    void wrongPasswordIsRecordedAsFailedWith535AndNotRetried() throws Exception {
        RecordingLog log = new RecordingLog();
        try (MailChannel channel = new MailChannel(settings().password("wrong-password").build(),
                Fixtures.templates(), log)) {
            Notification n = Fixtures.notice("N-AUTH-BAD", "incident", "en", Level.EMERGENCY, Duration.ofMinutes(1));

            Notification result = channel.deliver(n, Fixtures.incident(Level.EMERGENCY, false)).get(20, TimeUnit.SECONDS);
            Thread.sleep(300); // longer than the backoff: a retry would show up

            List<DeliveryAttempt> attempts = log.attemptsOf("N-AUTH-BAD");
            assertEquals(1, attempts.size(), "a 5xx answer is not retried: " + attempts);
            assertEquals("failed", attempts.get(0).outcome(), "attempt outcome");
            assertTrue(attempts.get(0).answer().startsWith("535"), "server's 535 answer kept: " + attempts.get(0).answer());
            assertFalse(attempts.get(0).answer().contains("wrong-password"), "the password is not in the record");
            assertEquals("failed", result.status(), "notification failed");
            assertEquals(Boolean.FALSE, result.deadlineMet(), "deadline not met");
            assertTrue(log.failReasons.get("N-AUTH-BAD").startsWith("535"), "DeliveryLog told why");
            assertEquals(0, GREENMAIL.getReceivedMessages().length, "nothing sent");
        }
    }
}
