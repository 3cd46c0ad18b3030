package io.yagura.notify.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** SMTPS and STARTTLS: encrypted delivery, and no clear text when encryption was asked for. */
class MailTlsTest {

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(new com.icegreen.greenmail.util.ServerSetup[] {
            ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.SMTPS.dynamicPort()}).withPerMethodLifecycle(true);

    @Test
    void smtpsWithTrustedTestCertificateDelivers() throws Exception {
        RecordingLog log = new RecordingLog();
        // GreenMail's test certificate names no host: trusted explicitly (mail.smtps.ssl.trust), identity not checked.
        MailSettings settings = Fixtures.settings(GREENMAIL.getSmtps().getBindTo(), GREENMAIL.getSmtps().getPort())
                .security(MailSettings.Security.SMTPS).tlsTrust("127.0.0.1").checkServerIdentity(false).build();
        try (MailChannel channel = new MailChannel(settings, Fixtures.templates(), log)) {
            Notification n = Fixtures.notice("N-SMTPS", "incident", "en", Level.EMERGENCY, Duration.ofMinutes(1));

            Notification done = channel.deliver(n, Fixtures.incident(Level.EMERGENCY, false)).get(20, TimeUnit.SECONDS);

            assertEquals("delivered", done.status(), "delivered over SMTPS: " + log.attempts);
            assertEquals(1, GREENMAIL.getReceivedMessages().length, "received over SMTPS");
            assertTrue(log.attemptsOf("N-SMTPS").get(0).answer().startsWith("250"), "250 answer kept");
        }
    }

    @Test
    void smtpsWithUntrustedCertificateFailsWithTlsError() throws Exception {
        RecordingLog log = new RecordingLog();
        MailSettings settings = Fixtures.settings(GREENMAIL.getSmtps().getBindTo(), GREENMAIL.getSmtps().getPort())
                .security(MailSettings.Security.SMTPS).build();
        try (MailChannel channel = new MailChannel(settings, Fixtures.templates(), log)) {
            Notification n = Fixtures.notice("N-UNTRUSTED", "incident", "en", Level.EMERGENCY, Duration.ofMinutes(1));

            Notification done = channel.deliver(n, Fixtures.incident(Level.EMERGENCY, false)).get(20, TimeUnit.SECONDS);

            List<DeliveryAttempt> attempts = log.attemptsOf("N-UNTRUSTED");
            assertEquals("failed", done.status(), "refused");
            assertEquals(1, attempts.size(), "a certificate problem is not retried");
            assertTrue(attempts.get(0).answer().startsWith("TLS: the certificate of"), "TLS error: " + attempts.get(0).answer());
            assertEquals(0, GREENMAIL.getReceivedMessages().length, "nothing received");
        }
    }

    @Test
    void startTlsRequiredButNotOfferedIsRefusedAndNothingSentInClearText() throws Exception {
        RecordingLog log = new RecordingLog();
        // GreenMail's plain SMTP does not offer STARTTLS.
        MailSettings settings = Fixtures.settings(GREENMAIL.getSmtp().getBindTo(), GREENMAIL.getSmtp().getPort())
                .security(MailSettings.Security.STARTTLS).username("soc").password("secret").build();
        try (MailChannel channel = new MailChannel(settings, Fixtures.templates(), log)) {
            Notification n = Fixtures.notice("N-NOTLS", "incident", "en", Level.EMERGENCY, Duration.ofMinutes(1));

            Notification done = channel.deliver(n, Fixtures.incident(Level.EMERGENCY, false)).get(20, TimeUnit.SECONDS);

            List<DeliveryAttempt> attempts = log.attemptsOf("N-NOTLS");
            assertEquals("failed", done.status(), "refused");
            assertEquals(1, attempts.size(), "not retried");
            assertEquals("refused: STARTTLS is required but " + settings.host() + ":" + settings.port()
                    + " did not offer it; the notice was not sent in clear text", attempts.get(0).answer(),
                    "clear error recorded");
            assertEquals(0, GREENMAIL.getReceivedMessages().length, "nothing sent in clear text");
        }
    }

    @Test
    void startTlsOfferedUpgradesTheConnectionAndDelivers() throws Exception {
        RecordingLog log = new RecordingLog();
        try (ScriptedSmtpServer server = new ScriptedSmtpServer(true)) {
            MailSettings settings = Fixtures.settings("127.0.0.1", server.port())
                    .security(MailSettings.Security.STARTTLS).tlsTrust("127.0.0.1").checkServerIdentity(false).build();
            try (MailChannel channel = new MailChannel(settings, Fixtures.templates(), log)) {
                Notification n = Fixtures.notice("N-STARTTLS", "incident", "ja", Level.EMERGENCY, Duration.ofMinutes(1));

                Notification done = channel.deliver(n, Fixtures.incident(Level.EMERGENCY, true)).get(20, TimeUnit.SECONDS);

                assertEquals("delivered", done.status(), "delivered: " + log.attempts);
                assertEquals(1, server.received.size(), "one message");
                assertTrue(server.received.get(0).encrypted(), "sent after STARTTLS");
                assertEquals("<security@acme.example>", server.received.get(0).rcptTo(), "envelope recipient");
                assertEquals("250 2.0.0 Ok: queued as Q1", log.attemptsOf("N-STARTTLS").get(0).answer(),
                        "server's answer with its queue id kept");
            }
        }
    }
}
