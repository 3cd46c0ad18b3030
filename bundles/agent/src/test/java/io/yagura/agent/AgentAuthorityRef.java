package io.yagura.agent;

import io.yagura.agent.centre.AgentAuthority;
import java.security.cert.X509Certificate;
import java.util.Optional;

/** The JAAS configuration is global to the JVM; each test points it at its own centre. */
public final class AgentAuthorityRef implements AgentAuthority {

    private volatile AgentAuthority target = chain -> Optional.empty();

    public void set(AgentAuthority authority) {
        target = authority;
    }

    @Override
    public Optional<String> agentOf(X509Certificate[] chain) {
        return target.agentOf(chain);
    }
}
