package io.yagura.itests;

import static io.yagura.itests.Await.await;
import static io.yagura.itests.SyslogClient.logger;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import io.yagura.api.incident.AuditEntry;
import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStatus;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import io.yagura.api.incident.Suppression;
import io.yagura.api.incident.Triage;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import javax.inject.Inject;
import org.apache.camel.CamelContext;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.CoreOptions;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.karaf.options.KarafDistributionOption;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * The service's core promise in the real distribution, told as attack stories: ASA lines
 * sent by a real syslog client (logger), rated by correlation, kept by the store, handled
 * by an analyst on the console, mailed to the customer's contacts through a real SMTP
 * server and read back over IMAP, against the deadlines.
 *
 * <p>One test method: the automatic Critical needs a minute of waiting, which the other
 * stories use. {@link AttackStoriesPostgresIT} runs the same stories on PostgreSQL.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AttackStoriesIT {

    static final String DEMO = "demo";

    @Inject
    CamelContext camel;

    @Inject
    Triage triage;

    @Inject
    SessionFactory sessions;

    @Configuration
    public Option[] config() {
        List<Option> options = YaguraKaraf.distribution();
        SmtpServer smtp = new SmtpServer();
        options.add(KarafDistributionOption.replaceConfigurationFile("etc/yagura-registry.yaml",
                new File("src/test/resources/stories-registry.yaml")));
        options.add(KarafDistributionOption.editConfigurationFilePut("etc/io.yagura.notify.mail.cfg", "host", "127.0.0.1"));
        options.add(KarafDistributionOption.editConfigurationFilePut("etc/io.yagura.notify.mail.cfg", "port",
                Integer.toString(smtp.smtpPort)));
        options.add(KarafDistributionOption.editConfigurationFilePut("etc/io.yagura.notify.mail.cfg", "security", "NONE"));
        options.add(KarafDistributionOption.editConfigurationFilePut("etc/io.yagura.notify.mail.cfg", "from",
                "Yagura SOC <yagura@soc.example>"));
        options.add(CoreOptions.systemProperty("yagura.itest.imapPort").value(Integer.toString(smtp.imapPort)));
        options.addAll(database());
        return options.toArray(new Option[0]);
    }

    /** The embedded H2 of the distribution; the PostgreSQL variant overrides this. */
    List<Option> database() {
        return List.of();
    }

    @Test
    public void attackStories() throws Exception {
        Await.platformReady(camel);
        for (String route : new String[] {"notify-dispatch", "notify-mail"}) {
            await("route " + route, () -> camel.getRoute(route) != null, 90);
        }
        await("yagura console commands registered", () -> {
            try {
                return !console("yagura:customers").contains("Command not found");
            } catch (Exception notYet) {
                return false;
            }
        }, 60);
        // The operator adds the night desk, told of Emergencies only, from the console.
        String added = console("yagura:contact-add --email " + SmtpServer.NIGHT_DESK
                + " --level emergency --order 2 demo \"Night desk\"");
        assertTrue(added, added.contains("Contact Night desk added for demo"));
        String refused = console("yagura:contact-add --email not-an-address demo \"Typo\"");
        assertTrue("a bad contact is refused with the reason: " + refused,
                refused.contains("Not changed") && refused.contains("is not a mail address"));
        String customer = console("yagura:customer demo");
        assertTrue(customer, customer.contains("Night desk") && customer.contains("Critical within 1 min"));

        // Likely success, nobody confirms: Critical, mailed automatically before its deadline
        // (1 minute for this customer). Sent first: the other stories run while it waits.
        logger("-T", "--rfc3164", ipsAlert("203.0.113.20", "10.0.0.20"));
        Incident autoCritical = incidentOf("203.0.113.20");
        assertEquals("alert only: Critical", Level.CRITICAL, autoCritical.level());
        assertTrue("rationale says the failure is not confirmed: " + autoCritical.rationale(),
                mentions(autoCritical, "only raised an alert"));

        success();
        confirmedCritical();
        blockedAttempt();
        reconnaissance();
        falsePositiveSuppressed();
        houseRuleFromDraftToRetired();

        // back to the automatic Critical
        await("automatic Critical delivered", () -> delivered(autoCritical.id()).size() == 1, 90);
        Notification auto = delivered(autoCritical.id()).get(0);
        assertEquals("Critical goes to the contacts who take Critical, not the night desk", SmtpServer.USER,
                auto.address());
        assertTrue("delivered by the deadline " + auto.deadline() + ": " + auto.deliveredAt(),
                !auto.deliveredAt().isAfter(autoCritical.deadline()));
        assertEquals("deadline met", Boolean.TRUE, auto.deadlineMet());
        Thread.sleep(12_000); // a deadline check passes the deadline
        List<AuditEntry> audit = triage.show(autoCritical.id()).audit();
        assertTrue("no breach alarm: " + audit, audit.stream().noneMatch(a -> a.action().equals("deadline-breached")));
        assertTrue("sent automatically, audited: " + audit, audit.stream().anyMatch(a -> a.action().equals("notify")));
        assertEquals("one mail for the automatic Critical", 1, mails(SmtpServer.USER, autoCritical.id()).size());
    }

    /** IPS alert, then the victim calls the attacker back: the attack succeeded. */
    private void success() throws Exception {
        logger("-T", "--rfc3164", ipsAlert("203.0.113.7", "10.0.0.5"));
        Incident first = incidentOf("203.0.113.7");
        assertEquals("alert only: Critical first", Level.CRITICAL, first.level());
        logger("-T", "--rfc3164", "%ASA-6-302013: Built outbound TCP connection 881234 for outside:203.0.113.7/4444 "
                + "(203.0.113.7/4444) to inside:10.0.0.5/50433 (198.51.100.5/50433)");
        await("raised to Emergency by the callback", () -> triage.show(first.id()).incident().level()
                == Level.EMERGENCY, 60);
        Incident emergency = triage.show(first.id()).incident();
        assertTrue("rationale explains the raise: " + emergency.rationale(),
                mentions(emergency, "Level raised from Critical to Emergency"));
        assertTrue("and the success: " + emergency.rationale(), mentions(emergency, "most likely compromised"));
        assertEquals("one incident, both events", 2, emergency.eventCount());

        await("Emergency mailed to both contacts", () -> delivered(first.id()).size() == 2, 30);
        for (Notification n : delivered(first.id())) {
            assertEquals(Level.EMERGENCY, n.level());
            assertEquals("deadline met for " + n.address(), Boolean.TRUE, n.deadlineMet());
            assertTrue("accepted by SMTP within 2 s of the notice: " + n, Duration.between(n.createdAt(),
                    n.deliveredAt()).toMillis() < 2000);
        }
        for (String contact : List.of(SmtpServer.USER, SmtpServer.NIGHT_DESK)) {
            List<String[]> mails = mails(contact, first.id());
            assertEquals("one Emergency mail for " + contact, 1, mails.size());
            String subject = mails.get(0)[0];
            String body = mails.get(0)[1];
            assertTrue("subject names the level: " + subject, subject.toUpperCase().contains("EMERGENCY"));
            assertTrue("body names attacker and target:\n" + body, body.contains("203.0.113.7")
                    && body.contains("10.0.0.5"));
        }
    }

    /** An analyst confirms a Critical from the console: mailed at once, long before the deadline. */
    private void confirmedCritical() throws Exception {
        logger("-T", "--rfc3164", ipsAlert("203.0.113.30", "10.0.0.30"));
        Incident critical = incidentOf("203.0.113.30");
        assertEquals(Level.CRITICAL, critical.level());
        String out = console("yagura:incident-level " + critical.id() + " critical");
        assertTrue(out, out.contains(critical.id()));
        await("confirmed Critical delivered", () -> delivered(critical.id()).size() == 1, 30);
        Notification n = delivered(critical.id()).get(0);
        assertEquals(SmtpServer.USER, n.address());
        assertTrue("sent on confirmation, well before the automatic time: " + n,
                n.createdAt().isBefore(critical.deadline().minusSeconds(20)));
        Incident confirmed = triage.show(critical.id()).incident();
        assertEquals(Level.CRITICAL, confirmed.confirmedLevel());
        assertEquals(1, mails(SmtpServer.USER, critical.id()).size());
    }

    /** The IPS dropped the attack: a Warning on the portal, not mailed. */
    private void blockedAttempt() throws Exception {
        logger("-T", "--rfc3164", "%ASA-4-420002: IPS requested to drop TCP packet from outside:203.0.113.99/4444 to "
                + "inside:10.0.0.6/445");
        Incident warning = incidentOf("203.0.113.99");
        assertEquals("blocked by the device: Warning", Level.WARNING, warning.level());
        assertTrue(warning.rationale().toString(), mentions(warning, "The device blocked it"));
        assertEquals("no deadline for a Warning", null, warning.deadline());
        Thread.sleep(2000);
        assertTrue("no notice for a Warning", triage.show(warning.id()).notifications().isEmpty());
    }

    /** The ASA's threat detection reports a scanner: Informational, not mailed. */
    private void reconnaissance() throws Exception {
        logger("-T", "--rfc3164", "%ASA-4-733100: [ 203.0.113.66] drop rate-2 exceeded. Current burst rate is 15 per "
                + "second, max configured rate is 10; Current average rate is 9 per second, max configured rate is 5; "
                + "Cumulative total count is 32400");
        Incident recon = incidentOf("203.0.113.66");
        assertEquals("scanning: Informational", Level.INFORMATIONAL, recon.level());
        assertEquals("reconnaissance", recon.category());
        assertTrue("no notice for reconnaissance", triage.show(recon.id()).notifications().isEmpty());
    }

    /**
     * The customer's own scanner trips a signature: the analyst marks it a false positive
     * with a suppression from the console; the next alert opens nothing and is counted.
     */
    private void falsePositiveSuppressed() throws Exception {
        logger("-T", "--rfc3164", ipsAlert("203.0.113.50", "10.0.0.50"));
        Incident fp = incidentOf("203.0.113.50");
        String out = console("yagura:incident-close --false-positive \"the customer vulnerability scanner\" "
                + "--suppress-days 30 " + fp.id());
        assertTrue(out, out.contains("marked false positive"));
        Incident closed = triage.show(fp.id()).incident();
        assertEquals(Level.LOW, closed.level());
        assertEquals(IncidentStatus.FALSE_POSITIVE, closed.status());
        Suppression s = triage.suppressions(DEMO).stream().filter(x -> "10.0.0.50".equals(x.target())).findFirst()
                .orElseThrow(() -> new AssertionError("suppression added: " + triage.suppressions(DEMO)));

        Thread.sleep(6000); // correlation reads a customer's suppressions at most every 5 s
        logger("-T", "--rfc3164", ipsAlert("203.0.113.50", "10.0.0.50"));
        await("the repeat is counted by the suppression", () -> triage.suppressedCount(s.id()) >= 1, 30);
        assertEquals("no new incident", 1, incidentsOf("203.0.113.50").size());
        String listing = console("yagura:suppress demo");
        assertTrue(listing, listing.contains(s.id()));
        assertTrue("audited with the analyst's reason: " + triage.show(fp.id()).audit(), triage.show(fp.id()).audit()
                .stream().anyMatch(a -> a.action().equals("false-positive") && a.detail().contains("scanner")));
        assertTrue("nobody was told, so no all-clear", triage.show(fp.id()).notifications().isEmpty());
    }

    /**
     * A house rule (JSIG) taken through its life from the console: added as a draft, refused live before
     * it is proven, tested on the story it claims, validated, canary for the customer, active (an
     * incident of it from a real syslog line), retired (the next matching line opens nothing).
     */
    private void houseRuleFromDraftToRetired() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("jsig");
        java.nio.file.Path story = dir.resolve("radmin-from-internet.yaml");
        java.nio.file.Files.writeString(story, String.join("\n",
                "title: Radmin probed from the Internet, denied",
                "customer: {networks: [10.0.0.0/8]}",
                "devices: {asa: cisco-asa}",
                "lines:",
                "- asa: '<164>2026-03-12T10:00:00Z fw-edge-01 : %ASA-4-106023: Deny tcp src outside:203.0.113.140/50100 "
                        + "dst inside:10.0.0.40/4899 by access-group \"outside_access_in\" [0x0, 0x0]'",
                "expected:",
                "- {level: warning, attacker: 203.0.113.140, target: 10.0.0.40}", ""));
        java.nio.file.Path rule = dir.resolve("jsig_radmin_inbound.yml");
        java.nio.file.Files.writeString(rule, String.join("\n",
                "title: Radmin remote control port probed from the Internet",
                "name: jsig_radmin_inbound",
                "description: Someone outside tried the Radmin remote control port (4899) of a customer host.",
                "tags: [attack.initial_access]",
                "detection:",
                "  sel:",
                "    network.direction: inbound",
                "    destination.port: 4899",
                "  condition: sel",
                "level: medium",
                "yagura: {level: warning, category: intrusion}", ""));
        String added = console("yagura:jsig-add " + rule);
        assertTrue(added, added.contains("jsig_radmin_inbound v1 draft"));
        String early = console("yagura:jsig-promote --to validated jsig_radmin_inbound");
        assertTrue("not live before it is proven: " + early, early.contains("has not been tested"));
        String test = console("yagura:jsig-test --story " + story + " jsig_radmin_inbound");
        assertTrue(test, test.contains("PASSED"));
        for (String step : new String[] {"--to validated", "--to canary --customers demo", "--to active"}) {
            String out = console("yagura:jsig-promote " + step + " jsig_radmin_inbound");
            assertTrue(step + ": " + out, out.startsWith("Stored jsig_radmin_inbound"));
        }
        await("the active house rule is loaded", () -> rulesListed().contains("Radmin remote control"), 60);
        logger("-T", "--rfc3164", "%ASA-4-106023: Deny tcp src outside:203.0.113.141/50100 dst inside:10.0.0.41/4899 "
                + "by access-group \"outside_access_in\" [0x0, 0x0]");
        Incident jsig = incidentOf("203.0.113.141");
        assertEquals(Level.WARNING, jsig.level());
        assertTrue(jsig.title(), jsig.title().startsWith("Radmin remote control port probed"));

        String retired = console("yagura:jsig-retire --reason \"covered by vendor signature 4051\" jsig_radmin_inbound");
        assertTrue(retired, retired.contains("retired"));
        await("the retired house rule is unloaded", () -> !rulesListed().contains("Radmin remote control"), 60);
        logger("-T", "--rfc3164", "%ASA-4-106023: Deny tcp src outside:203.0.113.142/50100 dst inside:10.0.0.42/4899 "
                + "by access-group \"outside_access_in\" [0x0, 0x0]");
        logger("-T", "--rfc3164", ipsAlert("203.0.113.143", "10.0.0.43")); // a marker sent after it, same route
        incidentOf("203.0.113.143");
        assertTrue("a retired rule opens nothing: " + incidentsOf("203.0.113.142"),
                incidentsOf("203.0.113.142").stream().noneMatch(i -> i.title().startsWith("Radmin")));
        String history = console("yagura:jsig-history jsig_radmin_inbound");
        assertTrue(history, history.contains("covered by vendor signature 4051") && history.contains("draft"));
    }

    private String rulesListed() {
        try {
            return console("yagura:rules --list");
        } catch (Exception e) {
            throw new IllegalStateException("yagura:rules --list failed", e);
        }
    }

    static String ipsAlert(String attacker, String victim) {
        return "%ASA-4-400032: IPS:4051 UDP Snork attack from " + attacker + " to " + victim + " on interface outside";
    }

    private static boolean mentions(Incident i, String text) {
        return i.rationale().stream().anyMatch(r -> r.contains(text));
    }

    private List<Incident> incidentsOf(String attacker) {
        return triage.list(new IncidentStore.Filter(DEMO, null, null, null, 200)).stream()
                .filter(i -> i.attackers().contains(attacker)).toList();
    }

    /** Waits for the incident of this attacker and returns it. */
    private Incident incidentOf(String attacker) throws InterruptedException {
        AtomicReference<Incident> found = new AtomicReference<>();
        await("incident of " + attacker, () -> {
            incidentsOf(attacker).stream().findFirst().ifPresent(found::set);
            return found.get() != null;
        }, 60);
        assertNotNull(found.get());
        return found.get();
    }

    private List<Notification> delivered(String incidentId) {
        return triage.show(incidentId).notifications().stream().filter(n -> "delivered".equals(n.status())).toList();
    }

    private String console(String command) throws Exception {
        return ShellConsole.run(sessions, command);
    }

    /** Subjects and bodies of the mails in a contact's inbox that name this incident. */
    private static List<String[]> mails(String user, String incidentId) throws Exception {
        Properties p = new Properties();
        p.put("mail.imap.host", "127.0.0.1");
        p.put("mail.imap.port", Integer.getInteger("yagura.itest.imapPort").toString());
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        // Jakarta Mail finds its providers through the context class loader: use Angus's.
        Thread.currentThread().setContextClassLoader(org.eclipse.angus.mail.imap.IMAPStore.class.getClassLoader());
        try {
            Store store = Session.getInstance(p).getStore("imap");
            store.connect(user, SmtpServer.PASSWORD);
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                List<String[]> found = new ArrayList<>();
                for (Message m : inbox.getMessages()) {
                    if (m.getSubject().contains(incidentId)) {
                        found.add(new String[] {m.getSubject(),
                            new String(m.getInputStream().readAllBytes(), StandardCharsets.UTF_8)});
                    }
                }
                return found;
            } finally {
                store.close();
            }
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}
