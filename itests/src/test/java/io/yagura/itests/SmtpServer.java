package io.yagura.itests;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * A real SMTP server (GreenMail) in the test driver JVM, with IMAP so that the test inside
 * Karaf can read what arrived, as a customer's mail client would.
 */
final class SmtpServer {

    static final String USER = "soc@demo.example";
    /** A second contact, added from the console by AttackStoriesIT. */
    static final String NIGHT_DESK = "night@demo.example";
    static final String PASSWORD = "itest-secret";

    final int smtpPort;
    final int imapPort;
    private final GreenMail mail;

    SmtpServer() {
        smtpPort = YaguraKaraf.freeTcpPort();
        imapPort = YaguraKaraf.freeTcpPort();
        mail = new GreenMail(new ServerSetup[] {
            new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
            new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
        mail.start();
        mail.setUser(USER, USER, PASSWORD);
        mail.setUser(NIGHT_DESK, NIGHT_DESK, PASSWORD);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopWithin(mail, 2000)));
    }

    /**
     * GreenMail's stop waits for its connection handlers, which can keep the test JVM from
     * exiting for half a minute after Karaf is gone; the JVM is ending anyway, so wait briefly.
     */
    private static void stopWithin(GreenMail mail, long millis) {
        Thread stopper = new Thread(mail::stop, "greenmail-stop");
        stopper.setDaemon(true);
        stopper.start();
        try {
            stopper.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
