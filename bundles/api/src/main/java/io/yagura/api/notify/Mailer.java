package io.yagura.api.notify;

import java.util.List;

/**
 * Sends one mail now, with the SMTP settings of the mail channel. For mails that are not
 * incident notices (password links, monthly reports, advisories): the caller keeps its own
 * proof of delivery from the answer.
 */
public interface Mailer {

    /** A file attached to a mail. */
    record Attachment(String fileName, String mimeType, byte[] content) {
    }

    /**
     * @param to      recipients' addresses
     * @param subject subject line (may hold non-ASCII text)
     * @param text    plain-text body
     */
    record OutgoingMail(List<String> to, String subject, String text, List<Attachment> attachments) {
        public OutgoingMail {
            to = List.copyOf(to);
            attachments = attachments == null ? List.of() : List.copyOf(attachments);
        }
    }

    /**
     * @return the server's answer (e.g. "250 2.0.0 Ok: queued as …")
     * @throws MailException with the server's answer or the connection error when it was not accepted
     */
    String send(OutgoingMail mail) throws MailException;

    final class MailException extends Exception {
        private static final long serialVersionUID = 1L;

        public MailException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
