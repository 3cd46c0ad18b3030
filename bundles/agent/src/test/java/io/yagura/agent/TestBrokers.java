package io.yagura.agent;

import io.yagura.agent.centre.AgentCentre;
import io.yagura.agent.centre.AgentLoginModule;
import java.nio.file.Path;
import java.security.Principal;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.core.config.impl.ConfigurationImpl;
import org.apache.activemq.artemis.core.server.ActiveMQServer;
import org.apache.activemq.artemis.core.server.embedded.EmbeddedActiveMQ;
import org.apache.activemq.artemis.core.settings.impl.AddressFullMessagePolicy;
import org.apache.activemq.artemis.core.settings.impl.AddressSettings;
import org.apache.activemq.artemis.spi.core.security.ActiveMQJAASSecurityManager;
import org.apache.activemq.artemis.spi.core.security.jaas.RolePrincipal;
import org.apache.activemq.artemis.spi.core.security.jaas.UserPrincipal;

/**
 * Real embedded Artemis brokers for the tests: a centre with security on (agents logged in by
 * {@link AgentLoginModule}, local test clients as a guest with the role "yagura") and an agent
 * whose forwarded queue pages to disk up to a limit, as the agent distribution's artemis.xml does.
 */
public final class TestBrokers {

    public static final String FORWARDED = "yagura.raw.unknown";
    private static final String CENTRE_DOMAIN = "yagura-test";

    private TestBrokers() {
    }

    /** Installs the JAAS domains the centre uses; the authority is read when an agent logs in. */
    public static void jaas(AgentAuthorityRef authority) {
        Function<String, Principal> user = UserPrincipal::new;
        Function<String, Principal> role = RolePrincipal::new;
        Map<String, Object> agentOptions = new HashMap<>();
        agentOptions.put(AgentLoginModule.AUTHORITY, authority);
        agentOptions.put(AgentLoginModule.USER, user);
        agentOptions.put(AgentLoginModule.ROLE, role);
        Map<String, Object> guest = Map.of("org.apache.activemq.jaas.guest.user", "test",
                "org.apache.activemq.jaas.guest.role", "yagura");
        Configuration.setConfiguration(new Configuration() {
            @Override
            public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
                if (AgentCentre.SECURITY_DOMAIN.equals(name)) {
                    return new AppConfigurationEntry[] {new AppConfigurationEntry(AgentLoginModule.class.getName(),
                            AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, agentOptions)};
                }
                if (CENTRE_DOMAIN.equals(name)) {
                    return new AppConfigurationEntry[] {new AppConfigurationEntry(
                            "org.apache.activemq.artemis.spi.core.security.jaas.GuestLoginModule",
                            AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, guest)};
                }
                return null;
            }
        });
    }

    public static EmbeddedActiveMQ centre(Path dir, int inVmId) throws Exception {
        ConfigurationImpl config = base(dir, "centre", inVmId);
        config.setSecurityEnabled(true);
        config.putSecurityRoles("#", java.util.Set.of(new org.apache.activemq.artemis.core.security.Role(
                "yagura", true, true, true, true, true, true, true, true, true, true)));
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(config);
        ActiveMQJAASSecurityManager security = new ActiveMQJAASSecurityManager(CENTRE_DOMAIN);
        security.setRolePrincipalClass(RolePrincipal.class.getName());
        security.setUserPrincipalClass(UserPrincipal.class.getName());
        broker.setSecurityManager(security);
        return broker.start();
    }

    /** @param limitBytes the disk buffer's size: page-limit-bytes of the forwarded queue */
    public static EmbeddedActiveMQ agent(Path dir, int inVmId, long limitBytes) throws Exception {
        return agent(dir, inVmId, limitBytes, 0);
    }

    /** @param amqpPort a loopback port for AMQP clients (as the agent's bundles send), 0 for none */
    public static EmbeddedActiveMQ agent(Path dir, int inVmId, long limitBytes, int amqpPort) throws Exception {
        ConfigurationImpl config = base(dir, "agent", inVmId);
        if (amqpPort > 0) {
            config.addAcceptorConfiguration("amqp", "tcp://127.0.0.1:" + amqpPort + "?protocols=AMQP");
        }
        config.setSecurityEnabled(false);
        config.addAddressSetting(FORWARDED, new AddressSettings()
                .setMaxSizeBytes(256 * 1024)
                .setPageSizeBytes(128 * 1024)
                .setAddressFullMessagePolicy(AddressFullMessagePolicy.PAGE)
                .setPageLimitBytes(limitBytes)
                .setPageFullMessagePolicy(org.apache.activemq.artemis.core.settings.impl.PageFullMessagePolicy.FAIL));
        config.addQueueConfiguration(org.apache.activemq.artemis.api.core.QueueConfiguration.of(FORWARDED)
                .setRoutingType(RoutingType.ANYCAST).setDurable(true));
        EmbeddedActiveMQ broker = new EmbeddedActiveMQ();
        broker.setConfiguration(config);
        return broker.start();
    }

    private static ConfigurationImpl base(Path dir, String name, int inVmId) throws Exception {
        ConfigurationImpl config = new ConfigurationImpl();
        config.setName(name);
        config.setPersistenceEnabled(true);
        config.setJournalDirectory(dir.resolve("journal").toString());
        config.setBindingsDirectory(dir.resolve("bindings").toString());
        config.setPagingDirectory(dir.resolve("paging").toString());
        config.setLargeMessagesDirectory(dir.resolve("large").toString());
        config.setJournalType(org.apache.activemq.artemis.core.server.JournalType.NIO);
        config.setJournalDatasync(false);
        config.setJMXManagementEnabled(false);
        config.addAcceptorConfiguration("invm", "vm://" + inVmId);
        return config;
    }

    public static ActiveMQServer server(EmbeddedActiveMQ b) {
        return b.getActiveMQServer();
    }
}
