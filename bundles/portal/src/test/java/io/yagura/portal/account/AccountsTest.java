package io.yagura.portal.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.notify.Mailer;
import io.yagura.api.registry.Customer;
import io.yagura.registry.DeviceRegistryService;
import io.yagura.registry.MemoryRegistryRepository;
import io.yagura.store.JdbcIncidentStore;
import io.yagura.testing.TestDatabases;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Accounts on the real incident store's database: passwords, lockout, links, audit, throttling per address. */
class AccountsTest {

    /** A clock the test moves. */
    static final class MovingClock extends Clock {
        Instant now = Instant.parse("2026-12-05T10:00:00Z");

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }
    }

    static final String CLIENT = "198.51.100.20";
    final MovingClock clock = new MovingClock();
    final List<Mailer.OutgoingMail> mails = new ArrayList<>();
    DataSource h2;
    JdbcIncidentStore store;
    DeviceRegistryService registry;
    PortalAccounts accounts;

    @BeforeEach
    void setUp() throws Exception {
        h2 = TestDatabases.freshH2();
        store = new JdbcIncidentStore(h2);
        registry = new DeviceRegistryService(new MemoryRegistryRepository());
        registry.putCustomer(new Customer("acme", "ACME", List.of()));
        // fewer iterations here: these tests log in many times (PasswordHasherTest checks the real count)
        accounts = new PortalAccounts(h2, store, registry, new AccountRules(5, Duration.ofMinutes(15),
                Duration.ofHours(24), "https://portal.example:8443/"), new PasswordHasher(10_000), clock);
        accounts.bindMailer(m -> {
            mails.add(m);
            return "250 ok";
        });
    }

    private String token() {
        String text = mails.get(mails.size() - 1).text();
        int at = text.indexOf("token=") + 6;
        return text.substring(at, text.indexOf('\n', at));
    }

    private void userWithPassword(String name, String password) {
        accounts.add(name, Role.CUSTOMER, "acme", name + "@acme.example", "ja", "test");
        accounts.sendLink(name, true, "test");
        accounts.setPassword(token(), password.toCharArray());
    }

    @Test
    void aNewUserHasNoPasswordUntilItUsesTheMailedLinkOnce() {
        accounts.add("carol", Role.CUSTOMER, "acme", "carol@acme.example", "ja", "sam");
        assertInstanceOf(LoginResult.Refused.class, accounts.login("carol", new char[0], CLIENT));
        accounts.sendLink("carol", true, "sam");
        Mailer.OutgoingMail mail = mails.get(0);
        assertEquals(List.of("carol@acme.example"), mail.to());
        assertTrue(mail.subject().contains("パスワード"), "Japanese for a Japanese user: " + mail.subject());
        assertTrue(mail.text().contains("https://portal.example:8443/portal/password?token="), mail.text());
        String token = token();
        assertEquals("carol", accounts.setPassword(token, "a long enough one".toCharArray()));
        assertThrows(AccountException.class, () -> accounts.setPassword(token, "another long one".toCharArray()),
                "a link works once");
        assertInstanceOf(LoginResult.Accepted.class, accounts.login("carol", "a long enough one".toCharArray(), CLIENT));
        assertTrue(store.auditLog("portal-user:carol", 10).stream().anyMatch(a -> a.action().equals("portal-user-added")
                && a.actor().equals("sam")));
    }

    @Test
    void aLinkExpires() {
        accounts.add("carol", Role.CUSTOMER, "acme", "carol@acme.example", "en", "sam");
        accounts.sendLink("carol", true, "sam");
        clock.advance(Duration.ofHours(24).plusSeconds(1));
        AccountException e = assertThrows(AccountException.class,
                () -> accounts.setPassword(token(), "a long enough one".toCharArray()));
        assertEquals("this link is unknown, used or expired", e.getMessage());
    }

    @Test
    void aShortPasswordIsRefused() {
        accounts.add("carol", Role.CUSTOMER, "acme", "carol@acme.example", "en", "sam");
        accounts.sendLink("carol", true, "sam");
        assertThrows(AccountException.class, () -> accounts.setPassword(token(), "short".toCharArray()));
    }

    @Test
    void fiveFailuresLockTheAccountFor15MinutesEvenForTheRightPassword() {
        userWithPassword("carol", "the right password");
        for (int i = 0; i < 4; i++) {
            assertInstanceOf(LoginResult.Refused.class, accounts.login("carol", "wrong".toCharArray(), CLIENT));
        }
        assertInstanceOf(LoginResult.Locked.class, accounts.login("carol", "wrong".toCharArray(), CLIENT));
        assertInstanceOf(LoginResult.Locked.class, accounts.login("carol", "the right password".toCharArray(), CLIENT));
        clock.advance(Duration.ofMinutes(15));
        assertInstanceOf(LoginResult.Accepted.class, accounts.login("carol", "the right password".toCharArray(), CLIENT));
    }

    @Test
    void anAdministratorsLockHoldsUntilUnlocked() {
        userWithPassword("carol", "the right password");
        accounts.lock("carol", "sam");
        clock.advance(Duration.ofDays(30));
        assertEquals(new LoginResult.Locked(null), accounts.login("carol", "the right password".toCharArray(), CLIENT));
        accounts.unlock("carol", "sam");
        assertInstanceOf(LoginResult.Accepted.class, accounts.login("carol", "the right password".toCharArray(), CLIENT));
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        assertEquals("customer 'globex' is not in the registry", assertThrows(AccountException.class,
                () -> accounts.add("x", Role.CUSTOMER, "globex", "x@example.net", "en", "t")).getMessage());
        assertEquals("a SOC user belongs to no customer", assertThrows(AccountException.class,
                () -> accounts.add("x", Role.SOC, "acme", "x@example.net", "en", "t")).getMessage());
        assertThrows(AccountException.class, () -> accounts.add("x y", Role.SOC, null, "x@example.net", "en", "t"));
        assertThrows(AccountException.class, () -> accounts.add("x", Role.SOC, null, "not-an-address", "en", "t"));
        accounts.bindMailer(m -> {
            throw new Mailer.MailException("550 no such user", null);
        });
        accounts.add("x", Role.SOC, null, "x@example.net", "en", "t");
        assertEquals("the link to set the password was not sent to x@example.net: 550 no such user",
                assertThrows(AccountException.class, () -> accounts.sendLink("x", true, "t")).getMessage());
    }

    @Test
    void theRealHasherUses600000IterationsAndVerifies() {
        PasswordHasher h = new PasswordHasher();
        String stored = h.hash("correct horse".toCharArray());
        assertTrue(stored.startsWith("pbkdf2-sha256$600000$"), stored);
        assertTrue(h.verify("correct horse".toCharArray(), stored));
        assertFalse(h.verify("correct hors".toCharArray(), stored));
        assertFalse(h.verify("x".toCharArray(), "garbage"));
    }

    @Test
    void oneAddressTryingOnePasswordOnManyAccountsIsRefusedEvenTheRightPasswordWhileOthersLogIn() {
        accounts = withThrottle(new LoginThrottle.Limits(3, Duration.ofMinutes(10), Duration.ofMinutes(15)));
        userWithPassword("carol", "the right password");
        for (String victim : List.of("dave", "erin", "frank")) { // unknown or not: each failure counts
            assertInstanceOf(LoginResult.Refused.class, accounts.login(victim, "Winter2026!".toCharArray(), CLIENT));
        }
        LoginResult r = accounts.login("carol", "the right password".toCharArray(), CLIENT);
        assertEquals(new LoginResult.Throttled(clock.now.plus(Duration.ofMinutes(15))), r);
        assertEquals(0, accounts.find("carol").orElseThrow().failedLogins(), "the account itself is not charged");
        assertInstanceOf(LoginResult.Accepted.class,
                accounts.login("carol", "the right password".toCharArray(), "203.0.113.77"), "another client");
        clock.advance(Duration.ofMinutes(15));
        assertInstanceOf(LoginResult.Accepted.class, accounts.login("carol", "the right password".toCharArray(), CLIENT));
    }

    private PortalAccounts withThrottle(LoginThrottle.Limits limits) {
        try {
            PortalAccounts a = new PortalAccounts(h2, store, registry, new AccountRules(5, Duration.ofMinutes(15),
                    Duration.ofHours(24), "https://portal.example:8443/"), new PasswordHasher(10_000),
                    new LoginThrottle(limits, clock), clock);
            a.bindMailer(m -> {
                mails.add(m);
                return "250 ok";
            });
            return a;
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
