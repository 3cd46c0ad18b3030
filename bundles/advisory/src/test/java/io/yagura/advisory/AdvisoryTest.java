package io.yagura.advisory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.yagura.api.advisory.Advisory;
import io.yagura.api.notify.Mailer;
import io.yagura.notify.mail.SmtpMailer;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Advisories written, matched to customers by their devices, mailed through the real Mailer path
 * to real SMTP servers (GreenMail; a server that refuses unknown users) and published for the
 * portal, with each recipient's outcome stored.
 */
class AdvisoryTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(true);
    private static final Map<String, String> TITLE = Map.of("en", "ASA WebVPN flaw", "ja", "ASA WebVPN の脆弱性");
    private static final Map<String, String> BODY = Map.of("en", "Update to 9.20.3 now.",
            "ja", "直ちに 9.20.3 に更新してください。");

    @TempDir
    Path dir;
    Customers fixture;
    JdbcAdvisoryStore store;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new Customers(dir);
        store = fixture.store;
    }

    private AdvisoryService service(Mailer mailer) {
        return fixture.service(mailer);
    }

    private AdvisoryService greenMail() {
        return service(new SmtpMailer(SMTP.getSmtp().getBindTo(), SMTP.getSmtp().getPort()));
    }

    private static MimeMessage to(MimeMessage[] mails, String address) {
        return Arrays.stream(mails).filter(m -> {
            try {
                return m.getRecipients(Message.RecipientType.TO)[0].toString().equals(address);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).findFirst().orElseThrow(() -> new AssertionError("no mail to " + address));
    }

    @Test
    void aVendorAdvisoryReachesOnlyCustomersWithSuchADeviceEachContactInItsLanguage() throws Exception {
        AdvisoryService service = greenMail();
        Advisory a = service.create("high", List.of("cisco-asa"), List.of(), TITLE, BODY, "analyst");
        List<Delivery> out = service.send(a.id(), "analyst");

        MimeMessage[] mails = SMTP.getReceivedMessages();
        assertEquals(3, mails.length, "hanako and john of acme, peter of initech; not globex, not a phone-only contact");
        MimeMessage hanako = to(mails, "hanako@acme.example");
        assertEquals("[Yagura アドバイザリ][高] ASA WebVPN の脆弱性", hanako.getSubject());
        assertTrue(new String(hanako.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
                .contains("直ちに 9.20.3 に更新してください。"), "Japanese body");
        MimeMessage john = to(mails, "john@acme.example");
        assertEquals("[Yagura advisory][High] ASA WebVPN flaw", john.getSubject());
        assertTrue(GreenMailUtil.getBody(john).contains("Update to 9.20.3 now."), "English body");
        assertTrue(GreenMailUtil.getBody(john).contains("Affected:  cisco-asa"));

        assertEquals(List.of("acme:mail:hanako@acme.example:ja", "acme:mail:john@acme.example:en", "acme:portal:acme:ja,en",
                        "initech:mail:peter@initech.example:en", "initech:portal:initech:ja,en"),
                store.deliveries(a.id()).stream().map(d -> d.customerId() + ":" + d.channel() + ":" + d.recipient() + ":"
                        + d.language()).toList(), "one row per recipient, stored");
        assertTrue(out.stream().allMatch(d -> d.outcome().equals("delivered") && d.attempts() == 1));
        assertTrue(out.stream().filter(d -> d.channel().equals("mail")).allMatch(d -> d.answer().startsWith("250")),
                "the server's answer kept: " + out);
        assertTrue(store.wasSentTo(a.id(), "acme"));
        assertFalse(store.wasSentTo(a.id(), "globex"), "globex has no ASA: not on its portal");
        assertEquals(List.of(a.id()), store.sentTo("initech").stream().map(Advisory::id).toList());
        assertEquals(List.of(), store.sentTo("globex"));
        assertNotNull(store.find(a.id()).orElseThrow().sentAt());
    }

    @Test
    void aProductNarrowsTheVendorAndNoVendorMeansEveryCustomer() {
        AdvisoryService service = greenMail();
        Advisory asa5506 = service.create("medium", List.of("cisco-asa"), List.of("asa 5506-x"), TITLE, BODY, "a");
        assertEquals(List.of("initech", "initech"),
                service.recipients(asa5506).stream().map(Recipient::customerId).toList(), "case ignored");
        Advisory all = service.create("info", List.of(), List.of(), TITLE, BODY, "a");
        assertEquals(List.of("acme", "globex", "initech"),
                service.recipients(all).stream().map(Recipient::customerId).distinct().toList());
    }

    @Test
    void aDryRunListsTheRecipientsAndAnAdvisoryIsSentOnlyOnce() {
        AdvisoryService service = greenMail();
        Advisory a = service.create("critical", List.of("fortigate"), List.of(), TITLE, BODY, "a");
        assertEquals(List.of("mary@globex.example", "globex"),
                service.recipients(a).stream().map(Recipient::address).toList());
        assertEquals(0, SMTP.getReceivedMessages().length, "listing sends nothing");
        assertTrue(store.find(a.id()).orElseThrow().sentAt() == null, "still a draft");
        service.send(a.id(), "a");
        IllegalStateException again = assertThrows(IllegalStateException.class, () -> service.send(a.id(), "b"));
        assertTrue(again.getMessage().contains("was sent at"), again.getMessage());
        assertEquals(1, SMTP.getReceivedMessages().length, "not mailed twice");
    }

    @Test
    void aRefusedRecipientFailsAtOnceWithTheServersAnswerAndATemporaryRefusalIsTriedAgain() throws Exception {
        try (RefusingSmtpServer smtp = new RefusingSmtpServer()) {
            smtp.unknown.add("john@acme.example");
            smtp.busy.put("hanako@acme.example", new AtomicInteger(1));
            smtp.busy.put("peter@initech.example", new AtomicInteger(10));
            AdvisoryService service = service(new SmtpMailer("127.0.0.1", smtp.port()));
            Advisory a = service.create("high", List.of("cisco-asa"), List.of(), TITLE, BODY, "a");
            service.send(a.id(), "a");

            Map<String, Delivery> by = new java.util.HashMap<>();
            store.deliveries(a.id()).forEach(d -> by.put(d.recipient(), d));
            Delivery john = by.get("john@acme.example");
            assertEquals("failed", john.outcome());
            assertEquals(1, john.attempts(), "a 550 is final: not tried again");
            assertTrue(john.answer().startsWith("550") && john.answer().contains("User unknown"), john.answer());
            Delivery hanako = by.get("hanako@acme.example");
            assertEquals("delivered", hanako.outcome());
            assertEquals(2, hanako.attempts(), "451 once, then taken");
            assertTrue(hanako.answer().startsWith("250"), hanako.answer());
            Delivery peter = by.get("peter@initech.example");
            assertEquals("failed", peter.outcome(), "still 451 after every try");
            assertEquals(3, peter.attempts());
            assertTrue(peter.answer().startsWith("451"), peter.answer());
            assertEquals(1, smtp.rcptTried.stream().filter("john@acme.example"::equals).count());
            assertEquals(3, smtp.rcptTried.stream().filter("peter@initech.example"::equals).count());
            assertEquals(List.of("hanako@acme.example"),
                    smtp.received.stream().map(RefusingSmtpServer.Received::rcptTo).toList(), "only hanako's arrived");
            assertTrue(store.wasSentTo(a.id(), "acme"), "on the portal whatever the mails did");
        }
    }

    @Test
    void badInputIsRefusedWithWhatIsWrong() {
        AdvisoryService service = greenMail();
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> service.create("urgent", List.of(), List.of(), TITLE, BODY, "a")).getMessage()
                .contains("critical, high, medium, low, info"));
        String vendor = assertThrows(IllegalArgumentException.class,
                () -> service.create("high", List.of("cisco-as"), List.of(), TITLE, BODY, "a")).getMessage();
        assertTrue(vendor.contains("'cisco-as'") && vendor.contains("cisco-asa, fortigate"), vendor);
        String ja = assertThrows(IllegalArgumentException.class, () -> service.create("high", List.of(), List.of(),
                TITLE, Map.of("en", "x", "ja", " "), "a")).getMessage();
        assertTrue(ja.contains("no body in ja"), ja);
        assertThrows(IllegalArgumentException.class, () -> service.send("ADV-nope", "a"));
        assertEquals(List.of(), store.list(), "nothing stored");
    }
}
