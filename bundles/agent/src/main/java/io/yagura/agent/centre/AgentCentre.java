package io.yagura.agent.centre;

import io.yagura.agent.enrol.Enrolment;
import io.yagura.agent.enrol.EnrolmentServer;
import io.yagura.agent.pki.AgentCa;
import io.yagura.agent.pki.AgentNames;
import io.yagura.agent.pki.Fingerprints;
import io.yagura.agent.pki.KeyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQExceptionType;
import org.apache.activemq.artemis.api.core.QueueConfiguration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.security.Role;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.Queue;
import org.apache.activemq.artemis.core.server.ServerSession;
import org.apache.activemq.artemis.core.server.impl.AddressInfo;
import org.apache.activemq.artemis.spi.core.remoting.Acceptor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The centre's side of the agents, on the broker the agents' bridges reach: the agent CA and the
 * centre's server certificate, the mutual-TLS acceptor for agents (added to the running broker,
 * so its key store exists before it starts), one address per agent that only that agent may
 * send to, enrolment, revocation, and each agent's state. Plain Java over an
 * {@link ActiveMQServer}: the DS component and the tests drive the same code.
 */
public final class AgentCentre implements Enrolment.Handler, AgentAuthority, AutoCloseable {

    /** Name of the acceptor and of the JAAS domain that logs agents in by certificate. */
    public static final String ACCEPTOR = "yagura-agents";
    public static final String SECURITY_DOMAIN = "yagura-agents";
    public static final String ADDRESS_PREFIX = "yagura.agent.";

    /** A centre started this close to its agent-side certificate's end issues itself a new one. */
    static final Duration SERVER_RENEW_BEFORE = Duration.ofDays(60);
    /** How far the time an agent signed a renewal may be from the centre's clock (replays, clock drift). */
    static final Duration RENEWAL_CLOCK_SKEW = Duration.ofMinutes(10);
    private static final Logger LOG = LoggerFactory.getLogger(AgentCentre.class);
    private static final String SERVER_ALIAS = "yagura-centre";

    /**
     * @param hosts names and addresses agents use to reach the centre (in its server certificate)
     */
    public record Settings(String bindHost, int brokerPort, int enrolPort, List<String> hosts, Duration tokenTtl,
                           Duration certificateLifetime, Duration silenceAfter) {
    }

    /** One row of {@code yagura:agents}; {@code backlog}: lines at the centre not yet attributed. */
    public record Status(AgentRecord agent, boolean connected, Instant lastSeen, long backlog, boolean silent) {
    }

    private final ActiveMQServer broker;
    private final Path dir;
    private final Settings settings;
    private final Clock clock;
    private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();
    private final Map<String, Long> lastAdded = new ConcurrentHashMap<>();
    private final Set<String> reportedSilent = ConcurrentHashMap.newKeySet();
    private AgentCa ca;
    private AgentRegistry registry;
    private EnrolmentServer enrolment;
    private Acceptor acceptor;
    private volatile java.util.function.Consumer<String> onEnrolled = name -> { };
    private AgentSessionGuard guard;

    public AgentCentre(ActiveMQServer broker, Path dir, Settings settings, Clock clock) {
        this.broker = broker;
        this.dir = dir;
        this.settings = settings;
        this.clock = clock;
    }

    public synchronized void start() throws Exception {
        ca = AgentCa.openOrCreate(dir);
        registry = new AgentRegistry(dir.resolve("agents.json"), clock);
        KeyFiles files = new KeyFiles(dir);
        char[] serverPassword = files.password("centre.password");
        Path serverStore = serverKeyStore(files, serverPassword);
        Path trustStore = dir.resolve("agent-ca-trust.p12");
        char[] trustPassword = files.password("agent-ca-trust.password");
        KeyFiles.saveTrust(ca.certificate(), trustStore, trustPassword);
        for (AgentRecord a : registry.agents()) {
            if (a.state() == AgentRecord.State.ENROLLED) {
                admit(a.name());
            }
        }
        // Mutual TLS, TLS 1.3 only, CORE protocol only (the bridge), agents logged in by certificate.
        String uri = "tcp://" + settings.bindHost() + ":" + settings.brokerPort() + "?protocols=CORE"
                + ";sslEnabled=true;enabledProtocols=TLSv1.3;needClientAuth=true"
                + ";keyStoreType=PKCS12;keyStorePath=" + serverStore + ";keyStorePassword=" + new String(serverPassword)
                + ";trustStoreType=PKCS12;trustStorePath=" + trustStore + ";trustStorePassword=" + new String(trustPassword)
                + ";securityDomain=" + SECURITY_DOMAIN;
        acceptor = broker.getRemotingService().createAcceptor(ACCEPTOR, uri);
        guard = new AgentSessionGuard(this, brokerPort());
        broker.registerBrokerPlugin(guard);
        acceptor.start();
        enrolment = new EnrolmentServer(serverContext(serverStore, serverPassword), settings.bindHost(),
                settings.enrolPort(), this);
        LOG.info("Agents connect to {}:{} (mutual TLS), enrol on port {}; agent CA {}", settings.bindHost(),
                settings.brokerPort(), enrolment.port(), ca.fingerprint());
    }

