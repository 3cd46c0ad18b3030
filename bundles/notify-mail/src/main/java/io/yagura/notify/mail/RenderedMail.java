package io.yagura.notify.mail;

/**
 * A notice ready to send: one-line subject and plain-text body.
 *
 * @param language the language it was rendered in (for Content-Language)
 */
public record RenderedMail(String subject, String body, String language) {
}
