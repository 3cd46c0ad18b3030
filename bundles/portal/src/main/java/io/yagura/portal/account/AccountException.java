package io.yagura.portal.account;

import io.yagura.api.JdbcStatements;

/** A refused account operation, with a message for the operator or the user (never a secret). */
public final class AccountException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failed statement of the portal's tables, as "{@code what}: the driver's message". */
    static JdbcStatements.Failure failure(String what) {
        return (sql, cause) -> new AccountException(what + ": " + cause.getMessage(), cause);
    }

    public AccountException(String message) {
        super(message);
    }

    public AccountException(String message, Throwable cause) {
        super(message, cause);
    }
}
