package io.yagura.api.agent;

import java.time.Instant;
import java.util.List;

/** The enrolled customer-site agents and whether each is heard from (provided by the agents' centre). */
public interface AgentDirectory {

    /**
     * @param lastSeen when the agent was last connected or delivered lines; null when never since the centre started
     * @param silent   enrolled, not connected and not heard from for longer than the centre's silence threshold
     */
    record AgentStatus(String name, String customerId, boolean connected, Instant lastSeen, boolean silent) {
    }

    List<AgentStatus> agents();
}
