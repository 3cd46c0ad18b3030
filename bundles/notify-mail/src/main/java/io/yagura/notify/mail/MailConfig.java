package io.yagura.notify.mail;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Configuration of the mail channel, PID {@code io.yagura.notify.mail} ({@code etc/io.yagura.notify.mail.cfg}). */
@ObjectClassDefinition(name = "Yagura mail notification channel",
        description = "SMTP server, sender, retry schedule and templates of incident notices by mail.")
public @interface MailConfig {

    @AttributeDefinition(description = "SMTP server host name")
    String host() default "localhost";

    @AttributeDefinition(description = "SMTP port: 587 (submission, STARTTLS), 465 (SMTPS), 25 (relay)")
    int port() default 587;

    @AttributeDefinition(description = "NONE (plain SMTP), STARTTLS (required: a server that does not offer it "
            + "is refused), SMTPS (TLS from the first byte)")
    MailSettings.Security security() default MailSettings.Security.STARTTLS;

    @AttributeDefinition(description = "SMTP login; empty for no authentication")
    String username() default "";

    @AttributeDefinition(type = AttributeType.PASSWORD, description = "SMTP password (never logged)")
    String password() default "";

    @AttributeDefinition(description = "From address, e.g. Yagura SOC <soc@example.com>; also the envelope sender")
    String from() default "yagura@localhost";

    @AttributeDefinition(description = "Reply-To address; empty for none")
    String replyTo() default "";

    @AttributeDefinition(description = "TCP connect timeout in seconds")
    int connectTimeoutSeconds() default 10;

    @AttributeDefinition(description = "Timeout in seconds for each server answer and each write")
    int readTimeoutSeconds() default 30;

    @AttributeDefinition(description = "Attempts per notice, the first one included")
    int retry_maxAttempts() default MailSettings.DEFAULT_MAX_ATTEMPTS;

    @AttributeDefinition(description = "Delays between attempts, e.g. 2s,10s,30s,2m,5m (the last one repeats)")
    String retry_backoff() default "2s,10s,30s,2m,5m";

    @AttributeDefinition(description = "Hosts whose certificate is trusted without validation (space separated, "
            + "* for all); empty: the JVM trust store")
    String tls_trust() default "";

    @AttributeDefinition(description = "Check that the server certificate names the host")
    boolean tls_checkServerIdentity() default true;

    @AttributeDefinition(description = "TLS protocols, space separated")
    String tls_protocols() default "TLSv1.3 TLSv1.2";

    @AttributeDefinition(description = "No longer read: templates are in the directory set by dir in "
            + "io.yagura.templates.cfg (a different value here is logged as a warning)")
    String templates_dir() default "";

    @AttributeDefinition(description = "Threads sending mail (attempts and retries)")
    int threads() default 2;
}
