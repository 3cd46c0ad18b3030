package io.yagura.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.yagura.agent.centre.AgentCentre;
import io.yagura.agent.centre.AgentForwarding;
import io.yagura.agent.centre.AgentRecord;
import io.yagura.agent.centre.AgentRegistry;
import io.yagura.agent.enrol.Enrolment;
import io.yagura.agent.node.AgentLink;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An agent broker and a centre broker, both real embedded Artemis in this JVM, joined over
 * loopback by the agent's mutual-TLS bridge: enrolment, forwarding in order, a centre with the
 * wrong CA, revocation. (Cutting the link for real: {@link AgentLinkCutTest}.)
 */
class AgentLinkTest {

    private static final AgentAuthorityRef AUTHORITY = new AgentAuthorityRef();

    @TempDir
    Path tmp;
    private EmbeddedActiveMQ centreBroker;
    private EmbeddedActiveMQ agentBroker;
    private AgentCentre centre;
    private AgentLink link;
    private final NumberedTraffic traffic = new NumberedTraffic("t1");

    @BeforeAll
    static void jaas() {
        TestBrokers.jaas(AUTHORITY);
    }

    @BeforeEach
    void startCentre() throws Exception {
        centreBroker = TestBrokers.centre(tmp.resolve("centre-broker"), 10);
        centre = startCentre(centreBroker, tmp.resolve("centre-agents"));
        AUTHORITY.set(centre);
        agentBroker = TestBrokers.agent(tmp.resolve("agent-broker"), 11, 8 * 1024 * 1024);
    }

    private static AgentCentre startCentre(EmbeddedActiveMQ broker, Path dir) throws Exception {
        AgentCentre c = new AgentCentre(broker.getActiveMQServer(), dir, new AgentCentre.Settings("127.0.0.1",
                freePort(), 0, List.of("127.0.0.1"), Duration.ofHours(24), Duration.ofDays(365), Duration.ofMinutes(10)),
                Clock.systemUTC());
        c.start();
        return c;
    }

    @AfterEach
    void stop() throws Exception {
        if (link != null) {
            link.close();
        }
        centre.close();
        agentBroker.stop();
        centreBroker.stop();
    }

    private AgentLink link(String name, String token, String fingerprint, int brokerPort) {
        return new AgentLink(agentBroker.getActiveMQServer(), tmp.resolve("agent-keys"), new AgentLink.Settings(name,
                "127.0.0.1", brokerPort, centre.enrolPort(), fingerprint, token, TestBrokers.FORWARDED, true));
    }

    /** Agent {@code name} of acme, enrolled with a fresh token and linked. */
    private AgentLink enrolledLink(String name) throws Exception {
        AgentLink l = link(name, centre.enrol(name, "acme").value(), centre.caFingerprint(), brokerPort());
        l.start();
        return l;
    }

    private int brokerPort() {
        return centre.brokerPort();
    }

    @Test
    void anEnrolledAgentForwardsEveryLineOnceAndInOrder() throws Exception {
        AgentRegistry.Token token = centre.enrol("site1", "acme");
        link = link("site1", token.value(), centre.caFingerprint(), brokerPort());
        link.start();

        try (NumberedTraffic.Receiver at = new NumberedTraffic.Receiver(traffic, "vm://10", AgentCentre.addressOf("site1"))) {
            traffic.send("vm://11", TestBrokers.FORWARDED, 0, 5_000, 0);
            await().atMost(Duration.ofSeconds(60)).until(() -> at.count() >= 5_000);
            assertEquals(LongStream.range(0, 5_000).boxed().toList(), at.received(), "every line once, in order");
        }
        assertEquals(AgentRecord.State.ENROLLED, centre.registry().agent("site1").orElseThrow().state());
        assertTrue(centre.status().get(0).connected(), "yagura:agents shows the agent connected");
    }

