package io.yagura.portal;

import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentChanges;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import io.yagura.api.registry.Contact;
import io.yagura.api.registry.Customer;
import io.yagura.api.registry.Device;
import io.yagura.portal.account.AccountRules;
import io.yagura.portal.account.LoginThrottle;
import io.yagura.portal.account.PasswordHasher;
import io.yagura.portal.account.PortalAccounts;
import io.yagura.portal.account.PortalSessions;
import io.yagura.portal.account.Role;
import io.yagura.portal.live.LiveHub;
import io.yagura.portal.live.PortalNotices;
import io.yagura.portal.tls.PortalKeyStore;
import io.yagura.portal.web.Pages;
import io.yagura.portal.web.PortalServlet;
import io.yagura.portal.web.Services;
import io.yagura.registry.DeviceRegistryService;
import io.yagura.registry.MemoryRegistryRepository;
import io.yagura.store.JdbcBlockStore;
import io.yagura.store.JdbcHealthStore;
import io.yagura.store.JdbcIncidentStore;
import io.yagura.templates.freemarker.FreemarkerTemplates;
import io.yagura.testing.TestDatabases;
import io.yagura.triage.TriageService;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.sql.DataSource;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.servlet.ServletContextHandler;
import org.eclipse.jetty.servlet.ServletHolder;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The portal servlet in an embedded Jetty 9.4 (the major of Karaf's Pax Web 8) over HTTPS with a
 * key pair made by {@link PortalKeyStore}, on the real stores (H2), registry, triage and template
 * service. Two customers, acme and globex, each with a device and a contact. Changes announced by
 * triage, and incidents made by {@link #incident}, are pushed to the live streams as the broker
 * route does.
 */
final class PortalFixture implements AutoCloseable {

    final JdbcIncidentStore incidents;
    final JdbcHealthStore health;
    final JdbcBlockStore blocks;
    final DeviceRegistryService registry;
    final TriageService triage;
    final PortalAccounts accounts;
    final PortalSessions sessions;
    final PortalNotices notices;
    final LiveHub hub;
    final Memory.Acks acks = new Memory.Acks();
    final Memory.Mails mails = new Memory.Mails();
    final Memory.Reports reports = new Memory.Reports();
    final Memory.Advisories advisories = new Memory.Advisories();
    final PortalServlet servlet;
    final Server jetty;
    final URI base;
    final URI plainBase;
    final SSLContext ssl;
    final Path dir;
    private final AtomicInteger seq = new AtomicInteger();

    PortalFixture() throws Exception {
        this(LoginThrottle.Limits.DEFAULT);
    }

    /** With these limits of failed logins per client address (all test clients come from 127.0.0.1). */
    PortalFixture(LoginThrottle.Limits loginLimits) throws Exception {
        this(loginLimits, "p" + UUID.randomUUID().toString().replace("-", ""));
    }

    /**
     * On the in-memory H2 database of this name: two fixtures on one name are two portal nodes
     * sharing a database (their live streams and login counts are their own, as on two nodes).
     */
    PortalFixture(LoginThrottle.Limits loginLimits, String database) throws Exception {
        dir = Files.createTempDirectory("portal");
        DataSource h2 = TestDatabases.h2(database);
        incidents = new JdbcIncidentStore(h2);
        health = new JdbcHealthStore(h2);
        blocks = new JdbcBlockStore(h2);
        registry = new DeviceRegistryService(new MemoryRegistryRepository());
        for (String c : List.of("acme", "globex")) {
            registry.putCustomer(new Customer(c, c.toUpperCase(), List.of(), List.of(new Contact(c + " ops",
                    "ops@" + c + ".example", "+81 3 1234 5678", 1, List.of("mail", "portal"), List.of(), "en", null)),
                    null));
            registry.putDevice(new Device("fw-" + c, c, "cisco-asa", "ASA 5506", List.of("192.0.2." + (c.length()))));
        }
        sessions = new PortalSessions(h2, Duration.ofMinutes(30), Duration.ofHours(12), Clock.systemUTC());
        notices = new PortalNotices(incidents, Clock.systemUTC());
        hub = new LiveHub(incidents, sessions, notices, Clock.systemUTC(), 1);
        IncidentChanges changes = (i, change) -> hub.changed(i.id());
        triage = new TriageService(incidents, changes, registry);
        // the real 600,000 iterations: a login costs what it costs in production
        accounts = new PortalAccounts(h2, incidents, registry, new AccountRules(5, Duration.ofMinutes(15),
                Duration.ofHours(24), "https://127.0.0.1"), new PasswordHasher(),
                new LoginThrottle(loginLimits, Clock.systemUTC()), Clock.systemUTC());
        accounts.bindMailer(mails);
        FreemarkerTemplates templates = new FreemarkerTemplates(dir.resolve("templates"));
        Services services = new Services(incidents, triage, registry, health, blocks, accounts, sessions, hub, notices,
                new Pages(templates.open(Pages.SET)), () -> acks, () -> reports, () -> reports, () -> advisories, Clock.systemUTC());
        servlet = new PortalServlet(services);

        io.yagura.format.tls.SelfSignedKeyStore.Location ks = PortalKeyStore.ensure(dir.resolve("tls/portal.p12"), "localhost");
        jetty = new Server();
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStorePath(ks.file().toString());
        tls.setKeyStorePassword(ks.password());
        tls.setKeyStoreType("PKCS12");
        HttpConfiguration https = new HttpConfiguration();
        https.addCustomizer(new SecureRequestCustomizer(false));
        ServerConnector secure = new ServerConnector(jetty, new SslConnectionFactory(tls, "http/1.1"),
                new HttpConnectionFactory(https));
        secure.setHost("127.0.0.1");
        ServerConnector plain = new ServerConnector(jetty);
        plain.setHost("127.0.0.1");
        jetty.addConnector(secure);
        jetty.addConnector(plain);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        ServletHolder holder = new ServletHolder(servlet);
        holder.setAsyncSupported(true);
        context.addServlet(holder, "/portal/*");
        jetty.setHandler(context);
        jetty.start();
        base = URI.create("https://127.0.0.1:" + secure.getLocalPort());
        plainBase = URI.create("http://127.0.0.1:" + plain.getLocalPort());

        KeyStore trust = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(ks.file())) {
            trust.load(in, ks.password().toCharArray());
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
    }

    /** Stores a new incident and announces it, as correlation does. */
    Incident incident(String customer, Level level, String title) {
        Instant now = Instant.now();
        String id = String.format("INC-%s-%04d", customer, seq.incrementAndGet());
        Incident i = incidents.create(Incident.builder().id(id).customerId(customer).key(id).proposedLevel(level)
                .status(IncidentStatus.NEW).category("intrusion").title(title).attackers(List.of("203.0.113.9"))
                .targets(List.of("192.0.2.80")).rules(List.of("rule-1")).rationale(List.of("because " + title))
                .eventCount(1).firstSeen(now).lastSeen(now).detectedAt(now)
                .deadline(level.deadlineFrom(now, null)).build());
        hub.changed(i.id());
        return i;
    }

    /** A portal notice for the incident's customer, as the dispatcher makes it. */
    Notification portalNotice(Incident i) {
        return incidents.createNotification(new Notification("N-" + i.id(), i.id(), i.customerId(), "incident",
                "portal", i.customerId() + " ops", "en", i.level(), Instant.now(), "pending", i.deadline(), null, null));
    }

    /** Creates a user and sets its password through the mailed link; returns the password. */
    String user(String name, Role role, String customer) {
        accounts.add(name, role, customer, name + "@example.net", "en", "test");
        accounts.sendLink(name, true, "test");
        String link = mails.linkTo(name + "@example.net");
        String password = "pw-" + name + "-correct-horse";
        accounts.setPassword(link.substring(link.indexOf("token=") + 6), password.toCharArray());
        return password;
    }

    WebClient client() {
        return new WebClient(base, ssl);
    }

    @Override
    public void close() throws Exception {
        hub.close();
        jetty.stop();
    }
}
