package io.yagura.advisory.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.yagura.advisory.AdvisoryService;
import io.yagura.advisory.Customers;
import io.yagura.notify.mail.SmtpMailer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** yagura:advisory-create, yagura:advisory-send [--dry-run] and yagura:advisories as an operator types them. */
class AdvisoryCommandsTest {

    @RegisterExtension
    static final GreenMailExtension SMTP = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withPerMethodLifecycle(true);

    @TempDir
    Path dir;
    Customers fixture;
    AdvisoryService service;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new Customers(dir.resolve("templates"));
        service = fixture.service(new SmtpMailer(SMTP.getSmtp().getBindTo(), SMTP.getSmtp().getPort()));
    }

    /** What a command printed, and its refusal ("" when it did its work). */
    private static String[] run(Callable<Object> command) throws Exception {
        PrintStream out = System.out;
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
        String refusal = "";
        try {
            command.call();
        } catch (CommandException refused) {
            refusal = refused.getMessage();
        } finally {
            System.setOut(out);
        }
        return new String[] {o.toString(StandardCharsets.UTF_8), refusal};
    }

    private AdvisoryCreateCommand create(String vendor) throws Exception {
        AdvisoryCreateCommand c = new AdvisoryCreateCommand();
        c.service = service;
        c.severity = "high";
        c.vendors = vendor == null ? null : List.of(vendor);
        c.titleEn = "ASA WebVPN flaw";
        c.titleJa = "ASA WebVPN の脆弱性";
        c.bodyEnFile = Files.writeString(dir.resolve("en.txt"), "Update now.").toString();
        c.bodyJaFile = Files.writeString(dir.resolve("ja.txt"), "更新してください。").toString();
        return c;
    }

    @Test
    void writeThenDryRunThenSendThenList() throws Exception {
        String[] created = run(create("cisco-asa")::execute);
        assertTrue(created[0].startsWith("Advisory ADV-"), created[0] + created[1]);
        String id = created[0].substring("Advisory ".length(), created[0].indexOf(' ', "Advisory ".length()));

        AdvisorySendCommand send = new AdvisorySendCommand();
        send.service = service;
        send.id = id;
        send.dryRun = true;
        String dry = run(send::execute)[0];
        assertTrue(dry.contains("hanako@acme.example") && dry.contains("peter@initech.example")
                && !dry.contains("globex"), dry);
        assertTrue(dry.contains("5 recipients; nothing sent (dry run)"), dry);
        assertEquals(0, SMTP.getReceivedMessages().length);

        send.dryRun = false;
        String sent = run(send::execute)[0];
        assertTrue(sent.contains("5 recipients, 0 failed"), sent);
        assertTrue(sent.lines().filter(l -> l.contains("delivered")).count() == 5, sent);
        assertEquals(3, SMTP.getReceivedMessages().length);
        assertTrue(run(send::execute)[1].startsWith("Not sent: advisory " + id + " was sent at"), "once only");

        AdvisoriesCommand list = new AdvisoriesCommand();
        list.store = fixture.store;
        String all = run(list::execute)[0];
        assertTrue(all.contains(id) && all.contains("cisco-asa") && all.contains("ASA WebVPN flaw"), all);
        list.id = id;
        assertTrue(run(list::execute)[0].contains("250"), "each recipient with the server's answer");
    }

    @Test
    void aTypoInTheVendorIsRefusedWithTheKnownVendors() throws Exception {
        String[] out = run(create("cisco-as")::execute);
        assertEquals("", out[0]);
        assertTrue(out[1].startsWith("Not written: vendor 'cisco-as' is on no registered device (known: cisco-asa, "
                + "fortigate)"), out[1]);
    }

    @Test
    void anUnreadableBodyFileIsSaid() throws Exception {
        AdvisoryCreateCommand c = create(null);
        c.bodyJaFile = dir.resolve("missing.txt").toString();
        assertTrue(run(c::execute)[1].contains("cannot read " + c.bodyJaFile), "names the file");
    }
}