    @Test
    void aTokenIsUsedOnce() throws Exception {
        AgentRegistry.Token token = centre.enrol("site1", "acme");
        link = link("site1", token.value(), centre.caFingerprint(), brokerPort());
        link.start();
        link.close();
        AgentLink second = new AgentLink(agentBroker.getActiveMQServer(), tmp.resolve("other-keys"),
                new AgentLink.Settings("site1", "127.0.0.1", brokerPort(), centre.enrolPort(), centre.caFingerprint(),
                        token.value(), TestBrokers.FORWARDED, true));
        IOException refused = assertThrows(IOException.class, second::start);
        assertTrue(refused.getMessage().contains("refused the enrolment"), refused.getMessage());
    }

    @Test
    void theAgentRefusesToEnrolWithACentreWhoseCaIsNotThePinnedOne() throws Exception {
        AgentRegistry.Token token = centre.enrol("site1", "acme");
        String otherCa = "SHA256:" + "ab:".repeat(31) + "ab";
        link = link("site1", token.value(), otherCa, brokerPort());
        Exception refused = assertThrows(Exception.class, link::start);
        assertTrue(causes(refused).contains("not signed by the pinned CA"), causes(refused));
        // the token was never sent, so it still works with the right fingerprint
        link = link("site1", token.value(), centre.caFingerprint(), brokerPort());
        link.start();
    }