    public static String addressOf(String agent) {
        return ADDRESS_PREFIX + agent;
    }

    public String caFingerprint() {
        return ca.fingerprint();
    }

    /** The agents' acceptor's port. */
    public int brokerPort() {
        return Integer.parseInt(String.valueOf(acceptor.getConfiguration().get("port")));
    }

    public int enrolPort() {
        return enrolment.port();
    }

    /** Called with the agent's name once it is enrolled (its lines can then be moved at once). */
    public void onEnrolled(java.util.function.Consumer<String> listener) {
        this.onEnrolled = listener;
    }

    public AgentRegistry registry() {
        return registry;
    }

    /** A one-time enrolment token for a new (or reinstalled) agent. */
    public AgentRegistry.Token enrol(String name, String customer) throws Exception {
        AgentRegistry.Token token = registry.issueToken(name, customer, settings.tokenTtl());
        createQueue(name);
        LOG.info("Enrolment token issued for agent {} of customer {}, valid until {}", name, customer, token.expires());
        return token;
    }

    @Override
    public Enrolment.Reply enrol(Enrolment.Request request, String peer) {
        if (request.renewal()) {
            return renew(request, peer);
        }
        String name = request.name();
        Optional<AgentRecord> redeemed = name == null ? Optional.empty() : registry.redeem(name, request.token());
        if (redeemed.isEmpty()) {
            LOG.warn("Enrolment refused for agent name '{}' from {}: unknown agent, or wrong, used or expired token",
                    name, peer);
            return Enrolment.Reply.refused("unknown agent, or a wrong, used or expired token");
        }
        try {
            PublicKey key = publicKey(request.publicKey());
            X509Certificate cert = ca.issueAgent(name, redeemed.get().customer(), key, settings.certificateLifetime());
            registry.enrolled(name, Fingerprints.sha256(cert));
            admit(name);
            onEnrolled.accept(name);
            LOG.info("Agent {} of customer {} enrolled from {}; certificate {} valid until {}", name,
                    redeemed.get().customer(), peer, Fingerprints.sha256(cert), cert.getNotAfter().toInstant());
            return issuedReply(cert);
        } catch (Exception e) {
            LOG.error("Enrolment of agent {} from {} failed", name, peer, e);
            return Enrolment.Reply.refused("the centre could not issue the certificate: " + e.getMessage());
        }
    }

    private Enrolment.Reply issuedReply(X509Certificate cert) throws java.security.cert.CertificateEncodingException {
        Base64.Encoder b64 = Base64.getEncoder();
        return new Enrolment.Reply(b64.encodeToString(cert.getEncoded()), b64.encodeToString(ca.certificate().getEncoded()),
                null);
    }

    /**
     * A new certificate for an enrolled agent that proves it holds its current one (a certificate
     * of this CA, still valid, the registry's for that agent, and the request signed with its key
     * within {@link #RENEWAL_CLOCK_SKEW} of the centre's clock). The current certificate stays
     * accepted until the agent uses the new one.
     */
    private Enrolment.Reply renew(Enrolment.Request request, String peer) {
        String name = request.name();
        String refusal;
        X509Certificate current = null;
        try {
            current = Enrolment.certificate(request.certificate());
            refusal = renewalRefusal(request, current);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            refusal = "its certificate cannot be read: " + e.getMessage();
        }
        if (refusal != null) {
            LOG.warn("Certificate renewal refused for agent '{}' from {}: {}", name, peer, refusal);
            return Enrolment.Reply.refused("renewal refused: not the certificate of an enrolled agent, or a bad "
                    + "signature or time");
        }
        try {
            AgentRecord agent = registry.agent(name).orElseThrow();
            X509Certificate cert = ca.issueAgent(name, agent.customer(), publicKey(request.publicKey()),
                    settings.certificateLifetime());
            registry.renewed(name, Fingerprints.sha256(cert));
            LOG.info("Agent {} of customer {} renewed its certificate from {}: {} valid until {} (replaces {}, "
                    + "valid until {})", name, agent.customer(), peer, Fingerprints.sha256(cert),
                    cert.getNotAfter().toInstant(), Fingerprints.sha256(current), current.getNotAfter().toInstant());
            return issuedReply(cert);
        } catch (Exception e) {
            LOG.error("Certificate renewal of agent {} from {} failed", name, peer, e);
            return Enrolment.Reply.refused("the centre could not issue the certificate: " + e.getMessage());
        }
    }

