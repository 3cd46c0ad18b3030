package io.yagura.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.portal.account.LoginThrottle;
import io.yagura.portal.account.Role;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Password spraying over HTTPS: one client trying one password on many accounts is stopped. */
class LoginThrottlingTest {

    static PortalFixture portal;

    @BeforeAll
    static void start() throws Exception {
        portal = new PortalFixture(new LoginThrottle.Limits(4, Duration.ofMinutes(10), Duration.ofMinutes(15)));
    }

    @AfterAll
    static void stop() throws Exception {
        portal.close();
    }

    @Test
    void aClientSprayingOnePasswordOnManyAccountsIsRefusedWithTheSameNeutralPage() throws Exception {
        String carolPassword = portal.user("carol", Role.CUSTOMER, "acme");
        WebClient sprayer = portal.client();
        HttpResponse<String> first = null;
        for (String account : List.of("carol", "dave", "erin", "frank")) {
            HttpResponse<String> r = sprayer.post("/portal/login", Map.of("name", account, "password",
                    "Autumn2026!"), false);
            assertEquals(401, r.statusCode(), account);
            first = first == null ? r : first;
        }
        assertEquals(1, portal.accounts.find("carol").orElseThrow().failedLogins(),
                "one failure on carol's account: far from its own lockout");

        // the right password from the same address is refused now, and the page does not tell why
        HttpResponse<String> right = sprayer.post("/portal/login", Map.of("name", "carol", "password",
                carolPassword), false);
        assertEquals(401, right.statusCode());
        assertEquals(first.body(), right.body(), "the same page as for a wrong password");
        assertTrue(right.headers().allValues("Set-Cookie").isEmpty(), "no session");
    }
}
