package io.yagura.agent.centre;

import java.security.cert.X509Certificate;
import java.util.Optional;

/** Who a client certificate belongs to, if the centre accepts it now. */
@FunctionalInterface
public interface AgentAuthority {

    /** @return the agent's name when {@code chain} is the current certificate of an enrolled agent */
    Optional<String> agentOf(X509Certificate[] chain);
}