    /** Why a renewal request is refused, or null when it is the agent's own. */
    private String renewalRefusal(Enrolment.Request request, X509Certificate current) {
        String name = request.name();
        if (!ca.issued(current)) {
            return "the certificate is not one of this CA's, or has expired";
        }
        if (!commonName(current).map(cn -> cn.equals(name)).orElse(false)) {
            return "the certificate is not agent " + name + "'s";
        }
        if (!registry.accepts(name, Fingerprints.sha256(current))) {
            return "the certificate is not the one the registry holds for " + name + " (revoked or replaced)";
        }
        if (!Enrolment.signedBy(request, current.getPublicKey())) {
            return "the request is not signed with the certificate's key";
        }
        long skew = Math.abs(clock.millis() - request.timestamp());
        if (skew > RENEWAL_CLOCK_SKEW.toMillis()) {
            return "the request was signed " + skew / 1000 + " s away from the centre's clock";
        }
        return null;
    }

    /** Refuses the agent from now on and drops its connection; @return false when unknown. */
    public boolean revoke(String name) throws IOException {
        if (!registry.revoke(name)) {
            return false;
        }
        String user = "agent." + name;
        broker.getSecurityRepository().removeMatch(addressOf(name));
        // A cached login would let the agent back in until the cache expires.
        if (broker.getSecurityStore() instanceof org.apache.activemq.artemis.core.security.impl.SecurityStoreImpl store) {
            store.invalidateAuthenticationCache();
            store.invalidateAuthorizationCache();
        }
        for (ServerSession session : new ArrayList<>(broker.getSessions())) {
            if (user.equals(session.getValidatedUser())) {
                session.getRemotingConnection().fail(new ActiveMQException(ActiveMQExceptionType.SECURITY_EXCEPTION,
                        "agent " + name + " revoked"));
            }
        }
        LOG.warn("Agent {} revoked: its certificate is refused from now on", name);
        return true;
    }

    @Override
    public Optional<String> agentOf(X509Certificate[] chain) {
        X509Certificate cert = chain[0];
        if (!ca.issued(cert)) {
            return Optional.empty();
        }
        Optional<String> name = commonName(cert);
        if (name.isPresent() && registry.accepts(name.get(), Fingerprints.sha256(cert))) {
            lastSeen.put(name.get(), clock.instant());
            return name;
        }
        return Optional.empty();
    }

    /** Every agent with its state; also notes who is silent (see {@link #checkSilence}). */
    public List<Status> status() {
        List<Status> rows = new ArrayList<>();
        for (AgentRecord a : registry.agents()) {
            boolean connected = connected(a.name());
            Queue queue = broker.locateQueue(addressOf(a.name()));
            long backlog = queue == null ? 0 : queue.getMessageCount();
            if (queue != null) {
                long added = queue.getMessagesAdded();
                Long before = lastAdded.put(a.name(), added);
                if (before != null && before != added) {
                    lastSeen.put(a.name(), clock.instant());
                }
            }
            if (connected) {
                lastSeen.put(a.name(), clock.instant());
            }
            Instant seen = lastSeen.get(a.name());
            rows.add(new Status(a, connected, seen, backlog, isSilent(a, connected, seen)));
        }
        return rows;
    }

    /**
     * Logs (once per silence) every enrolled agent neither connected nor heard from for longer
     * than the configured silence; @return their names (the hook device health can read).
     */
    public List<String> checkSilence() {
        List<String> silent = new ArrayList<>();
        for (Status s : status()) {
            String name = s.agent().name();
            if (s.silent()) {
                silent.add(name);
                if (reportedSilent.add(name)) {
                    LOG.error("Agent {} of customer {} is silent: not connected, last seen {}", name,
                            s.agent().customer(), s.lastSeen() == null ? "never since the centre started" : s.lastSeen());
                }
            } else if (reportedSilent.remove(name)) {
                LOG.info("Agent {} of customer {} is back", name, s.agent().customer());
            }
        }
        return silent;
    }

