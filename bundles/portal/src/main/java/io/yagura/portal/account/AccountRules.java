package io.yagura.portal.account;

import io.yagura.portal.PortalConfig;
import java.time.Duration;

/**
 * The account rules from the configuration.
 *
 * @param baseUrl where the portal is reached, for mailed links (no trailing slash)
 */
public record AccountRules(int lockoutFailures, Duration lockout, Duration linkValidity, String baseUrl) {

    public AccountRules {
        if (lockoutFailures < 1) {
            throw new IllegalArgumentException("lockout.failures must be at least 1, not " + lockoutFailures);
        }
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public static AccountRules of(PortalConfig c, String defaultBaseUrl) {
        return new AccountRules(c.lockout_failures(), Duration.ofMinutes(c.lockout_minutes()),
                Duration.ofHours(c.link_hours()), c.base_url().isBlank() ? defaultBaseUrl : c.base_url().trim());
    }
}
