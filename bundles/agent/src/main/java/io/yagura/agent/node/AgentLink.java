package io.yagura.agent.node;

import io.yagura.agent.centre.AgentCentre;
import io.yagura.agent.enrol.EnrolmentClient;
import io.yagura.agent.pki.AgentCa;
import io.yagura.agent.pki.AgentNames;
import io.yagura.agent.pki.Fingerprints;
import io.yagura.agent.pki.KeyFiles;
import io.yagura.agent.forward.StoreAndForward;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.apache.activemq.artemis.api.core.TransportConfiguration;
import org.apache.activemq.artemis.core.config.BridgeConfiguration;
import org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory;
import org.apache.activemq.artemis.core.remoting.impl.netty.TransportConstants;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.cluster.Bridge;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's one outbound link: enrols once with the one-time token (its key pair is made
 * here and never leaves the agent), then forwards its store-and-forward queue to its address
 * at the centre through an Artemis core bridge over mutual TLS. The bridge retries for ever,
 * sends in order over one connection (concurrency 1), and marks every message with a duplicate
 * id so a message resent after a cut link is dropped by the centre instead of counted twice.
 * While the centre is unreachable the lines stay in the agent's journal and paging files. The
 * certificate is renewed before it ends ({@link #renewIfDue}).
 */
public final class AgentLink implements AutoCloseable {

    public static final String BRIDGE = "yagura-agent-link";
    static final String CONNECTOR = "yagura-centre";
    private static final Logger LOG = LoggerFactory.getLogger(AgentLink.class);
    private static final String KEY_ALIAS = "yagura-agent";

    /**
     * @param queue the agent's queue the listeners fill (what is forwarded)
     * @param token one-time enrolment token (used only while the agent holds no certificate)
     */
    public record Settings(String name, String centreHost, int centrePort, int enrolPort, String caFingerprint,
                           String token, String queue, boolean verifyHost) {
    }

    private final ActiveMQServer broker;
    private final Path dir;
    private final Settings settings;

    public AgentLink(ActiveMQServer broker, Path dir, Settings settings) {
        this.broker = broker;
        this.dir = dir;
        this.settings = settings;
        AgentNames.checked(settings.name());
    }

    /** True once the agent holds a certificate from the centre. */
    public boolean enrolled() {
        return Files.exists(dir.resolve("agent.p12")) && Files.exists(dir.resolve("centre-ca.p12"));
    }

    /**
     * Enrols if needed (the centre's CA must have the configured fingerprint) and deploys the bridge.
     */
    public void start() throws Exception {
        KeyFiles files = new KeyFiles(dir);
        if (!enrolled()) {
            enrol(files);
        }
        deployBridge(files);
    }

    private void enrol(KeyFiles files) throws IOException, GeneralSecurityException {
        if (blank(settings.token()) || blank(settings.caFingerprint())) {
            throw new IllegalStateException("agent " + settings.name() + " is not enrolled: set enrol.token and "
                    + "centre.ca.fingerprint (from yagura:agent-enrol on the centre) in etc/io.yagura.agent.cfg");
        }
        KeyPair pair = AgentCa.newKeyPair();
        EnrolmentClient.Issued issued = new EnrolmentClient().enrol(settings.centreHost(), settings.enrolPort(),
                settings.caFingerprint(), settings.name(), settings.token(), pair.getPublic());
        KeyFiles.saveTrust(issued.ca(), dir.resolve("centre-ca.p12"), files.password("centre-ca.password"));
        saveKey(files, pair, issued);
        LOG.info("Agent {} enrolled with the centre {}: certificate {} valid until {}", settings.name(),
                settings.centreHost(), issued.certificate().getSubjectX500Principal(),
                issued.certificate().getNotAfter().toInstant());
    }

    /**
     * Renews the agent's certificate when it ends within {@code before} of {@code now}: a new key
     * pair, a certificate for it from the centre (asked with the current certificate), stored in
     * place of the old one, and the bridge deployed again so that its next connection presents it.
     *
     * @return the new certificate's end, or null when no renewal was due
     */
    public Instant renewIfDue(Instant now, Duration before) throws Exception {
        KeyFiles files = new KeyFiles(dir);
        char[] password = files.password("agent.password");
        KeyStore ks = KeyFiles.load(dir.resolve("agent.p12"), password);
        X509Certificate current = (X509Certificate) ks.getCertificate(KEY_ALIAS);
        Instant ends = current.getNotAfter().toInstant();
        if (ends.isAfter(now.plus(before))) {
            return null;
        }
        X509Certificate pinned = (X509Certificate) KeyFiles.load(dir.resolve("centre-ca.p12"),
                files.password("centre-ca.password")).getCertificate("ca");
        KeyPair pair = AgentCa.newKeyPair();
        EnrolmentClient.Issued issued = new EnrolmentClient().renew(settings.centreHost(), settings.enrolPort(),
                Fingerprints.sha256(pinned), settings.name(), current, (PrivateKey) ks.getKey(KEY_ALIAS, password),
                pair.getPublic());
        saveKey(files, pair, issued);
        deployBridge(files);
        LOG.info("Agent {} renewed its certificate (the old one ended {}): valid until {}", settings.name(), ends,
                issued.certificate().getNotAfter().toInstant());
        return issued.certificate().getNotAfter().toInstant();
    }

    private void saveKey(KeyFiles files, KeyPair pair, EnrolmentClient.Issued issued)
            throws IOException, GeneralSecurityException {
        char[] password = files.password("agent.password");
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(KEY_ALIAS, pair.getPrivate(), password, new X509Certificate[] {issued.certificate(), issued.ca()});
        KeyFiles.save(ks, dir.resolve("agent.p12"), password);
    }

    private void deployBridge(KeyFiles files) throws Exception {
        Map<String, Object> params = new HashMap<>();
        params.put(TransportConstants.HOST_PROP_NAME, settings.centreHost());
        params.put(TransportConstants.PORT_PROP_NAME, settings.centrePort());
        params.put(TransportConstants.SSL_ENABLED_PROP_NAME, true);
        params.put(TransportConstants.ENABLED_PROTOCOLS_PROP_NAME, "TLSv1.3");
        params.put(TransportConstants.KEYSTORE_TYPE_PROP_NAME, "PKCS12");
        params.put(TransportConstants.KEYSTORE_PATH_PROP_NAME, dir.resolve("agent.p12").toString());
        params.put(TransportConstants.KEYSTORE_PASSWORD_PROP_NAME, new String(files.password("agent.password")));
        // Only the pinned CA is trusted: a centre (or a man in the middle) with any other certificate is refused.
        params.put(TransportConstants.TRUSTSTORE_TYPE_PROP_NAME, "PKCS12");
        params.put(TransportConstants.TRUSTSTORE_PATH_PROP_NAME, dir.resolve("centre-ca.p12").toString());
        params.put(TransportConstants.TRUSTSTORE_PASSWORD_PROP_NAME, new String(files.password("centre-ca.password")));
        params.put(TransportConstants.VERIFY_HOST_PROP_NAME, settings.verifyHost());
        broker.getConfiguration().addConnectorConfiguration(CONNECTOR,
                new TransportConfiguration(NettyConnectorFactory.class.getName(), params, CONNECTOR));

        // The centre logs agents in by their certificate; an explicit user keeps the bridge from
        // presenting the broker's cluster credentials instead.
        BridgeConfiguration bridge = StoreAndForward.bridge(BRIDGE, settings.queue(),
                AgentCentre.addressOf(settings.name()), CONNECTOR, "agent." + settings.name(), "certificate");
        if (broker.getClusterManager().getBridges().containsKey(BRIDGE)) {
            broker.destroyBridge(BRIDGE);
        }
        broker.deployBridge(bridge);
        LOG.info("Agent {} forwards queue {} to {}:{} ({})", settings.name(), settings.queue(), settings.centreHost(),
                settings.centrePort(), AgentCentre.addressOf(settings.name()));
    }

    /** Connected to the centre now. */
    public boolean connected() {
        Bridge b = broker.getClusterManager().getBridges().get(BRIDGE);
        return b != null && b.isConnected();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    @Override
    public void close() throws Exception {
        if (broker.isStarted() && broker.getClusterManager().getBridges().containsKey(BRIDGE)) {
            broker.destroyBridge(BRIDGE);
        }
    }
}
