package io.yagura.agent.node;

import io.yagura.api.cluster.ClusterDuties;
import java.util.List;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;

/**
 * An agent is one node alone: it holds every duty, always, in one uninterrupted term. Only the
 * pull scheduler asks for a duty on the agent (yagura-pull, for the devices the agent polls); the
 * other bundles that ask (notification, health, response, reports) do not run there.
 */
@Component(service = ClusterDuties.class, configurationPid = "io.yagura.agent",
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public class AgentDuties implements ClusterDuties {

    private final String nodeId;

    @Activate
    public AgentDuties(AgentNodeConfig config) {
        this(config.name());
    }

    /** @param agentName the agent's name, this node's id */
    public AgentDuties(String agentName) {
        this.nodeId = agentName == null || agentName.isBlank() ? "agent" : agentName;
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public boolean holds(String duty) {
        return true;
    }

    @Override
    public long term(String duty) {
        return 1;
    }

    @Override
    public List<Lease> leases() {
        return List.of();
    }
}
