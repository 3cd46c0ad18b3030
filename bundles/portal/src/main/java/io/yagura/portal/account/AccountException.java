package io.yagura.portal.account;

/** A refused account operation, with a message for the operator or the user (never a secret). */
public final class AccountException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AccountException(String message) {
        super(message);
    }

    public AccountException(String message, Throwable cause) {
        super(message, cause);
    }
}
