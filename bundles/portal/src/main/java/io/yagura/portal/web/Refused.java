package io.yagura.portal.web;

/**
 * A refused request: the client gets only the status and a generic text, the log gets the
 * reason (who asked what of whom). 404 for another tenant's object, so its existence is not told.
 */
public final class Refused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String shown;

    private Refused(int status, String shown, String reason) {
        super(reason);
        this.status = status;
        this.shown = shown;
    }

    /** Not found, or not this user's: the same answer for both. */
    public static Refused notFound(String reason) {
        return new Refused(404, "Not found", reason);
    }

    /** No valid session (none, logged out, expired): a page then redirects to the login. */
    public static Refused unauthorized(String reason) {
        return new Refused(401, "Log in first", reason);
    }

    public static Refused forbidden(String reason) {
        return new Refused(403, "Forbidden", reason);
    }

    /** Bad input: the message is shown (it must not carry another tenant's data). */
    public static Refused badRequest(String message) {
        return new Refused(400, message, message);
    }

    /** The request contradicts what already happened (an incident acknowledged before): the message is shown. */
    public static Refused conflict(String message) {
        return new Refused(409, message, message);
    }

    public static Refused unavailable(String message) {
        return new Refused(503, message, message);
    }

    public int status() {
        return status;
    }

    public String shown() {
        return shown;
    }
}
