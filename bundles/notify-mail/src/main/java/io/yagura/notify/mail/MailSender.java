package io.yagura.notify.mail;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.URLName;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.activation.DataHandler;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.util.ByteArrayDataSource;
import java.util.List;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSSLTransport;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

/**
 * Makes one SMTP delivery attempt with Jakarta Mail (Angus) and the {@link MailSettings}:
 * composes the MIME message, connects (plain, STARTTLS required, or SMTPS), authenticates,
 * sends, and returns the server's answer to the message, or throws a {@link SendFailure}
 * that says whether trying again may help. Thread-safe; each attempt uses its own connection.
 */
public final class MailSender {

    private static final Pattern REPLY_CODE = Pattern.compile("^\\s*([2-5]\\d\\d)\\b");

    private final MailSettings settings;
    private final Session session;
    private final InternetAddress from;
    private final InternetAddress replyTo;
    private final String protocol;

    public MailSender(MailSettings settings) {
        this.settings = settings;
        try {
            this.from = new InternetAddress(settings.from(), true);
            this.replyTo = settings.replyTo() == null ? null : new InternetAddress(settings.replyTo(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("bad mail address in settings: " + e.getMessage(), e);
        }
        this.protocol = settings.security() == MailSettings.Security.SMTPS ? "smtps" : "smtp";
        this.session = withMailClassLoader(() -> Session.getInstance(sessionProperties()));
    }

    public MailSettings settings() {
        return settings;
    }

    /** The domain of the From address, used in Message-IDs. */
    public String fromDomain() {
        String a = from.getAddress();
        int at = a.lastIndexOf('@');
        return at >= 0 && at < a.length() - 1 ? a.substring(at + 1) : "yagura.invalid";
    }

    private Properties sessionProperties() {
        Properties p = new Properties();
        String k = "mail." + protocol + ".";
        p.setProperty(k + "host", settings.host());
        p.setProperty(k + "port", String.valueOf(settings.port()));
        p.setProperty(k + "connectiontimeout", String.valueOf(settings.connectTimeout().toMillis()));
        p.setProperty(k + "timeout", String.valueOf(settings.readTimeout().toMillis()));
        p.setProperty(k + "writetimeout", String.valueOf(settings.readTimeout().toMillis()));
        p.setProperty(k + "auth", String.valueOf(settings.authenticate()));
        p.setProperty(k + "from", from.getAddress());
        switch (settings.security()) {
            case NONE -> {
                p.setProperty(k + "starttls.enable", "false");
                p.setProperty(k + "ssl.enable", "false");
            }
            case STARTTLS -> {
                // Required, not opportunistic: Angus refuses to go on when the server does not
                // offer STARTTLS, so nothing (not even AUTH) is sent in clear text.
                p.setProperty(k + "starttls.enable", "true");
                p.setProperty(k + "starttls.required", "true");
                p.setProperty(k + "ssl.enable", "false");
            }
            case SMTPS -> p.setProperty(k + "ssl.enable", "true");
        }
        if (settings.security() != MailSettings.Security.NONE) {
            p.setProperty(k + "ssl.protocols", settings.tlsProtocols());
            p.setProperty(k + "ssl.checkserveridentity", String.valueOf(settings.checkServerIdentity()));
            if (settings.tlsTrust() != null) {
                p.setProperty(k + "ssl.trust", settings.tlsTrust());
            }
        }
        p.setProperty("mail.mime.charset", "UTF-8");
        return p;
    }

    /**
     * A plain-text UTF-8 message with the given Message-ID (kept across retries, so that a
     * notice received twice can be recognised) and extra headers.
     */
    public MimeMessage compose(RenderedMail mail, String to, String messageId, Map<String, String> headers)
            throws MessagingException {
        return withMailClassLoader(() -> {
            MimeMessage m = new FixedIdMessage(session, messageId);
            m.setFrom(from);
            if (replyTo != null) {
                m.setReplyTo(new InternetAddress[] {replyTo});
            }
            m.setRecipient(Message.RecipientType.TO, new InternetAddress(to, true));
            m.setSubject(mail.subject(), StandardCharsets.UTF_8.name());
            m.setText(mail.body(), StandardCharsets.UTF_8.name(), "plain");
            m.setSentDate(new Date());
            m.setHeader("Content-Language", mail.language());
            m.setHeader("Auto-Submitted", "auto-generated");
            for (Map.Entry<String, String> h : headers.entrySet()) {
                m.setHeader(h.getKey(), h.getValue());
            }
            m.saveChanges();
            return m;
        });
    }

    /**
     * A UTF-8 message with plain-text body and attachments (reports, advisories): not a notice,
     * so no notice headers; the Message-ID is the one Jakarta Mail makes.
     */
    public MimeMessage composeWithAttachments(List<String> to, String subject, String text,
                                              List<io.yagura.api.notify.Mailer.Attachment> attachments)
            throws MessagingException {
        return withMailClassLoader(() -> {
            MimeMessage m = new MimeMessage(session);
            m.setFrom(from);
            if (replyTo != null) {
                m.setReplyTo(new InternetAddress[] {replyTo});
            }
            InternetAddress[] recipients = new InternetAddress[to.size()];
            for (int i = 0; i < recipients.length; i++) {
                recipients[i] = new InternetAddress(to.get(i), true);
            }
            m.setRecipients(Message.RecipientType.TO, recipients);
            m.setSubject(subject, StandardCharsets.UTF_8.name());
            m.setSentDate(new Date());
            m.setHeader("Auto-Submitted", "auto-generated");
            if (attachments.isEmpty()) {
                m.setText(text, StandardCharsets.UTF_8.name(), "plain");
            } else {
                MimeMultipart parts = new MimeMultipart();
                MimeBodyPart body = new MimeBodyPart();
                body.setText(text, StandardCharsets.UTF_8.name(), "plain");
                parts.addBodyPart(body);
                for (io.yagura.api.notify.Mailer.Attachment a : attachments) {
                    MimeBodyPart part = new MimeBodyPart();
                    part.setDataHandler(new DataHandler(new ByteArrayDataSource(a.content(), a.mimeType())));
                    part.setFileName(encodedFileName(a.fileName()));
                    part.setDisposition(Part.ATTACHMENT);
                    parts.addBodyPart(part);
                }
                m.setContent(parts);
            }
            m.saveChanges();
            return m;
        });
    }

    /** RFC 2047 encoded, so that Japanese file names survive every mail client. */
    private static String encodedFileName(String name) throws MessagingException {
        try {
            return MimeUtility.encodeText(name, StandardCharsets.UTF_8.name(), "B");
        } catch (java.io.UnsupportedEncodingException e) {
            throw new MessagingException("cannot encode the file name " + name, e);
        }
    }

    /**
     * Sends the message over a new connection.
     *
     * @return the server's answer after DATA, e.g. "250 2.0.0 Ok: queued as 4Xy1z"
     * @throws SendFailure with the server's answer or the error, and whether to retry
     */
    public String send(MimeMessage message) throws SendFailure {
        SMTPTransport transport = null;
        try {
            transport = withMailClassLoader(this::newTransport);
            SMTPTransport t = transport;
            return withMailClassLoader(() -> {
                t.connect(settings.host(), settings.port(), settings.username(),
                        settings.authenticate() ? settings.password() : null);
                if (settings.security() != MailSettings.Security.NONE && !t.isSSL()) {
                    // Never happens with starttls.required; kept as a last guard against clear text.
                    throw new SendFailure(false, 0, "refused: the connection to " + endpoint()
                            + " is not encrypted although " + settings.security() + " is configured;"
                            + " the notice was not sent");
                }
                t.sendMessage(message, message.getAllRecipients());
                String answer = t.getLastServerResponse();
                return answer == null ? "" : answer.trim();
            });
        } catch (SendFailure f) {
            throw f;
        } catch (MessagingException e) {
            throw classify(e, transport);
        } catch (Exception e) {
            throw new SendFailure(true, 0, describe(e));
        } finally {
            if (transport != null) {
                try {
                    transport.close();
                } catch (MessagingException ignored) {
                    // the answer that counts was received already (or the failure recorded)
                }
            }
        }
    }

    private SMTPTransport newTransport() {
        URLName url = new URLName(protocol, settings.host(), settings.port(), null, settings.username(), null);
        return settings.security() == MailSettings.Security.SMTPS
                ? new SMTPSSLTransport(session, url) : new SMTPTransport(session, url);
    }

    private String endpoint() {
        return settings.host() + ":" + settings.port();
    }

    /** Temporary (retry) or permanent (give up), with the server's answer when there is one. */
    SendFailure classify(MessagingException e, SMTPTransport transport) {
        String msg = String.valueOf(e.getMessage());
        if (msg.contains("STARTTLS is required") || msg.contains("STARTTLS required")) {
            return new SendFailure(false, 0, "refused: STARTTLS is required but " + endpoint()
                    + " did not offer it; the notice was not sent in clear text");
        }
        // The SMTP reply to MAIL FROM, RCPT TO or DATA, found in the exception chain.
        for (Throwable t : chain(e)) {
            int rc = -1;
            if (t instanceof SMTPSendFailedException s) {
                rc = s.getReturnCode();
            } else if (t instanceof SMTPAddressFailedException s) {
                rc = s.getReturnCode();
            } else if (t instanceof SMTPSenderFailedException s) {
                rc = s.getReturnCode();
            }
            if (rc > 0) {
                return new SendFailure(rc < 500, rc, answer(t.getMessage(), rc));
            }
        }
        if (e instanceof AuthenticationFailedException) {
            int rc = replyCode(msg);
            String answer = msg;
            if (rc < 0 && transport != null && transport.getLastReturnCode() >= 400) {
                rc = transport.getLastReturnCode();
                answer = transport.getLastServerResponse();
            }
            return new SendFailure(rc >= 400 && rc < 500, Math.max(rc, 0),
                    answer == null || answer.isBlank() || "null".equals(answer)
                            ? "authentication failed at " + endpoint() : answer.trim());
        }
        for (Throwable t : chain(e)) {
            if (t instanceof AddressException) {
                return new SendFailure(false, 0, "bad address: " + t.getMessage());
            }
            if (t instanceof CertificateException || t instanceof SSLPeerUnverifiedException
                    || (t instanceof SSLHandshakeException && isCertificateProblem(t))) {
                return new SendFailure(false, 0, "TLS: the certificate of " + endpoint()
                        + " is not trusted (" + t.getMessage() + "); see tls.trust and tls.checkServerIdentity");
            }
        }
        for (Throwable t : chain(e)) {
            if (t instanceof ConnectException || t instanceof SocketTimeoutException
                    || t instanceof UnknownHostException) {
                return new SendFailure(true, 0, "cannot reach " + endpoint() + ": " + describe(t));
            }
            if (t instanceof SSLException) {
                return new SendFailure(true, 0, "TLS with " + endpoint() + " failed: " + describe(t));
            }
        }
        if (transport != null) {
            int rc = transport.getLastReturnCode();
            if (rc >= 400) {
                return new SendFailure(rc < 500, rc, answer(transport.getLastServerResponse(), rc));
            }
        }
        boolean io = chain(e).stream().anyMatch(t -> t instanceof IOException);
        return new SendFailure(true, 0, (io ? "connection to " + endpoint() + " failed: " : "") + describe(e));
    }

    private static boolean isCertificateProblem(Throwable t) {
        String m = String.valueOf(t.getMessage());
        return m.contains("PKIX") || m.contains("certificate") || m.contains("subject alternative");
    }

    private static String answer(String text, int rc) {
        String a = text == null ? "" : text.trim();
        return a.isEmpty() ? String.valueOf(rc) : a;
    }

    static int replyCode(String text) {
        Matcher m = REPLY_CODE.matcher(text == null ? "" : text);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static java.util.List<Throwable> chain(Throwable e) {
        java.util.List<Throwable> out = new java.util.ArrayList<>();
        Set<Throwable> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        java.util.ArrayDeque<Throwable> todo = new java.util.ArrayDeque<>();
        todo.add(e);
        while (!todo.isEmpty()) {
            Throwable t = todo.poll();
            if (t == null || !seen.add(t)) {
                continue;
            }
            out.add(t);
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            if (t instanceof MessagingException me && me.getNextException() != null) {
                todo.add(me.getNextException());
            }
        }
        return out;
    }

    private static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = e.getMessage() == null ? e.getClass().getName() : e.getMessage().trim();
        if (root != e) {
            m += " (" + root.getClass().getName() + (root.getMessage() == null ? "" : ": " + root.getMessage()) + ")";
        }
        return m.replaceAll("\\s*[\\r\\n]+\\s*", " ");
    }

    /**
     * Runs with the context class loader of the Angus bundle, which finds its own stream
     * provider and mailcap (text/plain handler) the way Jakarta Mail and Activation look them
     * up; in OSGi the caller's context loader (a Camel or executor thread) does not see them.
     */
    private static <T, E extends Exception> T withMailClassLoader(ThrowingCall<T, E> call) throws E {
        Thread th = Thread.currentThread();
        ClassLoader old = th.getContextClassLoader();
        th.setContextClassLoader(SMTPTransport.class.getClassLoader());
        try {
            return call.call();
        } finally {
            th.setContextClassLoader(old);
        }
    }

    @FunctionalInterface
    private interface ThrowingCall<T, E extends Exception> {
        T call() throws E;
    }

    /** A failed attempt. */
    public static final class SendFailure extends MessagingException {
        private static final long serialVersionUID = 1L;

        private final boolean temporary;
        private final int code;

        public SendFailure(boolean temporary, int code, String answer) {
            super(answer);
            this.temporary = temporary;
            this.code = code;
        }

        /** True when a later attempt may succeed (server down, timeout, 4xx). */
        public boolean temporary() {
            return temporary;
        }

        /** The SMTP reply code, or 0 when the server did not answer. */
        public int code() {
            return code;
        }

        /** The server's answer or the error. */
        public String answer() {
            return getMessage();
        }
    }

    /** Keeps the Message-ID chosen for the notice instead of a new one per saveChanges(). */
    private static final class FixedIdMessage extends MimeMessage {
        private final String messageId;

        FixedIdMessage(Session session, String messageId) {
            super(session);
            this.messageId = messageId;
        }

        @Override
        protected void updateMessageID() throws MessagingException {
            setHeader("Message-ID", messageId);
        }
    }
}