    private boolean isSilent(AgentRecord a, boolean connected, Instant seen) {
        if (a.state() != AgentRecord.State.ENROLLED || connected) {
            return false;
        }
        Instant since = seen != null ? seen : a.enrolledAt();
        return since != null && since.plus(settings.silenceAfter()).isBefore(clock.instant());
    }

    private boolean connected(String name) {
        String user = "agent." + name;
        for (ServerSession session : broker.getSessions()) {
            if (user.equals(session.getValidatedUser())) {
                return true;
            }
        }
        return false;
    }

    /** The agent's address and queue, which its role may send to (and nothing else). */
    private void admit(String name) throws Exception {
        String address = createQueue(name);
        // The most specific match replaces the others: keep the roles the centre's own consumers have.
        Set<Role> roles = new HashSet<>(Optional.ofNullable(broker.getSecurityRepository().getMatch(address)).orElse(Set.of()));
        roles.removeIf(r -> r.getName().startsWith("agent."));
        roles.add(new Role("agent." + name, true, false, false, false, false, false, false, false, false, false));
        broker.getSecurityRepository().addMatch(address, roles);
    }

    /** The agent's address and its durable queue, where its lines wait for attribution. */
    private String createQueue(String name) throws Exception {
        String address = addressOf(AgentNames.checked(name));
        SimpleString a = SimpleString.of(address);
        if (broker.getAddressInfo(a) == null) {
            broker.addAddressInfo(new AddressInfo(a).addRoutingType(RoutingType.ANYCAST));
        }
        if (broker.locateQueue(a) == null) {
            broker.createQueue(QueueConfiguration.of(address).setAddress(address).setRoutingType(RoutingType.ANYCAST)
                    .setDurable(true));
        }
        return address;
    }

    /**
     * The centre's key pair and certificate for the agents' side, re-issued when the host list
     * changes and, at start, when it ends within {@link #SERVER_RENEW_BEFORE} (agents trust the CA,
     * not this certificate, so a new one needs nothing from them).
     */
    private Path serverKeyStore(KeyFiles files, char[] password) throws IOException, GeneralSecurityException {
        Path store = dir.resolve("centre.p12");
        Path hostsFile = dir.resolve("centre.hosts");
        String hosts = String.join(",", settings.hosts());
        if (Files.exists(store) && Files.exists(hostsFile)
                && Files.readString(hostsFile, StandardCharsets.UTF_8).equals(hosts)) {
            KeyStore ks = KeyFiles.load(store, password);
            X509Certificate cert = (X509Certificate) ks.getCertificate(SERVER_ALIAS);
            if (cert != null && ca.issued(cert)
                    && cert.getNotAfter().toInstant().isAfter(clock.instant().plus(SERVER_RENEW_BEFORE))) {
                return store;
            }
        }
        KeyPair pair = AgentCa.newKeyPair();
        X509Certificate cert = ca.issueServer(pair.getPublic(), settings.hosts(), Duration.ofDays(825));
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(SERVER_ALIAS, pair.getPrivate(), password, new X509Certificate[] {cert, ca.certificate()});
        KeyFiles.save(ks, store, password);
        KeyFiles.writePrivate(hostsFile, hosts.getBytes(StandardCharsets.UTF_8));
        LOG.info("Centre certificate for agents issued for {}", hosts);
        return store;
    }

    private static SSLContext serverContext(Path store, char[] password) throws IOException, GeneralSecurityException {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(KeyFiles.load(store, password), password);
        SSLContext tls = SSLContext.getInstance("TLSv1.3");
        tls.init(kmf.getKeyManagers(), null, new SecureRandom());
        return tls;
    }

    private static PublicKey publicKey(String base64) throws GeneralSecurityException {
        if (base64 == null) {
            throw new GeneralSecurityException("no public key in the request");
        }
        X509EncodedKeySpec spec = new X509EncodedKeySpec(Base64.getDecoder().decode(base64));
        try {
            return KeyFactory.getInstance("EC").generatePublic(spec);
        } catch (GeneralSecurityException notEc) {
            return KeyFactory.getInstance("RSA").generatePublic(spec);
        }
    }

    private static Optional<String> commonName(X509Certificate cert) {
        try {
            for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return Optional.of(rdn.getValue().toString());
                }
            }
        } catch (javax.naming.InvalidNameException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    @Override
    public synchronized void close() throws Exception {
        if (enrolment != null) {
            enrolment.close();
        }
        if (acceptor != null) {
            broker.getRemotingService().destroyAcceptor(ACCEPTOR);
            broker.unRegisterBrokerPlugin(guard);
        }
    }
}
