package io.yagura.portal.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.registry.Customer;
import io.yagura.portal.account.AccountException;
import io.yagura.portal.account.AccountRules;
import io.yagura.portal.account.LoginResult;
import io.yagura.portal.account.PasswordHasher;
import io.yagura.portal.account.PortalAccounts;
import io.yagura.portal.account.PortalSessions;
import io.yagura.portal.live.LiveFeed;
import io.yagura.registry.DeviceRegistryService;
import io.yagura.registry.MemoryRegistryRepository;
import io.yagura.store.JdbcIncidentStore;
import io.yagura.testing.TestDatabases;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The yagura:portal-user* commands on the real accounts. */
class PortalCommandsTest {

    PortalAccounts accounts;
    PortalSessions sessions;
    LiveFeed feed;

    @BeforeEach
    void setUp() throws Exception {
        DataSource h2 = TestDatabases.freshH2();
        JdbcIncidentStore store = new JdbcIncidentStore(h2);
        DeviceRegistryService registry = new DeviceRegistryService(new MemoryRegistryRepository());
        registry.putCustomer(new Customer("acme", "ACME", List.of()));
        accounts = new PortalAccounts(h2, store, registry, new AccountRules(5, Duration.ofMinutes(15),
                Duration.ofHours(24), "https://soc.example:8443"), new PasswordHasher(), Clock.systemUTC());
        sessions = new PortalSessions(h2, Duration.ofMinutes(30), Duration.ofHours(12), Clock.systemUTC());
        feed = new LiveFeed(store, sessions);
    }

    @AfterEach
    void tearDown() {
        feed.hub().close();
    }

    private <T extends PortalUserAction> T wire(T c) {
        c.accounts = accounts;
        c.sessions = sessions;
        c.feed = feed;
        return c;
    }

    private static String run(PortalUserAction c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        c.run(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theFirstAdministratorGetsAPrintedLinkThatSetsItsPassword() {
        PortalUserAddCommand add = wire(new PortalUserAddCommand());
        add.soc = true;
        add.mail = "lead@soc.example";
        add.printLink = true;
        add.name = "admin";
        String out = run(add);
        assertTrue(out.startsWith("Portal user admin created (SOC)"), out);
        String url = out.lines().filter(l -> l.startsWith("https://soc.example:8443/portal/password?token="))
                .findFirst().orElseThrow(() -> new AssertionError(out));
        accounts.setPassword(url.substring(url.indexOf("token=") + 6), "the admin's password".toCharArray());
        assertTrue(accounts.login("admin", "the admin's password".toCharArray(), "192.0.2.10")
                instanceof LoginResult.Accepted);

        PortalUsersCommand list = wire(new PortalUsersCommand());
        String table = run(list);
        assertTrue(table.contains("admin") && table.contains("SOC") && table.contains("yes"), table);
    }

    @Test
    void withoutAMailServiceTheLinkIsNotSentAndTheCommandSaysSo() {
        PortalUserAddCommand add = wire(new PortalUserAddCommand());
        add.customer = "acme";
        add.mail = "it@acme.example";
        add.name = "acme-it";
        assertEquals("no mail service: the link to set the password was not sent to it@acme.example",
                assertThrows(AccountException.class, () -> run(add)).getMessage());
    }

    @Test
    void socOrCustomerMustBeGivenOnce() {
        PortalUserAddCommand add = wire(new PortalUserAddCommand());
        add.mail = "x@example.net";
        add.name = "x";
        assertEquals("give either --soc or --customer ID", assertThrows(AccountException.class, () -> run(add))
                .getMessage());
    }

    @Test
    void lockingEndsTheUsersSessions() {
        accounts.add("carol", io.yagura.portal.account.Role.CUSTOMER, "acme", "c@acme.example", "en", "t");
        PortalSessions.Session s = sessions.start("carol");
        PortalUserLockCommand lock = wire(new PortalUserLockCommand());
        lock.name = "carol";
        assertEquals("Portal user carol locked; 1 session(s) ended", run(lock).trim());
        assertTrue(sessions.touch(s.id()).isEmpty());
        PortalUserUnlockCommand unlock = wire(new PortalUserUnlockCommand());
        unlock.name = "carol";
        assertEquals("Portal user carol unlocked", run(unlock).trim());
        assertTrue(!accounts.find("carol").orElseThrow().disabled());
    }
}