    @Test
    void theBridgeRefusesACentreWhoseCertificateIsNotFromThePinnedCa() throws Exception {
        AgentRegistry.Token token = centre.enrol("site1", "acme");
        link = link("site1", token.value(), centre.caFingerprint(), brokerPort());
        link.start();
        link.close();
        // An impostor centre with its own CA, listening where the agent is told to connect.
        EmbeddedActiveMQ impostorBroker = TestBrokers.centre(tmp.resolve("impostor-broker"), 12);
        AgentCentre impostor = startCentre(impostorBroker, tmp.resolve("impostor-agents"));
        try {
            impostor.enrol("site1", "acme");
            int impostorPort = impostor.brokerPort();
            link = link("site1", null, centre.caFingerprint(), impostorPort);
            link.start();
            traffic.send("vm://11", TestBrokers.FORWARDED, 0, 100, 0);
            // Nothing of the agent's arrives at the impostor, which never sees it connected.
            await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7)).until(() ->
                    impostorBroker.getActiveMQServer().locateQueue(AgentCentre.addressOf("site1")).getMessagesAdded() == 0
                    && impostor.status().stream().noneMatch(AgentCentre.Status::connected));
            assertEquals(10, agentBroker.getActiveMQServer().locateQueue(TestBrokers.FORWARDED).getMessageCount(),
                    "the lines wait at the agent");
            // and it is the agent that refuses: its trust store (the bridge's) does not take the impostor's chain
            javax.net.ssl.SSLHandshakeException refused = assertThrows(javax.net.ssl.SSLHandshakeException.class,
                    () -> handshake(tmp.resolve("agent-keys"), impostor.brokerPort()));
            assertTrue(causes(refused).contains("PKIX"), causes(refused));
            handshakeWithoutClientCertificate(tmp.resolve("agent-keys"), centre.brokerPort());
        } finally {
            impostor.close();
            impostorBroker.stop();
        }
    }

    @Test
    void aRevokedAgentIsDisconnectedAndItsLinesStayAtTheAgent() throws Exception {
        AgentRegistry.Token token = centre.enrol("site1", "acme");
        link = link("site1", token.value(), centre.caFingerprint(), brokerPort());
        link.start();
        await().atMost(Duration.ofSeconds(20)).until(link::connected);

        assertTrue(centre.revoke("site1"));
        traffic.send("vm://11", TestBrokers.FORWARDED, 0, 100, 0);

        await().during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(7)).until(() ->
                centre.status().stream().noneMatch(AgentCentre.Status::connected));
        assertEquals(0, centreBroker.getActiveMQServer().locateQueue(AgentCentre.addressOf("site1")).getMessagesAdded(),
                "nothing reached the centre after the revocation");
        assertEquals(10, agentBroker.getActiveMQServer().locateQueue(TestBrokers.FORWARDED).getMessageCount(),
                "the lines wait at the agent");
        AgentCentre.Status status = centre.status().get(0);
        assertEquals(AgentRecord.State.REVOKED, status.agent().state());
        assertFalse(status.connected());
    }

    @Test
    void aCertificateNearItsEndIsRenewedAndTheLinkGoesOnWithTheNewOne() throws Exception {
        link = enrolledLink("site1");
        await().atMost(Duration.ofSeconds(20)).until(link::connected);
        String before = centre.registry().agent("site1").orElseThrow().certificate();

        assertEquals(null, link.renewIfDue(Instant.now(), Duration.ofDays(30)), "a year left: nothing due");
        // the centre issues one-year certificates here: due when renewing 400 days ahead
        Instant ends = link.renewIfDue(Instant.now(), Duration.ofDays(400));
        assertTrue(ends.isAfter(Instant.now().plus(Duration.ofDays(364))), String.valueOf(ends));
        AgentRecord renewed = centre.registry().agent("site1").orElseThrow();
        assertFalse(before.equals(renewed.certificate()), "a new certificate");
        assertEquals(before, renewed.previousCertificate(), "the old one accepted until the new one is used");

        await().atMost(Duration.ofSeconds(30)).until(link::connected);
        try (NumberedTraffic.Receiver at = new NumberedTraffic.Receiver(traffic, "vm://10", AgentCentre.addressOf("site1"))) {
            traffic.send("vm://11", TestBrokers.FORWARDED, 0, 1_000, 0);
            await().atMost(Duration.ofSeconds(60)).until(() -> at.count() >= 1_000);
            assertEquals(LongStream.range(0, 1_000).boxed().toList(), at.received(), "every line once, in order");
        }
        assertEquals(null, centre.registry().agent("site1").orElseThrow().previousCertificate(),
                "the agent connected with the new certificate: the old one is retired");
        assertFalse(centre.registry().accepts("site1", before));
    }

    @Test
    void withThePlatformOnAnExternalBrokerTheCentreForwardsEachAgentsLinesThereOnceAndInOrder() throws Exception {
        Path externalDir = tmp.resolve("external-broker");
        EmbeddedActiveMQ external = TestBrokers.centre(externalDir, 13);
        // the centre's inbound consumer creates it there in Karaf (CentreAgents.forward)
        String address = AgentCentre.addressOf("site1");
        external.getActiveMQServer().createQueue(org.apache.activemq.artemis.api.core.QueueConfiguration.of(address)
                .setAddress(address).setRoutingType(org.apache.activemq.artemis.api.core.RoutingType.ANYCAST).setDurable(true));
        AgentForwarding forwarding = new AgentForwarding(centreBroker.getActiveMQServer(), "vm://13", "gateway", "x");
        try {
            link = enrolledLink("site1");
            forwarding.forward("site1");
            List<Long> received = new java.util.ArrayList<>();
            try (NumberedTraffic.Receiver at = new NumberedTraffic.Receiver(traffic, "vm://13", AgentCentre.addressOf("site1"))) {
                traffic.send("vm://11", TestBrokers.FORWARDED, 0, 2_000, 0);
                await().atMost(Duration.ofSeconds(60)).until(() -> at.count() >= 2_000);
                received.addAll(at.received());
            }
            assertTrue(forwarding.connected("site1"));

            external.stop(); // the platform's broker goes away: lines wait on the gateway node
            traffic.send("vm://11", TestBrokers.FORWARDED, 2_000, 2_500, 0);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    centreBroker.getActiveMQServer().locateQueue(AgentCentre.addressOf("site1")).getMessageCount() == 50);
            external = TestBrokers.centre(externalDir, 13);
            try (NumberedTraffic.Receiver at = new NumberedTraffic.Receiver(traffic, "vm://13", AgentCentre.addressOf("site1"))) {
                await().atMost(Duration.ofSeconds(60)).until(() -> at.count() >= 500);
                await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4)).until(() -> at.count() == 500);
                received.addAll(at.received());
            }
            assertEquals(LongStream.range(0, 2_500).boxed().toList(), received, "every line once, in order");
        } finally {
            forwarding.close();
            external.stop();
        }
    }

    @Test
    void aRenewalIsRefusedWithoutTheAgentsCurrentKeyOrAfterRevocation() throws Exception {
        link = enrolledLink("site1");
        Path keys = tmp.resolve("agent-keys");
        char[] password = java.nio.file.Files.readString(keys.resolve("agent.password")).trim().toCharArray();
        java.security.KeyStore ks = io.yagura.agent.pki.KeyFiles.load(keys.resolve("agent.p12"), password);
        java.security.cert.X509Certificate cert = (java.security.cert.X509Certificate) ks.getCertificate("yagura-agent");
        java.security.PrivateKey key = (java.security.PrivateKey) ks.getKey("yagura-agent", password);
        String certificate = Base64.getEncoder().encodeToString(cert.getEncoded());
        String newKey = Base64.getEncoder().encodeToString(
                io.yagura.agent.pki.AgentCa.newKeyPair().getPublic().getEncoded());
        java.security.PrivateKey stranger = io.yagura.agent.pki.AgentCa.newKeyPair().getPrivate();
        long now = System.currentTimeMillis();

        assertEquals(null, centre.enrol(Enrolment.renewal("site1", newKey, certificate, key, now), "test").error(),
                "the agent's own certificate and key");
        for (Enrolment.Request forged : List.of(
                Enrolment.renewal("site1", newKey, certificate, stranger, now),
                Enrolment.renewal("site2", newKey, certificate, key, now),
                Enrolment.renewal("site1", newKey, certificate, key, now - Duration.ofHours(1).toMillis()))) {
            assertTrue(centre.enrol(forged, "test").error().startsWith("renewal refused"), forged.toString());
        }
        assertTrue(centre.revoke("site1"));
        assertTrue(centre.enrol(Enrolment.renewal("site1", newKey, certificate, key, now), "test").error()
                .startsWith("renewal refused"), "revoked");
    }

    @Test
    void anAgentCertificateDoesNotLetTheBrokersClusterCredentialsIn() throws Exception {
        AgentRegistry.Token token = centre.enrol("site1", "acme");
        link = link("site1", token.value(), centre.caFingerprint(), brokerPort());
        link.start();
        Path keys = tmp.resolve("agent-keys");
        String url = "tcp://127.0.0.1:" + brokerPort() + "?sslEnabled=true;verifyHost=false"
                + ";keyStoreType=PKCS12;keyStorePath=" + keys.resolve("agent.p12")
                + ";keyStorePassword=" + java.nio.file.Files.readString(keys.resolve("agent.password")).trim()
                + ";trustStoreType=PKCS12;trustStorePath=" + keys.resolve("centre-ca.p12")
                + ";trustStorePassword=" + java.nio.file.Files.readString(keys.resolve("centre-ca.password")).trim();
        try (var locator = org.apache.activemq.artemis.api.core.client.ActiveMQClient.createServerLocator(url);
             var factory = locator.createSessionFactory()) {
            // the defaults of every Artemis that does not set cluster-user/cluster-password
            assertThrows(org.apache.activemq.artemis.api.core.ActiveMQSecurityException.class, () -> factory.createSession(
                    "ACTIVEMQ.CLUSTER.ADMIN.USER", "CHANGE ME!!", false, true, true, false, 0).close());
            factory.createSession("agent.site1", "certificate", false, true, true, false, 0).close();
        }
    }

    /** A TLS handshake trusting what the agent's bridge trusts, as the bridge does, without a client certificate. */
    private static void handshake(Path agentKeys, int port) throws Exception {
        char[] password = java.nio.file.Files.readString(agentKeys.resolve("centre-ca.password")).trim().toCharArray();
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        try (var in = java.nio.file.Files.newInputStream(agentKeys.resolve("centre-ca.p12"))) {
            trust.load(in, password);
        }
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        tmf.init(trust);
        javax.net.ssl.SSLContext tls = javax.net.ssl.SSLContext.getInstance("TLSv1.3");
        tls.init(null, tmf.getTrustManagers(), null);
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.startHandshake();
            socket.getSession().getPeerCertificates();
        }
    }

    /** The real centre's chain is accepted by the same trust (TLS 1.3: the server's refusal of no client cert comes later). */
    private static void handshakeWithoutClientCertificate(Path agentKeys, int port) throws Exception {
        handshake(agentKeys, port);
    }

    private static String causes(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            b.append(c).append(" / ");
        }
        return b.toString();
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
