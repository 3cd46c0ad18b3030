package io.yagura.agent.centre;

import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Optional;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.ActiveMQSecurityException;
import org.apache.activemq.artemis.api.core.RoutingType;
import org.apache.activemq.artemis.api.core.SimpleString;
import org.apache.activemq.artemis.core.persistence.OperationContext;
import org.apache.activemq.artemis.core.remoting.CertificateUtil;
import org.apache.activemq.artemis.core.server.plugin.ActiveMQServerSessionPlugin;
import org.apache.activemq.artemis.spi.core.protocol.RemotingConnection;
import org.apache.activemq.artemis.spi.core.protocol.SessionCallback;

/**
 * On the agents' acceptor, a session is only ever an agent's own: its user must be
 * {@code agent.<name>} of the certificate it presented. Artemis lets the broker's cluster
 * user and password in before any JAAS login, so without this a holder of any agent
 * certificate (a revoked one too: there is no CRL) who knew those could act as the broker.
 */
final class AgentSessionGuard implements ActiveMQServerSessionPlugin {

    private final AgentAuthority authority;
    private final String acceptorPortSuffix;

    AgentSessionGuard(AgentAuthority authority, int acceptorPort) {
        this.authority = authority;
        this.acceptorPortSuffix = ":" + acceptorPort;
    }

    @Override
    public void beforeCreateSession(String name, String username, int minLargeMessageSize, RemotingConnection connection,
                                    boolean autoCommitSends, boolean autoCommitAcks, boolean preAcknowledge,
                                    boolean xa, String defaultAddress, SessionCallback callback,
                                    boolean autoCreateQueues, OperationContext context,
                                    Map<SimpleString, RoutingType> prefixes) throws ActiveMQException {
        String local = connection.getTransportConnection().getLocalAddress();
        if (local == null || !local.endsWith(acceptorPortSuffix)) {
            return; // not the agents' acceptor
        }
        X509Certificate[] chain = CertificateUtil.getCertsFromConnection(connection);
        Optional<String> agent = chain == null || chain.length == 0 ? Optional.empty() : authority.agentOf(chain);
        if (agent.isEmpty() || !("agent." + agent.get()).equals(username)) {
            throw new ActiveMQSecurityException("on the agents' acceptor only an enrolled agent, as itself, may open a "
                    + "session (user " + username + ")");
        }
    }
}
