package io.yagura.notify.mail;

import io.yagura.api.notify.Mailer;
import java.time.Duration;

/**
 * The production {@link Mailer} path (ChannelMailer over MailSender) on an SMTP server of the
 * test's choosing, without the mail channel's OSGi component around it. In this package because
X
 */
public final class SmtpMailer implements Mailer {

    private final MailSender sender;

    public SmtpMailer(String host, int port) {
        this.sender = new MailSender(MailSettings.builder().host(host).port(port).security(MailSettings.Security.NONE)
                .from("soc@yagura.example").connectTimeout(Duration.ofSeconds(2)).readTimeout(Duration.ofSeconds(5))
                .build());
    }

    @Override
    public String send(OutgoingMail mail) throws MailException {
        return ChannelMailer.send(sender, mail);
    }
}
