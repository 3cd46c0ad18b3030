package io.yagura.agent.centre;

import io.yagura.api.registry.DeviceRegistry;
import jakarta.jms.ConnectionFactory;
import java.nio.file.Path;
import java.security.Principal;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.security.auth.login.AppConfigurationEntry;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.karaf.jaas.boot.ProxyLoginModule;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.apache.karaf.jaas.config.JaasRealm;
import org.apache.karaf.scheduler.Job;
import org.apache.karaf.scheduler.Scheduler;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import io.yagura.api.agent.AgentDirectory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The centre's agents in Karaf: starts {@link AgentCentre} on the embedded broker, registers the
 * JAAS realm {@value AgentCentre#SECURITY_DOMAIN} that logs agents in by certificate (Karaf's
 * principals, which the broker's security manager reads), moves each enrolled agent's lines to
 * the vendors' queues, and checks for silent agents on the Karaf Scheduler. With forward.url set
 * (the platform's queues on an external broker) it also forwards each agent's queue there
 * ({@link AgentForwarding}), where the platform's broker connection picks the lines up. Present
 * only where etc/io.yagura.agent.centre.cfg exists.
 */
@Component(service = {CentreAgents.class, AgentDirectory.class}, immediate = true, configurationPid = "io.yagura.agent.centre",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = CentreAgentsConfig.class)
public class CentreAgents implements AgentDirectory {

    private static final Logger LOG = LoggerFactory.getLogger(CentreAgents.class);
    private static final String JOB = "yagura-agents-check";

    private final AgentCentre centre;
    private final ServiceRegistration<JaasRealm> realm;
    private final Scheduler scheduler;
    private final ConnectionFactory jms;
    private final AgentAttribution attribution;
    private final Map<String, AgentInbound> inbound = new ConcurrentHashMap<>();
    /** Null when the platform's queues are on this node's embedded broker (no forward.url). */
    private final AgentForwarding forwarding;

    @Activate
    public CentreAgents(@Reference ActiveMQServer broker, @Reference ConnectionFactory jms,
                        @Reference DeviceRegistry registry, @Reference Scheduler scheduler,
                        CentreAgentsConfig config, BundleContext context) throws Exception {
        this.scheduler = scheduler;
        this.jms = jms;
        this.attribution = new AgentAttribution(registry);
        Path dir = Path.of(System.getProperty("karaf.data", "data"), "yagura", "agents");
        List<String> hosts = Arrays.stream(config.hosts().split(",")).map(String::trim).filter(h -> !h.isEmpty()).toList();
        this.centre = new AgentCentre(broker, dir, new AgentCentre.Settings(config.bind_address(), config.broker_port(),
                config.enrol_port(), hosts, Duration.ofHours(config.token_hours()),
                Duration.ofDays(config.certificate_days()), Duration.ofMinutes(config.silence_minutes())),
                Clock.systemUTC());
        this.forwarding = config.forward_url() == null || config.forward_url().isBlank() ? null
                : new AgentForwarding(broker, config.forward_url().trim(), config.forward_user(), config.forward_password());
        this.realm = context.registerService(JaasRealm.class, realm(context, centre), null);
        centre.onEnrolled(name -> check());
        centre.start();
        Job check = ctx -> check();
        scheduler.schedule(check, scheduler.NOW(-1, Math.max(5, config.check_period_seconds())).name(JOB)
                .canRunConcurrently(false));
        check();
    }

    public AgentCentre centre() {
        return centre;
    }

    /** Enrolled agents with their link state, for device health (a silent agent is a fault of its customer). */
    @Override
    public List<AgentStatus> agents() {
        return centre.status().stream().filter(s -> s.agent().state() == AgentRecord.State.ENROLLED)
                .map(s -> new AgentStatus(s.agent().name(), s.agent().customer(), s.connected(), s.lastSeen(), s.silent()))
                .toList();
    }

    /** Starts moving the lines of agents enrolled since the last check; reports silent ones. */
    synchronized void check() {
        try {
            for (AgentRecord a : centre.registry().agents()) {
                if (forwarding != null && a.state() != AgentRecord.State.PENDING) {
                    forward(a.name()); // a revoked agent's lines that reached this node still go on
                }
                if (a.state() == AgentRecord.State.ENROLLED) {
                    inbound.computeIfAbsent(a.name(), n -> new AgentInbound(jms, n,
                            () -> centre.registry().agent(n).orElse(null), attribution));
                }
            }
            centre.checkSilence();
        } catch (RuntimeException e) {
            LOG.error("{} failed, tried again at the next period: {}", JOB, e.getMessage(), e);
        }
    }

    private void forward(String name) {
        if (forwarding.forwarded(name)) {
            return;
        }
        try {
            // the bridge sends to an address: without a queue there, its lines would be routed nowhere
            try (jakarta.jms.Connection c = jms.createConnection();
                 jakarta.jms.Session s = c.createSession(false, jakarta.jms.Session.AUTO_ACKNOWLEDGE);
                 jakarta.jms.MessageConsumer created = s.createConsumer(s.createQueue(AgentCentre.addressOf(name)))) {
                LOG.debug("Queue {} present on the platform's broker ({})", AgentCentre.addressOf(name), created);
            }
            forwarding.forward(name);
        } catch (Exception e) {
            LOG.error("Agent {}: its lines cannot be forwarded to the platform's broker (tried again every check; "
                    + "they wait on this node): {}", name, e.getMessage(), e);
        }
    }

    private static JaasRealm realm(BundleContext context, AgentAuthority authority) {
        Function<String, Principal> user = UserPrincipal::new;
        Function<String, Principal> role = RolePrincipal::new;
        Map<String, Object> options = new HashMap<>();
        options.put(ProxyLoginModule.PROPERTY_MODULE, AgentLoginModule.class.getName());
        options.put(ProxyLoginModule.PROPERTY_BUNDLE, Long.toString(context.getBundle().getBundleId()));
        options.put(AgentLoginModule.AUTHORITY, authority);
        options.put(AgentLoginModule.USER, user);
        options.put(AgentLoginModule.ROLE, role);
        AppConfigurationEntry entry = new AppConfigurationEntry(ProxyLoginModule.class.getName(),
                AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, options);
        return new JaasRealm() {
            @Override
            public String getName() {
                return AgentCentre.SECURITY_DOMAIN;
            }

            @Override
            public int getRank() {
                return 0;
            }

            @Override
            public AppConfigurationEntry[] getEntries() {
                return new AppConfigurationEntry[] {entry};
            }
        };
    }

    @Deactivate
    void deactivate() throws Exception {
        scheduler.unschedule(JOB);
        if (forwarding != null) {
            forwarding.close();
        }
        for (AgentInbound i : inbound.values()) {
            i.close();
        }
        centre.close();
        realm.unregister();
    }
}
