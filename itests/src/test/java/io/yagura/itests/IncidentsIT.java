package io.yagura.itests;

import static io.yagura.itests.Await.await;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.yagura.api.incident.Incident;
import io.yagura.api.incident.IncidentStore;
import io.yagura.api.incident.Level;
import io.yagura.api.incident.Notification;
import io.yagura.api.incident.Triage;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.File;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import javax.inject.Inject;
import org.apache.camel.CamelContext;
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
 * The service's core promise, in the real distribution: an attack story arrives as syslog,
 * correlation rates it, the store keeps it, and the customer's contact receives the
 * Emergency mail on a real SMTP server within the deadline, with the proof of delivery kept.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IncidentsIT {

    static final String IPS_ALERT = "%ASA-4-400032: IPS:4051 UDP Snork attack from 203.0.113.7 to 10.0.0.5 on interface outside";
    static final String CALLBACK = "%ASA-6-302013: Built outbound TCP connection 881234 for outside:203.0.113.7/4444 "
            + "(203.0.113.7/4444) to inside:10.0.0.5/50433 (198.51.100.5/50433)";

    @Inject
    CamelContext camel;

    @Inject
    Triage triage;

    @Configuration
    public Option[] config() {
        SmtpServer smtp = new SmtpServer();
        List<Option> options = YaguraKaraf.distribution();
        options.add(KarafDistributionOption.replaceConfigurationFile("etc/yagura-registry.yaml",
                new File("src/test/resources/incidents-registry.yaml")));
        options.add(KarafDistributionOption.editConfigurationFilePut("etc/io.yagura.notify.mail.cfg", "host", "127.0.0.1"));
        options.add(KarafDistributionOption.editConfigurationFilePut("etc/io.yagura.notify.mail.cfg", "port",
                Integer.toString(smtp.smtpPort)));
        options.add(KarafDistributionOption.editConfigurationFilePut("etc/io.yagura.notify.mail.cfg", "security", "NONE"));
        options.add(KarafDistributionOption.editConfigurationFilePut("etc/io.yagura.notify.mail.cfg", "from",
                "Yagura SOC <yagura@soc.example>"));
        options.add(CoreOptions.systemProperty("yagura.itest.imapPort").value(Integer.toString(smtp.imapPort)));
        return options.toArray(new Option[0]);
    }

    @Test
    public void successfulAttackBecomesAnEmergencyMailedAtOnce() throws Exception {
        Await.platformReady(camel);
        await("correlation route", () -> camel.getRoute("correlation") != null, 90);
        await("dispatcher route", () -> camel.getRoute("notify-dispatch") != null, 90);
        await("mail route", () -> camel.getRoute("notify-mail") != null, 90);

        send("<164>" + IPS_ALERT + "\n");
        AtomicReference<Incident> found = new AtomicReference<>();
        await("incident opened for the IPS alert", () -> {
            List<Incident> l = triage.list(new IncidentStore.Filter("demo", null, null, null, 10));
            if (!l.isEmpty()) {
                found.set(l.get(0));
            }
            return !l.isEmpty();
        }, 60);
        assertEquals("alert only: Critical proposed", Level.CRITICAL, found.get().proposedLevel());

        Thread.sleep(1000);
        send("<166>" + CALLBACK + "\n");
        String id = found.get().id();
        await("level raised to Emergency", () -> triage.show(id).incident().proposedLevel() == Level.EMERGENCY, 60);
        Incident emergency = triage.show(id).incident();
        assertTrue("rationale explains the success: " + emergency.rationale(),
                emergency.rationale().stream().anyMatch(r -> r.contains("203.0.113.7")));

        await("mail delivered", () -> triage.show(id).notifications().stream()
                .anyMatch(n -> "delivered".equals(n.status())), 60);
        Notification n = triage.show(id).notifications().get(0);
        assertEquals("to the contact", "soc@demo.example", n.address());
        assertEquals("deadline met", Boolean.TRUE, n.deadlineMet());
        assertTrue("delivered within 2 s of detection of the Emergency",
                Duration.between(n.createdAt(), n.deliveredAt())
                        .toMillis() < 2000);

        String[] mail = onlyMailInInbox();
        String subject = mail[0];
        assertTrue("subject names the level and the incident: " + subject,
                subject.toUpperCase().contains("EMERGENCY") && subject.contains(id));
        String body = mail[1];
        assertTrue("body names the attacker:\n" + body, body.contains("203.0.113.7"));
        assertTrue("body names the target:\n" + body, body.contains("10.0.0.5"));

        // A blocked attempt is a Warning: on the portal, not mailed.
        send("<164>%ASA-4-420002: IPS requested to drop TCP packet from outside:203.0.113.99/4444 to inside:10.0.0.6/445\n");
        AtomicReference<Incident> warning = new AtomicReference<>();
        await("incident for the blocked attempt", () -> {
            triage.list(new IncidentStore.Filter("demo", null, null, null, 10)).stream()
                    .filter(x -> x.attackers().contains("203.0.113.99")).findFirst().ifPresent(warning::set);
            return warning.get() != null;
        }, 60);
        assertEquals("blocked by the device: Warning", Level.WARNING, warning.get().level());
        Thread.sleep(3000); // a notice would be created within this time
        assertTrue("no notice for a Warning", triage.show(warning.get().id()).notifications().isEmpty());
        assertEquals("still only the Emergency mail", 1, inboxSize());
    }

    private static int inboxSize() throws Exception {
        return withInbox(Folder::getMessageCount);
    }

    private static void send(String lines) throws Exception {
        try (Socket s = new Socket("127.0.0.1", Integer.getInteger("yagura.itest.syslogPort"))) {
            OutputStream out = s.getOutputStream();
            out.write(lines.getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    /** Subject and decoded text body of the one mail in the contact's inbox. */
    private static String[] onlyMailInInbox() throws Exception {
        return withInbox(inbox -> {
            Message[] messages = inbox.getMessages();
            assertEquals("mails received", 1, messages.length);
            Message m = messages[0];
            return new String[] {m.getSubject(), new String(m.getInputStream().readAllBytes(), StandardCharsets.UTF_8)};
        });
    }

    interface InboxReader<T> {
        T read(Folder inbox) throws Exception;
    }

    /** Reads the contact's inbox over IMAP, as the customer's mail client would. */
    private static <T> T withInbox(InboxReader<T> reader) throws Exception {
        Properties p = new Properties();
        p.put("mail.imap.host", "127.0.0.1");
        p.put("mail.imap.port", Integer.getInteger("yagura.itest.imapPort").toString());
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        // Jakarta Mail finds its providers through the context class loader: use Angus's.
        Thread.currentThread().setContextClassLoader(org.eclipse.angus.mail.imap.IMAPStore.class.getClassLoader());
        try {
            Store store = Session.getInstance(p).getStore("imap");
            store.connect(SmtpServer.USER, SmtpServer.PASSWORD);
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                return reader.read(inbox);
            } finally {
                store.close();
            }
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
    }
}
