package io.yagura.plugin.ciscoips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.yagura.api.event.SecurityEvent;
import io.yagura.api.plugin.ParseContext;
import io.yagura.api.plugin.ParseResult;
import io.yagura.api.plugin.PullConnector.Batch;
import io.yagura.api.plugin.PullConnector.PullException;
import io.yagura.api.plugin.PullConnector.Record;
import io.yagura.api.plugin.PullConnector.Target;
import io.yagura.api.registry.ManagementEndpoint;
import io.yagura.api.registry.Secret;
import io.yagura.plugin.testkit.Samples;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** The SDEE connector against a real HTTPS server that speaks SDEE ({@link SdeeTestServer}). */
class SdeeConnectorTest {

    static final SdeeConnector.Settings FAST = new SdeeConnector.Settings(Duration.ofSeconds(2), Duration.ofSeconds(1), 0, 100, 1 << 20);
    static final CiscoIpsPlugin PLUGIN = new CiscoIpsPlugin();

    SdeeTestServer sensor;
    SdeeConnector connector;

    @BeforeEach
    void start() throws Exception {
        sensor = new SdeeTestServer();
        connector = new SdeeConnector(FAST);
    }

    @AfterEach
    void stop() {
        connector.closeAll();
        sensor.close();
    }

    Target target(String url, String password, String trustStore) {
        return new Target("ips-dc1", "acme", new ManagementEndpoint(url, SdeeTestServer.USER, Secret.of(password),
                Duration.ofSeconds(30), trustStore));
    }

    Target target() {
        return target(sensor.url(), SdeeTestServer.PASSWORD, TestTls.CERT_PEM.toString());
    }

    static List<String> ids(Batch b) {
        return b.records().stream().map(Record::id).toList();
    }

    @Test
    void aSubscriptionIsOpenedAndTheAlertsAfterItAreReadInOrder() throws Exception {
        sensor.alert(1000); // before the first poll ever: not read (a new device starts from now)
        Batch first = connector.pull(target(), null);
        assertEquals(List.of(), first.records());
        assertEquals(null, first.cursor(), "nothing read, the cursor stays");
        assertTrue(sensor.requests.get(0).startsWith("action=open&events=evIdsAlert&force=yes"), sensor.requests::toString);
        assertFalse(sensor.requests.get(0).contains("startTime"));

        long a = sensor.alert(3250);
        sensor.status();
        long b = sensor.alert(5081);
        Batch batch = connector.pull(target(), first.cursor());
        assertEquals(List.of(Long.toString(a), Long.toString(b)), ids(batch), "alerts only, oldest first");
        assertFalse(batch.more());
        assertEquals(b + ";" + (SdeeTestServer.T0 + 3_000_000_000L), batch.cursor());
        assertEquals(1, sensor.count("open"), "one subscription for the device");
        String get = sensor.requests.get(sensor.requests.size() - 1);
        assertTrue(get.startsWith("action=get&subscriptionId=sub-1&confirm=yes&timeout=0&maxNbrOfEvents=100"), get);

        SecurityEvent e = only(batch.records().get(0));
        assertEquals("3250", e.getString("rule.id"));
        assertEquals("blocked", e.getString("event.action"));
        assertEquals("203.0.113.5", e.getString("source.ip"));
        assertEquals("line one\nline two & \"three\"", e.getString("rule.description"));
    }

    /** Each record is the element on one line, with the namespace declarations it needs: it reads alone. */
    @Test
    void recordsStandAloneAsNamespaceWellFormedXmlOnOneLine() throws Exception {
        connector.pull(target(), null);
        sensor.alert(3250);
        Record r = connector.pull(target(), null).records().get(0);
        assertFalse(r.text().contains("\n"), r.text());
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        dbf.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        dbf.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        Element root = dbf.newDocumentBuilder().parse(new ByteArrayInputStream(r.text().getBytes(StandardCharsets.UTF_8)))
                .getDocumentElement();
        assertEquals("evIdsAlert", root.getLocalName());
        assertEquals("http://example.org/2003/08/sdee", root.getNamespaceURI());
        assertEquals(r.id(), root.getAttribute("eventId"));
        assertEquals("S700", ((Element) root.getElementsByTagNameNS("http://example.org/2003/08/sdee", "signature").item(0))
                .getAttributeNS("http://www.cisco.com/cids/2006/08/cidee", "version"));
    }

