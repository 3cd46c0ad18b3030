package io.yagura.notify.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.yagura.api.notify.Mailer;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Plain mails with attachments (reports, advisories, password links) through a real SMTP server. */
class ChannelMailerTest {

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(true);

    private MailSender sender() {
        return new MailSender(Fixtures.settings(GREENMAIL.getSmtp().getBindTo(), GREENMAIL.getSmtp().getPort())
                .build());
    }

    @Test
    void japaneseSubjectTextAndPdfAttachmentArriveIntact() throws Exception {
        byte[] pdf = "%PDF-1.7 fake but opaque bytes \u0000\u00ff".getBytes(StandardCharsets.ISO_8859_1);
        String answer = ChannelMailer.send(sender(), new Mailer.OutgoingMail(
                List.of("a@acme.example", "b@acme.example"), "月次レポート 2026-11", "添付をご覧ください。",
                List.of(new Mailer.Attachment("月次レポート-2026-11.pdf", "application/pdf", pdf))));

        assertTrue(answer.startsWith("250"), "server answer returned: " + answer);
        MimeMessage[] got = GREENMAIL.getReceivedMessages();
        assertEquals(2, got.length, "one copy per recipient");
        MimeMessage m = got[0];
        assertEquals("月次レポート 2026-11", m.getSubject());
        Multipart parts = (Multipart) m.getContent();
        assertEquals(2, parts.getCount());
        assertEquals("添付をご覧ください。", ((String) parts.getBodyPart(0).getContent()).trim());
        BodyPart file = parts.getBodyPart(1);
        assertEquals(Part.ATTACHMENT, file.getDisposition());
        assertEquals("月次レポート-2026-11.pdf", MimeUtility.decodeText(file.getFileName()));
        assertTrue(file.getContentType().startsWith("application/pdf"), file.getContentType());
        assertEquals(new String(pdf, StandardCharsets.ISO_8859_1),
                new String(file.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1), "bytes unchanged");
    }

    @Test
    void plainMailWithoutAttachmentIsSingleTextPart() throws Exception {
        ChannelMailer.send(sender(), new Mailer.OutgoingMail(List.of("a@acme.example"), "Set your password",
                "https://portal.example/set?token=abc", List.of()));
        assertEquals("https://portal.example/set?token=abc", GreenMailUtil.getBody(GREENMAIL.getReceivedMessages()[0]).trim());
    }

    @Test
    void refusedAndUnreachableAreErrorsWithTheReason() {
        Mailer.MailException none = assertThrows(Mailer.MailException.class, () -> ChannelMailer.send(sender(),
                new Mailer.OutgoingMail(List.of(), "x", "y", List.of())));
        assertTrue(none.getMessage().contains("no recipient"), none.getMessage());

        MailSender nowhere = new MailSender(Fixtures.settings("127.0.0.1", 1).build());
        Mailer.MailException down = assertThrows(Mailer.MailException.class, () -> ChannelMailer.send(nowhere,
                new Mailer.OutgoingMail(List.of("a@acme.example"), "x", "y", List.of())));
        assertTrue(down.getMessage().contains("127.0.0.1:1"), "names the server: " + down.getMessage());
    }
}
