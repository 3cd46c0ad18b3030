package io.yagura.notify.mail;

import io.yagura.api.notify.Mailer;
import jakarta.mail.MessagingException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Mailer} for mails that are not incident notices (password links, monthly reports,
 * advisories): one attempt with the mail channel's current SMTP settings, the server's answer
 * returned; the caller keeps its own proof of delivery and decides on retries.
 */
@Component(service = Mailer.class)
public class ChannelMailer implements Mailer {

    private static final Logger LOG = LoggerFactory.getLogger(ChannelMailer.class);

    private final MailChannelComponent channel;

    @Activate
    public ChannelMailer(@Reference MailChannelComponent channel) {
        this.channel = channel;
    }

    @Override
    public String send(OutgoingMail mail) throws MailException {
        return send(channel.sender(), mail);
    }

    static String send(MailSender sender, OutgoingMail mail) throws MailException {
        if (mail.to().isEmpty()) {
            throw new MailException("no recipient: the mail \"" + mail.subject() + "\" was not sent", null);
        }
        try {
            String answer = sender.send(sender.composeWithAttachments(mail.to(), mail.subject(), mail.text(),
                    mail.attachments()));
            LOG.info("Mail \"{}\" to {} accepted: {}", mail.subject(), mail.to(), answer);
            return answer;
        } catch (MailSender.SendFailure f) {
            throw new MailException(f.answer(), f);
        } catch (MessagingException e) {
            throw new MailException("the mail could not be composed: " + e.getMessage(), e);
        }
    }
}
