package io.yagura.notify.phone;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.notify.phone.media.MuLaw;
import io.yagura.notify.phone.sip.CallResult;
import io.yagura.notify.phone.sip.SipPhone;
import io.yagura.notify.phone.sip.SipSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import org.junit.jupiter.api.Test;

/**
 * A call over TLS. The Debian SIPp is built without TLS, so the trunk here is a second JAIN SIP
 * stack listening on TLS with a key made by keytool, that answers every INVITE 486: the answer
 * coming back proves the TLS connection (handshake, certificate checked against the trust store given).
 */
class SipTlsTest {

    /** A key pair for 127.0.0.1 made by the JDK's keytool: the trunk's key, and the phone's trust. */
    private static Path trunkKey() throws Exception {
        return trunkKey("trunk.p12", "CN=127.0.0.1", "SAN=ip:127.0.0.1");
    }

    private static Path trunkKey(String file, String subject, String san) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "tls"));
        Path store = dir.resolve(file);
        if (Files.exists(store)) {
            return store;
        }
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "trunk", "-keyalg", "RSA", "-keysize", "2048", "-dname", subject,
                "-ext", san, "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", "changeit", "-keypass", "changeit").inheritIO().start();
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, "keytool made the key");
        return store;
    }

    @Test
    void aTrunkWhoseCertificateIsNotTrustedIsNotCalled() throws Exception {
        Path store = trunkKey();
        int port = Sipp.freeTcpPort();
        List<String> received = new CopyOnWriteArrayList<>();
        SipStack trunk = busyTrunk(port, store, received);
        try (SipPhone phone = SipPhone.start(new SipSettings("127.0.0.1", port, null, 0, "tls", "yagura", "", "",
                "127.0.0.1", Sipp.freeTcpPort(), 41000, 41998, Duration.ofSeconds(5), Duration.ofMinutes(5)))) {
            CallResult r = phone.call("0312345678", new SipPhone.Script(MuLaw.silence(800), (byte[]) null, '1',
                    Duration.ofSeconds(1)));
            assertEquals(0, r.status(), r.answer());
            assertTrue(r.answer().startsWith("cannot call: PKIX path building failed"), r.answer());
            assertTrue(received.isEmpty(), "nothing reached the trunk");
        } finally {
            trunk.stop();
        }
    }

    @Test
    void aTrustedCertificateForAnotherHostIsRefused() throws Exception {
        CallResult r = callTrustingTheTrunk(trunkKey("other.p12", "CN=trunk.example", "SAN=dns:trunk.example"),
                new CopyOnWriteArrayList<>());
        assertEquals(0, r.status(), r.answer());
        assertEquals("cannot call: the trunk's certificate names [trunk.example], not 127.0.0.1", r.answer());
    }

    @Test
    void aCallOverTlsReachesTheTrunkAndGetsItsAnswer() throws Exception {
        List<String> received = new CopyOnWriteArrayList<>();
        CallResult r = callTrustingTheTrunk(trunkKey(), received);
        assertEquals(486, r.status(), r.answer());
        assertEquals(1, received.size(), received.toString());
        assertTrue(received.get(0).endsWith(";transport=tls"), received.toString());
    }

    /** A call to a TLS trunk whose key is {@code store}, trusting that key. */
    private static CallResult callTrustingTheTrunk(Path store, List<String> received) throws Exception {
        int port = Sipp.freeTcpPort();
        Properties tls = new Properties();
        // JAIN SIP reads the trust store only when a key store is given too (else the JVM's defaults): the
        // same file, whose key is never sent (no client authentication).
        for (String kind : new String[] {"keyStore", "trustStore"}) {
            tls.setProperty("javax.net.ssl." + kind, store.toString());
            tls.setProperty("javax.net.ssl." + kind + "Password", "changeit");
            tls.setProperty("javax.net.ssl." + kind + "Type", "PKCS12");
        }
        SipStack trunk = busyTrunk(port, store, received);
        try (SipPhone phone = SipPhone.start(new SipSettings("127.0.0.1", port, null, 0, "tls", "yagura", "", "",
                "127.0.0.1", Sipp.freeTcpPort(), 41000, 41998, Duration.ofSeconds(5), Duration.ofMinutes(5)), tls)) {
            return phone.call("0312345678", new SipPhone.Script(MuLaw.silence(800), (byte[]) null, '1',
                    Duration.ofSeconds(1)));
        } finally {
            trunk.stop();
        }
    }

    /** A JAIN SIP stack on TLS that answers every INVITE 486 Busy Here. */
    private static SipStack busyTrunk(int port, Path keyStore, List<String> received) throws Exception {
        SipFactory f = SipFactory.getInstance();
        f.setPathName("gov.nist");
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "test-tls-trunk-" + port);
        p.setProperty("javax.net.ssl.keyStore", keyStore.toString());
        p.setProperty("javax.net.ssl.keyStorePassword", "changeit");
        p.setProperty("javax.net.ssl.keyStoreType", "PKCS12");
        p.setProperty("javax.net.ssl.trustStore", keyStore.toString());
        p.setProperty("javax.net.ssl.trustStorePassword", "changeit");
        p.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        p.setProperty("gov.nist.javax.sip.TLS_CLIENT_AUTH_TYPE", "Disabled");
        SipStack stack = f.createSipStack(p);
        ListeningPoint lp = stack.createListeningPoint("127.0.0.1", port, ListeningPoint.TLS);
        SipProvider provider = stack.createSipProvider(lp);
        MessageFactory messages = f.createMessageFactory();
        provider.addSipListener(new SipListener() {
            @Override
            public void processRequest(RequestEvent e) {
                Request r = e.getRequest();
                if (!Request.INVITE.equals(r.getMethod())) {
                    return;
                }
                received.add(r.getMethod() + " " + r.getRequestURI());
                try {
                    provider.getNewServerTransaction(r).sendResponse(messages.createResponse(486, r));
                } catch (Exception ex) {
                    throw new IllegalStateException(ex);
                }
            }

            @Override
            public void processResponse(ResponseEvent e) {
            }

            @Override
            public void processTimeout(TimeoutEvent e) {
            }

            @Override
            public void processIOException(IOExceptionEvent e) {
            }

            @Override
            public void processTransactionTerminated(TransactionTerminatedEvent e) {
            }

            @Override
            public void processDialogTerminated(DialogTerminatedEvent e) {
            }
        });
        return stack;
    }
}