    /** confirm=yes acknowledges what the previous get returned: the next poll reads only what is new. */
    @Test
    void eachPollReadsOnlyWhatIsNew() throws Exception {
        Batch b0 = connector.pull(target(), null);
        long a = sensor.alert(1);
        Batch b1 = connector.pull(target(), b0.cursor());
        assertEquals(List.of(Long.toString(a)), ids(b1));
        Batch b2 = connector.pull(target(), b1.cursor());
        assertEquals(List.of(), b2.records());
        assertEquals(b1.cursor(), b2.cursor(), "nothing new: the same cursor");
        long b = sensor.alert(2);
        long c = sensor.alert(3);
        Batch b3 = connector.pull(target(), b2.cursor());
        assertEquals(List.of(Long.toString(b), Long.toString(c)), ids(b3));
    }

    @Test
    void aFullBatchSaysThereIsMore() throws Exception {
        connector = new SdeeConnector(new SdeeConnector.Settings(Duration.ofSeconds(2), Duration.ofSeconds(1), 0, 2, 1 << 20));
        Batch b = connector.pull(target(), null);
        List<String> all = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            all.add(Long.toString(sensor.alert(100 + i)));
        }
        List<String> read = new ArrayList<>();
        List<Boolean> more = new ArrayList<>();
        do {
            b = connector.pull(target(), b.cursor());
            read.addAll(ids(b));
            more.add(b.more());
        } while (b.more());
        assertEquals(all, read);
        assertEquals(List.of(true, true, false), more);
    }

    /** The platform could not queue a batch and polls with the old cursor: the same records, the sensor is not asked. */
    @Test
    void aBatchThePlatformDidNotQueueIsHandedOverAgain() throws Exception {
        Batch start = connector.pull(target(), null);
        sensor.alert(1);
        sensor.alert(2);
        Batch b1 = connector.pull(target(), start.cursor());
        long gets = sensor.count("get");
        Batch again = connector.pull(target(), start.cursor());
        assertEquals(b1, again);
        assertEquals(gets, sensor.count("get"), "answered from memory");
        long c = sensor.alert(3);
        Batch b2 = connector.pull(target(), b1.cursor());
        assertEquals(List.of(Long.toString(c)), ids(b2));
    }

    /** The sensor forgot the subscription (errNotFound): a new one from the cursor's time, nothing read twice or missed. */
    @Test
    void anExpiredSubscriptionIsReopenedFromTheCursor() throws Exception {
        Batch start = connector.pull(target(), null);
        sensor.alert(1);
        Batch b1 = connector.pull(target(), start.cursor());
        sensor.expireSubscriptions();
        long a = sensor.alert(2);
        long b = sensor.alert(3);
        Batch b2 = connector.pull(target(), b1.cursor());
        assertEquals(List.of(Long.toString(a), Long.toString(b)), ids(b2));
        String reopen = sensor.requests.stream().filter(q -> q.contains("action=open")).toList().get(1);
        assertTrue(reopen.endsWith("&startTime=" + SdeeXmlTime.of(b1.cursor())), reopen);
    }

    /** After a restart (a new connector, no subscription) the saved cursor resumes exactly. */
    @Test
    void afterARestartNothingIsReadTwiceAndNothingIsSkipped() throws Exception {
        Batch start = connector.pull(target(), null);
        long t = SdeeTestServer.T0 + 50_000_000_000L;
        sensor.alert(1, "first", "203.0.113.5", "192.0.2.10", t);
        sensor.alert(2, "second", "203.0.113.5", "192.0.2.10", t + 1);
        Batch saved = connector.pull(target(), start.cursor());
        assertEquals(2, saved.records().size());
        connector.closeAll(); // the platform stops

        // while it is down: one alert in the same nanosecond as the last one read, two later
        long sameTime = sensor.alert(3, "third", "203.0.113.5", "192.0.2.10", t + 1);
        long later = sensor.alert(4, "fourth", "203.0.113.5", "192.0.2.10", t + 2);
        long later2 = sensor.alert(5, "fifth", "203.0.113.5", "192.0.2.10", t + 3);

        SdeeConnector restarted = new SdeeConnector(FAST);
        try {
            Batch resumed = restarted.pull(target(), saved.cursor());
            assertEquals(List.of(Long.toString(sameTime), Long.toString(later), Long.toString(later2)), ids(resumed));
            assertTrue(sensor.requests.stream().anyMatch(q -> q.contains("action=open") && q.endsWith("startTime=" + (t + 1))));
        } finally {
            restarted.closeAll();
        }
    }

    @Test
    void wrongCredentialsNameTheDeviceAndNeverThePassword() {
        String wrong = "Wr0ng-secret-value";
        PullException e = assertThrows(PullException.class, () -> connector.pull(target(sensor.url(), wrong, TestTls.CERT_PEM.toString()), null));
        assertTrue(e.getMessage().contains("ips-dc1") && e.getMessage().contains("401") && e.getMessage().contains(SdeeTestServer.USER),
                e.getMessage());
        String all = trace(e);
        assertFalse(all.contains(wrong), all);
        assertFalse(all.contains(SdeeTestServer.PASSWORD));
        sensor.requests.forEach(q -> assertFalse(q.contains(wrong) || q.contains("Wr0ng"), q));
    }

    @Test
    void aSensorThatStopsAnsweringFailsWithinTheTimeout() {
        sensor.mode = SdeeTestServer.Mode.HANG;
        PullException e = assertTimeoutPreemptively(Duration.ofSeconds(8), () -> assertThrows(PullException.class,
                () -> connector.pull(target(), null)));
        assertTrue(e.getMessage().contains("ips-dc1") && e.getMessage().contains("no answer"), e.getMessage());
    }

    /** A server that accepts the connection and never says a word (not even TLS). */
    @Test
    void aSilentPeerFailsWithinTheTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                List<Socket> held = new ArrayList<>();
                try {
                    while (!silent.isClosed()) {
                        held.add(silent.accept());
                    }
                } catch (Exception done) {
                    held.forEach(s -> {
                        try {
                            s.close();
                        } catch (Exception ignored) {
                            // closing
                        }
                    });
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Target t = target("https://127.0.0.1:" + silent.getLocalPort() + "/cgi-bin/sdee-server", SdeeTestServer.PASSWORD,
                    TestTls.CERT_PEM.toString());
            PullException e = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThrows(PullException.class,
                    () -> connector.pull(t, null)));
            assertTrue(e.getMessage().contains("ips-dc1"), e.getMessage());
        }
    }

    @Test
    void malformedXmlIsAFailedPoll() {
        sensor.mode = SdeeTestServer.Mode.MALFORMED;
        PullException e = assertThrows(PullException.class, () -> connector.pull(target(), null));
        assertTrue(e.getMessage().contains("malformed XML"), e.getMessage());
    }

    @Test
    void anAnswerWithADtdIsRefusedAndNothingIsFetched() {
        sensor.mode = SdeeTestServer.Mode.XXE;
        PullException e = assertThrows(PullException.class, () -> connector.pull(target(), null));
        assertTrue(e.getMessage().contains("DTD"), e.getMessage());
        assertEquals(0, sensor.evilDtdFetches.get(), "the external DTD was fetched");
    }

    @Test
    void aFaultNamesTheSdeeErrorCode() {
        sensor.mode = SdeeTestServer.Mode.LIMIT_EXCEEDED;
        PullException e = assertThrows(PullException.class, () -> connector.pull(target(), null));
        assertTrue(e.getMessage().contains("errLimitExceeded") && e.getMessage().contains("action=open"), e.getMessage());
    }

    @Test
    void anHttpErrorWithoutSdeeAnswerIsAFailedPoll() {
        sensor.mode = SdeeTestServer.Mode.HTTP_500;
        PullException e = assertThrows(PullException.class, () -> connector.pull(target(), null));
        assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
    }

    /** A poll that failed after the subscription was open starts over from the cursor: the events of a lost answer are read again. */
    @Test
    void aFailedGetReopensFromTheCursor() throws Exception {
        Batch start = connector.pull(target(), null);
        sensor.alert(1);
        Batch b1 = connector.pull(target(), start.cursor());
        long lost = sensor.alert(2);
        sensor.mode = SdeeTestServer.Mode.HTTP_500;
        assertThrows(PullException.class, () -> connector.pull(target(), b1.cursor()));
        sensor.mode = SdeeTestServer.Mode.NORMAL;
        Batch b2 = connector.pull(target(), b1.cursor());
        assertEquals(List.of(Long.toString(lost)), ids(b2));
        assertEquals(2, sensor.count("open"));
    }

    @Test
    void theJvmDefaultTrustRefusesTheSelfSignedSensor() {
        PullException e = assertThrows(PullException.class, () -> connector.pull(target(sensor.url(), SdeeTestServer.PASSWORD, null), null));
        assertTrue(e.getMessage().contains("TLS"), e.getMessage());
        assertEquals(List.of(), sensor.requests, "no request reached the untrusted server");
    }

    @Test
    void aPkcs12TrustStoreWorksToo() throws Exception {
        Batch b = connector.pull(target(sensor.url(), SdeeTestServer.PASSWORD, TestTls.TRUST_P12.toString()), null);
        assertNotNull(b);
        assertEquals(1, sensor.count("open"));
    }

    @Test
    void aMissingTrustStoreIsNamed() {
        Path missing = TestTls.DIR.resolve("nope.pem");
        PullException e = assertThrows(PullException.class,
                () -> connector.pull(target(sensor.url(), SdeeTestServer.PASSWORD, missing.toString()), null));
        assertTrue(e.getMessage().contains("nope.pem"), e.getMessage());
        assertFalse(Files.exists(missing));
    }

    @Test
    void plainHttpIsRefusedBeforeAnyCredentialIsSent() {
        String http = sensor.url().replace("https://", "http://");
        PullException e = assertThrows(PullException.class, () -> connector.pull(target(http, SdeeTestServer.PASSWORD, null), null));
        assertTrue(e.getMessage().contains("https"), e.getMessage());
        assertEquals(List.of(), sensor.requests);
    }

    @Test
    void closingReleasesTheSubscription() throws Exception {
        connector.pull(target(), null);
        assertEquals(1, sensor.subscriptionCount());
        connector.close(target());
        assertTrue(sensor.closeSeen.await(10, TimeUnit.SECONDS), "action=close reached the sensor");
        assertTrue(sensor.requests.stream().anyMatch(q -> q.equals("action=close&subscriptionId=sub-1")), sensor.requests::toString);
        assertEquals(0, sensor.subscriptionCount());
    }

    /** A changed endpoint (URL, user, secret, trust store) is a new session: the old subscription is closed, a new one opened. */
    @Test
    void aChangedEndpointOpensANewSubscription() throws Exception {
        connector.pull(target(), null);
        connector.pull(target(), null);
        assertEquals(1, sensor.count("open"));
        Target changed = target(sensor.url(), SdeeTestServer.PASSWORD, TestTls.TRUST_P12.toString());
        connector.pull(changed, null);
        assertTrue(sensor.closeSeen.await(10, TimeUnit.SECONDS), "the old subscription was closed");
        assertEquals(2, sensor.count("open"));
        Target otherInterval = new Target("ips-dc1", "acme", changed.endpoint().withSecret(Secret.of(SdeeTestServer.PASSWORD)));
        connector.pull(new Target("ips-dc1", "acme", new ManagementEndpoint(otherInterval.endpoint().url(),
                SdeeTestServer.USER, Secret.of(SdeeTestServer.PASSWORD), Duration.ofMinutes(5), TestTls.TRUST_P12.toString())), null);
        assertEquals(2, sensor.count("open"), "a new poll interval needs no new subscription");
    }

    @Test
    void aUrlWithoutPathUsesTheSdeeServerPath() throws Exception {
        String bare = "https://127.0.0.1:" + sensor.port();
        connector.pull(target(bare, SdeeTestServer.PASSWORD, TestTls.CERT_PEM.toString()), null);
        assertEquals(1, sensor.count("open"));
    }

    @Test
    void theCursorCoversWhatWasReadAndNotWhatCameAfterAReset() {
        SdeeConnector.Cursor c = SdeeConnector.Cursor.parse("1000;500");
        assertTrue(c.covers(new SdeeConnector.Cursor("999", 400L)));
        assertTrue(c.covers(new SdeeConnector.Cursor("1000", 500L)));
        assertFalse(c.covers(new SdeeConnector.Cursor("1001", 500L)));
        assertFalse(c.covers(new SdeeConnector.Cursor("3", 600L)), "ids restarted after an event store reset: newer time");
        assertTrue(SdeeConnector.Cursor.parse("1000").covers(new SdeeConnector.Cursor("0999", 1L)));
        assertFalse(SdeeConnector.Cursor.parse(null).covers(new SdeeConnector.Cursor("1", 1L)));
        assertEquals("1000;500", c.toString());
    }

    static SecurityEvent only(Record r) {
        ParseResult result = PLUGIN.parser().parse(Samples.envelope(PLUGIN.vendorId(), r.text()), ParseContext.DEFAULT);
        ParseResult.Parsed p = assertInstanceOf(ParseResult.Parsed.class, result, result::toString);
        return p.events().get(0);
    }

    static String trace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    /** The time part of a cursor. */
    static final class SdeeXmlTime {
        static long of(String cursor) {
            return Long.parseLong(cursor.substring(cursor.indexOf(';') + 1));
        }
    }
}
