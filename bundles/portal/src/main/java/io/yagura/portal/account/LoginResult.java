package io.yagura.portal.account;

import java.time.Instant;

/** The answer to a login: the user, or why not (the page shows one text for all refusals). */
public sealed interface LoginResult {

    record Accepted(PortalUser user) implements LoginResult {
    }

    /** Unknown user, wrong password or no password set yet. */
    record Refused(String reason) implements LoginResult {
    }

    /** Locked after failures (until), or by an administrator (until null). */
    record Locked(Instant until) implements LoginResult {
    }

    /** Too many failed logins from the client's address, on any accounts: refused until then. */
    record Throttled(Instant until) implements LoginResult {
    }
}
