package io.yagura.portal.account;

import java.time.Instant;

/**
 * A portal account (the password hash stays in the store and never leaves {@link PortalAccounts}).
 *
 * @param customerId  the only customer a CUSTOMER user sees; null for SOC staff
 * @param language    "ja" or "en": the language of its pages and mails
 * @param lockedUntil refused until then after too many failed logins, or null
 * @param disabled    locked by an administrator until unlocked
 * @param hasPassword false until the user has set one through the mailed link
 */
public record PortalUser(String name, Role role, String customerId, String mail, String language,
                         int failedLogins, Instant lockedUntil, boolean disabled, boolean hasPassword,
                         Instant createdAt) {

    public boolean isSoc() {
        return role == Role.SOC;
    }

    /** Whether this user may see data of {@code customer}. */
    public boolean mayRead(String customer) {
        return isSoc() || (customerId != null && customerId.equals(customer));
    }
}
